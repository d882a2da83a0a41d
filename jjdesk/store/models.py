"""The database tables (SQLModel). Schema changes go through a migration in ``db/versions`` as well.

Vocabulary the officers own (enterprise types, clusters, categories) is stored as the Chinese term itself;
states the program owns (review status, roles, value basis) are stored as short codes with labels in
``jjdesk.services.core.vocab`` so the UI can translate them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from jjdesk.store.name_key import name_key
from jjdesk.store.types import ExactDecimal

# Named constraints, so later migrations (batch mode on SQLite) can find and alter them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _money(**kw) -> Decimal | None:
    return Field(default=None, sa_type=ExactDecimal, **kw)


def _parent_fk(table: str) -> Column:
    return Column(Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=True)


class _HasId(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _HasId) -> int:
    """The primary key of a row that is stored (loaded, or added and flushed).

    The models type ``id`` as ``int | None`` because a new row has none until the database assigns it; this is
    the one place that says a stored row always has one.
    """
    assert row.id is not None, f"{type(row).__name__} has no id yet: it was not flushed"
    return row.id


class ReviewFields(SQLModel):
    """What every reviewable record carries: its place in the review workflow and an optimistic-lock version."""

    review_status: str = Field(default="draft", max_length=16, index=True)
    created_by: str = Field(default="", max_length=64)
    created_at: datetime | None = None
    updated_by: str = Field(default="", max_length=64)
    updated_at: datetime | None = Field(default=None, index=True)  # list sort: last changed
    submitted_by: str | None = Field(default=None, max_length=64)
    submitted_at: datetime | None = None
    reviewed_by: str | None = Field(default=None, max_length=64)
    reviewed_at: datetime | None = None
    return_reason: str | None = Field(default=None, max_length=500)
    version: int = Field(default=1)


# ---------------------------------------------------------------- platform enterprises


class Enterprise(ReviewFields, table=True):
    """A company on the district's foreign-trade service platform (or one an initiative names)."""

    __tablename__ = "enterprise"
    __table_args__ = {"sqlite_autoincrement": True}  # ids never reused (migration 0006)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, index=True)
    # Derived from name (store/name_key.py), written with it: finds near-duplicate names through an index.
    name_key: str | None = Field(default=None, max_length=100, index=True)
    # Nullable: a real, named company whose code we do not know keeps it empty rather than invented.
    credit_code: str | None = Field(default=None, max_length=18, unique=True)
    customs_code: str | None = Field(default=None, max_length=10, index=True)
    enterprise_type: str = Field(default="生产企业", max_length=16, index=True)
    cluster: str | None = Field(default=None, max_length=32, index=True)
    industry_code: str | None = Field(default=None, max_length=8)
    registered_capital: Decimal | None = _money()  # 注册资本, 万元 (migration 0007)
    join_date: date | None = Field(default=None, index=True)  # None: not (yet) on the platform
    contact_name: str | None = Field(default=None, max_length=32, index=True)  # list sort
    mobile: str | None = Field(default=None, max_length=16, index=True)  # list sort
    landline: str | None = Field(default=None, max_length=24)
    export_value: Decimal | None = _money(index=True)  # 万元, latest full year; indexed for list sort
    is_listed: bool = Field(default=False)
    stock_code: str | None = Field(default=None, max_length=12)
    notes: str = Field(default="", max_length=2000)
    is_demo: bool = Field(default=False, index=True)


class EnterpriseService(SQLModel, table=True):
    """One platform service (通关, 收汇, …) an enterprise uses; a row each so filters can use an index."""

    __tablename__ = "enterprise_service"
    __table_args__ = (Index("ix_enterprise_service_service", "service", "enterprise_id"),)

    enterprise_id: int = Field(
        sa_column=Column(Integer, ForeignKey("enterprise.id", ondelete="CASCADE"), primary_key=True)
    )
    service: str = Field(primary_key=True, max_length=8)


class EnterpriseChannel(SQLModel, table=True):
    """One cross-border sales channel (速卖通, 亚马逊, …) an enterprise sells through."""

    __tablename__ = "enterprise_channel"
    __table_args__ = (Index("ix_enterprise_channel_channel", "channel", "enterprise_id"),)

    enterprise_id: int = Field(
        sa_column=Column(Integer, ForeignKey("enterprise.id", ondelete="CASCADE"), primary_key=True)
    )
    channel: str = Field(primary_key=True, max_length=16)


# ---------------------------------------------------------------- initiatives


class Initiative(ReviewFields, table=True):
    """A programme of the digital-economy task force (工作举措)."""

    __tablename__ = "initiative"
    __table_args__ = {"sqlite_autoincrement": True}  # ids never reused (migration 0006)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    category: str = Field(default="其他", max_length=16, index=True)
    lead_department: str = Field(default="", max_length=64)
    owner: str = Field(default="", max_length=32)
    start_date: date | None = None
    due_date: date | None = None
    status: str = Field(default="未启动", max_length=8, index=True)
    funds: Decimal | None = _money()  # 万元
    stage: str | None = Field(default=None, max_length=16)  # 数字化车间 → 智能工厂 → 未来工厂
    tier: str | None = Field(default=None, max_length=8)  # 县级 / 市级 / 省级
    stage_status: str | None = Field(default=None, max_length=8)  # 申报 → 入库培育 → 在建 → 评估 → 认定 / 未通过
    notes: str = Field(default="", max_length=4000)
    is_demo: bool = Field(default=False)


class Milestone(SQLModel, table=True):
    """A dated step of an initiative; edited together with its initiative."""

    __tablename__ = "milestone"

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(sa_column=_parent_fk("initiative"))
    seq: int = 0
    due_date: date | None = None
    text: str = Field(max_length=500)
    done: bool = False
    done_date: date | None = None


class InitiativeIndicator(SQLModel, table=True):
    """A target an initiative commits to (e.g. 工业机器人 350 台) and what was achieved."""

    __tablename__ = "initiative_indicator"

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(sa_column=_parent_fk("initiative"))
    seq: int = 0
    name: str = Field(max_length=100)
    unit: str = Field(default="", max_length=16)
    target: Decimal | None = _money()
    actual: Decimal | None = _money()


class InitiativeEnterprise(SQLModel, table=True):
    """An enterprise linked to an initiative in a role (推荐, 后备, 参与 …)."""

    __tablename__ = "initiative_enterprise"

    initiative_id: int = Field(
        sa_column=Column(Integer, ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True)
    )
    enterprise_id: int = Field(
        sa_column=Column(Integer, ForeignKey("enterprise.id", ondelete="RESTRICT"), primary_key=True, index=True)
    )
    role: str = Field(default="参与", max_length=16)
    note: str = Field(default="", max_length=200)


# ---------------------------------------------------------------- yearly statistics


class StatIndicator(SQLModel, table=True):
    """An entry of the indicator catalogue (外贸进出口总额, 亿元, …), arranged as a tree."""

    __tablename__ = "stat_indicator"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=100)
    unit: str = Field(default="", max_length=16)
    parent_id: int | None = Field(default=None, foreign_key="stat_indicator.id", index=True)
    seq: int = 0
    decimals: int = 2
    # Children sharing a non-empty sum group must add up to their parent within rounding (出口 by enterprise
    # type is one group, 出口 by trade mode another); "其中" items that need not add up leave it empty.
    sum_group: str = Field(default="", max_length=32)
    note: str = Field(default="", max_length=500)


class StatYear(ReviewFields, table=True):
    """One reporting year of statistics: the unit that is reviewed and submitted."""

    __tablename__ = "stat_year"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True)
    notes: str = Field(default="", max_length=2000)


class StatValue(SQLModel, table=True):
    """One indicator's value in one year, with the growth as reported (never derived)."""

    __tablename__ = "stat_value"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("stat_indicator.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    year: int = Field(foreign_key="stat_year.year", index=True)
    value: Decimal | None = _money()
    growth: Decimal | None = _money()  # reported growth, percent
    basis: str = Field(default="preliminary", max_length=16)  # preliminary 初步核算 / final 最终核实
    source: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=500)
    updated_by: str = Field(default="", max_length=64)
    updated_at: datetime | None = None
    version: int = 1


class StatRevision(SQLModel, table=True):
    """A superseded statistics value, kept when a figure is revised (初步核算 → 最终核实, or corrected)."""

    __tablename__ = "stat_revision"

    id: int | None = Field(default=None, primary_key=True)
    stat_value_id: int = Field(sa_column=_parent_fk("stat_value"))
    indicator_id: int
    year: int
    value: Decimal | None = _money()
    growth: Decimal | None = _money()
    basis: str = Field(max_length=16)
    source: str = Field(default="", max_length=200)
    replaced_at: datetime
    replaced_by: str = Field(max_length=64)
    reason: str = Field(default="", max_length=500)


# ---------------------------------------------------------------- people and trace


class User(SQLModel, table=True):
    """A person who signs in; the role decides what they may do."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=32, unique=True)
    display_name: str = Field(default="", max_length=32)
    role: str = Field(default="entry", max_length=16)  # entry 录入员 / reviewer 审核员 / admin 管理员
    password_hash: str | None = Field(default=None, max_length=256)
    failed_attempts: int = 0
    locked_until: datetime | None = None
    active: bool = True
    created_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """One field-level change, written in the same transaction as the change and chained by hash."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    user_name: str = Field(max_length=64)
    action: str = Field(max_length=16)  # create / update / delete / status
    entity: str = Field(max_length=32)
    entity_id: int
    record_label: str = Field(default="", max_length=200)
    field: str = Field(default="", max_length=64)
    old: str | None = None
    new: str | None = None
    reason: str = Field(default="", max_length=500)
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)


# ---------------------------------------------------------------- review, checks and submission


class AuditHead(SQLModel, table=True):
    """The chain's last hash and length, updated with every audit write (one row, id 1).

    The chain alone cannot show that its *last* entries were deleted; comparing it with this row can. Writers
    lock the row (SELECT … FOR UPDATE on PostgreSQL; SQLite's write lock serialises them anyway), so two
    concurrent transactions cannot both append after the same hash and fork the chain.
    """

    __tablename__ = "audit_head"

    id: int | None = Field(default=None, primary_key=True)
    last_hash: str = Field(default="", max_length=64)
    entries: int = 0
    updated_at: datetime | None = None


class ReviewExplanation(SQLModel, table=True):
    """The written explanation (说明) that lets a 核实 finding stand, for the exact values it explains.

    ``values_key`` is the canonical text of the values the officer explained: when a value changes, the old
    explanation no longer matches and the finding needs a new one.
    """

    __tablename__ = "review_explanation"
    __table_args__ = (
        UniqueConstraint("rule_id", "entity", "entity_id", "field"),
        Index("ix_review_explanation_record", "entity", "entity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rule_id: str = Field(max_length=32)
    entity: str = Field(max_length=32)
    entity_id: int
    field: str = Field(default="", max_length=64)
    values_key: str = Field(max_length=1000)
    text: str = Field(max_length=1000)
    created_by: str = Field(max_length=64)
    created_at: datetime


class CreditCodeException(SQLModel, table=True):
    """One exact credit code an administrator accepts although it fails its check character (早期发放的代码)."""

    __tablename__ = "credit_code_exception"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=18, unique=True)
    reason: str = Field(max_length=500)
    created_by: str = Field(max_length=64)
    created_at: datetime


class Submission(SQLModel, table=True):
    """One 上报: a year and scope, frozen as a snapshot whose SHA-256 is recorded here."""

    __tablename__ = "submission"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    scope: str = Field(default="all", max_length=16)
    submitted_by: str = Field(max_length=64)
    submitted_at: datetime
    content_hash: str = Field(max_length=64)
    record_count: int = 0
    workbook: str = Field(default="", max_length=260)
    note: str = Field(default="", max_length=500)
    # The audit chain as the snapshot saw it (entries, last hash): also on the workbook's cover (migration 0009).
    chain_entries: int | None = None
    chain_hash: str | None = Field(default=None, max_length=64)


class SubmissionRecord(SQLModel, table=True):
    """One record as it was submitted (canonical JSON of its fields), for "submitted vs now"."""

    __tablename__ = "submission_record"
    __table_args__ = (UniqueConstraint("submission_id", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(sa_column=_parent_fk("submission"))
    entity: str = Field(max_length=32)
    entity_id: int
    label: str = Field(default="", max_length=200)
    content: str


class MeetingPack(SQLModel, table=True):
    """One exported meeting pack (会议材料), kept as a snapshot so the next pack can show what changed since."""

    __tablename__ = "meeting_pack"

    id: int | None = Field(default=None, primary_key=True)
    year: int
    title: str = Field(default="", max_length=200)
    created_by: str = Field(max_length=64)
    created_at: datetime = Field(index=True)
    content_hash: str = Field(max_length=64)
    record_count: int = 0
    workbook: str = Field(default="", max_length=260)
    chain_entries: int | None = None  # the audit chain as the pack's snapshot saw it (see Submission)
    chain_hash: str | None = Field(default=None, max_length=64)


class MeetingPackRecord(SQLModel, table=True):
    """One record as a meeting pack showed it (canonical JSON of its fields, as a submission keeps them)."""

    __tablename__ = "meeting_pack_record"
    __table_args__ = (UniqueConstraint("pack_id", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    pack_id: int = Field(sa_column=_parent_fk("meeting_pack"))
    entity: str = Field(max_length=32)
    entity_id: int
    label: str = Field(default="", max_length=200)
    content: str


# ---------------------------------------------------------------- derived columns


@event.listens_for(Enterprise, "before_insert")
@event.listens_for(Enterprise, "before_update")
def _keep_name_key(_mapper, _connection, target: Enterprise) -> None:
    """ORM writes keep ``name_key`` in step with ``name``; Core bulk writes set it themselves."""
    target.name_key = name_key(target.name)
