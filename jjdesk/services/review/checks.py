"""Running the review rules: findings with their explanations, and the 审核报告 they make.

``run_checks`` checks a year and scope on demand (``jjdesk check``, the 审核 page); ``check_record`` checks one
record after a save; the review workflow and submissions call :func:`findings_in` inside their own transaction.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from jjdesk.services.core import audit
from jjdesk.services.review.reviewables import ENTITY_LABELS, STAT_YEAR, check_entity
from jjdesk.services.review.rules import ERROR, INFO, SCOPES, SEVERITIES, VERIFY, CheckContext, Ref, Rule, values_key
from jjdesk.services.review.rules_builtin import RULES
from jjdesk.store import review_repo
from jjdesk.store.engine import Database
from jjdesk.store.models import ReviewExplanation


@dataclass(frozen=True)
class Finding:
    """One failed rule at one place, with the values that fail it and the explanation that stands, if any."""

    rule: str
    severity: str
    title: str
    entity: str
    id: int
    label: str
    field: str
    field_label: str
    message: str
    values_key: str
    owner_entity: str
    owner_id: int
    explanation: str | None = None
    explained_by: str | None = None
    explained_at: datetime | None = None

    @property
    def explained(self) -> bool:
        return self.explanation is not None

    @property
    def blocking(self) -> bool:
        """Whether this finding stops a submission: a 强制 error, or a 核实 warning without explanation."""
        return self.severity == ERROR or (self.severity == VERIFY and not self.explained)

    @property
    def owner(self) -> Ref:
        return (self.owner_entity, self.owner_id)

    def as_json(self) -> dict[str, Any]:
        """The finding as ``jjdesk check --json`` prints it."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "entity": self.entity,
            "id": self.id,
            "label": self.label,
            "field": self.field,
            "message": self.message,
            "explained": self.explained,
            "explanation": self.explanation,
            "owner": {"entity": self.owner_entity, "id": self.owner_id},
        }


@dataclass(frozen=True)
class CheckReport:
    """The 审核报告: every finding of one run, most severe first."""

    findings: tuple[Finding, ...]
    year: int | None
    scope: str
    checked_at: datetime

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity, plus ``未说明``: 核实 warnings still without an explanation."""
        c = Counter(f.severity for f in self.findings)
        out = {s: c.get(s, 0) for s in SEVERITIES}
        out["未说明"] = sum(1 for f in self.findings if f.severity == VERIFY and not f.explained)
        return out

    @property
    def blocking(self) -> list[Finding]:
        """Findings that stop a submission."""
        return [f for f in self.findings if f.blocking]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def for_record(self, entity: str, record_id: int) -> list[Finding]:
        """Findings about one reviewable record (a year's findings include those on its figures)."""
        return [
            f for f in self.findings if f.owner == (entity, record_id) or (f.entity == entity and f.id == record_id)
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "scope": self.scope,
            "checked_at": self.checked_at.isoformat(),
            "findings": [f.as_json() for f in self.findings],
            "counts": self.counts,
        }


_ORDER = {ERROR: 0, VERIFY: 1, INFO: 2}


def _render(rule: Rule, template_values: dict[str, str]) -> str:
    try:
        return rule.template.format(**template_values)
    except (KeyError, IndexError, ValueError):
        # A rule whose template names a value it did not supply must still report, never crash a check.
        return f"{rule.title}：" + "，".join(f"{k}={v}" for k, v in template_values.items())


def findings_in(
    session: Session,
    year: int | None = None,
    scope: str = "all",
    only: Iterable[Ref] | None = None,
    today: date | None = None,
    rules: Sequence[Rule] = RULES,
) -> list[Finding]:
    """Run ``rules`` inside ``session`` over a year/scope or over some records (``only``), with explanations."""
    ctx = CheckContext(session, year, scope, only, today)
    hits = []
    for rule in rules:
        if ctx.covers(rule.scope):
            hits += [(rule, h) for h in rule.check(ctx, rule)]
    explained: dict[tuple[str, str, int, str], ReviewExplanation] = {}
    for entity in {h.entity for _, h in hits}:
        ids = sorted({h.entity_id for _, h in hits if h.entity == entity})
        for x in review_repo.explanations(session, entity, ids):
            explained[(x.rule_id, x.entity, x.entity_id, x.field)] = x
    out = []
    for rule, h in hits:
        key = values_key(h.values)
        found = explained.get((rule.id, h.entity, h.entity_id, h.field))
        valid = found if found is not None and found.values_key == key else None  # explains these very values
        out.append(
            Finding(
                rule.id,
                rule.severity,
                rule.title,
                h.entity,
                h.entity_id,
                h.label,
                h.field,
                h.field_label,
                _render(rule, {**h.context, **h.values, "field_label": h.field_label}),
                key,
                h.owner[0],
                h.owner[1],
                valid.text if valid is not None else None,
                valid.created_by if valid is not None else None,
                valid.created_at if valid is not None else None,
            )
        )
    out.sort(key=lambda f: (_ORDER.get(f.severity, 9), f.owner_entity, f.owner_id, f.rule, f.entity, f.id, f.field))
    return out


def run_checks(db: Database, year: int | None = None, scope: str = "all", today: date | None = None) -> CheckReport:
    """Check a year (statistics of that year, platform members by its end, initiatives active in it) or,
    without a year, everything in ``scope``; returns the 审核报告."""
    if scope not in SCOPES:
        raise ValueError(f"“{scope}”不是可选范围，应为：{'、'.join(SCOPES)}")
    with db.session() as s:
        found = findings_in(s, year, scope, today=today)
    return CheckReport(tuple(found), year, scope, audit.utcnow())


def check_record(db: Database, entity: str, record_id: int, today: date | None = None) -> list[Finding]:
    """Findings about one enterprise, initiative or statistics year — what a form shows after a save."""
    check_entity(entity)
    with db.session() as s:
        return findings_in(s, only=[(entity, record_id)], today=today)


def rule_list() -> list[dict[str, Any]]:
    """Every built-in rule with its severity, for the rule list and the documentation."""
    return [r.describe() for r in RULES]


# ---------------------------------------------------------------- the report as text


def _place(f: Finding) -> str:
    if f.owner_entity == STAT_YEAR:
        return f.label  # "2020年 外贸进出口总额" says where already
    return f"{ENTITY_LABELS.get(f.owner_entity, f.owner_entity)}（编号{f.owner_id}）{f.label}"


def format_report(report: CheckReport) -> str:
    """The 审核报告 as plain text: a summary line, then each finding with its values and explanation."""
    scope = SCOPES.get(report.scope, report.scope)
    head = f"审核报告（{report.year}年，{scope}）" if report.year else f"审核报告（{scope}）"
    c = report.counts
    lines = [
        head,
        f"检查时间：{report.checked_at.astimezone().strftime('%Y-%m-%d %H:%M')}",
        f"强制性错误 {c[ERROR]} 条，核实性问题 {c[VERIFY]} 条（其中未说明 {c['未说明']} 条），提示 {c[INFO]} 条。",
        "",
    ]
    if not report.findings:
        lines.append("未发现问题。")
    for i, f in enumerate(report.findings, start=1):
        lines.append(f"{i}. [{f.severity}] {f.rule} {f.title} — {_place(f)}")
        lines.append(f"   {f.message}")
        if f.severity == VERIFY:
            lines.append(f"   说明：{f.explanation}（{f.explained_by}）" if f.explained else "   说明：未填写")
    return "\n".join(lines)


def report_json(report: CheckReport) -> str:
    """The report as the JSON ``jjdesk check --json`` prints."""
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str)
