"""List views as data: which columns a family's list shows, which filters it takes, and the queries behind it.

The UI's one generic table model is driven by a :class:`Listing`: it asks for the number of rows matching a
:class:`ListQuery` and then for pages of rows at an offset, never for everything — so a list of 1,000,000
enterprises opens as fast as one of 300. Search, filters and sorting all become SQL (``jjdesk.store.listing``);
this module decides what is allowed, checks what the officer asked for, and returns typed values (Decimal,
date, list of tags, status code) that the clients format.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from jjdesk.services.core import fields
from jjdesk.services.core.fields import half_width, parse_date
from jjdesk.services.core.vocab import (
    CHANNELS,
    ENTERPRISE_TYPES,
    INITIATIVE_CATEGORIES,
    INITIATIVE_STATUSES,
    REVIEW_STATUS,
    SERVICES,
    code_of,
)
from jjdesk.services.families.enterprise import ENTERPRISE_FAMILY
from jjdesk.services.families.field import Family
from jjdesk.services.families.initiative import INITIATIVE_FAMILY
from jjdesk.store import listing as sql
from jjdesk.store.engine import Database

# Column kinds: how a value is typed and shown.
TEXT, DECIMAL, DATE, DATETIME, TAGS, STATUS, BOOL, INT = (
    "text",
    "decimal",
    "date",
    "datetime",
    "tags",
    "status",
    "bool",
    "int",
)
KINDS = frozenset({TEXT, DECIMAL, DATE, DATETIME, TAGS, STATUS, BOOL, INT})


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a list: the record field it shows, its kind, and whether a header click sorts by it."""

    key: str
    kind: str = TEXT
    sortable: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


class Filters(Mapping[str, Any]):
    """An immutable, hashable mapping of filter values, so equal queries compare and hash equal.

    Lists and sets become tuples; empty values (None, "", empty lists) are dropped, because "no filter on
    cluster" and "cluster filter set to nothing" are the same request.
    """

    __slots__ = ("_hash", "_items")

    def __init__(self, values: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()) -> None:
        pairs = values.items() if isinstance(values, Mapping) else values
        items = {k: _frozen(v) for k, v in pairs if not _empty(v)}
        self._items = dict(sorted(items.items()))
        self._hash = hash(tuple(self._items.items()))

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._items == dict(other.items())

    def __repr__(self) -> str:
        return f"Filters({self._items!r})"


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple, set, frozenset)) and not value)


def _frozen(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(value))
    return value


@dataclass(frozen=True)
class ListQuery:
    """What the officer asked the list for: search text, filters by key, and the sort column.

    Immutable and hashable; derive a changed query with :meth:`replace` (the model compares queries to know
    whether anything changed).
    """

    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=Filters)
    sort_key: str | None = None
    descending: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.filters, Filters):
            object.__setattr__(self, "filters", Filters(self.filters))

    def replace(self, **changes: Any) -> ListQuery:
        """A copy with some fields changed (``query.replace(search="光电")``)."""
        return replace(self, **changes)


def search_terms(text: str) -> tuple[str, ...]:
    """Split search text into terms that must all occur: full-width characters typed with an IME become
    ASCII (ＡＢ１ → AB1) and control characters are dropped."""
    clean = "".join(ch for ch in half_width(text or "") if unicodedata.category(ch)[0] != "C")
    return tuple(dict.fromkeys(clean.split()))


# ---------------------------------------------------------------- filters


@dataclass(frozen=True)
class FilterSpec:
    """A filter a list accepts: ``choices`` (one or several of ``options``; any word when ``open``), a ``date``,
    a ``status`` (review-status codes or their labels) or a ``bool``."""

    key: str
    kind: str
    options: tuple[str, ...] = ()
    open: bool = False

    def clean(self, value: Any) -> Any:
        """The value as the store expects it, or ValueError naming the filter."""
        if self.kind == "date":
            try:
                return parse_date(value)
            except Exception as exc:  # parse_date raises its own refusal type; callers want ValueError
                raise ValueError(f"筛选条件 {self.key}：{exc}") from None
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError(f"筛选条件 {self.key} 应为是或否")
            return value
        values = (value,) if isinstance(value, str) else tuple(value)
        if not all(isinstance(v, str) for v in values):
            raise ValueError(f"筛选条件 {self.key} 应为文字")
        if self.kind == "status":
            codes = tuple(code_of(REVIEW_STATUS, v) for v in values)
            if None in codes:
                raise ValueError(f"筛选条件 {self.key}：未知的审核状态 {values}")
            return codes
        if not self.open:
            unknown = [v for v in values if v not in self.options]
            if unknown:
                raise ValueError(f"筛选条件 {self.key}：“{'、'.join(unknown)}”不是可选项")
        return values


# ---------------------------------------------------------------- listings


@dataclass(frozen=True)
class Listing:
    """The list of one record family: its columns and filters, and count/fetch/ids over a :class:`ListQuery`."""

    name: str
    columns: tuple[ColumnSpec, ...]
    filters: tuple[FilterSpec, ...]
    source: sql.Source
    tag_order: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The store maps the same keys to SQL; a column or filter only one side knows is a programming error.
        for col in self.columns:
            known = col.key in self.source.columns or col.key in self.source.tags
            assert known, f"{self.name}: no SQL for column {col.key}"
            assert not (col.sortable and col.key in self.source.tags), f"{self.name}: tags are not sortable"
        assert {f.key for f in self.filters} == set(self.source.filters), f"{self.name}: filters differ from SQL"

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def column(self, key: str) -> ColumnSpec:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def filter(self, key: str) -> FilterSpec:
        for spec in self.filters:
            if spec.key == key:
                return spec
        raise ValueError(f"“{key}”不是{self.name}列表的筛选条件")

    def check(self, query: ListQuery) -> sql.Request:
        """Validate a query (unknown filter, bad value, unsortable column → ValueError) into the store's form."""
        filters = {key: self.filter(key).clean(value) for key, value in query.filters.items()}
        if query.sort_key is not None:
            try:
                sortable = self.column(query.sort_key).sortable
            except KeyError:
                sortable = False
            if not sortable:
                raise ValueError(f"不能按“{query.sort_key}”排序")
        return sql.Request(search_terms(query.search), filters, query.sort_key, query.descending)

    def count(self, db: Database, query: ListQuery) -> int:
        """How many records match the query's search and filters."""
        request = self.check(query)
        with db.session() as s:
            return sql.count(s, self.source, request)

    def fetch(
        self,
        db: Database,
        query: ListQuery,
        offset: int,
        limit: int,
        *,
        total: int | None = None,
        after: tuple[Any, int] | None = None,
    ) -> list[tuple]:
        """Rows ``offset`` to ``offset+limit-1`` in the query's order: ``(id, value per column…)``.

        ``total`` (the known count) and ``after`` (the sort value and id of the row before ``offset``, see
        :meth:`anchor`) only make the query cheaper; the rows are the same.
        """
        request = self.check(query)
        with db.session() as s:
            rows = sql.page(s, self.source, self.keys, request, offset, limit, total=total, after=after)
        return self._ordered_tags(rows)

    def snapshot(self, db: Database, query: ListQuery, limit: int) -> tuple[int, list[tuple]]:
        """The count and the first ``limit`` rows read in one transaction, so they agree with each other."""
        request = self.check(query)
        with db.session() as s:
            prepared = sql.prepare(s, self.source, request)
            if request.sort is None:
                # In id order the first page is cheap without the count, and a short page *is* the count:
                # a narrow search skips counting altogether.
                rows = sql.page(s, self.source, self.keys, request, 0, limit, prepared=prepared)
                total = len(rows) if len(rows) < limit else sql.count(s, self.source, request, prepared)
            else:
                # A sorted, narrowed list picks its plan from the count (store.listing._ordered): count first.
                total = sql.count(s, self.source, request, prepared)
                rows = (
                    sql.page(s, self.source, self.keys, request, 0, limit, total=total, prepared=prepared)
                    if total
                    else []
                )
        return total, self._ordered_tags(rows)

    def ids(self, db: Database, query: ListQuery) -> list[int]:
        """Every matching record id, in the query's order (for bulk actions and export)."""
        request = self.check(query)
        with db.session() as s:
            return sql.ids(s, self.source, request)

    def values(self, db: Database, key: str) -> list[Any]:
        """The values a column holds now, sorted: the options of an open filter such as lead_department
        (departments are typed, so only the ledger knows them)."""
        self.filter(key)  # only filters offer choices
        with db.session() as s:
            return sql.distinct(s, self.source, key)

    def anchor(self, query: ListQuery, row: tuple) -> tuple[Any, int]:
        """The keyset anchor of a fetched row: its sort value and id (pass as ``after`` for the next page)."""
        if query.sort_key is None:
            return (None, row[0])
        return (row[1 + self.keys.index(query.sort_key)], row[0])

    def _ordered_tags(self, rows: list[tuple]) -> list[tuple]:
        """Tags come back in key order; officers expect the vocabulary's order (通关 before 退税), then others."""
        if not self.tag_order or not rows:
            return rows
        positions = [(1 + i, self.tag_order[k]) for i, k in enumerate(self.keys) if k in self.tag_order]
        out = []
        for row in rows:
            values = list(row)
            for i, vocab in positions:
                tags = values[i]
                if len(tags) > 1:
                    present = set(tags)
                    known = [v for v in vocab if v in present]
                    values[i] = known + sorted(present.difference(known)) if len(known) < len(present) else known
            out.append(tuple(values))
        return out


_REVIEW = FilterSpec("review_status", "status")
_DEMO = FilterSpec("is_demo", "bool")

_LIST_KIND = {fields.DATE: DATE, fields.DECIMAL: DECIMAL, fields.MULTI: TAGS, fields.BOOL: BOOL, fields.INT: INT}


def family_columns(family: Family, *, last_change: bool = True) -> tuple[ColumnSpec, ...]:
    """The list columns a family declares (``Field.listed``), then its review state (and last change)."""
    declared = (ColumnSpec(f.name, _LIST_KIND.get(f.spec.kind, TEXT), f.sortable) for f in family.listed())
    tail = (ColumnSpec("updated_at", DATETIME),) if last_change else ()
    return (*declared, ColumnSpec("review_status", STATUS), *tail)


ENTERPRISE_LISTING = Listing(
    name="企业",
    columns=family_columns(ENTERPRISE_FAMILY),
    filters=(
        FilterSpec("enterprise_type", "choices", ENTERPRISE_TYPES),
        FilterSpec("cluster", "choices", open=True),  # clusters are an open vocabulary (locally named ones)
        FilterSpec("service", "choices", SERVICES),
        FilterSpec("join_from", "date"),
        FilterSpec("join_to", "date"),
        _REVIEW,
        _DEMO,
    ),
    source=sql.ENTERPRISES,
    tag_order={"services": SERVICES, "channels": CHANNELS},
)

INITIATIVE_LISTING = Listing(
    name="工作举措",
    columns=family_columns(INITIATIVE_FAMILY, last_change=False),
    filters=(
        FilterSpec("category", "choices", INITIATIVE_CATEGORIES),
        FilterSpec("status", "choices", INITIATIVE_STATUSES),
        FilterSpec("lead_department", "choices", open=True),  # departments are typed, not picked from a list
        FilterSpec("overdue_on", "date"),  # has a milestone overdue on this day (store.overdue)
        _REVIEW,
        _DEMO,
    ),
    source=sql.INITIATIVES,
)
