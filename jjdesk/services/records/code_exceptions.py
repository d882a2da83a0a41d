"""Credit-code exceptions: exact codes an administrator accepts although they fail their check character.

A few legally issued early codes do not satisfy GB 32100's own check. Registering such a code (with a reason,
audited) lets it be entered and lets it pass the 强制 check rule ENT-01; nothing else is relaxed — the
exception is for that one exact code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.auth import ADMIN, require
from jjdesk.services.core.errors import FieldError, NotFound, ValidationFailed
from jjdesk.services.families import codes
from jjdesk.store import review_repo
from jjdesk.store.engine import Database
from jjdesk.store.models import CreditCodeException, id_of

ENTITY = "credit_code_exception"
_VALID_SHAPE = set(codes.CREDIT_CHARSET)


@dataclass(frozen=True)
class CodeException:
    """A registered exception as the administrator's list shows it."""

    code: str
    reason: str
    by: str
    at: datetime
    problem: str  # what the check says about the code, so nobody forgets why it is an exception


def _as_info(x: CreditCodeException) -> CodeException:
    result = codes.check_credit_code(x.code)
    return CodeException(x.code, x.reason, x.created_by, x.created_at, "" if result.ok else result.message)


def register(db: Database, actor: Actor, code: str, reason: str) -> CodeException:
    """Accept one exact 18-character code that fails its check (administrators only; a reason is required)."""
    require(actor, ADMIN)
    value, reason = codes.normalize(code), (reason or "").strip()
    errors = []
    if len(value) != 18 or not set(value) <= _VALID_SHAPE:
        errors.append(FieldError("code", "统一社会信用代码", "例外只能登记18位、由代码字符组成的完整代码"))
    elif codes.check_credit_code(value).ok:
        errors.append(FieldError("code", "统一社会信用代码", f"{value} 能通过校验，无须登记为例外"))
    if not reason:
        errors.append(FieldError("reason", "原因", "不能为空"))
    if errors:
        raise ValidationFailed(errors)
    with db.write() as s:
        if review_repo.code_exception(s, value) is not None:
            raise ValidationFailed([FieldError("code", "统一社会信用代码", f"{value} 已登记为例外")])
        row = CreditCodeException(code=value, reason=reason[:500], created_by=actor.name, created_at=audit.utcnow())
        s.add(row)
        s.flush()
        audit.write(s, actor.name, [audit.created(ENTITY, id_of(row), value, {"code": value}, reason)])
        return _as_info(row)


def revoke(db: Database, actor: Actor, code: str, reason: str) -> None:
    """Remove an exception (administrators only); enterprises holding the code fail ENT-01 again."""
    require(actor, ADMIN)
    value = codes.normalize(code)
    if not (reason or "").strip():
        raise ValidationFailed([FieldError("reason", "原因", "不能为空")])
    with db.write() as s:
        row = review_repo.code_exception(s, value)
        if row is None:
            raise NotFound(f"{value} 未登记为例外")
        audit.write(
            s,
            actor.name,
            [
                audit.deleted(
                    ENTITY,
                    id_of(row),
                    value,
                    {"code": value, "reason": row.reason},
                    reason.strip(),
                )
            ],
        )
        s.delete(row)


def list_all(db: Database) -> list[CodeException]:
    """Every registered exception, by code."""
    with db.session() as s:
        return [_as_info(x) for x in review_repo.code_exceptions(s)]


def accepted_among(db: Database, candidates: Iterable[str | None]) -> frozenset[str]:
    """Which of ``candidates`` (raw input) are registered exceptions that fail the check, normalised.

    The registered exceptions are few (each an administrator's decision) and an import brings up to 100,000
    candidates: intersect with all of them, then check only the codes in both.
    """
    with db.session() as s:
        registered = {x.code for x in review_repo.code_exceptions(s)}
    if not registered:  # usually none: then the candidates need no normalising at all
        return frozenset()
    given = {codes.normalize(str(c)) for c in candidates if c}
    return frozenset(v for v in given & registered if not codes.check_credit_code(v).ok)
