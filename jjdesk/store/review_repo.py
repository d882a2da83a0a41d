"""Queries of the review workflow: users, review queues, checks, explanations, code exceptions, submissions.

Kept apart from ``repos.py`` so the review feature's SQL sits in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import islice
from typing import TypeVar

from sqlalchemy import String, func, or_
from sqlmodel import Session, col, select

from jjdesk.store.engine import insert_sql
from jjdesk.store.models import (
    AuditEntry,
    CreditCodeException,
    Enterprise,
    Initiative,
    InitiativeIndicator,
    Milestone,
    ReviewExplanation,
    StatValue,
    StatYear,
    Submission,
    SubmissionRecord,
    User,
    id_of,
)

_CHUNK = 500
_T = TypeVar("_T")


def _chunks(items: Sequence[_T], size: int = _CHUNK) -> Iterable[Sequence[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---------------------------------------------------------------- users


def user_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def user_by_name(session: Session, name: str, lock: bool = False) -> User | None:
    stmt = select(User).where(User.name == name)
    if lock:
        stmt = stmt.with_for_update()
    return session.exec(stmt).first()


def user_disabled(session: Session, name: str) -> bool:
    """Whether ``name`` is a user an administrator disabled (a name without an account — "system" — is not)."""
    return session.exec(select(User.active).where(User.name == name)).first() is False


def users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.name)).all())


# ---------------------------------------------------------------- review workflow


def records_in_status(
    session: Session, model, statuses: Sequence[str], person: str | None = None, limit: int | None = None
) -> list:
    """Reviewable records of ``model`` in ``statuses``; with ``person``, only those they submitted (or created,
    when never submitted) — the records that come back to them."""
    stmt = select(model).where(model.review_status.in_(statuses))
    if person is not None:
        stmt = stmt.where(
            or_(model.submitted_by == person, (model.submitted_by.is_(None)) & (model.created_by == person))
        )
    stmt = stmt.order_by(model.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt).all())


def find_records(session: Session, model, statuses: Sequence[str] = (), text: str = "", limit: int = 2000) -> list:
    """Reviewable records of ``model`` in any of ``statuses`` (all when empty) whose name contains ``text``
    (a statistics year matches its year), most recently changed first."""
    stmt = select(model)
    if statuses:
        stmt = stmt.where(model.review_status.in_(statuses))
    text = text.strip()
    if text:
        if model is StatYear:
            stmt = stmt.where(func.cast(col(StatYear.year), String).contains(text))
        else:
            stmt = stmt.where(model.name.contains(text, autoescape=True))
    return list(session.exec(stmt.order_by(model.updated_at.desc(), model.id.desc()).limit(limit)).all())


def last_status_entry_id(session: Session, entity: str, entity_id: int, new_status: str) -> int:
    """Audit id of the record's last change into ``new_status`` (0 when it never had it)."""
    stmt = select(func.max(AuditEntry.id)).where(
        AuditEntry.entity == entity,
        AuditEntry.entity_id == entity_id,
        AuditEntry.action == "status",
        AuditEntry.field == "review_status",
        AuditEntry.new == new_status,
    )
    return session.exec(stmt).one() or 0


def editors_since(session: Session, entity: str, ids: Sequence[int], after_id: int) -> set[str]:
    """Everyone who created or changed the given records after audit entry ``after_id``."""
    names: set[str] = set()
    for part in _chunks(list(ids)):
        stmt = (
            select(AuditEntry.user_name)
            .distinct()
            .where(
                AuditEntry.entity == entity,
                col(AuditEntry.entity_id).in_(part),
                col(AuditEntry.id) > after_id,
                col(AuditEntry.action).in_(("create", "update", "delete")),
            )
        )
        names.update(session.exec(stmt).all())
    return names


def last_password_change_by(session: Session, user_name: str) -> str | None:
    """Who last set ``user_name``'s password (the user, or an administrator resetting it), from the audit trail."""
    stmt = (
        select(AuditEntry.user_name)
        .where(AuditEntry.entity == "app_user", AuditEntry.record_label == user_name, AuditEntry.field == "password")
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    )
    return session.exec(stmt).first()


def last_password_reset_by_another(session: Session, user_name: str) -> str | None:
    """Who last set ``user_name``'s password other than the user (an administrator's reset), from the audit
    trail; None when nobody but the user ever did."""
    stmt = (
        select(AuditEntry.user_name)
        .where(
            AuditEntry.entity == "app_user",
            AuditEntry.record_label == user_name,
            AuditEntry.field == "password",
            AuditEntry.user_name != user_name,
        )
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    )
    return session.exec(stmt).first()


def stat_value_ids(session: Session, year: int) -> list[int]:
    ids = session.exec(select(StatValue.id).where(StatValue.year == year).order_by(col(StatValue.id))).all()
    return [i for i in ids if i is not None]


def stat_year_by_id(session: Session, year_id: int) -> StatYear | None:
    return session.get(StatYear, year_id)


# ---------------------------------------------------------------- checks


def enterprises_for_check(
    session: Session, ids: Sequence[int] | None = None, joined_by: date | None = None
) -> list[Enterprise]:
    """The enterprises a check covers: the given ids, the platform members by a date, or all."""
    if ids is not None:
        found: list[Enterprise] = []
        for part in _chunks(list(ids)):
            found += session.exec(select(Enterprise).where(col(Enterprise.id).in_(part))).all()
        return sorted(found, key=id_of)
    stmt = select(Enterprise)
    if joined_by is not None:
        stmt = stmt.where(col(Enterprise.join_date).is_not(None), col(Enterprise.join_date) <= joined_by)
    return list(session.exec(stmt.order_by(col(Enterprise.id))).all())


def shared_name_keys(session: Session, keys: Sequence[str] | None = None) -> dict[str, list[tuple[int, str]]]:
    """Name key → [(id, name)] oldest first, for keys held by more than one enterprise; with ``keys``, only those
    (looked up through the key's index)."""
    if keys is not None:
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        stmt = select(Enterprise.name_key, Enterprise.id, Enterprise.name).where(col(Enterprise.name_key).in_(wanted))
    else:
        shared = (
            select(Enterprise.name_key)
            .where(col(Enterprise.name_key).is_not(None), Enterprise.name_key != "")
            .group_by(Enterprise.name_key)
            .having(func.count() > 1)
        )
        stmt = select(Enterprise.name_key, Enterprise.id, Enterprise.name).where(col(Enterprise.name_key).in_(shared))
    out: dict[str, list[tuple[int, str]]] = {}
    for key, eid, name in session.exec(stmt.order_by(col(Enterprise.id))):
        assert key is not None and eid is not None  # the filter excludes empty keys; a stored row has an id
        out.setdefault(key, []).append((eid, name))
    return {k: v for k, v in out.items() if len(v) > 1}


def duplicate_credit_codes(session: Session, codes: Sequence[str] | None = None) -> dict[str, list[tuple[int, str]]]:
    """Codes held by more than one enterprise (the unique index prevents it; imports on other paths may not).

    With ``codes``, only those codes are looked at, through the unique index (stored codes are upper-case and
    trimmed by every input path; the full run also catches rows that are not)."""
    if codes is not None:
        wanted = sorted({c.strip().upper() for c in codes})
        if not wanted:
            return {}
        found: dict[str, list[tuple[int, str]]] = {}
        for code, eid, name in session.exec(
            select(Enterprise.credit_code, Enterprise.id, Enterprise.name)
            .where(col(Enterprise.credit_code).in_(wanted))
            .order_by(col(Enterprise.id))
        ):
            assert code is not None and eid is not None  # IN excludes NULL; a stored row has an id
            found.setdefault(code.strip().upper(), []).append((eid, name))
        return {k: v for k, v in found.items() if len(v) > 1}
    upper = func.upper(func.trim(Enterprise.credit_code))
    dup = select(upper).where(col(Enterprise.credit_code).is_not(None)).group_by(upper).having(func.count() > 1)
    out: dict[str, list[tuple[int, str]]] = {}
    for code, eid, name in session.exec(
        select(upper, Enterprise.id, Enterprise.name).where(upper.in_(dup)).order_by(col(Enterprise.id))
    ):
        assert eid is not None  # a stored row has an id
        out.setdefault(code, []).append((eid, name))
    return out


def initiatives_for_check(
    session: Session, ids: Sequence[int] | None = None, active_in: tuple[date, date] | None = None
) -> list[Initiative]:
    """The initiatives a check covers: the given ids, those whose span overlaps a period, or all."""
    stmt = select(Initiative)
    if ids is not None:
        stmt = stmt.where(col(Initiative.id).in_(list(ids)))
    if active_in is not None:
        first, last = active_in
        stmt = stmt.where(
            or_(col(Initiative.start_date).is_(None), col(Initiative.start_date) <= last),
            or_(col(Initiative.due_date).is_(None), col(Initiative.due_date) >= first),
        )
    return list(session.exec(stmt.order_by(col(Initiative.id))).all())


def milestones_of(session: Session, initiative_ids: Sequence[int]) -> list[Milestone]:
    out: list[Milestone] = []
    for part in _chunks(list(initiative_ids)):
        out += session.exec(
            select(Milestone)
            .where(col(Milestone.initiative_id).in_(part))
            .order_by(col(Milestone.initiative_id), col(Milestone.seq), col(Milestone.id))
        ).all()
    return out


def indicators_of(session: Session, initiative_ids: Sequence[int]) -> list[InitiativeIndicator]:
    out: list[InitiativeIndicator] = []
    for part in _chunks(list(initiative_ids)):
        out += session.exec(
            select(InitiativeIndicator)
            .where(col(InitiativeIndicator.initiative_id).in_(part))
            .order_by(col(InitiativeIndicator.initiative_id), col(InitiativeIndicator.seq), col(InitiativeIndicator.id))
        ).all()
    return out


def stat_values_up_to(session: Session, year: int | None) -> list[StatValue]:
    """Every figure of ``year`` and the years before it (their history), or of all years."""
    stmt = select(StatValue)
    if year is not None:
        stmt = stmt.where(col(StatValue.year) <= year)
    return list(session.exec(stmt.order_by(col(StatValue.year), col(StatValue.indicator_id))).all())


def stat_years_for_check(session: Session, year: int | None = None, ids: Sequence[int] | None = None) -> list[StatYear]:
    stmt = select(StatYear)
    if year is not None:
        stmt = stmt.where(StatYear.year == year)
    if ids is not None:
        stmt = stmt.where(col(StatYear.id).in_(list(ids)))
    return list(session.exec(stmt.order_by(col(StatYear.year))).all())


# ---------------------------------------------------------------- explanations and code exceptions


def explanations(
    session: Session, entity: str | None = None, ids: Sequence[int] | None = None
) -> list[ReviewExplanation]:
    stmt = select(ReviewExplanation)
    if entity is not None:
        stmt = stmt.where(ReviewExplanation.entity == entity)
    if ids is not None:
        stmt = stmt.where(col(ReviewExplanation.entity_id).in_(list(ids)))
    return list(session.exec(stmt.order_by(col(ReviewExplanation.id))).all())


def explanation(session: Session, rule_id: str, entity: str, entity_id: int, field: str) -> ReviewExplanation | None:
    return session.exec(
        select(ReviewExplanation).where(
            ReviewExplanation.rule_id == rule_id,
            ReviewExplanation.entity == entity,
            ReviewExplanation.entity_id == entity_id,
            ReviewExplanation.field == field,
        )
    ).first()


def code_exceptions(session: Session, codes: Sequence[str] | None = None) -> list[CreditCodeException]:
    stmt = select(CreditCodeException)
    if codes is not None:
        stmt = stmt.where(col(CreditCodeException.code).in_(list(codes)))
    return list(session.exec(stmt.order_by(col(CreditCodeException.code))).all())


def code_exception(session: Session, code: str) -> CreditCodeException | None:
    return session.exec(select(CreditCodeException).where(CreditCodeException.code == code)).first()


# ---------------------------------------------------------------- submissions


def submissions(session: Session, year: int | None = None) -> list[Submission]:
    stmt = select(Submission)
    if year is not None:
        stmt = stmt.where(Submission.year == year)
    return list(session.exec(stmt.order_by(col(Submission.id).desc())).all())


def add_submission_records(
    session: Session, submission_id: int, rows: Iterable[tuple[str, int, str, str]], batch: int = 20_000
) -> None:
    """Store a submission's snapshot, rows of (entity, entity_id, label, content JSON), in batches through the
    driver's executemany: a whole-year 上报 holds every enterprise, and they are stored within its short write
    (150,000 in about a second)."""
    connection = session.connection()
    columns = ("submission_id", "entity", "entity_id", "label", "content")
    sql = insert_sql(connection, SubmissionRecord.__tablename__, columns)
    it = iter(rows)
    while chunk := list(islice(it, batch)):
        connection.exec_driver_sql(sql, [(submission_id, *row) for row in chunk])


def submission_records(session: Session, submission_id: int) -> list[SubmissionRecord]:
    return list(
        session.exec(
            select(SubmissionRecord)
            .where(SubmissionRecord.submission_id == submission_id)
            .order_by(col(SubmissionRecord.entity), col(SubmissionRecord.entity_id))
        ).all()
    )


# ---------------------------------------------------------------- history


def audit_entries_of(session: Session, records: Mapping[str, Sequence[int]]) -> list[AuditEntry]:
    """Audit entries of several records (entity → ids), in chain order."""
    out: list[AuditEntry] = []
    for entity, ids in records.items():
        for part in _chunks(list(ids)):
            out += session.exec(
                select(AuditEntry).where(AuditEntry.entity == entity, col(AuditEntry.entity_id).in_(part))
            ).all()
    return sorted(out, key=id_of)
