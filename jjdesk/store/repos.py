"""Queries. Services ask here instead of writing SELECTs, so SQL stays in store/ and can be tuned in one place."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import delete, func, or_
from sqlmodel import Session, col, select

from jjdesk.store.models import (
    AuditEntry,
    AuditHead,
    Enterprise,
    EnterpriseChannel,
    EnterpriseService,
    Initiative,
    InitiativeEnterprise,
    InitiativeIndicator,
    MeetingPack,
    Milestone,
    StatIndicator,
    StatRevision,
    StatValue,
    StatYear,
    Submission,
)

# ---------------------------------------------------------------- audit


def last_audit_hash(session: Session) -> str:
    row = session.exec(select(AuditEntry.hash).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    return row or ""


def audit_head(session: Session, lock: bool = False) -> AuditHead | None:
    """The chain head row; ``lock`` takes it FOR UPDATE (PostgreSQL) so concurrent writers append in turn."""
    stmt = select(AuditHead).where(AuditHead.id == 1)
    if lock:
        stmt = stmt.with_for_update()
    return session.exec(stmt).first()


def iter_audit_entries(session: Session, batch: int = 5000) -> Iterator[Any]:
    """Every audit entry in id order, as plain rows with the entry's attributes (``row.hash``, ``row.at``, …) read
    in keyset pages: no ORM object per entry, so verifying a chain of a million entries stays fast and small."""
    table = AuditEntry.__table__  # type: ignore[attr-defined]
    last_id = 0
    while True:
        rows = session.execute(select(table).where(table.c.id > last_id).order_by(table.c.id).limit(batch)).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def chain_anchors(session: Session) -> list[tuple[str, int, Any, int, str]]:
    """(label, id, when, chain entries, chain hash) of every 上报 and meeting pack that recorded its anchor."""
    out: list[tuple[str, int, Any, int, str]] = []
    sources: tuple[tuple[Any, str, Any], ...] = (
        (Submission, "上报", Submission.submitted_at),
        (MeetingPack, "会议材料", MeetingPack.created_at),
    )
    for model, label, at in sources:
        stmt = select(model.id, at, model.chain_entries, model.chain_hash).where(col(model.chain_entries).is_not(None))
        out.extend(
            (label, int(rid), when, int(entries), digest or "") for rid, when, entries, digest in session.exec(stmt)
        )
    return out


def audit_entries_for(session: Session, entity: str, entity_id: int) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(col(AuditEntry.id))
    )
    return list(session.exec(stmt).all())


def latest_audit_entry(session: Session, entities: Sequence[str]) -> AuditEntry | None:
    """The newest audit entry about any of ``entities`` (what a restore shows as each kind's latest change)."""
    stmt = select(AuditEntry).where(col(AuditEntry.entity).in_(list(entities))).order_by(col(AuditEntry.id).desc())
    return session.exec(stmt.limit(1)).first()


# ---------------------------------------------------------------- enterprises


def enterprise_by_credit_code(session: Session, code: str) -> Enterprise | None:
    return session.exec(select(Enterprise).where(Enterprise.credit_code == code)).first()


def enterprise_by_name(session: Session, name: str) -> Enterprise | None:
    return session.exec(select(Enterprise).where(Enterprise.name == name)).first()


def replace_enterprise_tags(
    session: Session, enterprise_id: int, services: Iterable[str], channels: Iterable[str]
) -> None:
    session.exec(delete(EnterpriseService).where(col(EnterpriseService.enterprise_id) == enterprise_id))
    session.exec(delete(EnterpriseChannel).where(col(EnterpriseChannel.enterprise_id) == enterprise_id))
    add_enterprise_tags(session, enterprise_id, services, channels)


def add_enterprise_tags(session: Session, enterprise_id: int, services: Iterable[str], channels: Iterable[str]) -> None:
    session.add_all([EnterpriseService(enterprise_id=enterprise_id, service=s) for s in services])
    session.add_all([EnterpriseChannel(enterprise_id=enterprise_id, channel=c) for c in channels])


def existing_credit_codes(session: Session, codes: Sequence[str], chunk: int = 500) -> dict[str, str]:
    """Which of ``codes`` are already registered, mapped to the enterprise name."""
    found: dict[str, str] = {}
    for i in range(0, len(codes), chunk):
        part = codes[i : i + chunk]
        stmt = select(Enterprise.credit_code, Enterprise.name).where(col(Enterprise.credit_code).in_(part))
        found.update({c: n for c, n in session.exec(stmt) if c})
    return found


def search_enterprises(session: Session, text: str | None, limit: int, offset: int = 0) -> list[Enterprise]:
    stmt = select(Enterprise)
    if text:
        like = f"%{text}%"
        stmt = stmt.where(
            or_(
                col(Enterprise.name).like(like),
                col(Enterprise.credit_code).like(like),
                col(Enterprise.contact_name).like(like),
            )
        )
    return list(session.exec(stmt.order_by(col(Enterprise.id)).offset(offset).limit(limit)).all())


def initiatives_linking(session: Session, enterprise_id: int) -> list[str]:
    stmt = (
        select(Initiative.name)
        .join(InitiativeEnterprise, col(InitiativeEnterprise.initiative_id) == Initiative.id)
        .where(InitiativeEnterprise.enterprise_id == enterprise_id)
    )
    return list(session.exec(stmt).all())


# ---------------------------------------------------------------- initiatives


def initiative_children(
    session: Session, initiative_id: int
) -> tuple[list[Milestone], list[InitiativeIndicator], list[tuple[InitiativeEnterprise, str]]]:
    """(milestones, indicators, links) of an initiative, each in display order."""
    milestones = session.exec(
        select(Milestone)
        .where(Milestone.initiative_id == initiative_id)
        .order_by(col(Milestone.seq), col(Milestone.id))
    ).all()
    indicators = session.exec(
        select(InitiativeIndicator)
        .where(InitiativeIndicator.initiative_id == initiative_id)
        .order_by(col(InitiativeIndicator.seq), col(InitiativeIndicator.id))
    ).all()
    links = session.exec(
        select(InitiativeEnterprise, Enterprise.name)
        .join(Enterprise, col(Enterprise.id) == InitiativeEnterprise.enterprise_id)
        .where(InitiativeEnterprise.initiative_id == initiative_id)
        .order_by(Enterprise.name)
    ).all()
    return list(milestones), list(indicators), list(links)


def replace_initiative_children(
    session: Session,
    initiative_id: int,
    milestones: list[Milestone],
    indicators: list[InitiativeIndicator],
    links: list[InitiativeEnterprise],
) -> None:
    for model in (Milestone, InitiativeIndicator, InitiativeEnterprise):
        session.exec(delete(model).where(col(model.initiative_id) == initiative_id))
    session.flush()
    session.add_all([*milestones, *indicators, *links])


def list_initiatives(session: Session) -> list[Initiative]:
    return list(session.exec(select(Initiative).order_by(Initiative.category, col(Initiative.id))).all())


def existing_enterprise_ids(session: Session, ids: Iterable[int]) -> set[int]:
    ids = list(ids)
    if not ids:
        return set()
    found = session.exec(select(Enterprise.id).where(col(Enterprise.id).in_(ids))).all()
    return {i for i in found if i is not None}


# ---------------------------------------------------------------- statistics


def indicator_by_code(session: Session, code: str) -> StatIndicator | None:
    return session.exec(select(StatIndicator).where(StatIndicator.code == code)).first()


def indicators(session: Session) -> list[StatIndicator]:
    return list(session.exec(select(StatIndicator).order_by(col(StatIndicator.seq), col(StatIndicator.id))).all())


def stat_year(session: Session, year: int) -> StatYear | None:
    return session.exec(select(StatYear).where(StatYear.year == year)).first()


def stat_value(session: Session, indicator_id: int, year: int) -> StatValue | None:
    return session.exec(select(StatValue).where(StatValue.indicator_id == indicator_id, StatValue.year == year)).first()


def stat_values(session: Session, years: Sequence[int] | None = None) -> list[StatValue]:
    stmt = select(StatValue)
    if years:
        stmt = stmt.where(col(StatValue.year).in_(years))
    return list(session.exec(stmt.order_by(col(StatValue.year), col(StatValue.indicator_id))).all())


def stat_revisions(session: Session, stat_value_id: int) -> list[StatRevision]:
    return list(
        session.exec(
            select(StatRevision).where(StatRevision.stat_value_id == stat_value_id).order_by(col(StatRevision.id))
        ).all()
    )


def stat_years(session: Session) -> list[StatYear]:
    return list(session.exec(select(StatYear).order_by(col(StatYear.year))).all())


# ---------------------------------------------------------------- users and counts


def count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()
