"""Review rules as data: what a rule is, what it finds, and the data it looks at.

A :class:`Rule` is a row of a table (id, severity, scope, title, message template, parameters) plus a small
function that yields :class:`Hit` s. The built-in rules are listed in ``rules_builtin.RULES``; running them
and writing the 审核报告 is ``services.review.checks``.

Severities follow the national direct-reporting system: 强制 must be fixed before submission; 核实 may stand
only with a written explanation (stored per rule, record, field *and the values explained*, so a changed value
needs a new explanation); 提示 only informs.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from sqlmodel import Session

from jjdesk.services.review.reviewables import ENTERPRISE, INITIATIVE, STAT_YEAR
from jjdesk.store import repos, review_repo
from jjdesk.store.models import (
    Enterprise,
    Initiative,
    InitiativeIndicator,
    Milestone,
    StatIndicator,
    StatValue,
    StatYear,
    id_of,
)

ERROR, VERIFY, INFO = "强制", "核实", "提示"
SEVERITIES = (ERROR, VERIFY, INFO)
SEVERITY_NOTES = {
    ERROR: "必须修改后才能上报",
    VERIFY: "可以保留，但须填写说明",
    INFO: "仅提示",
}

# What a submission or a check covers. The year selects the statistics of that year, the platform members who
# had joined by its end, and the initiatives whose span overlaps it.
SCOPES = {"all": "全部", "statistics": "年度统计", "enterprises": "平台企业", "initiatives": "工作举措"}
_SCOPE_ENTITIES = {
    "all": (STAT_YEAR, ENTERPRISE, INITIATIVE),
    "statistics": (STAT_YEAR,),
    "enterprises": (ENTERPRISE,),
    "initiatives": (INITIATIVE,),
}

Ref = tuple[str, int]


@dataclass(frozen=True)
class Hit:
    """One place a rule fails: the record (and field) it concerns and the values that make it fail.

    ``values`` are the facts an explanation vouches for (their text is the explanation's key); ``context``
    only completes the message (names, units) and may change without voiding an explanation.
    """

    entity: str
    entity_id: int
    label: str
    owner: Ref
    field: str = ""
    field_label: str = ""
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)
    context: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """A review rule: declared as data, checked by ``check(ctx, rule)`` yielding Hits."""

    id: str
    severity: str
    scope: str  # the reviewable entity it concerns: enterprise / initiative / stat_year
    title: str
    template: str  # str.format over the hit's values and context
    check: Callable[[CheckContext, Rule], Iterable[Hit]]
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """The rule as a row of the rule list (no function)."""
        return {
            "id": self.id,
            "severity": self.severity,
            "scope": self.scope,
            "title": self.title,
            "template": self.template,
            "params": {k: str(v) for k, v in self.params.items()},
        }


def values_key(values: Mapping[str, str]) -> str:
    """The canonical text of the values a finding shows: an explanation holds for exactly these."""
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def scope_entities(scope: str) -> tuple[str, ...]:
    """Reviewable entities a scope covers; ValueError (Chinese) for an unknown scope."""
    try:
        return _SCOPE_ENTITIES[scope]
    except KeyError:
        raise ValueError(f"“{scope}”不是可选范围，应为：{'、'.join(SCOPES)}") from None


class CheckContext:
    """The data the rules look at, loaded once per run from one session, lazily and only for the scope asked.

    ``only`` restricts the run to some reviewable records (a save, a submit for review); cross-record rules
    still see every record they compare with.
    """

    def __init__(
        self,
        session: Session,
        year: int | None = None,
        scope: str = "all",
        only: Iterable[Ref] | None = None,
        today: date | None = None,
    ) -> None:
        self.session = session
        self.year = year
        self.entities = scope_entities(scope)
        self.only: dict[str, list[int]] | None = None
        if only is not None:
            self.only = {}
            for entity, rid in only:
                self.only.setdefault(entity, []).append(rid)
        self.today = today or date.today()

    def covers(self, entity: str) -> bool:
        """Whether this run checks records of ``entity`` at all."""
        return entity in self.entities and (self.only is None or entity in self.only)

    def _ids(self, entity: str) -> list[int] | None:
        return None if self.only is None else self.only.get(entity, [])

    # ---------------------------------------------------------------- enterprises

    @cached_property
    def enterprises(self) -> list[Enterprise]:
        if not self.covers(ENTERPRISE):
            return []
        joined_by = date(self.year, 12, 31) if self.year is not None and self.only is None else None
        return review_repo.enterprises_for_check(self.session, self._ids(ENTERPRISE), joined_by)

    @cached_property
    def name_key_groups(self) -> dict[str, list[tuple[int, str]]]:
        """Enterprises sharing a name key, oldest first — only the groups of the checked enterprises when the run
        is restricted to some records (an index lookup, not a pass over every name)."""
        keys = None if self.only is None else [e.name_key for e in self.enterprises if e.name_key]
        return review_repo.shared_name_keys(self.session, keys)

    @cached_property
    def duplicate_codes(self) -> dict[str, list[tuple[int, str]]]:
        codes = None if self.only is None else [e.credit_code for e in self.enterprises if e.credit_code]
        return review_repo.duplicate_credit_codes(self.session, codes)

    @cached_property
    def excepted_codes(self) -> set[str]:
        return {x.code for x in review_repo.code_exceptions(self.session)}

    # ---------------------------------------------------------------- initiatives

    @cached_property
    def initiatives(self) -> list[Initiative]:
        if not self.covers(INITIATIVE):
            return []
        span = None
        if self.year is not None and self.only is None:
            span = (date(self.year, 1, 1), date(self.year, 12, 31))
        return review_repo.initiatives_for_check(self.session, self._ids(INITIATIVE), span)

    @cached_property
    def milestones(self) -> dict[int, list[Milestone]]:
        out: dict[int, list[Milestone]] = {}
        for m in review_repo.milestones_of(self.session, [id_of(i) for i in self.initiatives]):
            out.setdefault(m.initiative_id, []).append(m)
        return out

    @cached_property
    def initiative_indicators(self) -> dict[int, list[InitiativeIndicator]]:
        out: dict[int, list[InitiativeIndicator]] = {}
        for x in review_repo.indicators_of(self.session, [id_of(i) for i in self.initiatives]):
            out.setdefault(x.initiative_id, []).append(x)
        return out

    # ---------------------------------------------------------------- statistics

    @cached_property
    def stat_years(self) -> list[StatYear]:
        if not self.covers(STAT_YEAR):
            return []
        return review_repo.stat_years_for_check(self.session, self.year, self._ids(STAT_YEAR))

    @cached_property
    def catalogue(self) -> dict[int, StatIndicator]:
        return {id_of(i): i for i in repos.indicators(self.session)}

    @cached_property
    def stat_values(self) -> dict[tuple[int, int], StatValue]:
        """(indicator id, year) → figure, for the checked years and every year before them."""
        if not self.stat_years:
            return {}
        last = max(y.year for y in self.stat_years)
        return {(v.indicator_id, v.year): v for v in review_repo.stat_values_up_to(self.session, last)}

    def year_owner(self, year: int) -> tuple[Ref, str] | None:
        """The reviewable year record a figure of ``year`` belongs to, when that year is being checked."""
        for y in self.stat_years:
            if y.year == year:
                return (STAT_YEAR, id_of(y)), f"{y.year}年统计"
        return None
