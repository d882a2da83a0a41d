"""Column mapping for statistics imports: what each column of a statistics file holds, as the officer chose it.

``imports.statistics`` matches a statistics table's header by words (``headers.stat_columns``). A file whose header it
does not recognise — 本期 / 上年同期 / 口径, a bare ``2021`` over a sum — the officer maps by hand, and
``stat_import.preview_statistics(mapping=...)`` reads it with that choice. A mapping is ``column → field``:

- long layout (one figure per row): ``year``, ``code``, ``name``, ``unit``, ``value``, ``growth``, ``basis``,
  ``source``, ``note``;
- wide layout (indicators down, years across): ``code``, ``name``, ``unit``, and ``value:2020`` /
  ``growth:2020`` — the value or the reported growth of the year written after the colon.

A mapping is checked as a whole before anything is read (:func:`check_mapping`): a refused mapping changes
nothing. This module also describes a file's columns for the dialog (header, sample values, suggested field),
reusing ``import_mapping.FileColumn``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jjdesk.services.core.errors import ValidationFailed
from jjdesk.services.imports.common import HEADER_SEARCH_ROWS, ImportRefused, header_texts, is_blank_row
from jjdesk.services.imports.headers import normalize_header, stat_columns, stat_kind
from jjdesk.services.imports.mapping import FileColumn, describe
from jjdesk.services.imports.safety import DEFAULT_LIMITS, Limits
from jjdesk.services.imports.table_reader import Sheet, cell_text, column_letter, read_sheets
from jjdesk.services.records.validation import check_year

LONG, WIDE = "long", "wide"
LAYOUT_LABELS = {LONG: "长表", WIDE: "宽表"}
LONG_FIELDS: tuple[tuple[str, str], ...] = (
    ("year", "年份"),
    ("code", "指标代码"),
    ("name", "指标名称"),
    ("unit", "计量单位"),
    ("value", "数值"),
    ("growth", "增速(%)"),
    ("basis", "数据性质"),
    ("source", "数据来源"),
    ("note", "备注"),
)
WIDE_FIELDS: tuple[tuple[str, str], ...] = (("code", "指标代码"), ("name", "指标名称"), ("unit", "计量单位"))
YEAR_KINDS: tuple[tuple[str, str], ...] = (("value", "数值"), ("growth", "增速(%)"))
_LABELS = dict(LONG_FIELDS)
# Units a column header may state besides the catalogue's own; a note such as (必填) is not a unit.
MONEY_UNITS = ("亿元", "万元", "千元", "元", "亿美元", "万美元", "千美元", "美元")
_YEAR_IN_HEADER = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_GROWTH_WORDS = ("增速", "增长", "增幅", "同比", "增减", "比上年", "上年比", "±")
_NAME_WORDS = ("指标", "项目", "名称")  # a header holding one of these names the indicators (项目名称, 指标项)
_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_BRACKETED = re.compile(r"[(\[【〔〖{]([^)\]】〕〗}]*)[)\]】〕〗}]")


def year_field(year: int, kind: str = "value") -> str:
    """``value:2020`` — the wide layout's column holding the value (or ``growth``) of ``year``."""
    return f"{kind}:{year}"


def split_year_field(name: str) -> tuple[str, int] | None:
    """(kind, year) of a ``value:2020`` / ``growth:2020`` field, else None (a year that is no number: None)."""
    kind, sep, year = name.partition(":")
    if not sep or kind not in dict(YEAR_KINDS) or not year.strip().lstrip("-").isdigit():
        return None
    return kind, int(year)


def field_label(name: str) -> str:
    """The Chinese name of a field: 指标名称, 2020年数值, 2020年增速(%)."""
    split = split_year_field(name)
    if split is not None:
        return f"{split[1]}年{dict(YEAR_KINDS)[split[0]]}"
    return _LABELS.get(name, name)


def layout_of(mapping: Mapping[int, str | None]) -> str:
    """The layout a mapping describes: wide when any column is a year's value or growth, else long."""
    return WIDE if any(f and ":" in f for f in mapping.values()) else LONG


def _allowed(name: str, layout: str) -> bool:
    if layout == WIDE:
        return name in dict(WIDE_FIELDS) or split_year_field(name) is not None
    return name in _LABELS


def mapping_problems(mapping: Mapping[int, str | None], layout: str | None = None) -> dict[int, str]:
    """Chinese problems of a hand-made mapping, by column: a field or a year chosen twice, a field the layout
    has no place for, a year out of range."""
    layout = layout or layout_of(mapping)
    first: dict[str, int] = {}
    problems: dict[int, str] = {}
    for column in sorted(mapping):
        name = mapping[column]
        if not name:
            continue
        split = split_year_field(name)
        if ":" in name and split is None:
            problems[column] = f"“{name}”不是有效的年份列，应为“数值”或“增速(%)”加上年份"
        elif not _allowed(name, layout):
            where = "宽表（年份横向排列）" if layout == WIDE else "长表（每行一个数）"
            problems[column] = f"{where}中不能选择“{field_label(name)}”"
        elif name in first:
            again = "同一年份的" if split is not None else "一个字段"
            problems[column] = (
                f"“{field_label(name)}”已对应{column_letter(first[name])}列，"
                f"{again}{'数值或增速' if split is not None else ''}只能对应一列"
            )
        else:
            first[name] = column
            if split is not None:
                try:
                    check_year(split[1])
                except ValidationFailed as exc:
                    problems[column] = f"年份{exc.errors[0].message}"
    return problems


def missing_required(mapping: Mapping[int, str | None], layout: str | None = None) -> list[str]:
    """What a mapping still lacks, in Chinese: the indicator, and the year and figure (long) or a year column."""
    layout = layout or layout_of(mapping)
    chosen = {f for f in mapping.values() if f}
    missing = [] if chosen & {"code", "name"} else ["指标名称或指标代码"]
    if layout == WIDE:
        if not any(split_year_field(f) for f in chosen):
            missing.append("至少一个年份的数值或增速")
    else:
        if "year" not in chosen:
            missing.append("年份")
        if not chosen & {"value", "growth"}:
            missing.append("数值或增速(%)")
    return missing


def check_mapping(mapping: Mapping[int, str | None], layout: str | None = None) -> str:
    """The layout of a usable mapping; raises ``ImportRefused`` naming every problem when it is not usable."""
    layout = layout or layout_of(mapping)
    if any(c < 0 for c in mapping):
        raise ImportRefused("列的对应关系有问题：列号不能为负数。")
    if layout not in (LONG, WIDE):
        raise ImportRefused(f"未知的表格布局“{layout}”（应为长表或宽表）。")
    problems = mapping_problems(mapping, layout)
    lines = [f"{column_letter(c)}列：{m}" for c, m in sorted(problems.items())]
    missing = missing_required(mapping, layout)
    if missing:
        lines.append(f"还没有对应列的必填项：{'、'.join(missing)}")
    if lines:
        raise ImportRefused("列的对应关系有问题，未读取文件：\n" + "\n".join(lines))
    return layout


def split_mapping(mapping: Mapping[int, str | None]) -> tuple[dict[str, int], dict[int, tuple[int, str]]]:
    """A checked mapping as ``imports.statistics`` reads a header: (field → column), (column → (year, kind))."""
    named: dict[str, int] = {}
    years: dict[int, tuple[int, str]] = {}
    for column, name in sorted(mapping.items()):
        if not name:
            continue
        split = split_year_field(name)
        if split is not None:
            years[column] = (split[1], split[0])
        else:
            named[name] = column
    return named, years


def stated_unit(header: str, known: Iterable[str]) -> str:
    """The unit a column header states in brackets — 数值（亿元）, 2020年(单位：万元) — when it is one of
    ``known`` (the catalogue's units and the money units), else ""."""
    key = normalize_header(header)
    known_keys = {normalize_header(u): u for u in (*known, *MONEY_UNITS) if u and u.strip()}
    for note in _BRACKETED.findall(key):
        for word in ("单位", ":", "人民币"):
            note = note.replace(word, "")
        if note in known_keys:
            return known_keys[note]
    return ""


def two_row_header(rows: Sequence[Sequence[Any]], index: int, texts: Sequence[str]) -> tuple[int, list[str]] | None:
    """A header of years whose next row says what each column holds — 2021年 merged over 数值 and 增速(%) —
    read as one: (0-based index of the lower row, the combined texts: 2021年数值, 2021年增速(%)); else None.

    A lower cell left blank or repeating its upper one keeps the upper text; a blank upper cell right of a year
    (a merge not filled, or the year written once) takes that year.
    """
    if index + 1 >= len(rows):
        return None
    lower = header_texts(rows[index + 1])
    years = stat_columns(texts)[1]
    combined = list(texts) + [""] * (len(lower) - len(texts))
    year_text, found = "", False
    for col, low in enumerate(lower):
        top = combined[col]
        if top:
            year_text = top if col in years else ""
        if low and low != top and stat_kind(low) and (col in years or (not top and year_text)):
            combined[col] = f"{top or year_text}{low}"
            found = True
        elif low and not top:
            combined[col] = low
    return (index + 1, combined) if found else None


# ---------------------------------------------------------------- describing a file's columns for the dialog


@dataclass(frozen=True)
class StatColumns:
    """A statistics file's columns as the mapping dialog shows them, with the suggested layout."""

    layout: str
    columns: list[FileColumn]


def mapping_header_row(sheet: Sheet) -> int | None:
    """Where a mapped file's header is when no header was recognised: the first row (of the first 30) with two
    or more filled cells, so a one-cell title line above the table is passed over; else the first filled row."""
    first = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        filled = sum(1 for c in row if cell_text(c).strip())
        if filled >= 2:
            return index
        if filled and first is None:
            first = index
    return first


def _number(text: str) -> bool:
    try:
        return Decimal(text.replace(",", "").removesuffix("%")).is_finite()
    except InvalidOperation:
        return False


def suggest(texts: Sequence[str], rows: Sequence[Sequence[Any]], units: Iterable[str] = ()) -> StatColumns:
    """The mapping jjdesk proposes for a header row: header words first (``stat_columns``), then a year written in
    a header (2021产值 → value of 2021), then the values under the columns that are still open."""
    named, years = stat_columns(texts)
    if {"year", "value"} <= named.keys() or (not years and "year" in named):
        layout = LONG
        years = {}
    else:
        layout = WIDE if years else LONG
    mapping: dict[int, str] = {c: f for f, c in named.items() if _allowed(f, layout)}
    mapping.update({c: year_field(y, k) for c, (y, k) in years.items()})
    taken = set(mapping.values())
    if layout == WIDE or not named.keys() & {"year", "value"}:
        last_year = None
        for col, text in enumerate(texts):
            growth = any(w in text for w in _GROWTH_WORDS)
            # 二〇二〇 is a year too; a growth column without one (上年比) follows its year's value column.
            m = _YEAR_IN_HEADER.search(normalize_header(text).translate(_CHINESE_DIGITS))
            year = int(m[1]) if m else (last_year if growth else None)
            last_year = year if m else None
            if col in mapping or year is None:
                continue
            name = year_field(year, "growth" if growth else "value")
            if name not in taken:
                mapping[col], layout = name, WIDE
                taken.add(name)
        if layout == WIDE:
            mapping = {c: f for c, f in mapping.items() if _allowed(f, WIDE)}
            taken = set(mapping.values())
    if not taken & {"name", "code"}:  # the indicators' column: named so in its header (项目名称)
        named_col = next(
            (c for c, t in enumerate(texts) if c not in mapping and any(w in t for w in _NAME_WORDS)), None
        )
        if named_col is not None:
            mapping[named_col] = "name"
            taken.add("name")
    data = rows[:50]
    unit_words = {normalize_header(u) for u in (*units, *MONEY_UNITS) if u and u.strip()}
    for col in range(len(texts)):
        if col in mapping:
            continue
        values = [t for r in data if col < len(r) and (t := cell_text(r[col]).strip())]
        if not values:
            continue
        for name, fits in (
            ("year", lambda v: v.isdigit() and 1949 <= int(v) <= 2100),
            ("unit", lambda v: normalize_header(v) in unit_words),
            ("value", _number),
        ):
            if name not in taken and _allowed(name, layout) and all(fits(v) for v in values):
                mapping[col] = name
                taken.add(name)
                break
    return StatColumns(layout, describe(texts, rows, mapping))


def columns_of_preview(preview) -> StatColumns:
    """The columns of a :class:`~jjdesk.services.imports.statistics.StatPreview` with the mapping it was read with."""
    rows = preview.sheet.rows[preview.header_row :]
    return StatColumns(preview.layout, describe(preview.header, rows, preview.mapping))


def columns_of_file(
    path: Path | str, units: Iterable[str] = (), *, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> StatColumns:
    """The columns of a statistics file whose header was not recognised, with a suggested mapping.

    The header is :func:`mapping_header_row` of the first sheet (or ``sheet``) — the row
    ``preview_statistics(mapping=...)`` reads as the header. Raises ``UnsafeFile`` like any import and
    ``ImportRefused`` when the sheet is empty.
    """
    p = Path(path)
    sheets = read_sheets(p, limits, percent=True)
    src = next((s for s in sheets if s.name == sheet), None) if sheet is not None else sheets[0]
    if src is None:
        raise ImportRefused(f"“{p.name}”中没有名为“{sheet}”的工作表。")
    index = mapping_header_row(src)
    if index is None:
        raise ImportRefused(f"“{p.name}”的工作表“{src.name}”是空的，没有可导入的内容。")
    texts = header_texts(src.rows[index])
    if (two := two_row_header(src.rows, index, texts)) is not None:
        index, texts = two
    data = [r for r in src.rows[index + 1 : index + 201] if not is_blank_row(r)]
    return suggest(texts, data, units)
