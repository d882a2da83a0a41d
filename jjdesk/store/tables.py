"""The models' tables as SQLAlchemy Core ``Table`` objects, named once for the store's Core queries.

Repositories that build bulk inserts, aggregates and exports in Core (not the ORM) all need ``Model.__table__``;
naming each here keeps one spelling instead of a copy per module.
"""

from __future__ import annotations

from sqlalchemy import Table, inspect
from sqlmodel import SQLModel

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


def _table(model: type[SQLModel]) -> Table:
    # ``Model.__table__``, which SQLModel's type hints do not declare; its mapper's table is the same object.
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table


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
