"""Export exactly what a list shows: the rows of a :class:`ListQuery`, in its order, with the shown columns.

The list pages are read with the listing's own keyset paging (``fetch`` with ``after``), so a 100,000-row
filtered list exports with the memory of one page, and the file holds the same rows the officer was looking at.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from jjdesk.services import listing as lst
from jjdesk.services.excel_export import ExportResult, write_list
from jjdesk.services.excel_style import BOOL, COUNT, DATE, DATETIME, MULTI, TEXT, WAN, Column, SheetMeta
from jjdesk.services.progress import CancelFn, ProgressFn
from jjdesk.services.validation import ENTERPRISE_FIELDS, INITIATIVE_FIELDS
from jjdesk.services.vocab import REVIEW_STATUS, label_of
from jjdesk.store.engine import Database

PAGE = 2000
_HEADERS = {**{s.name: s.label for s in INITIATIVE_FIELDS}, **{s.name: s.label for s in ENTERPRISE_FIELDS},
            "review_status": "审核状态", "updated_at": "更新时间", "created_at": "创建时间"}
_MONEY_KEYS = frozenset({"export_value", "funds"})  # both stored in 万元
_KIND = {lst.TEXT: TEXT, lst.DATE: DATE, lst.DATETIME: DATETIME, lst.TAGS: MULTI, lst.BOOL: BOOL,
         lst.INT: COUNT, lst.STATUS: TEXT}
_TITLES = {"企业": "外综服平台入驻企业名单", "工作举措": "数字经济工作举措一览表"}


def column_for(spec: lst.ColumnSpec, header: str | None = None) -> Column:
    """The export column of a list column: Chinese header, number format by kind, 万元 for money."""
    title = header or _HEADERS.get(spec.key, spec.key)
    if spec.kind == lst.DECIMAL:
        money = spec.key in _MONEY_KEYS
        return Column(spec.key, title, WAN if money else "number", unit="万元" if money else "", total=money)
    if spec.kind == lst.STATUS:
        return Column(spec.key, title, TEXT, convert=lambda c: label_of(REVIEW_STATUS, c))
    return Column(spec.key, title, _KIND[spec.kind])


def listing_rows(db: Database, listing: lst.Listing, query: lst.ListQuery, total: int,
                 page: int = PAGE) -> Iterator[tuple[Any, ...]]:
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


def export_listing(db: Database, path: Path | str, listing: lst.Listing, query: lst.ListQuery, *,
                   headers: Mapping[str, str] | None = None, keys: Sequence[str] | None = None,
                   meta: SheetMeta | None = None, progress: ProgressFn | None = None,
                   should_cancel: CancelFn | None = None) -> ExportResult:
    """Write the rows of ``query`` with the listing's columns (``keys``: the shown ones, in shown order).

    ``headers`` overrides the Chinese header of a key (the UI passes the texts its header shows).
    """
    specs = list(listing.columns)
    if keys is not None:
        by_key = {c.key: c for c in specs}
        specs = [by_key[k] for k in keys]
    columns = [column_for(c, (headers or {}).get(c.key)) for c in specs]
    positions = [listing.keys.index(c.key) for c in specs]
    total = listing.count(db, query)
    rows = (tuple(r[i] for i in positions) for r in listing_rows(db, listing, query, total))
    meta = meta or SheetMeta(_TITLES.get(listing.name, f"{listing.name}列表"),
                             unit="万元" if any(c.kind == WAN for c in columns) else "")
    return write_list(path, columns, rows, meta, sheet_name=listing.name, total=total, progress=progress,
                      should_cancel=should_cancel)
