"""The work initiative (工作举措), field by field: the one place an initiative's own field is declared.

Its milestones, target indicators and linked enterprises are sub-tables with specs of their own
(``records.validation``: MILESTONE_FIELDS, INDICATOR_FIELDS, LINK_FIELDS). Initiatives are not imported from
spreadsheets. ``is_demo`` is set by the demo loader only.
"""

from __future__ import annotations

from jjdesk.services.core.fields import CHOICE, DATE, DECIMAL, FieldSpec
from jjdesk.services.core.vocab import (
    FACTORY_STAGES,
    FACTORY_TIERS,
    INITIATIVE_CATEGORIES,
    INITIATIVE_STATUSES,
    STAGE_STATUSES,
)
from jjdesk.services.families.field import DEMO_FLAG, MONEY_LIMIT, ZERO, Family, Field, FormGroup


def _field(spec: FieldSpec, label_en: str, group: str, **kw) -> Field:
    return Field(spec, label_en, form_group=group, imported=False, **kw)


INITIATIVE_FAMILY = Family(
    entity="initiative",
    label="工作举措",
    form_groups=(
        FormGroup("initiative", "举措信息", "Initiative"),
        FormGroup("schedule", "进度与资金", "Schedule and funds"),
        FormGroup("factory", "工厂培育", "Factory cultivation"),
        FormGroup("notes", "", ""),  # untitled: its one field's label says 备注 already
    ),
    fields=(
        _field(
            FieldSpec("name", "举措名称", required=True, max_len=200),
            "Initiative name",
            "initiative",
            listed=True,
            sample="椒江区家电产业集群跨境电商发展试点",
        ),
        _field(
            FieldSpec("category", "类别", CHOICE, required=True, choices=INITIATIVE_CATEGORIES),
            "Initiative category",
            "initiative",
            listed=True,
            sample="数字贸易",
        ),
        _field(
            FieldSpec("lead_department", "牵头单位", max_len=64, empty=""),
            "Lead department",
            "initiative",
            listed=True,
            sample="数字经济系统建设专班",
        ),
        _field(
            FieldSpec("owner", "责任人", max_len=32, empty=""),
            "Person in charge",
            "initiative",
            listed=True,
            sample="欧阳晓峰",
        ),
        _field(FieldSpec("start_date", "开始日期", DATE), "Start date", "schedule", listed=True, sample="2021-02-19"),
        _field(FieldSpec("due_date", "完成时限", DATE), "Due date", "schedule", listed=True, sample="2021-02-19"),
        _field(
            FieldSpec("status", "进展状态", CHOICE, required=True, choices=INITIATIVE_STATUSES),
            "Progress status",
            "schedule",
            listed=True,
            sample="推进中",
        ),
        _field(
            FieldSpec("funds", "资金", DECIMAL, min_value=ZERO, max_value=MONEY_LIMIT, decimals=2, unit="万元"),
            "Funds",
            "schedule",
            listed=True,
            sample="12,345.00",
            total=True,
        ),
        _field(FieldSpec("stage", "培育层级", CHOICE, choices=FACTORY_STAGES), "Cultivation level", "factory"),
        _field(FieldSpec("tier", "级别", CHOICE, choices=FACTORY_TIERS), "Level", "factory"),
        _field(FieldSpec("stage_status", "培育状态", CHOICE, choices=STAGE_STATUSES), "Cultivation status", "factory"),
        _field(FieldSpec("notes", "备注", max_len=4000, empty=""), "Notes", "notes"),
        DEMO_FLAG,
    ),
)
