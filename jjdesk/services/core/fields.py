"""Declarative field specs and the one parser every input path goes through (forms, paste, import, CLI).

A record family is a list of :class:`FieldSpec`. The same spec parses a typed form value, a cell from a
spreadsheet and a string from the terminal into the stored Python type, and explains a refusal in Chinese
naming the field, so the rules cannot drift apart between the UI and the importers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from jjdesk.services.core.errors import FieldError
from jjdesk.store.types import PRECISION, SCALE, fits, strip_zeros

TEXT, CHOICE, MULTI, DATE, DECIMAL, INT, BOOL, CODE = (
    "text",
    "choice",
    "multi",
    "date",
    "decimal",
    "int",
    "bool",
    "code",
)

_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "上市"}
_FALSE = {"否", "n", "no", "false", "0", "×", ""}
# Unicode category Cc (U+0000–U+001F, U+007F–U+009F) except tab and newline: one regex search instead of a
# unicodedata lookup per character.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that show nothing — zero-width spaces and joiners, the word joiner, the byte-order mark, the soft
# hyphen — arrive with text copied from web pages and chat apps: removed, so "台州\u200b海澄" and "台州海澄" are
# one name. Bidirectional controls make text display in another order than it is stored (a name could look
# like another one): refused, with the character named.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MULTILINE_FROM = 1000  # characters: a text field this long is notes, entered on several lines
_MULTI_SPLIT = re.compile(r"[、,，;；/|\s]+")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    # A date cell Excel or WPS saved into a CSV with its (midnight) time: 2021/2/19 0:00, 2021-02-19 00:00:00.
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]0{1,2}:00(?::00)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


@dataclass(frozen=True)
class FieldSpec:
    """What one field accepts and how it is labelled. ``check`` validates codes (see services.families.codes)."""

    name: str
    label: str  # Chinese: what officers, messages and documents read
    kind: str = TEXT
    required: bool = False
    max_len: int | None = None
    choices: tuple[str, ...] = ()
    open_choices: bool = False  # offer the choices but accept other words (locally named clusters)
    check: Callable[..., Any] | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    decimals: int | None = None
    not_future: bool = False
    unit: str = ""
    empty: Any = None  # stored value of an empty input ("" for free-text notes, [] for multi)
    # For codes: a quick test (a compiled regex's fullmatch, say) true only for text that ``check`` accepts
    # exactly as it is — already in stored form — so a column of such text skips the full check.
    stored_form: Callable[[str], Any] | None = None
    label_en: str = ""  # the English UI's label (the Chinese label shows where none is declared)

    @property
    def multiline(self) -> bool:
        """Free text of several lines (备注): long fields; every other text is one line, line breaks refused."""
        return self.kind == TEXT and self.max_len is not None and self.max_len >= MULTILINE_FROM


class _Refused(Exception):
    pass


def is_blank(value: Any) -> bool:
    """True for None, empty or whitespace-only strings, and empty lists."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) == 0
    return False


def half_width(text: str) -> str:
    """Full-width digits, letters and punctuation typed with a Chinese IME become their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def parse_field(spec: FieldSpec, raw: Any, today: date | None = None) -> Any:
    """Parse one raw value into the stored type, or raise ValueError with a Chinese message (no label)."""
    if is_blank(raw):
        if spec.required:
            raise ValueError("不能为空")
        return list(spec.empty) if isinstance(spec.empty, list) else spec.empty
    try:
        return _PARSERS[spec.kind](spec, raw, today or date.today())
    except _Refused as exc:
        raise ValueError(str(exc)) from None


def validate_values(
    specs: Iterable[FieldSpec],
    values: Mapping[str, Any],
    *,
    partial: bool = False,
    today: date | None = None,
) -> tuple[dict[str, Any], list[FieldError]]:
    """Parse ``values`` against ``specs``. With ``partial``, only the given fields are checked (an update)."""
    by_name = {s.name: s for s in specs}
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for key in values:
        if key not in by_name:
            errors.append(FieldError(key, key, "不是可填写的字段"))
    for spec in by_name.values():
        if partial and spec.name not in values:
            continue
        try:
            clean[spec.name] = parse_field(spec, values.get(spec.name), today)
        except ValueError as exc:
            errors.append(FieldError(spec.name, spec.label, str(exc)))
    return clean, errors


_KEYED_BY_TEXT = frozenset({float, Decimal, datetime})
# Cell types whose values are equal within their type exactly when their text is equal (the memo key below).
_TEXT_KEYED = frozenset({str, float, Decimal, datetime, date, int, bool, type(None)})


def parse_column(
    spec: FieldSpec, raws: Sequence[Any], today: date | None = None, window: int = 4096
) -> tuple[list[Any], dict[int, str]]:
    """:func:`parse_field` over a whole column: the values (None where refused) and {index: message}.

    An import of 100,000 rows repeats the same few types, clusters, services and dates thousands of times, so
    each distinct raw value is parsed once and its outcome reused — exactly parse_field's outcome (a list value
    is copied for every row, so callers may change it). Cells as a spreadsheet gives them (text, numbers, dates)
    are told apart by type and text and looked up in C (``dict.fromkeys``, ``map``); other values (lists from a
    form) take :func:`_parse_column_memo`.
    """
    day = today or date.today()
    types = set(map(type, raws))
    if not types <= _TEXT_KEYED:
        return _parse_column_memo(spec, raws, day, window)
    # Keyed by type (1, 1.0, True and Decimal(1) are equal otherwise) and text (Decimal 1.50 and 1.5, float -0.0
    # and 0.0, datetimes in other zones read differently); a column of text alone is keyed by the text itself.
    keys: Sequence[Any] = raws if types <= {str} else list(zip(map(type, raws), map(str, raws), strict=True))
    first = dict(zip(keys, raws, strict=True))  # each distinct key → a raw value with it (all parse alike)
    value_of: dict[Any, Any] = {}
    message_of: dict[Any, str] = {}
    parser = _PARSERS[spec.kind]
    todo: Any = first
    if spec.stored_form is not None and types <= {str} and spec.kind == CODE:
        # Codes already in stored form (those a jjdesk export writes) are their own value, found in C.
        stored = list(filter(spec.stored_form, first))
        value_of.update(zip(stored, stored, strict=True))
        todo = {k: first[k] for k in first.keys() - value_of.keys()}
    elif spec.kind == TEXT and types <= {str}:
        todo = _plain_texts(spec, first, value_of)
    for key, raw in todo.items():
        try:
            # Text with something in it is not blank: straight to the kind's parser (what parse_field does).
            value_of[key] = (
                parser(spec, raw, day) if raw.__class__ is str and raw.strip() else parse_field(spec, raw, day)
            )
        except (ValueError, _Refused) as exc:
            value_of[key] = None
            message_of[key] = str(exc)
    values = list(map(value_of.__getitem__, keys))
    if list in set(map(type, value_of.values())):
        values = [list(v) if v.__class__ is list else v for v in values]
    refused = {i: message_of[k] for i, k in enumerate(keys) if k in message_of} if message_of else {}
    return values, refused


def _plain_texts(spec: FieldSpec, first: dict[str, str], value_of: dict[Any, Any]) -> dict[str, str]:
    """_text over distinct non-blank texts at once (strip, length, control, hidden and direction characters, line
    breaks and composition checked in C): their
    values go into ``value_of``; returned are the texts still to parse one by one (blanks, or all of them when
    any text would be refused, so that each gets its own message)."""
    texts = list(first)
    stripped = list(map(str.strip, texts))
    good = [(t, s) for t, s in zip(texts, stripped, strict=True) if s]
    if not good or (spec.max_len is not None and max(len(s) for _t, s in good) > spec.max_len):
        return first
    joined = "\t".join(s for _t, s in good)  # tab: neither a control character here nor a line break
    if _CONTROL.search(joined) or ("\n" in joined and not spec.multiline):
        return first
    if not joined.isascii() and (
        _INVISIBLE.search(joined) or _BIDI.search(joined) or not unicodedata.is_normalized("NFC", joined)
    ):
        return first
    value_of.update(good)
    return {t: t for t, s in zip(texts, stripped, strict=True) if not s}


def _parse_column_memo(
    spec: FieldSpec, raws: Sequence[Any], day: date, window: int
) -> tuple[list[Any], dict[int, str]]:
    """parse_column for any values: remembered by (type, value) while values repeat, within ``window``."""
    values: list[Any] = []
    refused: dict[int, str] = {}
    memo: dict[tuple[type, Any], tuple[bool, Any]] | None = {}
    seen = hits = 0
    key: tuple[type, Any] | None  # None: unhashable, not remembered
    for i, raw in enumerate(raws):
        found = None
        if memo is not None:
            cls = raw.__class__
            key = (cls, str(raw)) if cls in _KEYED_BY_TEXT else (cls, raw)
            try:
                found = memo.get(key)
            except TypeError:  # an unhashable raw value (a list from a form)
                key = None
            seen += 1
            if found is not None:
                hits += 1
        if found is None:
            try:
                found = (True, parse_field(spec, raw, day))
            except ValueError as exc:
                found = (False, str(exc))
            if memo is not None:
                if key is not None:
                    memo[key] = found
                if seen >= window:
                    if hits * 4 < seen:
                        memo = None  # values do not repeat: stop remembering
                    seen = hits = 0
        ok, value = found
        if ok:
            values.append(list(value) if value.__class__ is list else value)
        else:
            values.append(None)
            refused[i] = value
    return values, refused


def validate_columns(
    specs: Iterable[FieldSpec], columns: Mapping[str, Sequence[Any]], count: int, today: date | None = None
) -> list[tuple[dict[str, Any], list[FieldError]]]:
    """:func:`validate_values` (whole records) for ``count`` rows given column by column, as an import has them.

    Row ``i`` gets exactly what ``validate_values(specs, {k: columns[k][i] for k in columns}, today=today)``
    gives — the same values and the same errors in the same order — but each column is parsed in one pass
    (:func:`parse_column`), which is what makes checking 100,000 rows take a second rather than ten.
    """
    by_name = {s.name: s for s in specs}
    names = list(by_name)
    parsed: list[list[Any]] = []
    refusals: list[tuple[str, str, dict[int, str]]] = []
    for name, spec in by_name.items():
        raws = columns.get(name)
        if raws is None:  # an absent field: every row gives it None
            (value,), refused = parse_column(spec, [None], today)
            values = [list(value) for _ in range(count)] if value.__class__ is list else [value] * count
            refused = dict.fromkeys(range(count), refused[0]) if refused else {}
        else:
            values, refused = parse_column(spec, raws, today)
        parsed.append(values)
        if refused:
            refusals.append((name, spec.label, refused))
    unknown = [FieldError(key, key, "不是可填写的字段") for key in columns if key not in by_name]
    bad_rows = set().union(*(r for _n, _l, r in refusals))
    out: list[tuple[dict[str, Any], list[FieldError]]] = []
    if not unknown and not bad_rows:  # the common case, kept tight: 100,000 rows pass through here
        return (
            [(dict(zip(names, row, strict=True)), []) for row in zip(*parsed, strict=True)]
            if parsed
            else [({}, []) for _ in range(count)]
        )
    for i, row in enumerate(zip(*parsed, strict=True) if parsed else [()] * count):
        if i not in bad_rows:
            out.append((dict(zip(names, row, strict=True)), list(unknown)))
            continue
        errors = list(unknown)
        for name, label, refused in refusals:
            if i in refused:
                errors.append(FieldError(name, label, refused[i]))
        failed = {e.field for e in errors}
        out.append(({n: v for n, v in zip(names, row, strict=True) if n not in failed}, errors))
    return out


def field_hint(spec: FieldSpec, raw: Any) -> str:
    """What a valid code says about itself (where a credit code was registered, an industry's section).

    Shown beside the field while typing, so the officer can see at once that the code belongs to the company
    meant; empty for other kinds, blank input and invalid codes (those get the parser's message instead).
    """
    if spec.kind != CODE or spec.check is None or is_blank(raw):
        return ""
    result = spec.check(str(raw), label=spec.label)
    return result.detail if result.ok else ""


# ---------------------------------------------------------------- parsers, one per kind


def hidden_characters(text: str | None) -> str:
    """What a stored text holds that does not show (for the review rule over records saved before such
    characters were removed or refused): "" when nothing, else e.g. "零宽字符 U+200B、方向控制字符 U+202E"."""
    if not text or text.isascii():
        return ""
    found = [f"零宽字符 U+{ord(m.group()):04X}" for m in _INVISIBLE.finditer(text)]
    found += [f"方向控制字符 U+{ord(m.group()):04X}" for m in _BIDI.finditer(text)]
    return "、".join(dict.fromkeys(found))


def clean_text(raw: Any) -> str:
    """Text as it is stored: composed (NFC: one form of each character however it was typed or pasted), without
    the characters that show nothing, trimmed."""
    text = str(raw)
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return text.strip()


def _text(spec: FieldSpec, raw: Any, _today: date) -> str:
    text = clean_text(raw)
    if spec.max_len is not None and len(text) > spec.max_len:
        raise _Refused(f"最多{spec.max_len}个字，实为{len(text)}个字")
    if _CONTROL.search(text):
        raise _Refused("含有不可见的控制字符")
    if not text.isascii() and (bidi := _BIDI.search(text)):
        raise _Refused(
            f"含有改变文字显示方向的控制字符（U+{ord(bidi.group()):04X}），显示出来的内容会与实际保存的不同，"
            "请删除后重新输入"
        )
    if "\n" in text and not spec.multiline:
        raise _Refused("不能换行（只能填一行），请删除换行后重新输入")
    return text


def _choice(spec: FieldSpec, raw: Any, today: date) -> str:
    text = _text(spec, raw, today)
    if text in spec.choices or spec.open_choices:
        return text
    raise _Refused(f"“{text}”不是可选项，应为：{'、'.join(spec.choices)}")


def _multi(spec: FieldSpec, raw: Any, _today: date) -> list[str]:
    items = (
        [str(x).strip() for x in raw]
        if isinstance(raw, (list, tuple, set, frozenset))
        else _MULTI_SPLIT.split(str(raw).strip())
    )
    lookup = {c.casefold(): c for c in spec.choices}
    chosen: set[str] = set()
    others: list[str] = []  # accepted words outside the list, kept in the order given
    for item in filter(None, items):
        canonical = lookup.get(item.casefold())
        if canonical is not None:
            chosen.add(canonical)
        elif not spec.open_choices:
            raise _Refused(f"“{item}”不是可选项，应为：{'、'.join(spec.choices)}")
        elif spec.max_len is not None and len(item) > spec.max_len:
            raise _Refused(f"“{item}”超过{spec.max_len}个字")
        elif item not in others:
            others.append(item)
    return [c for c in spec.choices if c in chosen] + others


def parse_date(raw: Any) -> date:
    """A date from a date/datetime or from 2021-02-19, 2021/2/19, 2021.2.19, 2021年2月19日, 20210219."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = half_width(str(raw)).strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d)
            except ValueError:
                raise _Refused(f"“{text}”不是存在的日期") from None
    raise _Refused(f"“{text}”不是日期，请写成 2021-02-19 的形式")


def _date(spec: FieldSpec, raw: Any, today: date) -> date:
    value = parse_date(raw)
    if value.year < 1949:
        raise _Refused(f"{value.isoformat()} 早于1949年，请检查")
    if spec.not_future and value > today:
        raise _Refused(f"{value.isoformat()} 晚于今天，不能是将来的日期")
    return value


def parse_decimal(raw: Any) -> Decimal:
    """A Decimal from user or file input, never through a binary float's full expansion."""
    if isinstance(raw, bool):
        raise _Refused("不是数值")
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))  # shortest round-trip text: what the spreadsheet showed
    else:
        text = half_width(str(raw)).strip().replace(",", "").replace(" ", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise _Refused(f"“{raw}”不是数值") from None
    if not value.is_finite():
        raise _Refused(f"“{raw}”不是有限的数值")
    if not fits(value):
        raise _Refused(f"“{raw}”数值过大，超出可存储的范围（整数部分最多{PRECISION - SCALE}位）")
    # Stored values come back without trailing zeros; parsed ones must look the same (300.10 → 300.1).
    return strip_zeros(value)


def _decimal(spec: FieldSpec, raw: Any, _today: date) -> Decimal:
    value = parse_decimal(raw)
    # Storage is exact to SCALE places; more would be rounded silently, so refuse instead.
    limit = SCALE if spec.decimals is None else min(spec.decimals, SCALE)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # parse_decimal refuses NaN and infinity, whose exponent is a letter
    places = -exponent
    if places > limit:
        raise _Refused(f"最多保留{limit}位小数，实为{places}位")
    unit = spec.unit
    if spec.min_value is not None and value < spec.min_value:
        raise _Refused("不能为负数" if spec.min_value == 0 else f"不能小于{spec.min_value}{unit}")
    if spec.max_value is not None and value > spec.max_value:
        raise _Refused(f"不能大于{spec.max_value}{unit}，实为{value}{unit}")
    return value


def _int(spec: FieldSpec, raw: Any, today: date) -> int:
    value = _decimal(spec, raw, today)
    if value != value.to_integral_value():
        raise _Refused(f"“{raw}”应为整数")
    return int(value)


def _bool(_spec: FieldSpec, raw: Any, _today: date) -> bool:
    if isinstance(raw, bool):
        return raw
    text = half_width(str(raw)).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Refused(f"“{raw}”应为“是”或“否”")


# A code Excel showed in scientific notation (9.13310E+17, 9E+17) and saved or copied that way: its digits are
# gone. Excel always writes a decimal point or a signed exponent; a code with an E among its digits and neither
# (customs code 3310960E08) is a real code, judged by its own check.
_SCIENTIFIC = re.compile(r"\s*[+-]?\d+(?:\.\d+[eE][+-]?|[eE][+-])\d+\s*")


def _code(spec: FieldSpec, raw: Any, _today: date) -> str:
    assert spec.check is not None, f"{spec.name}: a code field needs a check function"
    if raw.__class__ is str and _SCIENTIFIC.fullmatch(raw):
        raise _Refused(
            f"“{raw.strip()}”是 Excel 显示的科学计数法，原来的各位数字已经丢失。"
            "请在原表中把这一列设为“文本”格式、重新输入代码后再导入"
        )
    result = spec.check(str(raw), label=spec.label)
    if not result.ok:
        # The checkers name the field themselves; strip a leading "label：" so FieldError doesn't repeat it.
        raise _Refused(result.message.removeprefix(spec.label).lstrip("：:"))
    return result.value


_PARSERS: dict[str, Callable[[FieldSpec, Any, date], Any]] = {
    TEXT: _text,
    CHOICE: _choice,
    MULTI: _multi,
    DATE: _date,
    DECIMAL: _decimal,
    INT: _int,
    BOOL: _bool,
    CODE: _code,
}
