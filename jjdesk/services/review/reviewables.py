"""The three kinds of record that go through review — enterprises, initiatives, statistics years — by name.

One table of entity name → model and label, so the review workflow, the checks, submissions and history name
records the same way everywhere.
"""

from __future__ import annotations

from typing import Any

from jjdesk.store.models import Enterprise, Initiative, StatYear

ENTERPRISE, INITIATIVE, STAT_YEAR, STAT_VALUE = "enterprise", "initiative", "stat_year", "stat_value"

MODELS: dict[str, type] = {ENTERPRISE: Enterprise, INITIATIVE: Initiative, STAT_YEAR: StatYear}

# Chinese names of every entity the audit trail and the checks mention.
ENTITY_LABELS = {
    ENTERPRISE: "平台企业",
    INITIATIVE: "工作举措",
    STAT_YEAR: "年度统计",
    STAT_VALUE: "统计数据",
    "stat_indicator": "统计指标",
    "app_user": "用户",
    "credit_code_exception": "信用代码例外",
    "review_explanation": "核实说明",
    "submission": "上报",
}


def record_label(entity: str, record: Any) -> str:
    """How a reviewable record is named to the officer: the name, or "2020年统计" for a year."""
    if entity == STAT_YEAR:
        return f"{record.year}年统计"
    return str(record.name)


def check_entity(entity: str) -> type:
    """The model of a reviewable entity; ValueError (Chinese) for any other name."""
    try:
        return MODELS[entity]
    except KeyError:
        raise ValueError(f"“{entity}”不是可审核的记录类型，应为：{'、'.join(MODELS)}") from None
