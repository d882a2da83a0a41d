"""Import yearly statistics from .xlsx or .csv, in either layout jjdesk exports.

- **Long**: one figure per row — 年份, 指标 (or 指标代码), 单位, 数值, 增速(%) [, 数据性质, 数据来源, 备注].
- **Wide**: indicators down, years across — 指标 (or 指标代码), 单位, then ``2020年`` (value) and
  ``2020年增速(%)`` (reported growth) per year.

Indicators are found by code, else by name, in the catalogue (an import never invents an indicator). A stated
unit must be the catalogue's unit: nothing is converted (万元/亿元 mix-ups are the classic error). Values are
checked with ``validation.check_stat_value`` — the indicator's decimals, growth ≥ −100 — and written through
``statistics.set_many`` in one transaction: revisions are kept, a 最终核实 figure changes only with a reason,
a submitted year is refused, and figures equal to the stored ones are left alone.

A header the words do not recognise is mapped by the officer (``stat_mapping``): ``mapping=`` replaces the header
matching, for either layout. A unit stated in a figure column's header (数值（亿元）, 2020年(万元)) is checked
against each indicator's unit just like a 单位 column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jjdesk.services import stat_mapping, statistics
from jjdesk.services.actor import Actor
from jjdesk.services.audit import diff
from jjdesk.services.errors import ValidationFailed
from jjdesk.services.file_safety import DEFAULT_LIMITS, Limits
from jjdesk.services.headers import stat_columns
from jjdesk.services.import_common import (
    ImportRefused,
    ImportResult,
    RowError,
    find_header,
    header_texts,
    is_blank_row,
    is_total_row,
    padded,
)
from jjdesk.services.progress import CancelFn, ProgressFn, Ticker
from jjdesk.services.records import EDITABLE_STATES
from jjdesk.services.table_reader import Sheet, cell_text, cell_value, read_sheets
from jjdesk.services.validation import check_stat_value, check_year
from jjdesk.services.vocab import REVIEW_STATUS, VALUE_BASIS, code_of
from jjdesk.store.engine import Database

LONG, WIDE = stat_mapping.LONG, stat_mapping.WIDE


def _score(texts: list[str]) -> int:
    named, years = stat_columns(texts)
    if "name" not in named and "code" not in named:
        return 0
    if {"year", "value"} <= named.keys():
        return 10 + len(named)
    return 10 + len(years) if years else 0


@dataclass
class StatPreview:
    """Entries ready for ``statistics.set_many`` and every problem found, by row and column."""

    path: Path
    sheet: Sheet
    layout: str
    header_row: int
    header: list[str] = field(default_factory=list)
    mapping: dict[int, str] = field(default_factory=dict)  # column → field as read (``stat_mapping`` terms)
    entries: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changed: int = 0
    unchanged: int = 0
    rows: int = 0


def _clean_name(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().strip("　")


def preview_statistics(db: Database, path: Path | str, *, sheet: str | None = None, reason: str = "",
                       mapping: Mapping[int, str] | None = None, layout: str | None = None,
                       limits: Limits = DEFAULT_LIMITS, progress: ProgressFn | None = None,
                       should_cancel: CancelFn | None = None) -> StatPreview:
    """Read and check a statistics file without writing (first sheet with a recognised header, or ``sheet``).

    ``mapping`` (0-based column → ``stat_mapping`` field, e.g. from the UI's mapping dialog; ``layout`` long or
    wide, else inferred) replaces the header matching; a mapping with a problem is refused (``ImportRefused``)
    before anything is read. Without a recognised header the mapped header is ``stat_mapping.mapping_header_row``.
    """
    p = Path(path)
    if mapping is not None:
        layout = stat_mapping.check_mapping(mapping, layout)
    ticker = Ticker(progress, should_cancel)
    ticker.check()
    sheets = read_sheets(p, limits)
    if sheet is not None:
        sheets = [s for s in sheets if s.name == sheet]
        if not sheets:
            raise ImportRefused(f"“{p.name}”中没有名为“{sheet}”的工作表。")
    found = next((f for s in sheets if (f := find_header([s], _score)) is not None), None)
    if found is None and mapping is not None:
        index = stat_mapping.mapping_header_row(sheets[0])
        if index is None:
            raise ImportRefused(f"“{p.name}”的工作表“{sheets[0].name}”是空的，没有可导入的内容。")
        found = (sheets[0], index, header_texts(sheets[0].rows[index]))
    if found is None:
        raise ImportRefused(f"“{p.name}”中没有找到统计数据的表头：长表应含 年份、指标、数值 列，"
                            "宽表应含 指标 列和“2020年”这样的年份列。")
    src, header_idx, texts = found
    if mapping is not None:
        outside = sorted(c for c, f in mapping.items() if f and not 0 <= c < len(texts))
        if outside:
            raise ImportRefused(f"工作表“{src.name}”第{header_idx + 1}行的表头只有{len(texts)}列，没有"
                                f"{'、'.join(f'第{c + 1}列' for c in outside)}；未读取文件。")
        named, years = stat_mapping.split_mapping(mapping)
    else:
        named, years = stat_columns(texts)
        layout = LONG if {"year", "value"} <= named.keys() else WIDE
    if layout == LONG:
        years = {}
    as_mapping = {c: f for f, c in named.items()} | {c: stat_mapping.year_field(y, k) for c, (y, k) in years.items()}
    pv = StatPreview(p, src, layout, header_idx + 1, texts, dict(sorted(as_mapping.items())), notes=list(src.notes))
    pv.notes.append(f"读取工作表“{src.name}”（{stat_mapping.LAYOUT_LABELS[layout]}）")
    if mapping is not None:
        pv.notes += [f"{RowError(None, c, t, '没有选择对应的内容，不导入')}" for c, t in enumerate(texts)
                     if t and c not in as_mapping]
    catalogue = statistics.catalogue(db)
    by_code = {c["code"]: c for c in catalogue}
    by_name: dict[str, list[dict]] = {}
    for c in catalogue:
        by_name.setdefault(c["name"], []).append(c)
    stored = {(r["code"], y): v for r in statistics.year_grid(db) for y, v in r["values"].items()}
    locked = {y["year"]: y["review_status"] for y in statistics.years(db)
              if y["review_status"] not in EDITABLE_STATES}
    data = src.rows[header_idx + 1:]
    ticker.total = len(data)
    width = len(texts)
    known_units = {c["unit"] for c in catalogue if c["unit"]}
    header_units = {c: u for c, f in as_mapping.items() if f == "value" or f.startswith("value:")
                    if (u := stat_mapping.stated_unit(texts[c], known_units))}
    seen: dict[tuple[str, int], int] = {}
    key_cols = [named[k] for k in ("name", "code") if k in named]
    if layout == WIDE:
        for col, (y, _kind) in years.items():
            try:
                check_year(y)
            except ValidationFailed as exc:
                pv.errors.append(RowError(None, col, texts[col], exc.errors[0].message))
    for offset, cells in enumerate(data):
        ticker.step()
        number = header_idx + 2 + offset
        if is_blank_row(cells) or is_total_row(cells, key_cols):
            continue
        cells = padded(cells, width)
        pv.rows += 1
        ind = _indicator(cells, named, texts, number, by_code, by_name, pv.errors)
        if ind is None:
            continue
        if "unit" in named and (unit := _clean_name(cell_text(cells[named["unit"]]))) and unit != ind["unit"]:
            col = named["unit"]
            pv.errors.append(RowError(number, col, texts[col], f"单位为“{unit}”，而指标“{ind['name']}”以"
                                      f"“{ind['unit'] or '无单位'}”计量；系统不会自动换算，请换算后再导入"))
            continue
        for year, values, columns in _figures(cells, named, years, texts, number, pv.errors):
            col = columns.get("value")
            if col in header_units and header_units[col] != ind["unit"] and cell_text(values["value"]).strip():
                pv.errors.append(RowError(number, col, texts[col], f"列标题中的单位为“{header_units[col]}”，而指标"
                                          f"“{ind['name']}”以“{ind['unit'] or '无单位'}”计量；系统不会自动换算，"
                                          "请换算后再导入"))
                continue
            where = (ind["code"], year)
            if where in seen:
                pv.errors.append(RowError(number, columns.get("value"), "", f"{year}年“{ind['name']}”与第"
                                          f"{seen[where]}行重复"))
                continue
            seen[where] = number
            try:
                clean = check_stat_value(values, ind["decimals"], ind["unit"])
            except ValidationFailed as exc:
                pv.errors += [RowError(number, columns.get(e.field), texts[columns[e.field]] if e.field in columns
                                       else e.label, e.message) for e in exc.errors]
                continue
            old = stored.get(where)
            if old is not None and not diff(old, clean):
                pv.unchanged += 1
                continue
            problem = _change_problem(year, ind, old, clean, locked, reason)
            if problem:
                pv.errors.append(RowError(number, columns.get("value"), "", problem))
                continue
            pv.changed += 1
            pv.entries.append((ind["code"], year, clean))
    ticker.report()
    return pv


def _indicator(cells: list[Any], named: Mapping[str, int], texts: list[str], number: int,
               by_code: Mapping[str, dict], by_name: Mapping[str, list[dict]], errors: list[RowError]):
    code = cell_text(cells[named["code"]]).strip() if "code" in named else ""
    name = _clean_name(cell_text(cells[named["name"]])) if "name" in named else ""
    if code:
        if code in by_code:
            return by_code[code]
        errors.append(RowError(number, named["code"], texts[named["code"]], f"指标代码“{code}”不在指标目录中"))
        return None
    matches = by_name.get(name, [])
    if len(matches) == 1:
        return matches[0]
    col = named.get("name", named.get("code"))
    message = (f"“{name}”对应多个指标，请填写指标代码" if matches else
               f"指标“{name}”不在指标目录中（请先在指标目录中添加，或填写指标代码）" if name else "没有填写指标")
    errors.append(RowError(number, col, texts[col] if col is not None else "", message))
    return None


def _figures(cells, named, years, texts, number, errors):
    """(year, raw values, field → column) of each figure a row holds; rows without any figure give none."""
    if years and "year" not in named:
        per_year: dict[int, dict[str, int]] = {}
        for col, (y, kind) in years.items():
            per_year.setdefault(y, {})[kind] = col
        for y, cols in sorted(per_year.items()):
            values = {k: cell_value(cells[c]) for k, c in cols.items()}
            if all(cell_text(v).strip() == "" for v in values.values()):
                continue
            yield y, values, cols
        return
    cols = {k: named[k] for k in ("value", "growth", "basis", "source", "note") if k in named}
    values = {k: cell_value(cells[c]) if k in ("value", "growth") else cell_text(cells[c]).strip()
              for k, c in cols.items()}
    if all(cell_text(values.get(k, "")).strip() == "" for k in ("value", "growth")):
        return
    if values.get("basis"):
        values["basis"] = code_of(VALUE_BASIS, values["basis"]) or values["basis"]
    try:
        year = check_year(cell_text(cells[named["year"]]))
    except ValidationFailed as exc:
        errors.append(RowError(number, named["year"], texts[named["year"]], exc.errors[0].message))
        return
    yield year, values, cols


def _change_problem(year: int, ind: Mapping[str, Any], old: Mapping[str, Any] | None, clean: Mapping[str, Any],
                    locked: Mapping[int, str], reason: str) -> str:
    if year in locked:
        state = REVIEW_STATUS.get(locked[year], locked[year])
        return f"{year}年统计当前为“{state}”状态，不能通过导入修改“{ind['name']}”"
    figures = {k: v for k, v in clean.items() if k in ("value", "growth", "basis")}
    if old is not None and old.get("basis") == "final" and diff(old, figures) and not reason.strip():
        return f"{year}年“{ind['name']}”已是最终核实数，修改须填写原因（--reason）"
    return ""


def import_statistics(db: Database, actor: Actor, path: Path | str, *, dry_run: bool = False, reason: str = "",
                      sheet: str | None = None, mapping: Mapping[int, str] | None = None, layout: str | None = None,
                      limits: Limits = DEFAULT_LIMITS, progress: ProgressFn | None = None,
                      should_cancel: CancelFn | None = None) -> tuple[ImportResult, StatPreview]:
    """Preview (with ``mapping``/``layout`` as :func:`preview_statistics`) and, unless ``dry_run`` or any error,
    write all figures in one transaction."""
    pv = preview_statistics(db, path, sheet=sheet, reason=reason, mapping=mapping, layout=layout, limits=limits,
                            progress=progress, should_cancel=should_cancel)
    result = ImportResult("statistics", str(pv.path), pv.sheet.name, pv.rows, errors=list(pv.errors),
                          notes=pv.notes, dry_run=dry_run, unchanged=pv.unchanged)
    if result.errors:
        return result, pv
    if dry_run:
        result.updated = pv.changed  # created and revised are told apart when written
        return result, pv
    if should_cancel is not None and should_cancel():
        from jjdesk.services.progress import Cancelled

        raise Cancelled()
    counts = statistics.set_many(db, actor, pv.entries, reason)
    result.created, result.updated = counts["created"], counts["updated"]
    result.unchanged += counts["unchanged"]
    result.written = True
    return result, pv
