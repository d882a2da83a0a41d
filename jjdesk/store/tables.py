"""The models' tables as SQLAlchemy Core ``Table`` objects, named once for the store's Core queries.

Repositories that build bulk inserts, aggregates and exports in Core (not the ORM) all need ``Model.__table__``;
naming each here keeps one spelling (and one type-checker exemption) instead of a copy per module.
"""

from __future__ import annotations

from sqlalchemy import Table

from jjdesk.store.models import (
    AuditEntry,
    Enterprise,
    EnterpriseChannel,
    EnterpriseService,
    Initiative,
    InitiativeIndicator,
    MeetingPackRecord,
    Milestone,
    ReviewExplanation,
    StatIndicator,
    StatValue,
    StatYear,
)


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined]


ENTERPRISE = _table(Enterprise)
SERVICE = _table(EnterpriseService)
CHANNEL = _table(EnterpriseChannel)
INITIATIVE = _table(Initiative)
MILESTONE = _table(Milestone)
INITIATIVE_INDICATOR = _table(InitiativeIndicator)
STAT_INDICATOR = _table(StatIndicator)
STAT_VALUE = _table(StatValue)
STAT_YEAR = _table(StatYear)
EXPLANATION = _table(ReviewExplanation)
AUDIT = _table(AuditEntry)
PACK_RECORD = _table(MeetingPackRecord)
