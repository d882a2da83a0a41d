"""Export exactly what a list shows: the rows of a :class:`ListQuery`, in its order, with the shown columns.

The list pages are read with the listing's own keyset paging (``fetch`` with ``after``), so a 100,000-row
filtered list exports with the memory of one page, and the file holds the same rows the officer was looking at.

Row 2 says what the file is, as the command line's exports do: 填报单位 (the officer's setting), 报告期 (the
day of the export) and, for a filtered list, the filter (筛选：企业类型=三资企业；搜索“台州”) — a printed list
that leaves out records must say so. Each listing heads its columns with its own form's labels (举措名称, not
企业名称). A list of initiatives also gets the 里程碑 and 目标指标 sheets of the listed initiatives, as the full
initiatives export has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from jjdesk.services.core.progress import CancelFn, ProgressFn
from jjdesk.services.core.vocab import REVIEW_STATUS, label_of
from jjdesk.services.excel.style import BOOL, COUNT, DATE, DATETIME, MULTI, TEXT, WAN, Column, SheetMeta
from jjdesk.services.excel.writer import ExportResult, today_period, write_list
from jjdesk.services.exports.lists import initiative_detail_parts, write_parts
from jjdesk.services.families.field import is_money
from jjdesk.services.records import listing as lst
from jjdesk.services.records.validation import ENTERPRISE_FIELDS, INITIATIVE_FIELDS
from jjdesk.store.engine import Database

PAGE = 2000
_COMMON = {"review_status": "审核状态", "updated_at": "更新时间", "created_at": "创建时间"}
_HEADERS = {
    lst.ENTERPRISE_LISTING.name: {**{s.name: s.label for s in ENTERPRISE_FIELDS}, **_COMMON},
    lst.INITIATIVE_LISTING.name: {**{s.name: s.label for s in INITIATIVE_FIELDS}, **_COMMON},
}
_MONEY_KEYS = frozenset(s.name for s in (*ENTERPRISE_FIELDS, *INITIATIVE_FIELDS) if is_money(s))  # in 万元
_KIND = {
    lst.TEXT: TEXT,
    lst.DATE: DATE,
    lst.DATETIME: DATETIME,
    lst.TAGS: MULTI,
    lst.BOOL: BOOL,
    lst.INT: COUNT,
    lst.STATUS: TEXT,
}
_TITLES = {"企业": "外综服平台入驻企业名单", "工作举措": "数字经济工作举措一览表"}
# How row 2 names a filter (the filter bar's own words); a date range reads 入驻日期≥2021-01-01.
FILTER_LABELS = {
    "enterprise_type": "企业类型",
    "cluster": "产业集群",
    "service": "使用服务",
    "join_from": "入驻日期≥",
    "join_to": "入驻日期≤",
    "review_status": "审核状态",
    "is_demo": "演示数据",
    "category": "类别",
    "status": "进展状态",
    "lead_department": "牵头单位",
    "overdue_on": "逾期节点截至",
}


def column_for(spec: lst.ColumnSpec, header: str | None = None, listing: str = "企业") -> Column:
    """The export column of a list column: the listing's own Chinese header, number format by kind, 万元 for
    money."""
    title = header or _HEADERS.get(listing, _COMMON).get(spec.key, spec.key)
    if spec.kind == lst.DECIMAL:
        money = spec.key in _MONEY_KEYS
        return Column(spec.key, title, WAN if money else "number", unit="万元" if money else "", total=money)
    if spec.kind == lst.STATUS:
        return Column(spec.key, title, TEXT, convert=lambda c: label_of(REVIEW_STATUS, c))
    return Column(spec.key, title, _KIND[spec.kind])


def _shown_filter_value(key: str, value: Any) -> str:
    values = value if isinstance(value, tuple | list) else (value,)
    out = []
    for v in values:
        if isinstance(v, bool):
            out.append("是" if v else "否")
        elif isinstance(v, date):
            out.append(v.isoformat())
        elif key == "review_status":
            out.append(label_of(REVIEW_STATUS, v))
        else:
            out.append(str(v))
    return "、".join(out)


def describe_query(query: lst.ListQuery) -> str:
    """The filter and search of a list in words for row 2 (筛选：企业类型=三资企业；搜索“台州”); "" when the list
    is not filtered."""
    parts = []
    order = list(FILTER_LABELS)  # the filter bar's order, not the alphabetical one of the query's keys
    for key, value in sorted(
        query.filters.items(), key=lambda kv: (kv[0] not in order, order.index(kv[0]) if kv[0] in order else 0, kv[0])
    ):
        label = FILTER_LABELS.get(key, key)
        sep = "" if label.endswith(("≥", "≤")) else "="
        parts.append(f"{label}{sep}{_shown_filter_value(key, value)}")
    if query.search.strip():
        parts.append(f"搜索“{query.search.strip()}”")
    return "筛选：" + "；".join(parts) if parts else ""


def listing_rows(
    db: Database, listing: lst.Listing, query: lst.ListQuery, total: int, page: int = PAGE
) -> Iterator[tuple[Any, ...]]:
    """Every row of the query in its order, without the leading id, one page at a time."""
    offset, after = 0, None
    while offset < total:
        rows = listing.fetch(db, query, offset, page, total=total, after=after)
        if not rows:
            return
        for row in rows:
            yield row[1:]
        offset += len(rows)
        after = listing.anchor(query, rows[-1])


def export_listing(
    db: Database,
    path: Path | str,
    listing: lst.Listing,
    query: lst.ListQuery,
    *,
    headers: Mapping[str, str] | None = None,
    keys: Sequence[str] | None = None,
    meta: SheetMeta | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    reporting_unit: str | None = None,
    today: date | None = None,
) -> ExportResult:
    """Write the rows of ``query`` with the listing's columns (``keys``: the shown ones, in shown order).

    ``headers`` overrides the Chinese header of a key (the UI passes the texts its header shows);
    ``reporting_unit`` is the 填报单位 of row 2 (None: the default). A list of initiatives adds the 里程碑 and
    目标指标 sheets of exactly the listed initiatives, in the list's order.
    """
    specs = list(listing.columns)
    if keys is not None:
        by_key = {c.key: c for c in specs}
        specs = [by_key[k] for k in keys]
    columns = [column_for(c, (headers or {}).get(c.key), listing.name) for c in specs]
    positions = [listing.keys.index(c.key) for c in specs]
    total = listing.count(db, query)
    rows = (tuple(r[i] for i in positions) for r in listing_rows(db, listing, query, total))
    today = today or date.today()
    filtered = describe_query(query)
    meta = meta or SheetMeta(
        _TITLES.get(listing.name, f"{listing.name}列表"),
        period=today_period(today),
        unit="万元" if any(c.kind == WAN for c in columns) else "",
        notes=(filtered,) if filtered else (),
    )
    more = None
    if listing.name == lst.INITIATIVE_LISTING.name:
        ids = listing.ids(db, query)

        def more(wb, styles, ticker):
            return write_parts(wb, styles, initiative_detail_parts(db, today, ids), meta.period, ticker)

    return write_list(
        path,
        columns,
        rows,
        meta,
        sheet_name=listing.name,
        total=total,
        progress=progress,
        should_cancel=should_cancel,
        reporting_unit=reporting_unit,
        more_sheets=more,
    )
