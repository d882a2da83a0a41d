"""Users and sign-in on a real database file: salted scrypt hashes, lockout, first-run admin, role checks."""

from datetime import UTC, datetime, timedelta

import pytest

from jjdesk.services.core import audit, auth
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed

PASSWORD = "Jiaojiang#2021"
ADMIN = Actor("admin", "admin")


@pytest.fixture
def admin_db(db):
    auth.create_first_admin(db, "admin", "Admin-pass-1", "管理员")
    return db


def test_hash_is_salted_scrypt_and_checked_in_constant_time():
    a, b = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert a != b and a.startswith("scrypt$32768$8$1$") and PASSWORD not in a
    assert auth.verify_password(PASSWORD, a) and auth.verify_password(PASSWORD, b)
    assert not auth.verify_password("jiaojiang#2021", a)
    assert not auth.verify_password(PASSWORD, None)
    assert not auth.verify_password(PASSWORD, "plain:" + PASSWORD)
    assert not auth.verify_password(PASSWORD, "scrypt$1$8$1$!!$??")
    assert not auth.needs_rehash(a) and auth.needs_rehash("scrypt$16384$8$1$AA==$AA==")


def test_first_run_creates_the_administrator_once(db):
    assert auth.needs_setup(db)
    actor = auth.create_first_admin(db, "admin", "Admin-pass-1", "管理员")
    assert actor == Actor("admin", "admin") and not auth.needs_setup(db)
    with pytest.raises(PermissionDenied, match="已有用户"):
        auth.create_first_admin(db, "admin2", "Admin-pass-2")
    assert auth.authenticate(db, "admin", "Admin-pass-1") == Actor("admin", "admin")


def test_wrong_password_never_logs_in_and_no_password_is_stored_in_clear(admin_db, db_path):
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD, "李华")
    for name, password in (("lihua", "jiaojiang#2021"), ("lihua", ""), ("nobody", PASSWORD), ("", PASSWORD)):
        with pytest.raises(auth.AuthFailed, match=r"^用户名或密码错误。$"):
            auth.authenticate(admin_db, name, password)
    assert auth.authenticate(admin_db, "lihua", PASSWORD) == Actor("lihua", "entry")
    auth.set_password(admin_db, Actor("lihua", "entry"), "lihua", "Haimen-Road-88", old_password=PASSWORD)
    with pytest.raises(auth.AuthFailed):
        auth.authenticate(admin_db, "lihua", PASSWORD)
    admin_db.dispose()  # checkpoint the WAL, then look at every byte the database left on disk
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    for secret in (PASSWORD, "Haimen-Road-88", "Admin-pass-1"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert secret.encode(encoding) not in raw
    assert b"scrypt$" in raw  # the hashes are there, and only they


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(admin_db):
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    t0 = datetime(2021, 5, 17, 9, 0, tzinfo=UTC)
    for i in range(4):
        with pytest.raises(auth.AuthFailed, match="用户名或密码错误"):
            auth.authenticate(admin_db, "lihua", "wrong-one", now=t0 + timedelta(seconds=i))
    with pytest.raises(auth.AuthFailed, match="账号已锁定15分钟"):
        auth.authenticate(admin_db, "lihua", "wrong-one", now=t0 + timedelta(seconds=5))
    with pytest.raises(auth.AuthFailed, match="已锁定"):  # even the right password, while locked
        auth.authenticate(admin_db, "lihua", PASSWORD, now=t0 + timedelta(minutes=14))
    assert auth.authenticate(admin_db, "lihua", PASSWORD, now=t0 + timedelta(minutes=16)) == Actor("lihua", "entry")
    user = {u.name: u for u in auth.list_users(admin_db)}["lihua"]
    assert user.failed_attempts == 0 and user.locked_until is None
    lock = [e for e in audit.history(admin_db, "app_user", user.id) if e.field == "locked_until"]
    assert len(lock) == 1 and "自动锁定15分钟" in lock[0].reason


def test_administrator_can_unlock_and_a_success_resets_the_count(admin_db):
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    for _ in range(5):
        with pytest.raises(auth.AuthFailed):
            auth.authenticate(admin_db, "lihua", "wrong-one")
    with pytest.raises(PermissionDenied):
        auth.unlock(admin_db, Actor("lihua", "entry"), "lihua")
    auth.unlock(admin_db, ADMIN, "lihua")
    for _ in range(4):
        with pytest.raises(auth.AuthFailed, match="用户名或密码错误"):
            auth.authenticate(admin_db, "lihua", "wrong-one")
    auth.authenticate(admin_db, "lihua", PASSWORD)
    with pytest.raises(auth.AuthFailed, match="用户名或密码错误"):  # the count started again at zero
        auth.authenticate(admin_db, "lihua", "wrong-one")


def test_roles_are_enforced_and_the_last_admin_stays(admin_db):
    with pytest.raises(PermissionDenied, match="此操作需要管理员权限，lihua当前是录入员"):
        auth.require(Actor("lihua", "entry"), "admin")
    auth.require(Actor("wangjun", "reviewer"), "reviewer", "admin")
    with pytest.raises(PermissionDenied):
        auth.create_user(admin_db, Actor("lihua", "entry"), "x1", "entry", PASSWORD)
    auth.create_user(admin_db, ADMIN, "wangjun", "reviewer", PASSWORD)
    with pytest.raises(ValidationFailed, match="已存在"):
        auth.create_user(admin_db, ADMIN, "wangjun", "entry", PASSWORD)
    with pytest.raises(ValidationFailed, match="不是可选角色"):
        auth.create_user(admin_db, ADMIN, "x2", "boss", PASSWORD)
    with pytest.raises(ValidationFailed, match="至少8个字符"):
        auth.create_user(admin_db, ADMIN, "x3", "entry", "short")
    with pytest.raises(ValidationFailed, match="不能与用户名相同"):
        auth.create_user(admin_db, ADMIN, "zhangsan1", "entry", "zhangsan1")
    with pytest.raises(ServiceError, match="最后一个管理员"):
        auth.update_user(admin_db, ADMIN, "admin", role="entry")
    with pytest.raises(PermissionDenied):  # another user's password needs an administrator
        auth.set_password(admin_db, Actor("wangjun", "reviewer"), "admin", "New-pass-123")
    with pytest.raises(auth.AuthFailed, match="原密码不正确"):
        auth.set_password(admin_db, Actor("wangjun", "reviewer"), "wangjun", "New-pass-123", old_password="nope-nope")
    auth.update_user(admin_db, ADMIN, "wangjun", active=False)
    with pytest.raises(auth.AuthFailed, match="已停用"):
        auth.authenticate(admin_db, "wangjun", PASSWORD)
    with pytest.raises(NotFound):
        auth.set_password(admin_db, ADMIN, "nobody", "New-pass-123")


def test_first_user_must_be_an_administrator_and_lists_show_no_hashes(db):
    with pytest.raises(ValidationFailed, match="第一个用户必须是管理员"):
        auth.create_user(db, Actor("cli", "admin"), "lihua", "entry", PASSWORD)
    auth.create_user(db, Actor("cli", "admin"), "admin", "admin", PASSWORD)
    users = auth.list_users(db)
    assert [(u.name, u.role_label) for u in users] == [("admin", "管理员")]
    assert not any("scrypt" in str(v) for v in users[0].__dict__.values())
    created = audit.history(db, "app_user", users[0].id)[0]
    assert "scrypt" not in (created.new or "") and "admin" in created.new


def test_own_old_password_is_checked_even_for_administrators_and_nobody_demotes_themselves(admin_db):
    with pytest.raises(auth.AuthFailed, match="原密码不正确"):
        auth.set_password(admin_db, ADMIN, "admin", "New-pass-123", old_password="Wrong-pass-1")
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    auth.set_password(admin_db, ADMIN, "lihua", "Reset-pass-1")  # a reset needs no old password
    auth.set_password(admin_db, ADMIN, "lihua", "Reset-pass-2", old_password="Admin-pass-1")  # the CLI's form
    assert auth.authenticate(admin_db, "lihua", "Reset-pass-2") == Actor("lihua", "entry")
    auth.set_password(admin_db, ADMIN, "admin", "New-pass-123", old_password="Admin-pass-1")
    assert auth.authenticate(admin_db, "admin", "New-pass-123") == ADMIN

    auth.create_user(admin_db, ADMIN, "chenjing", "admin", PASSWORD)
    for change in ({"role": "reviewer"}, {"active": False}):
        with pytest.raises(PermissionDenied, match="不能修改自己的角色"):
            auth.update_user(admin_db, ADMIN, "admin", **change)
    assert [(u.name, u.role, u.active) for u in auth.list_users(admin_db) if u.name == "admin"] == [
        ("admin", "admin", True)
    ]
    auth.update_user(admin_db, ADMIN, "admin", display_name="系统管理员")  # one's own name is fine
    auth.update_user(admin_db, Actor("chenjing", "admin"), "admin", role="reviewer")  # another admin may


def test_is_locked_ignores_an_expired_lock(admin_db):
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    then = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthFailed):
            auth.authenticate(admin_db, "lihua", "wrong-password", now=then)
    [user] = [u for u in auth.list_users(admin_db) if u.name == "lihua"]
    assert user.is_locked(then + timedelta(minutes=1))
    assert not user.is_locked(then + timedelta(minutes=auth.LOCK_MINUTES + 1))
