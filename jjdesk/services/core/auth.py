"""Users, roles and sign-in: argon2id password hashes with a per-user salt, growing delays after failures.

A password is never stored, logged or audited in clear: only the hash with its parameters is kept
(``$argon2id$v=19$m=19456,t=2,p=1$salt$hash``: OWASP's current minimum; older ``scrypt$…`` hashes still verify
and are upgraded at the next sign-in), and the audit trail records that a password changed, not what it became.

Sign-in cannot be turned against the office: an unknown name, a wrong password and an account waiting out a
delay get the same answer in the same time (the hash is computed in every case), so it tells nobody which
names exist; after MAX_FAILURES wrong passwords in a row each further one makes the account wait longer before
the next try (30 s, 1, 2, 4 … minutes, at most LOCK_MINUTES) — tries while it waits are not counted, so nobody
can keep extending it — and an administrator can always unlock it from another account.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlmodel import Session

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import FieldError, NotFound, PermissionDenied, ServiceError, ValidationFailed
from jjdesk.services.core.vocab import ROLES
from jjdesk.store import review_repo
from jjdesk.store.engine import Database
from jjdesk.store.models import User, id_of

ENTITY = "app_user"
SYSTEM_AUTHOR = "system"  # who the audit trail names for what sign-in itself does (an anonymous try is nobody)
ENTRY, REVIEWER, ADMIN = "entry", "reviewer", "admin"
MAX_FAILURES = 5
LOCK_MINUTES = 15  # the longest wait between tries after repeated failures
FIRST_DELAY = timedelta(seconds=30)  # the wait after MAX_FAILURES failures; doubled by each further one
MIN_PASSWORD = 8

# argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): memory-hard, ~40 ms on an office PC.
_TIME_COST, _MEMORY_KIB, _LANES = 2, 19 * 1024, 1
_SCRYPT_MAXMEM = 64 * 1024 * 1024  # enough for the scrypt hashes jjdesk made before (n=2**15, r=8)
_WRONG = "用户名或密码错误。连续输错多次后须稍候再试，或请管理员解锁。"


class AuthFailed(ServiceError):
    """Sign-in refused: wrong name or password, a locked or a disabled account."""


@dataclass(frozen=True)
class UserInfo:
    """A user as lists and forms show it — never with the password hash."""

    id: int
    name: str
    display_name: str
    role: str
    role_label: str
    active: bool
    locked_until: datetime | None
    failed_attempts: int
    created_at: datetime | None

    def is_locked(self, now: datetime | None = None) -> bool:
        """Whether sign-in is refused right now because of failed attempts (an expired lock no longer counts)."""
        return self.locked_until is not None and _as_utc(self.locked_until) > (now or audit.utcnow())


# ---------------------------------------------------------------- hashing


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@cache
def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=_TIME_COST, memory_cost=_MEMORY_KIB, parallelism=_LANES, hash_len=32, salt_len=16)


def hash_password(password: str) -> str:
    """A new salted argon2id hash of ``password``, its parameters written into it."""
    return str(_hasher().hash(password))


def _verify_scrypt(password: str, stored: str) -> bool:
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest, validate=True)
    actual = hashlib.scrypt(
        password.encode("utf-8"),
        salt=base64.b64decode(salt, validate=True),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
        maxmem=_SCRYPT_MAXMEM,
    )
    return hmac.compare_digest(actual, expected)


def verify_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches ``stored`` (argon2id, or an earlier scrypt hash); compares in constant time
    and is False for any malformed hash."""
    from argon2.exceptions import InvalidHashError, VerificationError

    stored = stored or ""
    try:
        if stored.startswith("$argon2"):
            return bool(_hasher().verify(stored, password))
        return _verify_scrypt(password, stored)
    except (VerificationError, InvalidHashError, ValueError, TypeError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with another scheme or weaker parameters than today's (it is upgraded at
    the next successful sign-in)."""
    from argon2.exceptions import InvalidHashError

    if not stored.startswith("$argon2id$"):
        return True
    try:
        return bool(_hasher().check_needs_rehash(stored))
    except InvalidHashError:
        return True


@cache
def _dummy() -> str:
    """A hash of nothing anyone knows: unknown names and waiting accounts are checked against it, so every
    refusal takes as long as a wrong password."""
    return hash_password(_b64(hashlib.sha256(b"jjdesk: no such user").digest()))


def _delay(failures: int) -> timedelta:
    """How long an account waits before its next try after ``failures`` wrong passwords in a row."""
    if failures < MAX_FAILURES:
        return timedelta(0)
    doublings = min(failures - MAX_FAILURES, 16)  # enough to pass LOCK_MINUTES; no overflow after many tries
    return min(FIRST_DELAY * 2**doublings, timedelta(minutes=LOCK_MINUTES))


# ---------------------------------------------------------------- roles


def require(actor: Actor, *roles: str) -> None:
    """Raise PermissionDenied unless ``actor`` has one of ``roles``."""
    if actor.role not in roles:
        wanted = "或".join(ROLES.get(r, r) for r in roles)
        raise PermissionDenied(f"此操作需要{wanted}权限，{actor.name}当前是{actor.role_label}。")


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 32 or any(ch.isspace() for ch in name):
        raise ValidationFailed([FieldError("name", "用户名", "应为1–32个字符，不含空格")])
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationFailed([FieldError("role", "角色", f"“{role}”不是可选角色，应为：{'、'.join(ROLES)}")])
    return role


def check_password_strength(name: str, password: str) -> None:
    """Refuse passwords too short to resist guessing, or equal to the user name."""
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed([FieldError("password", "密码", f"至少{MIN_PASSWORD}个字符")])
    if password.strip().casefold() == name.casefold():
        raise ValidationFailed([FieldError("password", "密码", "不能与用户名相同")])
    if len(set(password)) < 3:
        raise ValidationFailed([FieldError("password", "密码", "过于简单，请混合使用不同的字符")])


def _info(u: User) -> UserInfo:
    return UserInfo(
        id_of(u),
        u.name,
        u.display_name,
        u.role,
        ROLES.get(u.role, u.role),
        u.active,
        u.locked_until,
        u.failed_attempts,
        u.created_at,
    )


def _public(u: User) -> dict[str, Any]:
    # What the audit trail keeps of a user: never the hash (it would let anyone try passwords offline).
    return {"name": u.name, "display_name": u.display_name, "role": u.role, "active": u.active}


# ---------------------------------------------------------------- users


def needs_setup(db: Database) -> bool:
    """True on first run: no user exists yet, so the window asks for the administrator's account."""
    with db.session() as s:
        return review_repo.user_count(s) == 0


def create_first_admin(db: Database, name: str, password: str, display_name: str = "") -> Actor:
    """Create the first administrator; refused as soon as any user exists. Returns the signed-in admin."""
    name = _check_name(name)
    check_password_strength(name, password)
    with db.write() as s:
        if review_repo.user_count(s) > 0:
            raise PermissionDenied("已有用户，不能再创建初始管理员。请由管理员添加用户。")
        _insert(s, name, ADMIN, password, display_name, name)
    return Actor(name, ADMIN)


def _insert(s: Session, name: str, role: str, password: str, display_name: str, by: str) -> User:
    user = User(
        name=name,
        display_name=display_name.strip()[:32],
        role=role,
        password_hash=hash_password(password),
        created_at=audit.utcnow(),
    )
    s.add(user)
    s.flush()
    audit.write(s, by, [audit.created(ENTITY, id_of(user), name, _public(user))])
    return user


def create_user(db: Database, actor: Actor, name: str, role: str, password: str, display_name: str = "") -> UserInfo:
    """Add a user (administrators only; the very first user must be an administrator)."""
    name = _check_name(name)
    role = _check_role(role)
    check_password_strength(name, password)
    with db.write() as s:
        if review_repo.user_count(s) == 0:
            if role != ADMIN:
                raise ValidationFailed([FieldError("role", "角色", "第一个用户必须是管理员")])
        else:
            require(actor, ADMIN)
        if review_repo.user_by_name(s, name) is not None:
            raise ValidationFailed([FieldError("name", "用户名", f"“{name}”已存在")])
        return _info(_insert(s, name, role, password, display_name, actor.name))


def _get(s: Session, name: str, lock: bool = False) -> User:
    user = review_repo.user_by_name(s, name, lock=lock)
    if user is None:
        raise NotFound(f"用户“{name}”不存在")
    return user


def set_password(db: Database, actor: Actor, name: str, new_password: str, old_password: str | None = None) -> None:
    """Change a password: one's own with the old password, anyone's as an administrator. Unlocks the account.

    An administrator may reset another user's password without knowing it; an old password that is given for
    one's own account is always checked, administrators included (the window's 修改我的密码 asks for it).
    """
    check_password_strength(name, new_password)
    own = actor.name == name
    with db.write() as s:
        user = _get(s, name, lock=True)
        if not own:
            require(actor, ADMIN)
        checked = actor.role != ADMIN or (own and old_password is not None)
        if checked and (old_password is None or not verify_password(old_password, user.password_hash)):
            raise AuthFailed("原密码不正确。")
        user.password_hash = hash_password(new_password)
        user.failed_attempts, user.locked_until = 0, None
        audit.write(
            s,
            actor.name,
            [
                audit.Change(
                    audit.UPDATE,
                    ENTITY,
                    id_of(user),
                    name,
                    "password",
                    None,
                    "（已修改）",
                )
            ],
        )


def _admins_left(s: Session, excluding: User) -> int:
    return sum(1 for u in review_repo.users(s) if u.role == ADMIN and u.active and u.id != excluding.id)


def update_user(
    db: Database,
    actor: Actor,
    name: str,
    *,
    role: str | None = None,
    active: bool | None = None,
    display_name: str | None = None,
) -> UserInfo:
    """Change a user's role, display name or whether they may sign in (administrators only).

    The last active administrator can be neither demoted nor disabled, so someone can always manage users; nor
    can administrators demote or disable themselves, since their signed-in session would keep the old role.
    """
    require(actor, ADMIN)
    with db.write() as s:
        user = _get(s, name, lock=True)
        before = _public(user)
        if role is not None:
            user.role = _check_role(role)
        if active is not None:
            user.active = active
        if display_name is not None:
            user.display_name = display_name.strip()[:32]
        if (
            before["role"] == ADMIN
            and before["active"]
            and not (user.role == ADMIN and user.active)
            and _admins_left(s, user) == 0
        ):
            raise ServiceError("不能停用或降级最后一个管理员。")
        if user.name == actor.name and (user.role != before["role"] or user.active != before["active"]):
            raise PermissionDenied("不能修改自己的角色或停用自己的账号，请由另一位管理员操作。")
        changes = audit.diff(before, _public(user))
        if changes:
            audit.write(s, actor.name, audit.updated(ENTITY, id_of(user), name, changes))
        return _info(user)


def unlock(db: Database, actor: Actor, name: str) -> None:
    """Lift a lock after failed sign-ins before it runs out (administrators only)."""
    require(actor, ADMIN)
    with db.write() as s:
        user = _get(s, name, lock=True)
        if user.locked_until is not None or user.failed_attempts:
            old = audit.as_text(user.locked_until)
            user.failed_attempts, user.locked_until = 0, None
            audit.write(
                s,
                actor.name,
                [
                    audit.Change(
                        audit.STATUS,
                        ENTITY,
                        id_of(user),
                        name,
                        "locked_until",
                        old,
                        None,
                        "管理员解锁",
                    )
                ],
            )


def must_change_password(db: Database, name: str) -> bool:
    """Whether ``name`` must set a new password before working: an administrator reset it last, so someone
    else knows it. Signing in still works — to set the new one."""
    with db.session() as s:
        last = review_repo.last_password_change_by(s, name)
    return last is not None and last != name


MUST_CHANGE = "管理员重置了您的密码：请先设置一个只有您自己知道的新密码，再继续工作。"


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    """Every user, by name, without password hashes — for administrators: names, roles and lock states are no
    one else's business (nor a stranger's at the command line, who must sign in first)."""
    require(actor, ADMIN)
    with db.session() as s:
        return [_info(u) for u in review_repo.users(s)]


# ---------------------------------------------------------------- sign-in


def _as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=audit.utcnow().tzinfo)


def authenticate(db: Database, name: str, password: str, now: datetime | None = None) -> Actor:
    """Sign in: the Actor for ``name`` when ``password`` is right; otherwise AuthFailed (in Chinese).

    Unknown name, wrong password and an account still waiting after failures all get the same answer, and each
    computes one hash. The MAX_FAILURES-th wrong password in a row starts the waits (recorded once in the audit
    trail); each further one doubles the wait, up to LOCK_MINUTES; tries during a wait are not counted. A
    correct sign-in resets the count (and upgrades an older hash).
    """
    now = now or audit.utcnow()
    outcome: Actor | str = _WRONG
    with db.write() as s:
        user = review_repo.user_by_name(s, (name or "").strip(), lock=True)
        if user is None:
            verify_password(password, _dummy())
        elif user.locked_until is not None and _as_utc(user.locked_until) > now:
            verify_password(password, _dummy())  # the same time as any other refusal, nothing counted
        elif not verify_password(password, user.password_hash):
            user.failed_attempts += 1
            wait = _delay(user.failed_attempts)
            if wait:
                user.locked_until = now + wait
            if user.failed_attempts == MAX_FAILURES:
                audit.write(
                    s,
                    SYSTEM_AUTHOR,
                    [
                        audit.Change(
                            audit.STATUS,
                            ENTITY,
                            id_of(user),
                            user.name,
                            "locked_until",
                            None,
                            audit.as_text(user.locked_until),
                            f"密码连续输错{MAX_FAILURES}次，此后每次输错须等待更久（最长{LOCK_MINUTES}分钟）",
                        )
                    ],
                )
        elif not user.active:
            outcome = "该账号已停用，请联系管理员。"  # only after the right password: it tells no stranger
        else:
            user.failed_attempts, user.locked_until = 0, None
            if needs_rehash(user.password_hash or ""):
                user.password_hash = hash_password(password)
            outcome = Actor(user.name, user.role)
    if isinstance(outcome, str):
        raise AuthFailed(outcome)
    return outcome
