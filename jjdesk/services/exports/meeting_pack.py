"""The meeting pack (会议材料): one workbook an officer takes to the task-force meeting.

Sheets: a cover with the data status (how many records are approved, pending, returned), the key figures,
enterprises by industry cluster, by type and by month of joining (aggregated in SQL), the initiatives with
their progress and every overdue milestone, the statistics of the year against the year before (reported
growth beside the change the two values imply, flagged above 30% as the review practice asks), native Excel
charts of the main series, the written 核实 explanations, and what changed since the previous meeting pack
(变动情况: records added, changed field by field, removed). Same frame and print set-up as every export
(``excel.style``); written to a temporary file and renamed.

Each pack's records are kept as a snapshot and the next pack lists what changed (``exports.pack_snapshot``).
The snapshot is read and the workbook written in a read transaction that blocks no colleague's save; the pack
and its records are then stored in one short write, committed only once the workbook is in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path
from typing import Any

from sqlmodel import Session

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.progress import CancelFn, ProgressFn, Ticker
from jjdesk.services.core.spool import RowSpool
from jjdesk.services.core.vocab import REVIEW_STATUS
from jjdesk.services.excel.files import staged_file, streaming_workbook
from jjdesk.services.excel.style import (
    COUNT,
    DATE,
    DATETIME,
    FIRST_DATA_ROW,
    NUMBER,
    RATE,
    WAN,
    Column,
    SheetMeta,
    StreamSheet,
    Styles,
)
from jjdesk.services.excel.writer import ExportResult
from jjdesk.services.exports import pack_snapshot
from jjdesk.services.exports.lists import INITIATIVE_COLUMNS, value_format
from jjdesk.services.exports.pack_snapshot import CHANGES_SHEET as CHANGES_SHEET
from jjdesk.services.exports.pack_snapshot import FIRST_PACK as FIRST_PACK
from jjdesk.services.exports.pack_snapshot import PackSnapshot, changes_sheet
from jjdesk.services.records import statistics
from jjdesk.services.review import checks, history
from jjdesk.services.review.reviewables import STAT_VALUE, STAT_YEAR
from jjdesk.services.review.rules import ERROR
from jjdesk.services.review.rules_builtin import RULES_BY_ID
from jjdesk.services.summaries.bulletin import growth_phrase
from jjdesk.store import export_repo
from jjdesk.store.engine import Database

_ATTEMPTS = 3  # snapshots another pack may overtake before the last attempt reads under the write lock
_OPEN_SHOWN = 10  # open findings named on the cover; the 审核报告 lists them all
ATTENTION = Decimal(30)  # a year-on-year change above 30% needs an explanation (联网直报 practice)
_STATUS_ORDER = ("draft", "submitted", "approved", "returned")
# A finding that no longer shows still names its field — in its own family (举措名称, not 企业名称), as 修改记录
# does; a figure as the pack's own sheets word it.
_FIGURE_LABELS = {"value": "数值", "growth": "增速"}
_FAMILIES = (("enterprises", "入驻企业", "家"), ("initiatives", "工作举措", "项"), ("stat_years", "年度统计", "年"))


def _percent(part: Any, whole: Any) -> Decimal | None:
    if not whole or part is None:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _year_months(year: int, months: Sequence[tuple[int, int, int]]) -> list[tuple[str, int, None]]:
    """Every month of the report year with its joins, months without any included (even chart bars)."""
    joined = {m: n for y, m, n in months if y == year}
    return [(f"{year}年{m:02d}月", joined.get(m, 0), None) for m in range(1, 13)]


def _gather(db: Database, year: int, today: date) -> dict[str, Any]:
    with db.session() as s:
        data = {
            "status": export_repo.status_counts(s),
            # （未填） last, the other groups in the query's order
            "cluster": sorted(export_repo.enterprises_by(s, "cluster"), key=lambda g: g[0] in (None, "")),
            "type": sorted(export_repo.enterprises_by(s, "enterprise_type"), key=lambda g: g[0] in (None, "")),
            "months": _year_months(year, export_repo.enterprises_by_join_month(s)),
            "initiatives": export_repo.initiative_rows(s, today),
            "overdue": export_repo.overdue_milestones(s, today),
            "explanations": explained_findings(s, export_repo.explanation_rows(s), today),
            # What still stands between the year and 上报: 强制 errors and 核实 findings nobody explained yet.
            "open_findings": [f for f in checks.findings_in(s, year, today=today) if f.blocking],
        }
    data["grid"] = statistics.year_grid(db, [year - 1, year])
    return data


def explained_findings(s: Session, rows: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """Each explanation with what it explains: the rule's title and severity, the field's Chinese label and
    the finding's text as the checks word it now (a finding gone since — the value was changed — says so)."""
    refs = {
        (STAT_YEAR, r["year_id"]) if r["entity"] in (STAT_VALUE, STAT_YEAR) else (r["entity"], r["entity_id"])
        for r in rows
    }
    found = (
        {
            (f.rule, f.entity, f.id, f.field): f
            for f in checks.findings_in(s, only=[ref for ref in refs if ref[1] is not None], today=today)
        }
        if rows
        else {}
    )
    out = []
    for r in rows:
        rule = RULES_BY_ID.get(r["rule_id"])
        f = found.get((r["rule_id"], r["entity"], r["entity_id"], r["field"]))
        out.append(
            {
                **r,
                "rule": f"{r['rule_id']} {rule.title}" if rule else r["rule_id"],
                "severity": rule.severity if rule else "",
                "field_label": f.field_label
                if f and f.field_label
                else _FIGURE_LABELS.get(r["field"], r["field"])
                if r["entity"] in (STAT_VALUE, STAT_YEAR)
                else history.field_label(r["entity"], r["field"]),
                "finding": f.message if f else "（该审核发现现已不再出现：数据已修改）",
            }
        )
    return out


def _cover(
    wb, st: Styles, data: dict[str, Any], year: int, today: date, title: str, anchor: audit.Anchor | None = None
) -> list[StreamSheet]:
    cols = [
        Column("family", "数据类别"),
        *(Column(c, REVIEW_STATUS[c], COUNT, total=True) for c in _STATUS_ORDER),
        Column("all", "合计", COUNT, total=True),
        Column("unit", "单位"),
    ]
    meta = SheetMeta(title, period=f"{year}年", unit="见各行", notes=(f"编制日期：{today:%Y年%m月%d日}",))
    sheet = StreamSheet(wb, st, "封面", cols, meta)
    for key, label, unit in _FAMILIES:
        counts = data["status"].get(key, {})
        sheet.append([label, *(counts.get(c, 0) for c in _STATUS_ORDER), sum(counts.values()), unit])
    sheet.finish(total_label=None)
    note = (
        f"核实说明共{len(data['explanations'])}条，见“核实说明”工作表。" if data["explanations"] else "核实说明：暂无。"
    )
    sheet.ws.append([])
    sheet.ws.append([f"数据状态：已审核的数据可直接引用；待审核、草稿和已退回的数据仅供参考。{note}"])
    open_findings = data["open_findings"]
    if open_findings:
        errors = sum(f.severity == ERROR for f in open_findings)
        sheet.ws.append(
            [
                f"待处理的审核问题：强制性错误{errors}条，核实性问题未说明{len(open_findings) - errors}条"
                "（上报前须处理；见“审核 → 审核报告”）："
            ]
        )
        for f in open_findings[:_OPEN_SHOWN]:
            sheet.ws.append([f"（{f.rule}）{f.label}：{f.message}"])
        if len(open_findings) > _OPEN_SHOWN:
            sheet.ws.append([f"……等共{len(open_findings)}条"])
    else:
        sheet.ws.append([f"审核问题：{year}年没有待处理的强制性错误或未说明的核实性问题。"])
    if anchor is not None:  # what `jjdesk audit verify --anchor` checks this workbook against
        sheet.ws.append([audit.ANCHOR_LABEL, anchor.text])
    return [sheet]


def _key_figures(wb, st: Styles, data: dict[str, Any], year: int) -> list[StreamSheet]:
    ents = data["status"].get("enterprises", {})
    inits = data["initiatives"]
    exports = sum((r[2] or 0) for r in data["cluster"])
    rows: list[tuple[str, Any, str, str]] = [
        ("入驻企业", sum(ents.values()), "家", f"其中已审核 {ents.get('approved', 0)} 家"),
        ("入驻企业年出口额合计", exports, "万元", "按企业填报的最近一个完整年度"),
        (
            "工作举措",
            len(inits),
            "项",
            f"推进中 {sum(i['status'] == '推进中' for i in inits)} 项，"
            f"已完成 {sum(i['status'] == '已完成' for i in inits)} 项",
        ),
        ("逾期里程碑节点", len(data["overdue"]), "个", "截至编制日期未完成且已过节点日期"),
    ]
    decimals = {"入驻企业": 0, "工作举措": 0, "逾期里程碑节点": 0}
    for r in data["grid"]:
        v = r["values"].get(year)
        if r["depth"] == 0 and v and v["value"] is not None:
            growth = v["growth"]
            text = growth_phrase(growth, than_last_year=True)
            rows.append((f"{year}年{r['name']}", v["value"], r["unit"], text))
            decimals[rows[-1][0]] = r["decimals"]
    cols = [
        Column("item", "项目", width=36),
        Column("value", "数值", NUMBER),
        Column("unit", "单位"),
        Column("note", "说明", width=40),
    ]
    sheet = StreamSheet(wb, st, "主要数据", cols, SheetMeta("主要数据一览", period=f"{year}年"), rows)
    for row in rows:  # each figure formatted by its own unit: 305 家, 1,234.56 万元, 752.14 亿元, 6.2 %
        sheet.append(row, formats=[None, value_format(row[2], decimals.get(row[0], 2)), None, None])
    sheet.finish()
    return [sheet]


def _group_sheet(
    wb,
    st: Styles,
    name: str,
    title: str,
    group_header: str,
    groups: Sequence[tuple[Any, int, Any]],
    chart_title: str,
    line: bool = False,
) -> list[StreamSheet]:
    total = sum(n for _g, n, _v in groups)
    with_export = any(v is not None for _g, _n, v in groups)
    cols = [
        Column("group", group_header),
        Column("count", "企业数", COUNT, unit="家", total=True),
        Column("share", "占比", RATE, unit="%"),
    ]
    if with_export:
        cols.append(Column("export", "年出口额", WAN, unit="万元", total=True))
    rows = [(g if g not in (None, "") else "（未填）", n, _percent(n, total), v)[: len(cols)] for g, n, v in groups]
    sheet = StreamSheet(wb, st, name, cols, SheetMeta(title, unit="家、万元" if with_export else "家"), rows)
    for row in rows:
        sheet.append(row)
    sheet.finish()
    if rows:
        _chart(sheet, chart_title, value_col=2, rows=len(rows), line=line)
    return [sheet]


def _chart(
    sheet: StreamSheet, title: str, value_col: int, rows: int, line: bool = False, anchor_col: int | None = None
) -> None:
    """A native Excel chart of one column of the sheet's data, categories from column A, placed beside it."""
    from openpyxl.chart import BarChart, LineChart, Reference

    chart = LineChart() if line else BarChart()
    chart.title = title
    chart.height, chart.width = 8, 16
    chart.legend = None
    data = Reference(sheet.ws, min_col=value_col, min_row=FIRST_DATA_ROW - 1, max_row=FIRST_DATA_ROW + rows - 1)
    cats = Reference(sheet.ws, min_col=1, min_row=FIRST_DATA_ROW, max_row=FIRST_DATA_ROW + rows - 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    for series in chart.series:  # straight segments: a smoothed curve dips below 0 between empty months
        series.smooth = False
    from openpyxl.utils import get_column_letter

    sheet.ws.add_chart(chart, f"{get_column_letter((anchor_col or len(sheet.columns)) + 2)}{FIRST_DATA_ROW}")


def _initiatives(wb, st: Styles, data: dict[str, Any], today: date) -> list[StreamSheet]:
    keys = ("name", "category", "lead_department", "owner", "due_date", "status", "funds", "progress", "overdue")
    cols = [c for c in INITIATIVE_COLUMNS if c.key in keys]
    rows = []
    for it in data["initiatives"]:
        it = {**it, "progress": f"{it['done']}/{it['milestones']}" if it["milestones"] else ""}
        rows.append(tuple(it[c.key] for c in cols))
    period = f"截至{today:%Y年%m月%d日}"
    sheet = StreamSheet(wb, st, "工作举措", cols, SheetMeta("工作举措推进情况", period=period, unit="万元"), rows)
    for row in rows:
        sheet.append(row)
    sheet.finish()
    ocols = [
        Column("initiative", "举措名称"),
        Column("lead_department", "牵头单位"),
        Column("owner", "责任人"),
        Column("due_date", "节点日期", DATE),
        Column("text", "节点内容"),
        Column("days", "逾期天数", COUNT),
    ]
    orows = [
        (m["initiative"], m["lead_department"], m["owner"], m["due_date"], m["text"], (today - m["due_date"]).days)
        for m in data["overdue"]
    ]
    over = StreamSheet(wb, st, "逾期节点", ocols, SheetMeta("逾期未完成的里程碑节点", period=period), orows)
    for row in orows:
        over.append(row)
    over.finish()
    return [sheet, over]


def _statistics(wb, st: Styles, data: dict[str, Any], year: int) -> list[StreamSheet]:
    prev = year - 1
    cols = [
        Column("name", "指标名称", width=36),
        Column("unit", "计量单位"),
        Column("prev", f"{prev}年", NUMBER),
        Column("cur", f"{year}年", NUMBER),
        Column("growth", "增速(%)", RATE),
        Column("implied", "按数值计算的变化(%)", RATE),
        Column("flag", "提示"),
    ]
    rows, indents, formats, chart_rows = [], [], [], []
    for r in data["grid"]:
        cur, old = r["values"].get(year), r["values"].get(prev)
        if not cur and not old:
            continue
        implied = cur["implied_growth"] if cur else None
        flag = "变化超过30%，需说明" if implied is not None and abs(implied) > ATTENTION else ""
        rows.append(
            (
                r["name"],
                r["unit"],
                old["value"] if old else None,
                cur["value"] if cur else None,
                cur["growth"] if cur else None,
                implied,
                flag,
            )
        )
        indents.append([r["depth"], 0, 0, 0, 0, 0, 0])
        fmt = value_format(r["unit"], r["decimals"])
        formats.append([None, None, fmt, fmt, None, None, None])
        if r["unit"] == "亿元" and r["depth"] == 0 and (cur or old):
            chart_rows.append(rows[-1][:4])
    sheet = StreamSheet(
        wb, st, "统计数据", cols, SheetMeta(f"{year}年主要统计指标", period=f"{prev}—{year}年", unit="见计量单位"), rows
    )
    for row, ind, row_formats in zip(rows, indents, formats, strict=True):
        sheet.append(row, indent=ind, formats=row_formats)
    sheet.finish()
    if chart_rows:
        # The chart's series sit in a small table of their own under the main one: only top-level 亿元
        # indicators share an axis (a % or a count beside 亿元 would flatten the bars).
        from openpyxl.chart import BarChart, Reference

        sheet.ws.append([])
        sheet.ws.append(["图表数据（亿元）", None, f"{prev}年", f"{year}年"])
        head = FIRST_DATA_ROW + len(rows) + 1
        for name, _unit, p, c in chart_rows:
            sheet.ws.append([name, None, p, c])
        chart = BarChart()
        chart.title = f"{prev}—{year}年主要指标（亿元）"
        chart.height, chart.width = 9, 18
        chart.add_data(
            Reference(sheet.ws, min_col=3, max_col=4, min_row=head, max_row=head + len(chart_rows)),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet.ws, min_col=1, min_row=head + 1, max_row=head + len(chart_rows)))
        sheet.ws.add_chart(chart, f"I{FIRST_DATA_ROW}")
    return [sheet]


def _explanations(wb, st: Styles, rows: list[dict[str, Any]]) -> list[StreamSheet]:
    cols = [
        Column("rule", "审核规则", width=28),
        Column("severity", "性质"),
        Column("record", "审核对象", width=30),
        Column("field_label", "字段"),
        Column("finding", "审核发现", width=50, wrap=True),
        Column("text", "说明", width=40, wrap=True),
        Column("created_by", "填写人"),
        Column("created_at", "填写时间", DATETIME),
    ]
    data = [tuple(r[c.key] for c in cols) for r in rows]
    sheet = StreamSheet(wb, st, "核实说明", cols, SheetMeta("核实性审核说明"), data)
    for row in data:
        sheet.append(row)
    sheet.finish()
    return [sheet]


def export_meeting_pack(
    db: Database,
    path: Path | str,
    *,
    year: int | None = None,
    today: date | None = None,
    title: str = "椒江区数字经济工作会议材料",
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    actor: Actor | None = None,
    reporting_unit: str | None = None,
) -> ExportResult:
    """Write the meeting pack for ``year`` (default: the latest year with figures, else last year).

    The 变动情况 sheet compares with the previous pack's stored snapshot; this pack's snapshot is stored (by
    ``actor``, audited) in the same transaction, committed only once the workbook is in place, so a failed or
    cancelled export leaves neither.
    """
    today = today or date.today()
    if year is None:
        with db.session() as s:
            years = export_repo.stat_year_list(s)
        year = years[-1] if years else today.year - 1
    ticker = Ticker(progress, should_cancel, total=9, every=1)
    ticker.check()
    data = _gather(db, year, today)
    counts: dict[str, int] = {}
    actor = actor or Actor("system")
    workbook = Path(path).name

    def build(tmp: Path, snap: PackSnapshot) -> None:
        st = Styles(reporting_unit)
        parts = [
            lambda wb: _cover(wb, st, data, year, today, title, snap.anchor),
            lambda wb: _key_figures(wb, st, data, year),
            lambda wb: _group_sheet(
                wb, st, "按产业集群", "入驻企业按产业集群分布", "产业集群", data["cluster"], "各产业集群企业数"
            ),
            lambda wb: _group_sheet(
                wb, st, "按企业类型", "入驻企业按企业类型分布", "企业类型", data["type"], "各类型企业数"
            ),
            lambda wb: _group_sheet(
                wb,
                st,
                "按入驻月份",
                f"{year}年入驻企业按月份分布",
                "入驻月份",
                data["months"],
                f"{year}年每月新入驻企业数",
                line=True,
            ),
            lambda wb: _initiatives(wb, st, data, today),
            lambda wb: _statistics(wb, st, data, year),
            lambda wb: _explanations(wb, st, data["explanations"]) if data["explanations"] else [],
            lambda wb: changes_sheet(wb, st, snap),
        ]
        counts.clear()
        with streaming_workbook() as wb:
            for part in parts:
                for sheet in part(wb):
                    counts[sheet.ws.title] = sheet.rows_written
                ticker.step()
            wb.save(tmp)

    # The snapshot is read and the workbook written in a read transaction of its own, so colleagues keep
    # saving meanwhile; the pack and its records are stored in one short write afterwards — unless another
    # pack was made in between (this one's 变动情况 would compare with the wrong pack: it is made again; the
    # last attempt reads under the write lock). The workbook gets its name inside that write, so a pack that
    # could not be stored leaves no file, and a file that could not be named stores no pack.
    for attempt in range(_ATTEMPTS):
        locked = attempt == _ATTEMPTS - 1
        if attempt:
            ticker.restart()
        written: Path | None = None
        try:
            with RowSpool(pack_snapshot.RECORD_BATCH) as spool, staged_file(path) as staged:
                with db.write() if locked else db.snapshot() as s:
                    snap = PackSnapshot(s, actor, year, title, workbook, ticker, spool)
                    staged.build(partial(build, snap=snap))
                    if locked:
                        snap.store(s)
                        written = staged.publish()
                if not locked:
                    with db.write() as s:
                        if not snap.still_latest(s):
                            continue
                        snap.store(s)
                        written = staged.publish()
        except BaseException:
            if written is not None:  # the pack could not be stored: take the workbook back too
                written.unlink(missing_ok=True)
            raise
        assert written is not None
        return ExportResult(written, dict(counts))
    raise AssertionError("unreachable: the last attempt holds the lock")
