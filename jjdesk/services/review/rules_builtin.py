"""The built-in review rules, declared in :data:`RULES` (id, severity, scope, title, template, check, params).

Entry validation (``services.records.validation``) already refuses input that is simply wrong; these rules look at what
is stored — including rows that arrived by other paths — and at facts that involve several records or years.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from jjdesk.services.core.audit import as_text
from jjdesk.services.core.fields import TEXT, hidden_characters
from jjdesk.services.core.vocab import PLATFORM_OPENED
from jjdesk.services.families import codes
from jjdesk.services.records.statistics import implied_growth
from jjdesk.services.records.validation import ENTERPRISE_FIELDS, INITIATIVE_FIELDS
from jjdesk.services.review.reviewables import ENTERPRISE, INITIATIVE, STAT_VALUE, STAT_YEAR
from jjdesk.services.review.rules import ERROR, INFO, VERIFY, CheckContext, Hit, Rule
from jjdesk.store.models import StatIndicator, StatValue, id_of
from jjdesk.store.name_key import name_key  # noqa: F401  (re-exported: the rule's notion of a name)
from jjdesk.store.overdue import CLOSED_STATUSES

_SPECS = {s.name: s for s in ENTERPRISE_FIELDS}


def _t(value) -> str:
    return as_text(value) or ""


# ---------------------------------------------------------------- enterprises


def _credit_code(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    label = _SPECS["credit_code"].label
    for e in ctx.enterprises:
        if not e.credit_code or e.credit_code in ctx.excepted_codes:
            continue
        result = codes.check_credit_code(e.credit_code, label=label)
        if not result.ok:
            yield Hit(
                ENTERPRISE,
                id_of(e),
                e.name,
                (ENTERPRISE, id_of(e)),
                "credit_code",
                label,
                {"code": e.credit_code},
                {"problem": result.message.removeprefix(label)},
            )


def _duplicate_code(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    if not ctx.enterprises:
        return
    targets = {e.id for e in ctx.enterprises}
    for code, holders in ctx.duplicate_codes.items():
        first_id, first_name = holders[0]
        for eid, name in holders[1:]:  # the later registration is the suspect one
            if eid in targets:
                yield Hit(
                    ENTERPRISE,
                    eid,
                    name,
                    (ENTERPRISE, eid),
                    "credit_code",
                    _SPECS["credit_code"].label,
                    {"code": code, "other": first_name},
                    {"other_id": str(first_id)},
                )


def _near_duplicate_name(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    if not ctx.enterprises:
        return
    targets = {e.id for e in ctx.enterprises}
    for key, group in ctx.name_key_groups.items():
        if len(key) < rule.params["min_key"]:
            continue
        first_id, first_name = group[0]
        for eid, name in group[1:]:
            if eid in targets:
                yield Hit(
                    ENTERPRISE,
                    eid,
                    name,
                    (ENTERPRISE, eid),
                    "name",
                    _SPECS["name"].label,
                    {"name": name, "other": first_name},
                    {"other_id": str(first_id)},
                )


_FORMAT_FIELDS = ("customs_code", "industry_code", "mobile", "landline")


def _formats(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    for e in ctx.enterprises:
        for name in _FORMAT_FIELDS:
            value, spec = getattr(e, name), _SPECS[name]
            if value in (None, "") or spec.check is None:
                continue
            result = spec.check(value, label=spec.label)
            if not result.ok:
                yield Hit(
                    ENTERPRISE,
                    id_of(e),
                    e.name,
                    (ENTERPRISE, id_of(e)),
                    name,
                    spec.label,
                    {"value": value},
                    {"problem": result.message.removeprefix(spec.label).lstrip("：:")},
                )


_TEXT_SPECS = [spec for spec in ENTERPRISE_FIELDS if spec.kind == TEXT]
_INITIATIVE_TEXT_SPECS = [spec for spec in INITIATIVE_FIELDS if spec.kind == TEXT]


def _hidden_characters(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    """Texts saved before invisible and direction-changing characters were removed or refused on input."""
    for entity, rows, specs in (
        (ENTERPRISE, ctx.enterprises, _TEXT_SPECS),
        (INITIATIVE, ctx.initiatives, _INITIATIVE_TEXT_SPECS),
    ):
        if entity != rule.scope:
            continue
        for r in rows:
            for spec in specs:
                found = hidden_characters(getattr(r, spec.name, None))
                if found:
                    yield Hit(entity, id_of(r), r.name, (entity, id_of(r)), spec.name, spec.label, {"found": found})


def _join_before_platform(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    opened = rule.params["opened"]
    for e in ctx.enterprises:
        if e.join_date is not None and e.join_date < opened:
            yield Hit(
                ENTERPRISE,
                id_of(e),
                e.name,
                (ENTERPRISE, id_of(e)),
                "join_date",
                _SPECS["join_date"].label,
                {"date": e.join_date.isoformat()},
                {"opened": f"{opened.year}年{opened.month}月"},
            )


# ---------------------------------------------------------------- initiatives


def _milestones_outside_span(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    for ini in ctx.initiatives:
        start, due = ini.start_date, ini.due_date
        for row, m in enumerate(ctx.milestones.get(id_of(ini), []), start=1):
            d = m.due_date
            if d is None or not ((start and d < start) or (due and d > due)):
                continue
            yield Hit(
                INITIATIVE,
                id_of(ini),
                ini.name,
                (INITIATIVE, id_of(ini)),
                f"milestones:{row}",
                f"里程碑第{row}行",
                {"text": m.text, "date": d.isoformat(), "start": _t(start) or "未填", "due": _t(due) or "未填"},
            )


def _overdue_milestones(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    for ini in ctx.initiatives:
        if ini.status in rule.params["closed"]:
            continue
        for row, m in enumerate(ctx.milestones.get(id_of(ini), []), start=1):
            if m.due_date is not None and not m.done and m.due_date < ctx.today:
                yield Hit(
                    INITIATIVE,
                    id_of(ini),
                    ini.name,
                    (INITIATIVE, id_of(ini)),
                    f"milestones:{row}",
                    f"里程碑第{row}行",
                    {"text": m.text, "date": m.due_date.isoformat()},
                    {"days": str((ctx.today - m.due_date).days)},
                )


def _overdue_initiative(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    for ini in ctx.initiatives:
        if ini.due_date is not None and ini.due_date < ctx.today and ini.status not in rule.params["closed"]:
            yield Hit(
                INITIATIVE,
                id_of(ini),
                ini.name,
                (INITIATIVE, id_of(ini)),
                "due_date",
                "完成时限",
                {"due": ini.due_date.isoformat(), "status": ini.status},
            )


def _indicator_behind(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    for ini in ctx.initiatives:
        for row, x in enumerate(ctx.initiative_indicators.get(id_of(ini), []), start=1):
            if x.target is not None and x.actual is not None and x.actual < x.target:
                yield Hit(
                    INITIATIVE,
                    id_of(ini),
                    ini.name,
                    (INITIATIVE, id_of(ini)),
                    f"indicators:{row}",
                    f"目标指标第{row}行",
                    {"name": x.name, "actual": _t(x.actual), "target": _t(x.target)},
                    {"unit": x.unit},
                )


# ---------------------------------------------------------------- statistics


def _figures(ctx: CheckContext) -> Iterator[tuple[tuple, StatIndicator, StatValue]]:
    """Each figure of a checked year with its owner (ref, label) and indicator."""
    for y in ctx.stat_years:
        owner = ((STAT_YEAR, id_of(y)), f"{y.year}年统计")
        for ind in ctx.catalogue.values():
            value = ctx.stat_values.get((id_of(ind), y.year))
            if value is not None:
                yield owner, ind, value


def _value_hit(
    owner: tuple, ind: StatIndicator, v: StatValue, field: str, field_label: str, values: dict, context: dict
) -> Hit:
    ref, _label = owner
    return Hit(
        STAT_VALUE,
        id_of(v),
        f"{v.year}年 {ind.name}",
        ref,
        field,
        field_label,
        values,
        {"year": str(v.year), "name": ind.name, "unit": ind.unit, **context},
    )


def _sum_of_parts(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    groups: dict[tuple[int, str], list[StatIndicator]] = {}
    for ind in ctx.catalogue.values():
        if ind.parent_id is not None and ind.sum_group.strip():
            groups.setdefault((ind.parent_id, ind.sum_group.strip()), []).append(ind)
    for owner, parent, total in _figures(ctx):
        for (parent_id, group), parts in groups.items():
            if parent_id != parent.id or total.value is None:
                continue
            figures = [ctx.stat_values.get((id_of(p), total.year)) for p in parts]
            values = [f.value for f in figures if f is not None and f.value is not None]
            if len(values) < len(parts):
                continue  # an incomplete group cannot be compared
            added = sum(values, Decimal(0))
            tolerance = rule.params["per_part"] * len(parts)
            if abs(added - total.value) > tolerance:
                yield _value_hit(
                    owner,
                    parent,
                    total,
                    f"value:{group}",
                    f"数值（{group}）",
                    {
                        "total": _t(total.value),
                        "sum": _t(added),
                        "parts": "、".join(
                            f"{p.name}{_t(value)}"
                            for p, value in zip(
                                parts,
                                values,
                                strict=True,
                            )
                        ),
                    },
                    {"group": group, "diff": _t(added - total.value), "tolerance": _t(tolerance)},
                )


def _previous(ctx: CheckContext, v: StatValue) -> StatValue | None:
    prev = ctx.stat_values.get((v.indicator_id, v.year - 1))
    return prev if prev is not None and prev.value is not None else None


def _growth_vs_implied(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    for owner, ind, v in _figures(ctx):
        if ind.unit == "%" or v.growth is None:
            continue  # a share's change is in percentage points; no growth to compare
        prev = _previous(ctx, v)
        implied = implied_growth(prev.value if prev else None, v.value)
        if prev is None or implied is None or abs(v.growth - implied) <= rule.params["tolerance"]:
            continue  # (no previous figure implies no growth)
        yield _value_hit(
            owner,
            ind,
            v,
            "growth",
            "增速(%)",
            {"reported": _t(v.growth), "implied": _t(implied), "value": _t(v.value), "previous": _t(prev.value)},
            {"prev_year": str(v.year - 1), "diff": _t(abs(v.growth - implied))},
        )


def _change_over_limit(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    for owner, ind, v in _figures(ctx):
        if ind.unit == "%":
            continue
        change: Decimal | None
        if v.growth is not None:
            change, basis, field, label = v.growth, "填报增速", "growth", "增速(%)"
        else:
            prev = _previous(ctx, v)
            change = implied_growth(prev.value if prev else None, v.value)
            basis, field, label = "按上年数值推算", "value", "数值"
        if change is None or abs(change) <= rule.params["limit"]:
            continue
        yield _value_hit(
            owner,
            ind,
            v,
            field,
            label,
            {"change": _t(change), "value": _t(v.value)},
            {
                "basis": basis,
                "direction": "增长" if change > 0 else "下降",
                "abs": _t(abs(change)),
                "limit": _t(rule.params["limit"]),
            },
        )


def _magnitude(ctx: CheckContext, rule: Rule) -> Iterator[Hit]:
    threshold: Decimal = rule.params["threshold"]
    for owner, ind, v in _figures(ctx):
        if not v.value:
            continue
        earlier = [ctx.stat_values.get((id_of(ind), y)) for y in range(v.year - 1, v.year - 11, -1)]
        prev = next((p for p in earlier if p is not None and p.value), None)
        if prev is None or prev.value is None:  # (a found figure has a value)
            continue
        ratio = abs(v.value / prev.value)
        if threshold > ratio > 1 / threshold:
            continue
        relation = (
            f"约{ratio.quantize(Decimal(1), ROUND_HALF_UP)}倍"
            if ratio > 1
            else f"约{(1 / ratio).quantize(Decimal(1), ROUND_HALF_UP)}分之一"
        )
        yield _value_hit(
            owner,
            ind,
            v,
            "value",
            "数值",
            {"value": _t(v.value), "previous": _t(prev.value)},
            {"prev_year": str(prev.year), "relation": relation},
        )


# ---------------------------------------------------------------- the registry

_CLOSED = CLOSED_STATUSES  # the store's overdue definition (dashboard, list filter, meeting pack) uses the same

RULES: tuple[Rule, ...] = (
    Rule("ENT-01", ERROR, ENTERPRISE, "信用代码校验", "统一社会信用代码 {code} 未通过校验：{problem}", _credit_code),
    Rule(
        "ENT-02",
        ERROR,
        ENTERPRISE,
        "信用代码重复",
        "统一社会信用代码 {code} 已登记为“{other}”（编号{other_id}），不能重复",
        _duplicate_code,
    ),
    Rule(
        "ENT-03",
        VERIFY,
        ENTERPRISE,
        "企业名称疑似重复",
        "企业名称“{name}”与已登记的“{other}”（编号{other_id}）相近，可能重复登记",
        _near_duplicate_name,
        {"min_key": 2},
    ),
    Rule("ENT-04", ERROR, ENTERPRISE, "字段格式", "{field_label}“{value}”格式不正确：{problem}", _formats),
    Rule(
        "ENT-05",
        VERIFY,
        ENTERPRISE,
        "入驻日期早于平台开通",
        "入驻日期 {date} 早于外综服平台开通时间（{opened}）",
        _join_before_platform,
        {"opened": PLATFORM_OPENED},
    ),
    Rule(
        "ENT-06",
        VERIFY,
        ENTERPRISE,
        "文字中有看不见的字符",
        "{field_label}中有看不见的字符（{found}）：看起来相同的名称会被当成不同的企业，请清空该字段后重新输入并保存",
        _hidden_characters,
    ),
    Rule(
        "INI-01",
        VERIFY,
        INITIATIVE,
        "里程碑超出举措期限",
        "里程碑“{text}”的日期 {date} 不在举措期限（{start} 至 {due}）之内",
        _milestones_outside_span,
    ),
    Rule(
        "INI-02",
        INFO,
        INITIATIVE,
        "里程碑逾期",
        "里程碑“{text}”应于 {date} 完成，已逾期{days}天",
        _overdue_milestones,
        {"closed": _CLOSED},
    ),
    Rule(
        "INI-03",
        INFO,
        INITIATIVE,
        "举措逾期",
        "完成时限 {due} 已过，进展状态仍为“{status}”",
        _overdue_initiative,
        {"closed": _CLOSED},
    ),
    Rule(
        "INI-04",
        INFO,
        INITIATIVE,
        "指标未达目标",
        "指标“{name}”完成 {actual}{unit}，低于目标 {target}{unit}",
        _indicator_behind,
    ),
    Rule(
        "INI-05",
        VERIFY,
        INITIATIVE,
        "文字中有看不见的字符",
        "{field_label}中有看不见的字符（{found}），请清空该字段后重新输入并保存",
        _hidden_characters,
    ),
    Rule(
        "STAT-01",
        ERROR,
        STAT_YEAR,
        "分项之和与合计不符",
        "{year}年{name}为 {total}{unit}，“{group}”各分项（{parts}）合计 {sum}{unit}，相差 {diff}，"
        "超出舍入误差 ±{tolerance}",
        _sum_of_parts,
        {"per_part": Decimal("0.01")},
    ),
    Rule(
        "STAT-02",
        VERIFY,
        STAT_YEAR,
        "增速与上年数据推算不符",
        "{year}年{name}填报增速 {reported}%，按{prev_year}年 {previous}{unit} 推算为 {implied}%，相差 {diff} "
        "个百分点（官方增速按可比口径计算，可能不同，请核实）",
        _growth_vs_implied,
        {"tolerance": Decimal("0.1")},
    ),
    Rule(
        "STAT-03",
        VERIFY,
        STAT_YEAR,
        "同比变动超过30%",
        "{year}年{name}比上年{direction}{abs}%（{basis}），变动超过{limit}%",
        _change_over_limit,
        {"limit": Decimal(30)},
    ),
    Rule(
        "STAT-04",
        ERROR,
        STAT_YEAR,
        "数值量级异常（疑似万元与亿元混淆）",
        "{year}年{name} {value}{unit} 是{prev_year}年 {previous}{unit} 的{relation}，疑似万元与亿元混淆",
        _magnitude,
        {"threshold": Decimal(1000)},
    ),
)

RULES_BY_ID = {r.id: r for r in RULES}
