"""Which field a spreadsheet column holds, judged from its header text: enterprise columns, and the columns of a
statistics table (``stat_columns``).

Officers' spreadsheets are not ours: the same column is headed 企业名称, 公司名称 or 单位名称, full-width or
half-width, with units in brackets. Paste and Excel/CSV import share this one matcher so a header that works
for one works for the other. Units are kept, not thrown away: 年出口额 is stored in 万元, and a column headed
万美元 or 亿元 must be refused rather than read 10,000× (or an exchange rate) off.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from jjdesk.services.core.fields import DATE, DECIMAL, FieldSpec, parse_field
from jjdesk.services.families import codes
from jjdesk.services.families.enterprise import ENTERPRISE_FAMILY

# The fields a pasted or imported row may fill (is_demo is set by the demo loader only).
IMPORT_FIELDS: tuple[FieldSpec, ...] = tuple(f.spec for f in ENTERPRISE_FAMILY.imported())
FIELD_NAMES: tuple[str, ...] = tuple(s.name for s in IMPORT_FIELDS)
SPECS: dict[str, FieldSpec] = {s.name: s for s in IMPORT_FIELDS}

# Words officers put at the top of a column, besides the label itself — declared with each field
# (families/enterprise.py). Units are not listed: they are split off by normalisation and checked separately.
SYNONYMS: dict[str, tuple[str, ...]] = {f.name: f.synonyms for f in ENTERPRISE_FAMILY.imported() if f.synonyms}

_BRACKETED = re.compile(r"[(\[【〔〖{]([^)\]】〕〗}]*)[)\]】〕〗}]")
_EDGE_MARKS = "*※★#:：·.、 "  # required-field stars, trailing colons and numbering left over from templates
# Money units longest first, so 万美元 is not taken for 美元 or 万元.
_MONEY_UNITS = ("亿美元", "万美元", "千美元", "美元", "美金", "usd", "us$", "$", "亿元", "万元", "千元", "元")
_CURRENCY_WORDS = ("人民币", "rmb", "cny", "单位", ":", "/")


def normalize_header(text: str) -> str:
    """Compare headers as officers see them: full/half width, spaces, case and template stars don't matter."""
    t = unicodedata.normalize("NFKC", text or "")
    t = re.sub(r"\s+", "", t).casefold()
    return t.strip(_EDGE_MARKS)


def _split_unit(key: str) -> tuple[str, str]:
    """(header without bracketed notes, the notes joined) — e.g. 年出口额(万元) → (年出口额, 万元)."""
    notes = "".join(_BRACKETED.findall(key))
    return _BRACKETED.sub("", key).strip(_EDGE_MARKS), notes


_LOOKUP: dict[str, str] = {}
for _spec in IMPORT_FIELDS:
    for _word in (_spec.name, _spec.label, *SYNONYMS.get(_spec.name, ())):
        _key = normalize_header(_word)
        assert _LOOKUP.get(_key, _spec.name) == _spec.name, f"header {_word!r} would be ambiguous"
        _LOOKUP[_key] = _spec.name


def match_header(text: str) -> tuple[str | None, str]:
    """The field a header names (or None) and the unit it states ("" when none), e.g. 出口额（万美元）."""
    key = normalize_header(text)
    if not key:
        return None, ""
    if key in _LOOKUP:  # 联系电话(手机) is itself a synonym: the bracket is not a unit there
        return _LOOKUP[key], ""
    bare, notes = _split_unit(key)
    if bare in _LOOKUP:
        return _LOOKUP[bare], notes
    # Units written without brackets: 出口额万元, 出口额/万美元.
    for unit in _MONEY_UNITS:
        if bare.endswith(unit):
            head = bare.removesuffix(unit).rstrip("/:")
            if head in _LOOKUP and SPECS[_LOOKUP[head]].unit:
                return _LOOKUP[head], unit
    return None, ""


def _money_unit(notes: str) -> str | None:
    """The money unit a header note states, without the words that don't change it (人民币, 单位：)."""
    t = notes.casefold()
    for word in _CURRENCY_WORDS:
        t = t.replace(word, "")
    return next((u for u in _MONEY_UNITS if u in t), None)


PASTE, IMPORT = "paste", "import"


def unit_refusal(field_name: str, unit: str, column: int, header: str, context: str = PASTE) -> str | None:
    """A Chinese refusal when a column's stated unit is not the unit the field is stored in, else None.

    Only money units are judged: a note such as (2020年) or (必填) says nothing about the unit. Nothing is
    converted automatically — 万美元 needs an exchange rate the officer must choose, and 亿元/元 differ by
    10,000×, exactly the mix-up the statistics office warns about. The advice fits where the column came from:
    ``PASTE`` (paste again, or set it to 不导入 in the paste preview) or ``IMPORT`` (import again, or set it to
    忽略 when mapping columns — the window's 对应列… or the CLI's --map).
    """
    spec = SPECS.get(field_name)
    if spec is None or not spec.unit or not unit:
        return None
    found = _money_unit(unit)
    if found is None or found == spec.unit:
        return None
    shown = {"usd": "美元", "us$": "美元", "$": "美元", "美金": "美元"}.get(found, found)
    advice = (
        f"请在文件中把此列换算为{spec.unit}后重新导入，或在列的对应中把此列设为“忽略”"
        if context == IMPORT
        else f"请在表格中换算为{spec.unit}后重新粘贴，或将此列设为“不导入”"
    )
    return (
        f"第{column + 1}列“{header.strip()}”的单位是{shown}，而{spec.label}以{spec.unit}为单位录入，"
        f"系统不会自动换算。{advice}"
    )


@dataclass
class HeaderMatch:
    """How a header row maps onto enterprise fields.

    ``mapping`` holds only the columns that will be read; a field claimed by two columns goes to the first, and
    the later column is listed in ``duplicates`` (column → field) so the officer can see why it is ignored.
    ``units`` keeps each mapped column's stated unit for :func:`unit_refusal`.
    """

    mapping: dict[int, str] = field(default_factory=dict)
    unmatched: list[int] = field(default_factory=list)
    duplicates: dict[int, str] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)
    refusals: dict[int, str] = field(default_factory=dict)


def match_headers(headers: Sequence[str], context: str = IMPORT) -> HeaderMatch:
    """Map each header cell to a field; blank or unknown headers are unmatched (their column is ignored).
    ``refusals`` are worded for ``context`` (the file import by default; paste words its own)."""
    result = HeaderMatch()
    taken: dict[str, int] = {}
    for col, text in enumerate(headers):
        name, unit = match_header(text)
        if name is None:
            result.unmatched.append(col)
        elif name in taken:
            result.duplicates[col] = name
        else:
            taken[name] = col
            result.mapping[col] = name
            if unit:
                result.units[col] = unit
            refusal = unit_refusal(name, unit, col, text, context)
            if refusal:
                result.refusals[col] = refusal
    return result


def position_mapping(width: int, position_columns: Sequence[str]) -> dict[int, str]:
    """Without a header row, column i is the i-th visible table column; unknown column names are skipped."""
    return {i: name for i, name in enumerate(position_columns[:width]) if name in SPECS}


_NUMBER = FieldSpec("number", "number", DECIMAL)
_DATE = FieldSpec("date", "date", DATE)


def _looks_like_data(text: str) -> bool:
    if codes.check_credit_code(text).ok:
        return True
    for spec in (_NUMBER, _DATE):
        try:
            parse_field(spec, text)
            return True
        except ValueError:
            pass
    return False


def looks_like_header(row: Sequence[str]) -> bool:
    """Whether a pasted block's first row is its header rather than a first record.

    At least two cells (one, when only one cell is filled) must name a field, and no cell may read as a
    credit code, a date or a number — those only occur in records.
    """
    cells = [c for c in row if c and c.strip()]
    if not cells:
        return False
    matched = sum(match_header(c)[0] is not None for c in cells)
    if matched < min(2, len(cells)):
        return False
    return not any(_looks_like_data(c) for c in cells)


# ---------------------------------------------------------------- statistics tables (long and wide layouts)

# The words of a statistics table's columns: 年份, 指标, 单位, 数值, 增速 and the rest (the long layout), or
# indicators down and ``2020年`` / ``2020年增速(%)`` across (the wide one).
STAT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "year": ("年份", "年度", "年", "year"),
    "code": ("指标代码", "代码", "指标编码", "编码", "code"),
    "name": ("指标", "指标名称", "项目", "名称", "指标项目"),
    "unit": ("单位", "计量单位"),
    "value": ("数值", "值", "本年数", "绝对数", "数据", "本期数"),
    "growth": ("增速", "增长", "比上年增长", "同比增长", "增幅", "增长率", "增速(%)", "比上年增长(%)"),
    "basis": ("数据性质", "性质"),
    "source": ("数据来源", "来源"),
    "note": ("备注", "说明"),
}
_STAT_LOOKUP = {normalize_header(w): key for key, words in STAT_SYNONYMS.items() for w in words}
_STAT_YEAR_VALUE = re.compile(r"^(\d{4})年?度?(?:数值|绝对数|数)?$")
_STAT_YEAR_GROWTH = re.compile(r"^(\d{4})年?度?(?:增速|增长|增幅|比上年增长|同比增长|增长率)")


def _stat_key(text: str) -> str:
    t = normalize_header(text)
    return t.replace("(%)", "").replace("%", "") if t not in _STAT_LOOKUP else t


def stat_kind(text: str) -> str | None:
    """ "value" or "growth" when a header cell names a figure alone (数值, 增速(%)) — the lower row of a two-row
    header under a merged year — else None."""
    kind = _STAT_LOOKUP.get(_stat_key(text))
    return kind if kind in ("value", "growth") else None


def stat_columns(texts: Sequence[str]) -> tuple[dict[str, int], dict[int, tuple[int, str]]]:
    """A statistics table's header row (``imports.statistics``): (field → column) and, for the wide layout's year
    columns, (column → (year, "value"|"growth"))."""
    named: dict[str, int] = {}
    years: dict[int, tuple[int, str]] = {}
    for col, text in enumerate(texts):
        key = _stat_key(text)
        if not key:
            continue
        if (m := _STAT_YEAR_GROWTH.match(key)) is not None:
            years[col] = (int(m[1]), "growth")
        elif (m := _STAT_YEAR_VALUE.match(key)) is not None:
            years[col] = (int(m[1]), "value")
        elif key in _STAT_LOOKUP and _STAT_LOOKUP[key] not in named:
            named[_STAT_LOOKUP[key]] = col
    return named, years
