"""Import yearly statistics from .xlsx or .csv, in either layout jjdesk exports.

- **Long**: one figure per row — 年份, 指标 (or 指标代码), 单位, 数值, 增速(%) [, 数据性质, 数据来源, 备注].
- **Wide**: indicators down, years across — 指标 (or 指标代码), 单位, then ``2020年`` (value) and
  ``2020年增速(%)`` (reported growth) per year.

Indicators are found by code, else by name, in the catalogue (an import never invents an indicator). A stated
unit must be the catalogue's unit: nothing is converted (万元/亿元 mix-ups are the classic error). Values are
checked with ``validation.check_stat_value`` — the indicator's decimals, growth ≥ −100 — and written through
``statistics.set_many`` in one transaction: revisions are kept, a 最终核实 figure changes only with a reason,
a submitted year is refused, and figures equal to the stored ones are left alone.

A header the words do not recognise is mapped by the officer (``imports.statistics_mapping``): ``mapping=``
replaces the header
matching, for either layout. A unit stated in a figure column's header (数值（亿元）, 2020年(万元)) is checked
against each indicator's unit just like a 单位 column.

Cells are read as the officer sees them: a rate shown with a percent format (0.071 as 7.1%) or typed as text
(7.1%, 下降15.3%) is 7.1 / −15.3; a year may read 2021年; an indicator may be written 其中：外贸公司出口额; a
two-row header (2021年 merged over 数值 and 增速(%)) is read as one; a column that is not read is noted. The
preview also lists, as warnings by row, what the review rules would find once the figures are written
(``imports.statistics_findings``); like the forms, that does not block the import — only a submission.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.audit import diff
from jjdesk.services.core.errors import ValidationFailed
from jjdesk.services.core.progress import CancelFn, ProgressFn, Ticker
from jjdesk.services.core.records import EDITABLE_STATES
from jjdesk.services.core.vocab import REVIEW_STATUS, VALUE_BASIS, code_of
from jjdesk.services.imports import statistics_mapping as stat_mapping
from jjdesk.services.imports.common import (
    ImportRefused,
    ImportResult,
    RowError,
    find_header,
    header_texts,
    is_blank_row,
    is_total_row,
    no_data_rows,
    padded,
)
from jjdesk.services.imports.headers import stat_columns
from jjdesk.services.imports.safety import DEFAULT_LIMITS, Limits
from jjdesk.services.imports.statistics_findings import import_findings
from jjdesk.services.imports.table_reader import PercentCell, Sheet, cell_text, cell_value, column_letter, read_sheets
from jjdesk.services.records import statistics
from jjdesk.services.records.validation import check_stat_value, check_year
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
    mapping: dict[int, str] = field(
        default_factory=dict
    )  # column → field as read (``imports.statistics_mapping`` terms)
    entries: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changed: int = 0  # figures new or changed: ``created`` + ``updated``
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    needs_reason: int = 0  # problems that are only final figures changed without a reason
    warnings: list[RowError] = field(default_factory=list)  # review-rule findings the import would add


REASON_HINT = "（命令行用 --reason 填写）"
_WIDE_NAMED = ("code", "name", "unit")
_GROWTH_WORDS = {"增长": "", "上升": "", "提高": "", "下降": "-", "减少": "-", "回落": "-"}


def _clean_name(text: str) -> str:
    """A name as compared: NFKC, no surrounding spaces and no leading 其中： (a sub-item in an officer's table)."""
    name = unicodedata.normalize("NFKC", text).strip().strip("　")
    if name.startswith("其中") and len(name) > 3 and name[2] in ":,、":
        name = name[3:].strip()
    return name


def _percent_text(text: str) -> str:
    """A rate as typed — 7.1%, 下降15.3%, 增长 2.0 % — as the number the field checks (7.1, -15.3, 2.0)."""
    t = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    sign = next((s for w, s in _GROWTH_WORDS.items() if t.startswith(w)), None)
    if sign is not None:
        t = t[2:]
    t = t.removesuffix("%")
    if not t or (sign and t.startswith(("-", "+"))):
        return text
    return (sign or "") + t


def _rates_as_shown(values: dict[str, Any], columns: Mapping[str, int], ind: Mapping[str, Any]):
    """Read the rate cells of a figure as the officer sees them — a cell formatted 0.0% holding 0.071 is 7.1,
    text "7.1%" is 7.1 — in place; (column, problem) for a percent-formatted cell where no rate belongs."""
    problems = []
    for key in ("value", "growth"):
        v = values.get(key)
        rate = key == "growth" or ind["unit"] == "%"
        if isinstance(v, PercentCell):
            if rate:
                values[key] = v.shown()
            else:
                unit = ind["unit"] or "无单位"
                problems.append(
                    (
                        columns[key],
                        f"单元格设为百分比格式（显示为{cell_text(v)}），而“{ind['name']}”"
                        f"以“{unit}”计量，不是百分比；请把单元格格式改为数值并核对",
                    )
                )
        elif isinstance(v, float):
            values[key] = cell_value(v)
        elif rate and isinstance(v, str):
            values[key] = _percent_text(v)
    return problems


def preview_statistics(
    db: Database,
    path: Path | str,
    *,
    sheet: str | None = None,
    reason: str = "",
    mapping: Mapping[int, str] | None = None,
    layout: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    reason_hint: str = REASON_HINT,
) -> StatPreview:
    """Read and check a statistics file without writing (first sheet with a recognised header, or ``sheet``).

    ``mapping`` (0-based column → ``imports.statistics_mapping`` field, e.g. from the UI's mapping dialog;
    ``layout`` long or
    wide, else inferred) replaces the header matching; a mapping with a problem is refused (``ImportRefused``)
    before anything is read. Without a recognised header the mapped header is ``stat_mapping.mapping_header_row``.
    ``reason_hint`` ends the problem of a final figure changed without a reason: where the reason goes (the CLI's
    ``--reason`` by default; the window names its box). A file with a header and no figures is refused
    (``NoDataRows``). Review-rule findings the import would add are ``warnings`` (``imports.statistics_findings``).
    """
    p = Path(path)
    if mapping is not None:
        layout = stat_mapping.check_mapping(mapping, layout)
    ticker = Ticker(progress, should_cancel)
    ticker.check()
    sheets = read_sheets(p, limits, percent=True)
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
        raise ImportRefused(
            f"“{p.name}”中没有找到统计数据的表头：长表应含 年份、指标、数值 列，"
            "宽表应含 指标 列和“2020年”这样的年份列。"
        )
    src, header_idx, texts = found
    if (two := stat_mapping.two_row_header(src.rows, header_idx, texts)) is not None:
        header_idx, texts = two
    notes = [n for n in src.notes if src.merged.get(n, header_idx + 1) > header_idx]  # not the header's merges
    if mapping is not None:
        assert layout is not None  # check_mapping chose it above
        outside = sorted(c for c, f in mapping.items() if f and not 0 <= c < len(texts))
        if outside:
            raise ImportRefused(
                f"工作表“{src.name}”第{header_idx + 1}行的表头只有{len(texts)}列，没有"
                f"{'、'.join(f'第{c + 1}列' for c in outside)}；未读取文件。"
            )
        named, years = stat_mapping.split_mapping(mapping)
    else:
        named, years = stat_columns(texts)
        layout = LONG if {"year", "value"} <= named.keys() else WIDE
    all_years: dict[int, tuple[int, str]] = {}
    year_notes: list[str] = []
    if layout == LONG:
        years = {}
    else:
        named = {f: c for f, c in named.items() if f in _WIDE_NAMED}
        all_years, years = years, _distinct_years(years, texts, year_notes)
    as_mapping = {c: f for f, c in named.items()} | {c: stat_mapping.year_field(y, k) for c, (y, k) in years.items()}
    pv = StatPreview(p, src, layout, header_idx + 1, texts, dict(sorted(as_mapping.items())), notes=notes)
    pv.notes.append(f"读取工作表“{src.name}”（{stat_mapping.LAYOUT_LABELS[layout]}）")
    pv.notes += year_notes
    data = src.rows[header_idx + 1 :]
    pv.notes += _unread_columns(
        texts, data, as_mapping, mapping is not None, set(all_years) if layout == WIDE else set()
    )
    catalogue = statistics.catalogue(db)
    by_code = {c["code"]: c for c in catalogue}
    by_name: dict[str, list[dict]] = {}
    for c in catalogue:
        by_name.setdefault(_clean_name(c["name"]), []).append(c)
    stored = {(r["code"], y): v for r in statistics.year_grid(db) for y, v in r["values"].items()}
    locked = {y["year"]: y["review_status"] for y in statistics.years(db) if y["review_status"] not in EDITABLE_STATES}
    ticker.total = len(data)
    width = len(texts)
    known_units = {c["unit"] for c in catalogue if c["unit"]}
    header_units = {
        c: u
        for c, f in as_mapping.items()
        if f == "value" or f.startswith("value:")
        if (u := stat_mapping.stated_unit(texts[c], known_units))
    }
    seen: dict[tuple[str, int], int] = {}
    places: dict[tuple[str, int], tuple[int, dict[str, tuple[int, str]]]] = {}
    figures = 0
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
            pv.errors.append(
                RowError(
                    number,
                    col,
                    texts[col],
                    f"单位为“{unit}”，而指标“{ind['name']}”以"
                    f"“{ind['unit'] or '无单位'}”计量；系统不会自动换算，请换算后再导入",
                )
            )
            continue
        for year, values, columns in _figures(cells, named, years, texts, number, pv.errors):
            figures += 1
            col = columns.get("value")
            if col in header_units and header_units[col] != ind["unit"] and cell_text(values["value"]).strip():
                pv.errors.append(
                    RowError(
                        number,
                        col,
                        texts[col],
                        f"列标题中的单位为“{header_units[col]}”，而指标"
                        f"“{ind['name']}”以“{ind['unit'] or '无单位'}”计量；系统不会自动换算，"
                        "请换算后再导入",
                    )
                )
                continue
            where = (ind["code"], year)
            if where in seen:
                pv.errors.append(
                    RowError(
                        number,
                        col,
                        texts[col] if col is not None else "",
                        f"{year}年“{ind['name']}”与第{seen[where]}行重复",
                    )
                )
                continue
            seen[where] = number
            shown = col if col is not None else columns.get("growth")
            places[where] = (number, {k: (c, texts[c]) for k, c in columns.items()})
            problems = _rates_as_shown(values, columns, ind)
            if problems:
                pv.errors += [RowError(number, c, texts[c], m) for c, m in problems]
                continue
            try:
                clean = check_stat_value(values, ind["decimals"], ind["unit"])
            except ValidationFailed as exc:
                pv.errors += [
                    RowError(
                        number,
                        columns.get(e.field),
                        texts[columns[e.field]] if e.field in columns else e.label,
                        e.message,
                    )
                    for e in exc.errors
                ]
                continue
            old = stored.get(where)
            if old is not None and not diff(old, clean):
                pv.unchanged += 1
                continue
            problem, needs_reason = _change_problem(year, ind, old, clean, locked, reason, reason_hint)
            if problem:
                pv.errors.append(RowError(number, shown, texts[shown] if shown is not None else "", problem))
                pv.needs_reason += needs_reason
                continue
            pv.changed += 1
            pv.created += old is None
            pv.updated += old is not None
            pv.entries.append((ind["code"], year, clean))
    ticker.report()
    if not figures and not pv.errors:
        raise no_data_rows(p.name, src.name, header_idx + 1)
    if not pv.errors:
        pv.warnings = import_findings(db, pv.entries, places)
    return pv


def _distinct_years(
    years: dict[int, tuple[int, str]], texts: list[str], notes: list[str]
) -> dict[int, tuple[int, str]]:
    """The year columns with each (year, value|growth) once: a second column of the same — a year merged over
    two columns with nothing under it to tell value from growth — is left out with a note, never silently."""
    first: dict[tuple[int, str], int] = {}
    kept = {}
    for col, (year, kind) in sorted(years.items()):
        if (year, kind) in first:
            label = stat_mapping.field_label(stat_mapping.year_field(year, kind))
            notes.append(
                str(
                    RowError(
                        None,
                        col,
                        texts[col],
                        f"与{column_letter(first[(year, kind)])}列都是{label}，"
                        f"不导入；如此列是增速，请把表头写成“{year}年增速(%)”或在其下一行注明“增速(%)”",
                    )
                )
            )
            continue
        first[(year, kind)] = col
        kept[col] = (year, kind)
    return kept


def _unread_columns(
    texts: list[str], data: list[list[Any]], used: Mapping[int, str], mapped: bool, noted: set[int]
) -> list[str]:
    """A note for each column that will not be read (``noted`` ones have theirs): a header nothing corresponds
    to, or data under no header."""
    width = max([len(texts), *(len(r) for r in data[:1000])])
    out = []
    for col in range(width):
        if col in used or col in noted:
            continue
        if col < len(texts) and texts[col]:
            message = "没有选择对应的内容，不导入" if mapped else "没有对应的内容，不导入"
            out.append(str(RowError(None, col, texts[col], message)))
        elif any(col < len(r) and cell_text(r[col]).strip() for r in data):
            out.append(str(RowError(None, col, "", "没有表头，其中的数据不导入")))
    return out


def _indicator(
    cells: list[Any],
    named: Mapping[str, int],
    texts: list[str],
    number: int,
    by_code: Mapping[str, dict],
    by_name: Mapping[str, list[dict]],
    errors: list[RowError],
):
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
    message = (
        f"“{name}”对应多个指标，请填写指标代码"
        if matches
        else f"指标“{name}”不在指标目录中（请先在指标目录中添加，或填写指标代码）"
        if name
        else "没有填写指标"
    )
    errors.append(RowError(number, col, texts[col] if col is not None else "", message))
    return None


def _year_text(text: str) -> str:
    """2021年 / 2021年度 / ２０２１ as the year's digits."""
    return unicodedata.normalize("NFKC", text).strip().removesuffix("年度").removesuffix("年").strip()


def _figures(cells, named, years, texts, number, errors):
    """(year, raw values, field → column) of each figure a row holds; rows without any figure give none."""
    if years and "year" not in named:
        per_year: dict[int, dict[str, int]] = {}
        for col, (y, kind) in years.items():
            per_year.setdefault(y, {})[kind] = col
        for y, cols in sorted(per_year.items()):
            values = {k: cells[c] for k, c in cols.items()}
            if all(cell_text(v).strip() == "" for v in values.values()):
                continue
            yield y, values, cols
        return
    cols = {k: named[k] for k in ("value", "growth", "basis", "source", "note") if k in named}
    values = {k: cells[c] if k in ("value", "growth") else cell_text(cells[c]).strip() for k, c in cols.items()}
    if all(cell_text(values.get(k, "")).strip() == "" for k in ("value", "growth")):
        return
    if values.get("basis"):
        values["basis"] = code_of(VALUE_BASIS, values["basis"]) or values["basis"]
    try:
        year = check_year(_year_text(cell_text(cells[named["year"]])))
    except ValidationFailed as exc:
        errors.append(RowError(number, named["year"], texts[named["year"]], exc.errors[0].message))
        return
    yield year, values, cols


def _change_problem(
    year: int,
    ind: Mapping[str, Any],
    old: Mapping[str, Any] | None,
    clean: Mapping[str, Any],
    locked: Mapping[int, str],
    reason: str,
    hint: str,
) -> tuple[str, bool]:
    """(the problem of changing this figure or "", whether a reason alone would solve it)."""
    if year in locked:
        state = REVIEW_STATUS.get(locked[year], locked[year])
        return f"{year}年统计当前为“{state}”状态，不能通过导入修改“{ind['name']}”", False
    figures = {k: v for k, v in clean.items() if k in ("value", "growth", "basis")}
    if old is not None and old.get("basis") == "final" and diff(old, figures) and not reason.strip():
        return f"{year}年“{ind['name']}”已是最终核实数，修改须填写修改原因{hint}", True
    return "", False


def import_statistics(
    db: Database,
    actor: Actor,
    path: Path | str,
    *,
    dry_run: bool = False,
    reason: str = "",
    sheet: str | None = None,
    mapping: Mapping[int, str] | None = None,
    layout: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    reason_hint: str = REASON_HINT,
) -> tuple[ImportResult, StatPreview]:
    """Preview (with ``mapping``/``layout``/``reason_hint`` as :func:`preview_statistics`) and, unless
    ``dry_run`` or any error, write all figures in one transaction. The review-rule findings are ``warnings``;
    they do not stop the import."""
    pv = preview_statistics(
        db,
        path,
        sheet=sheet,
        reason=reason,
        mapping=mapping,
        layout=layout,
        limits=limits,
        progress=progress,
        should_cancel=should_cancel,
        reason_hint=reason_hint,
    )
    result = ImportResult(
        "statistics",
        str(pv.path),
        pv.sheet.name,
        pv.rows,
        errors=list(pv.errors),
        notes=pv.notes,
        dry_run=dry_run,
        unchanged=pv.unchanged,
    )
    if result.errors:
        return result, pv
    result.warnings = list(pv.warnings)
    if dry_run:
        result.created, result.updated = pv.created, pv.updated
        return result, pv
    if should_cancel is not None and should_cancel():
        from jjdesk.services.core.progress import Cancelled

        raise Cancelled()
    counts = statistics.set_many(db, actor, pv.entries, reason)
    result.created, result.updated = counts["created"], counts["updated"]
    result.unchanged += counts["unchanged"]
    result.written = True
    return result, pv
