"""The foreign-trade paragraph of the statistical bulletin (统计公报), drafted from the year's figures.

Phrasing follows the bulletin (domain notes): "全年外贸进出口总额X亿元，比上年增长Y%。其中，……出口额A亿元，增长B%；……"
— a fall is written 下降Z% (never a negative percentage), zero growth 持平. Growth is the *reported* growth,
never one computed from two values (official growth is on a comparable basis). Values keep their stored unit
and at least the catalogue's decimals. A share (占…的X%) is added only where the figure's direct parent in the
indicator tree has a value the same year, in the same unit; it is computed, so it is the one derived number
in the text, rounded to one decimal.

Which figures: the foreign-trade subtree of the catalogue (``summary.trade_indicators``). Figures whose parent
has no value are lifted to the nearest ancestor that has one — in 2020 the bulletin published no 出口总额, so the
three export groups follow the total directly under 其中.

Figures that are not approved (their year's review status is not 已审核) are refused with a message naming
them, unless the officer asks for a draft: the text is then marked 【草稿】 and ``is_draft`` is True.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jjdesk.services.core.errors import NotFound, ServiceError
from jjdesk.services.core.vocab import REVIEW_STATUS, label_of
from jjdesk.services.summaries.dashboard import trade_indicators
from jjdesk.store import summary_repo
from jjdesk.store.engine import Database

DRAFT_MARK = "【草稿，数据未经审核】"
APPROVED = "approved"


@dataclass(frozen=True)
class Bulletin:
    """The drafted paragraph; ``unapproved`` names the figures in it that are not approved ("2020年 外贸进出口总额")."""

    year: int
    text: str
    is_draft: bool
    unapproved: list[str] = field(default_factory=list)


class NotApproved(ServiceError):
    """The year's figures are not approved, and no draft was asked for."""

    def __init__(self, year: int, status: str | None, unapproved: Sequence[str]) -> None:
        self.year, self.unapproved = year, list(unapproved)
        state = label_of(REVIEW_STATUS, status) if status else "未建立"
        names = "、".join(u.split(" ", 1)[-1] for u in unapproved)
        super().__init__(
            f"{year}年统计尚未审核通过（当前状态：{state}），以下数字不能写入公报：{names}。"
            "请先完成审核；如只需草稿，请选择“草稿”（命令行加 --draft）。"
        )


# ---------------------------------------------------------------- wording


def number(value: Decimal, decimals: int = 0) -> str:
    """A value as the bulletin writes it: at least ``decimals`` places, never fewer than it has, no exponent."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int), f"not a finite number: {value}"  # NaN and infinity have a letter
    places = max(decimals, -exponent, 0)
    return f"{value:.{places}f}"


def growth_phrase(growth: Decimal | None, *, than_last_year: bool = False) -> str:
    """增长Y% / 下降Y% / 与上年持平 (``比上年`` before a rise or fall of the paragraph's first figure);
    "" without a growth."""
    if growth is None:
        return ""
    prefix = "比上年" if than_last_year else ""
    if growth == 0:
        return "与上年持平"
    word = "增长" if growth > 0 else "下降"
    return f"{prefix}{word}{number(abs(growth), 1)}%"


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in percent, one decimal; None when the whole is zero."""
    if not whole:
        return None
    return (part / whole * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _clause(
    ind: Mapping[str, Any],
    fig: Mapping[str, Any],
    parent: Mapping[str, Any] | None,
    parent_fig: Mapping[str, Any] | None,
    first: bool,
) -> str:
    text = f"{ind['name']}{number(fig['value'], ind['decimals'])}{ind['unit']}"
    parts = [text]
    growth = growth_phrase(fig["growth"], than_last_year=first)
    if growth:
        parts.append(growth)
    if parent is not None and parent_fig is not None and parent["unit"] == ind["unit"]:
        pct = share(fig["value"], parent_fig["value"])
        if pct is not None:
            parts.append(f"占{parent['name']}的{number(pct, 1)}%")
    return "，".join(parts)


# ---------------------------------------------------------------- drafting


def _gather(db: Database, year: int) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]], str | None]:
    with db.session() as s:
        inds = trade_indicators(summary_repo.indicators(s))
        figs = summary_repo.figures(s, [i["id"] for i in inds], [year]) if inds else []
        status = summary_repo.year_statuses(s, [year]).get(year)
    known = {f["indicator_id"]: f for f in figs if f["value"] is not None}
    return inds, known, status


def draft(db: Database, year: int, *, allow_draft: bool = False) -> Bulletin:
    """The foreign-trade paragraph for ``year``.

    Raises :class:`NotApproved` when the year's figures are not approved and ``allow_draft`` is False, and
    ``NotFound`` when the year has no foreign-trade figure at all.
    """
    inds, known, status = _gather(db, year)
    if not known:
        raise NotFound(f"{year}年没有外贸统计数据，无法起草公报段落。")
    by_id = {i["id"]: i for i in inds}
    children: dict[int | None, list[dict[str, Any]]] = {}
    for ind in inds[1:]:
        children.setdefault(ind["parent_id"], []).append(ind)
    root = inds[0]

    def lifted(node_id: int) -> list[dict[str, Any]]:
        """Known descendants reached without passing another known figure, in catalogue order."""
        out: list[dict[str, Any]] = []
        for child in children.get(node_id, []):
            out.extend([child] if child["id"] in known else lifted(child["id"]))
        return out

    used = [i for i in inds if i["id"] in known]
    unapproved = [] if status == APPROVED else [f"{year}年 {i['name']}" for i in used]
    if unapproved and not allow_draft:
        raise NotApproved(year, status, unapproved)

    sentences: list[str] = []
    if root["id"] in known:
        sentences.append(f"全年{_clause(root, known[root['id']], None, None, first=True)}。")
        queue = [root]
    else:
        top = lifted(root["id"])
        sentences.append("全年" + "；".join(_clause(i, known[i["id"]], None, None, first=True) for i in top) + "。")
        queue = top
    while queue:
        node = queue.pop(0)
        items = lifted(node["id"])
        if not items:
            continue
        lead = "其中，" if node is root else f"{node['name']}中，"
        parent_fig = known.get(node["id"])
        clauses = [
            _clause(
                i,
                known[i["id"]],
                by_id[node["id"]] if i["parent_id"] == node["id"] else None,
                parent_fig if i["parent_id"] == node["id"] else None,
                first=False,
            )
            for i in items
        ]
        sentences.append(lead + "；".join(clauses) + "。")
        queue.extend(items)
    text = "".join(sentences)
    if unapproved:
        text = DRAFT_MARK + text
    return Bulletin(year, text, bool(unapproved), unapproved)
