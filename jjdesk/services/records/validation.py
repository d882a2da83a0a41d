"""What each record family accepts: field specs plus the rules that involve more than one field.

These are the *hard* rules — input that is simply wrong (a bad check character, a due date before the start).
Rules an officer may overrule with an explanation (核实) belong to the review rules, not here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from jjdesk.services.core.errors import FieldError, ValidationFailed
from jjdesk.services.core.fields import (
    BOOL,
    CHOICE,
    DATE,
    DECIMAL,
    INT,
    FieldSpec,
    validate_columns,
    validate_values,
)
from jjdesk.services.core.vocab import (
    LINK_ROLES,
    VALUE_BASIS,
)
from jjdesk.services.families import codes
from jjdesk.services.families.enterprise import ENTERPRISE_FAMILY
from jjdesk.services.families.initiative import INITIATIVE_FAMILY

_ZERO = Decimal(0)

# Declared field by field in families/enterprise.py (labels, kinds, limits, checks and where each shows).
ENTERPRISE_FIELDS: tuple[FieldSpec, ...] = ENTERPRISE_FAMILY.specs

INITIATIVE_FIELDS: tuple[FieldSpec, ...] = INITIATIVE_FAMILY.specs  # families/initiative.py

MILESTONE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("due_date", "节点日期", DATE),
    FieldSpec("text", "节点内容", required=True, max_len=500),
    FieldSpec("done", "已完成", BOOL, empty=False),
    FieldSpec("done_date", "完成日期", DATE, not_future=True),
)

INDICATOR_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "指标名称", required=True, max_len=100),
    FieldSpec("unit", "单位", max_len=16, empty=""),
    FieldSpec("target", "目标值", DECIMAL),
    FieldSpec("actual", "完成值", DECIMAL),
)

LINK_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("enterprise_id", "关联企业", INT, required=True),
    FieldSpec("role", "角色", CHOICE, required=True, choices=LINK_ROLES),
    FieldSpec("note", "说明", max_len=200, empty=""),
)

STAT_INDICATOR_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("code", "指标代码", required=True, max_len=32),
    FieldSpec("name", "指标名称", required=True, max_len=100),
    FieldSpec("unit", "计量单位", max_len=16, empty=""),
    FieldSpec("parent_code", "上级指标", max_len=32),
    FieldSpec("seq", "排序", INT, empty=0),
    FieldSpec("decimals", "小数位数", INT, min_value=_ZERO, max_value=Decimal(4), empty=2),
    FieldSpec("sum_group", "合计分组", max_len=32, empty=""),
    FieldSpec("note", "说明", max_len=500, empty=""),
)

STAT_VALUE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("value", "数值", DECIMAL),
    FieldSpec("growth", "增速(%)", DECIMAL, min_value=Decimal(-100), decimals=2),
    FieldSpec("basis", "数据性质", CHOICE, choices=tuple(VALUE_BASIS), empty="preliminary"),
    FieldSpec("source", "数据来源", max_len=200, empty=""),
    FieldSpec("note", "备注", max_len=500, empty=""),
)


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


def _accepting(accepted_codes: Collection[str]) -> tuple[FieldSpec, ...]:
    """The enterprise specs with a credit-code check that lets registered exceptions (exact codes) through."""

    def check(raw: str, label: str = "统一社会信用代码") -> codes.CodeCheck:
        result = codes.check_credit_code(raw, label=label)
        value = codes.normalize(raw)
        if not result.ok and value in accepted_codes:
            return codes.CodeCheck(True, value, detail="已登记为例外代码（校验位不符，经管理员确认）")
        return result

    return tuple(dataclasses.replace(s, check=check) if s.name == "credit_code" else s for s in ENTERPRISE_FIELDS)


def check_enterprise(
    values: Mapping[str, Any], *, partial: bool = False, today: date | None = None, accepted_codes: Collection[str] = ()
) -> dict:
    """Parse and check an enterprise's fields; raises ValidationFailed listing every problem at once.

    ``accepted_codes`` are credit codes an administrator registered as exceptions (services.records.code_exceptions):
    exactly these pass although their check character is wrong.
    """
    specs = _accepting(accepted_codes) if accepted_codes else ENTERPRISE_FIELDS
    clean, errors = validate_values(specs, values, partial=partial, today=today)
    _enterprise_rules(clean, errors)
    _raise_if(errors)
    return clean


def _enterprise_rules(clean: Mapping[str, Any], errors: list[FieldError]) -> None:
    if clean.get("stock_code") and not clean.get("is_listed", True):
        errors.append(FieldError("stock_code", "股票代码", "填写了股票代码，但未勾选“上市企业”"))


def check_enterprises(
    columns: Mapping[str, Sequence[Any]], count: int, *, today: date | None = None, accepted_codes: Collection[str] = ()
) -> list[tuple[dict | None, list[FieldError]]]:
    """:func:`check_enterprise` (whole records) for ``count`` rows given column by column, as an import reads
    them: per row (values, []) or (None, errors), with exactly check_enterprise's values and errors — each
    distinct value of a column parsed once (``fields.validate_columns``)."""
    specs = _accepting(accepted_codes) if accepted_codes else ENTERPRISE_FIELDS
    out: list[Any] = validate_columns(specs, columns, count, today=today)
    for i, (clean, errors) in enumerate(out):  # changed in place: most rows pass as validate_columns gave them
        if clean.get("stock_code"):  # inline _enterprise_rules: a call per row costs more than the rule here
            _enterprise_rules(clean, errors)
        if errors:
            out[i] = (None, errors)
    return out


def check_initiative(
    values: Mapping[str, Any],
    *,
    partial: bool = False,
    current: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> dict:
    """Parse and check an initiative's own fields; ``current`` supplies unchanged fields for cross checks."""
    clean, errors = validate_values(INITIATIVE_FIELDS, values, partial=partial, today=today)
    merged = {**(current or {}), **clean}
    start, due = merged.get("start_date"), merged.get("due_date")
    if start and due and due < start and not any(e.field in ("start_date", "due_date") for e in errors):
        errors.append(FieldError("due_date", "完成时限", f"{due.isoformat()} 早于开始日期 {start.isoformat()}"))
    _raise_if(errors)
    return clean


# An initiative's sub-tables by the name officers know them by: the name a FieldError's ``table`` carries.
MILESTONES, INDICATORS, LINKS = "里程碑", "目标指标", "关联企业"


def check_rows(
    specs: tuple[FieldSpec, ...], rows: list[Mapping[str, Any]], table: str, today: date | None = None
) -> tuple[list[dict], list[FieldError]]:
    """Check each row of a sub-table; errors carry the 1-based row number and ``table`` (also in the label, for
    the message: 第2行 里程碑·节点内容：…)."""
    out: list[dict] = []
    errors: list[FieldError] = []
    for i, row in enumerate(rows, start=1):
        clean, errs = validate_values(specs, row, today=today)
        errors += [FieldError(e.field, f"{table}·{e.label}", e.message, row=i, table=table) for e in errs]
        out.append(clean)
    return out, errors


def check_milestones(rows: list[Mapping[str, Any]], today: date | None = None) -> tuple[list[dict], list[FieldError]]:
    clean, errors = check_rows(MILESTONE_FIELDS, rows, MILESTONES, today)
    for i, m in enumerate(clean, start=1):
        if m.get("done_date") and not m.get("done"):
            errors.append(
                FieldError("done", "里程碑·已完成", "填写了完成日期，但未标记为已完成", row=i, table=MILESTONES)
            )
    return clean, errors


def check_stat_value(values: Mapping[str, Any], decimals: int, unit: str) -> dict:
    """Check a statistics value; the indicator's own number of decimals applies to the value."""
    specs = tuple(
        FieldSpec(s.name, s.label, s.kind, decimals=decimals, unit=unit) if s.name == "value" else s
        for s in STAT_VALUE_FIELDS
    )
    clean, errors = validate_values(specs, values, partial=True)
    _raise_if(errors)
    return clean


def check_year(year: Any, today: date | None = None) -> int:
    """A reporting year: a whole number from 1949 to this year."""
    this_year = (today or date.today()).year
    try:
        y = int(str(year).strip())
    except ValueError:
        raise ValidationFailed([FieldError("year", "年份", f"“{year}”不是年份")]) from None
    if not 1949 <= y <= this_year:
        raise ValidationFailed([FieldError("year", "年份", f"{y} 不在 1949–{this_year} 之间")])
    return y
