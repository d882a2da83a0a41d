"""Users and sign-in on a real database file: salted argon2id hashes, growing waits, first-run admin, roles."""

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


def _legacy_scrypt(password: str) -> str:
    """A hash as jjdesk made them before argon2id: scrypt n=2**15, r=8, p=1."""
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**15, r=8, p=1, dklen=32, maxmem=64 * 1024 * 1024)
    return f"scrypt$32768$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_hash_is_salted_argon2id_at_owasps_minimum_and_checked_in_constant_time():
    a, b = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert a != b and a.startswith("$argon2id$v=19$m=19456,t=2,p=1$") and PASSWORD not in a
    assert auth.verify_password(PASSWORD, a) and auth.verify_password(PASSWORD, b)
    assert not auth.verify_password("jiaojiang#2021", a)
    assert not auth.verify_password(PASSWORD, None)
    assert not auth.verify_password(PASSWORD, "plain:" + PASSWORD)
    assert not auth.verify_password(PASSWORD, "scrypt$1$8$1$!!$??")
    assert not auth.verify_password(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$!!$??")
    assert not auth.needs_rehash(a) and auth.needs_rehash(_legacy_scrypt(PASSWORD))
    assert auth.needs_rehash("$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")


def test_an_earlier_scrypt_hash_still_signs_in_and_is_upgraded(admin_db):
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    from jjdesk.store import review_repo

    with admin_db.write() as s:
        review_repo.user_by_name(s, "lihua").password_hash = _legacy_scrypt(PASSWORD)
    assert auth.authenticate(admin_db, "lihua", PASSWORD) == Actor("lihua", "entry")
    with admin_db.session() as s:
        assert review_repo.user_by_name(s, "lihua").password_hash.startswith("$argon2id$")
    assert auth.authenticate(admin_db, "lihua", PASSWORD) == Actor("lihua", "entry")


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
        with pytest.raises(auth.AuthFailed, match=r"^用户名或密码错误。"):
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
    assert b"$argon2id$" in raw  # the hashes are there, and only they


def test_repeated_failures_make_the_account_wait_longer_each_time(admin_db):
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    t0 = datetime(2021, 5, 17, 9, 0, tzinfo=UTC)
    wrong = "用户名或密码错误。"
    for i in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthFailed, match=wrong):
            auth.authenticate(admin_db, "lihua", "wrong-one", now=t0 + timedelta(seconds=i))
    waited = t0 + timedelta(seconds=4)  # the fifth failure: 30 s to wait
    with pytest.raises(auth.AuthFailed, match=wrong):  # even the right password, while waiting — same answer
        auth.authenticate(admin_db, "lihua", PASSWORD, now=waited + timedelta(seconds=29))
    for seconds in (30, 60, 120, 240):  # each further failure after the wait doubles the next wait
        waited += timedelta(seconds=seconds)
        with pytest.raises(auth.AuthFailed, match=wrong):
            auth.authenticate(admin_db, "lihua", "wrong-one", now=waited)
        with pytest.raises(auth.AuthFailed, match=wrong):  # tries during the wait are not counted
            auth.authenticate(admin_db, "lihua", "wrong-one", now=waited + timedelta(seconds=seconds * 2 - 1))
    assert auth._delay(100) == timedelta(minutes=auth.LOCK_MINUTES)  # never longer than that
    user = {u.name: u for u in auth.list_users(admin_db, Actor("admin", "admin"))}["lihua"]
    assert user.failed_attempts == auth.MAX_FAILURES + 4
    assert auth.authenticate(admin_db, "lihua", PASSWORD, now=waited + timedelta(seconds=480)) == Actor(
        "lihua", "entry"
    )
    user = {u.name: u for u in auth.list_users(admin_db, Actor("admin", "admin"))}["lihua"]
    assert user.failed_attempts == 0 and user.locked_until is None
    lock = [e for e in audit.history(admin_db, "app_user", user.id) if e.field == "locked_until"]
    assert len(lock) == 1 and lock[0].user_name == "system" and "每次输错须等待更久" in lock[0].reason


def test_a_stranger_learns_nothing_from_the_answer_or_its_time(admin_db):
    """Unknown name, wrong password and a waiting account: one answer, and each computes one hash."""
    import time

    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    auth.create_user(admin_db, ADMIN, "wangjun", "reviewer", PASSWORD)
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthFailed):
            auth.authenticate(admin_db, "wangjun", "wrong-one")
    answers, times = {}, {}
    for case, name in (("unknown", "nobody"), ("wrong", "lihua"), ("waiting", "wangjun")):
        started = time.perf_counter()
        for _ in range(3):
            with pytest.raises(auth.AuthFailed) as info:
                auth.authenticate(admin_db, name, "wrong-two")
        times[case] = (time.perf_counter() - started) / 3
        answers[case] = str(info.value)
    assert len(set(answers.values())) == 1, answers
    # Each took a hash's time (tens of ms), not the 0.3 ms of an answer without one; the machine is shared,
    # so the check is "all of a hash's order", not equality.
    fastest, slowest = min(times.values()), max(times.values())
    assert fastest > 0.005 and slowest < fastest * 5, times


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
    users = auth.list_users(db, Actor("admin", "admin"))
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
    assert [
        (u.name, u.role, u.active) for u in auth.list_users(admin_db, Actor("admin", "admin")) if u.name == "admin"
    ] == [("admin", "admin", True)]
    auth.update_user(admin_db, ADMIN, "admin", display_name="系统管理员")  # one's own name is fine
    auth.update_user(admin_db, Actor("chenjing", "admin"), "admin", role="reviewer")  # another admin may


def test_is_locked_ignores_an_expired_lock(admin_db):
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    then = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthFailed):
            auth.authenticate(admin_db, "lihua", "wrong-password", now=then)
    [user] = [u for u in auth.list_users(admin_db, Actor("admin", "admin")) if u.name == "lihua"]
    assert user.is_locked(then + timedelta(seconds=20))
    assert not user.is_locked(then + auth.FIRST_DELAY + timedelta(seconds=1))


def test_a_disabled_users_open_session_writes_nothing_more(admin_db, enterprise_values):
    from jjdesk.services.records import enterprises

    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    clerk = auth.authenticate(admin_db, "lihua", PASSWORD)  # the window signed in before the account went
    made = enterprises.create(admin_db, clerk, enterprise_values())
    auth.update_user(admin_db, ADMIN, "lihua", active=False)
    with pytest.raises(PermissionDenied, match="已被管理员停用"):
        enterprises.create(admin_db, clerk, enterprise_values())
    with pytest.raises(PermissionDenied, match="已被管理员停用"):
        enterprises.update(admin_db, clerk, made["id"], {"contact_name": "王五"}, made["version"])
    assert enterprises.create(admin_db, ADMIN, enterprise_values())["id"]  # others go on working


def test_an_administrator_who_reset_a_reviewers_password_is_counted_as_that_reviewer(admin_db, enterprise_values):
    """The side door of four eyes: an administrator enters a record, resets a reviewer's password and approves
    as that reviewer. Whoever reset the password counts as the reviewer for the records they touched."""
    from jjdesk.services.records import enterprises
    from jjdesk.services.review import workflow

    auth.create_user(admin_db, ADMIN, "wangjun", "reviewer", PASSWORD)
    auth.create_user(admin_db, ADMIN, "zhaomin", "reviewer", PASSWORD)
    auth.create_user(admin_db, ADMIN, "lihua", "entry", PASSWORD)
    own = enterprises.create(admin_db, ADMIN, enterprise_values())
    clerks = enterprises.create(admin_db, Actor("lihua", "entry"), enterprise_values())
    workflow.submit(admin_db, ADMIN, [("enterprise", own["id"])])
    workflow.submit(admin_db, Actor("lihua", "entry"), [("enterprise", clerks["id"])])
    auth.set_password(admin_db, ADMIN, "wangjun", "Reset-by-admin-1")
    posing = auth.authenticate(admin_db, "wangjun", "Reset-by-admin-1")
    auth.set_password(admin_db, posing, "wangjun", "Own-choice-22", old_password="Reset-by-admin-1")  # still counts
    with pytest.raises(workflow.ReviewRefused, match="admin重置过您的密码"):
        workflow.approve(admin_db, posing, [("enterprise", own["id"])])
    assert workflow.approve(admin_db, posing, [("enterprise", clerks["id"])])  # others' records: as before
    assert workflow.approve(admin_db, Actor("zhaomin", "reviewer"), [("enterprise", own["id"])])
