"""The meeting pack: cover with data status, key figures, SQL pivots, initiatives, statistics, charts."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlmodel import select

from jjdesk.services.core.actor import Actor
from jjdesk.services.exports import meeting_pack, pack_snapshot
from tests.services.excel_helpers import libreoffice_csv, needs_soffice


def _pack(db, tmp_path, demo_data):
    demo_data(db, generated=60, actor=Actor("system", "admin"))
    out = tmp_path / "会议材料.xlsx"
    result = meeting_pack.export_meeting_pack(db, out, year=2021, today=dt.date(2021, 6, 1))
    return out, result


def test_meeting_pack_sheets_figures_and_charts(db, tmp_path, demo_data):
    out, result = _pack(db, tmp_path, demo_data)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "封面",
        "主要数据",
        "按产业集群",
        "按企业类型",
        "按入驻月份",
        "工作举措",
        "逾期节点",
        "统计数据",
        "变动情况",
    ]
    cover = [r for r in wb["封面"].iter_rows(min_row=4, max_row=6, values_only=True)]
    assert cover[0][:6] == ("入驻企业", 65, 0, 0, 0, 65)
    clusters = wb["按产业集群"]
    rows = [r for r in clusters.iter_rows(min_row=4, values_only=True) if r[0] and r[0] != "合计"]
    assert sum(r[1] for r in rows) == 65 and result.rows["按产业集群"] == len(rows)
    assert abs(sum(r[2] for r in rows) - 100) < 0.5
    total = next(r for r in clusters.iter_rows(min_row=4) if r[0].value == "合计")
    assert total[1].value == f"=SUBTOTAL(109,B4:B{3 + len(rows)})"
    assert all(len(wb[n]._charts) == 1 for n in ("按产业集群", "按企业类型", "按入驻月份", "统计数据"))
    overdue = [r for r in wb["逾期节点"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert overdue == []  # on 2021-06-01 the 2022 milestone is not due yet
    stats: dict = {}
    for r in wb["统计数据"].iter_rows(min_row=4, values_only=True):
        if r[0]:
            stats.setdefault(r[0], r)  # the chart's own small table under the main one repeats names
    assert stats["地区生产总值"][3] == 752.14 and stats["地区生产总值"][4] == 6.2
    key = {r[0]: r for r in wb["主要数据"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert key["2021年地区生产总值"][3] == "比上年增长6.2%"


def test_year_on_year_change_above_30_percent_is_flagged(db, tmp_path, clerk, demo_data):
    from jjdesk.services.records import statistics

    demo_data(db, generated=0, actor=clerk)
    statistics.set_value(db, clerk, "GDP", 2020, {"value": "500"})
    out = tmp_path / "p.xlsx"
    meeting_pack.export_meeting_pack(db, out, year=2021)
    row = next(
        r
        for r in openpyxl.load_workbook(out)["统计数据"].iter_rows(min_row=4, values_only=True)
        if r[0] == "地区生产总值"
    )
    assert row[5] == 50.4 and "需说明" in row[6]


@needs_soffice
def test_libreoffice_opens_the_meeting_pack(db, tmp_path, demo_data):
    out, _ = _pack(db, tmp_path, demo_data)
    sheets = libreoffice_csv(out, tmp_path / "lo")
    assert set(sheets) >= {"封面", "按产业集群", "统计数据"}
    total = next(r for r in sheets["按产业集群"] if r[0] == "合计")
    assert total[1] == "65"


def test_explanations_sheet_names_the_record(db, tmp_path, clerk, demo_data):
    from jjdesk.services.core import audit
    from jjdesk.services.records import statistics
    from jjdesk.store.models import ReviewExplanation

    demo_data(db, generated=0, actor=clerk)
    figure = statistics.get_value(db, "WM", 2020)
    with db.write() as s:
        s.add(
            ReviewExplanation(
                rule_id="S-YOY30",
                entity="stat_value",
                entity_id=figure["id"],
                field="value",
                values_key="289.84",
                text="=统计口径调整，海关数据重新分类",
                created_by="lihua",
                created_at=audit.utcnow(),
            )
        )
    out = tmp_path / "p.xlsx"
    meeting_pack.export_meeting_pack(db, out, year=2020)
    ws = openpyxl.load_workbook(out)["核实说明"]
    row = [c.value for c in ws[4]]
    # A rule that no longer exists and a finding gone since: still the field's label, and said so.
    assert row[:7] == [
        "S-YOY30",
        None,
        "2020年 外贸进出口总额",
        "数值",
        "（该审核发现现已不再出现：数据已修改）",
        "=统计口径调整，海关数据重新分类",
        "lihua",
    ]
    assert ws["F4"].data_type == "s" and ws["F4"].quotePrefix


def test_explanations_sheet_shows_the_rule_its_severity_the_field_label_and_the_finding(db, tmp_path, clerk, demo_data):
    from jjdesk.services.records import statistics
    from jjdesk.services.review import checks, explanations

    demo_data(db, generated=0, actor=clerk)
    for code, value in {"WM": "275.52", "WM.CK.SCQY": "150.00"}.items():  # 2020's reported growth now mismatches
        statistics.set_value(db, clerk, code, 2019, {"value": value})
    f = next(f for f in checks.run_checks(db, 2020, "statistics").findings if f.severity == "核实")
    explanations.explain(db, clerk, f.rule, f.entity, f.id, f.field, "官方增速按可比口径计算")
    out = tmp_path / "p.xlsx"
    meeting_pack.export_meeting_pack(db, out, year=2020)
    ws = openpyxl.load_workbook(out)["核实说明"]
    assert [c.value for c in ws[3]] == [
        "审核规则",
        "性质",
        "审核对象",
        "字段",
        "审核发现",
        "说明",
        "填写人",
        "填写时间",
    ]
    row = [c.value for c in ws[4]]
    assert row[0] == f"{f.rule} {f.title}" and row[0].startswith("STAT-0") and len(row[0]) > 8
    assert row[1] == "核实" and row[2] == "2020年 生产企业出口额"
    assert row[3] == f.field_label and row[3] not in ("value", "growth", "")
    assert row[4] == f.message and "推算" in row[4]
    assert row[5:7] == ["官方增速按可比口径计算", "lihua"]
    # The finding is a sentence: wrapped inside its column, in a row tall enough for its lines (never cut).
    assert ws["E4"].alignment.wrap_text and ws.row_dimensions[4].height >= 2 * 13.5


# ---------------------------------------------------------------- 变动情况: changes since the previous pack


def _changes(path):
    ws = openpyxl.load_workbook(path)[meeting_pack.CHANGES_SHEET]
    return ws["A2"].value, [r for r in ws.iter_rows(min_row=4, values_only=True) if any(v is not None for v in r)]


def test_changes_since_the_previous_pack_field_by_field(db, tmp_path, clerk, enterprise_values, demo_data):
    from jjdesk.services.core import audit
    from jjdesk.services.records import enterprises, statistics
    from jjdesk.store.models import MeetingPack, MeetingPackRecord

    demo_data(db, generated=0, actor=clerk)
    a = enterprises.create(db, clerk, enterprise_values(name="台州甲测试有限公司", contact_name="林晓"))
    b = enterprises.create(db, clerk, enterprise_values(name="台州乙测试有限公司"))
    first = tmp_path / "第一次.xlsx"
    meeting_pack.export_meeting_pack(db, first, year=2021, actor=clerk)
    info, rows = _changes(first)
    assert rows == [(meeting_pack.FIRST_PACK, None, None, None, None, None)]
    assert meeting_pack.FIRST_PACK in info

    enterprises.update(db, clerk, a["id"], {"contact_name": "岳不群", "export_value": "300.5"}, expected_version=1)
    enterprises.delete(db, clerk, b["id"], expected_version=1, reason="退出平台")
    c = enterprises.create(db, clerk, enterprise_values(name="台州丙测试有限公司"))
    statistics.set_value(db, clerk, "GDP", 2021, {"value": "760.5"})
    second = tmp_path / "第二次.xlsx"
    meeting_pack.export_meeting_pack(db, second, year=2021, actor=clerk)
    info, rows = _changes(second)
    assert "第一次.xlsx" in info
    assert rows == [
        ("修改", "平台企业", "台州甲测试有限公司", "联系人", "林晓", "岳不群"),
        ("修改", "平台企业", "台州甲测试有限公司", "年出口额", "289.84", "300.5"),
        ("删除", "平台企业", "台州乙测试有限公司", None, None, None),
        ("新增", "平台企业", "台州丙测试有限公司", None, None, None),
        ("修改", "年度统计", "2021年统计", "地区生产总值·数值", "752.14", "760.5"),
    ]
    assert c["id"] == b["id"] + 1  # a deleted id is never given again (migration 0006)

    third = tmp_path / "第三次.xlsx"
    meeting_pack.export_meeting_pack(db, third, year=2021, actor=clerk)
    assert _changes(third)[1] == [("与上次材料相比没有变动。", None, None, None, None, None)]
    with db.session() as s:
        packs = s.exec(select(MeetingPack).order_by(MeetingPack.id)).all()
        assert [p.workbook for p in packs] == ["第一次.xlsx", "第二次.xlsx", "第三次.xlsx"]
        assert packs[1].content_hash == packs[2].content_hash != packs[0].content_hash
        stored = s.exec(select(MeetingPackRecord).where(MeetingPackRecord.pack_id == packs[2].id)).all()
        assert packs[2].record_count == len(stored) > 0
        assert {p.created_by for p in packs} == {clerk.name}
    assert audit.verify_chain(db).ok


def test_a_cancelled_pack_stores_no_snapshot(db, tmp_path, clerk, demo_data):
    from jjdesk.services.core.progress import Cancelled
    from jjdesk.store.models import MeetingPack

    demo_data(db, generated=0, actor=clerk)
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        meeting_pack.export_meeting_pack(db, tmp_path / "x.xlsx", year=2021, should_cancel=lambda: next(calls) > 3)
    assert not (tmp_path / "x.xlsx").exists()
    with db.session() as s:
        assert s.exec(select(MeetingPack)).all() == []
    # The next pack is still the first one.
    meeting_pack.export_meeting_pack(db, tmp_path / "y.xlsx", year=2021)
    assert _changes(tmp_path / "y.xlsx")[1] == [(meeting_pack.FIRST_PACK, None, None, None, None, None)]


def test_the_packs_snapshot_from_plain_rows_equals_the_submissions_from_records(db, clerk, demo_data):
    """The pack reads enterprises as plain rows (fast at 100,000); the snapshot must not differ from the one a
    submission takes from the ORM records, or a pack would compare unlike texts."""
    from jjdesk.services.records.enterprises import COLUMNS
    from jjdesk.services.review.rules import CheckContext
    from jjdesk.services.review.snapshots import snapshot
    from jjdesk.store import export_repo

    demo_data(db, generated=40, actor=clerk)
    with db.session() as s:
        ctx = CheckContext(s)
        from_records = snapshot(s, ctx)
        from_rows = snapshot(s, ctx, enterprises=export_repo.enterprise_rows(s, COLUMNS))
    assert from_rows == from_records and len([i for i in from_rows if i.entity == "enterprise"]) == 45


# ---------------------------------------------------------------- the streamed snapshot


def _stored_items(s, pack_id):
    import json

    from jjdesk.services.review.snapshots import Item
    from jjdesk.store import export_repo

    return [Item(e, i, label, json.loads(c)) for e, i, label, c in export_repo.meeting_pack_records(s, pack_id)]


def test_a_pack_over_a_committed_database_hashes_as_the_stored_pack_did(tmp_path):
    """tests/fixtures/schema/0005.db holds a pack stored by the earlier list-based code: the streamed snapshot of
    the same, unchanged data must hash alike and find no change."""
    import shutil
    from pathlib import Path

    from jjdesk.services.review.snapshots import content_hash
    from jjdesk.store.migrate import open_database
    from jjdesk.store.models import MeetingPack

    path = tmp_path / "0005.db"
    shutil.copy(Path(__file__).parents[2] / "fixtures" / "schema" / "0005.db", path)
    db = open_database(f"sqlite:///{path}")
    try:
        meeting_pack.export_meeting_pack(db, tmp_path / "again.xlsx", year=2021)
        assert _changes(tmp_path / "again.xlsx")[1] == [("与上次材料相比没有变动。", None, None, None, None, None)]
        with db.session() as s:
            old, new = s.exec(select(MeetingPack).order_by(MeetingPack.id)).all()
            assert old.content_hash == new.content_hash == content_hash(_stored_items(s, old.id))
            assert new.record_count == old.record_count == len(_stored_items(s, new.id)) == 47
            assert _stored_items(s, new.id) == sorted(_stored_items(s, old.id), key=lambda i: (i.entity, i.id))
    finally:
        db.dispose()


def _bulk(db, n):
    from jjdesk.services.demo.enterprises import iter_demo_enterprises
    from jjdesk.store.bulk import insert_enterprises

    insert_enterprises(db, iter_demo_enterprises(n, seed=5))


@pytest.mark.slow  # 12,000 enterprises, two packs
def test_changes_across_page_and_batch_boundaries(db, tmp_path, clerk, enterprise_values):
    """12,000 enterprises: more than two pages of enterprise rows and of stored records (5,000) and two insert
    batches; edits and deletes on both sides of each boundary, adds at the end, all listed in (类别, id) order."""
    from jjdesk.services.exports import pack_snapshot
    from jjdesk.services.records import enterprises
    from jjdesk.services.review.rules import CheckContext
    from jjdesk.services.review.snapshots import content_hash, snapshot
    from jjdesk.store.models import Enterprise, MeetingPack

    assert pack_snapshot.PAGE == pack_snapshot.RECORD_BATCH == 5000
    _bulk(db, 12_000)
    meeting_pack.export_meeting_pack(db, tmp_path / "1.xlsx", year=2021, actor=clerk)
    with db.session() as s:
        names = {e.id: (e.name, e.contact_name) for e in s.exec(select(Enterprise))}
    edited, deleted = [1, 4999, 5000, 5001, 10000, 10001, 12000], [2, 5002, 9999, 10002]
    for i in edited:
        enterprises.update(db, clerk, i, {"contact_name": f"新联系人{i}"}, expected_version=1)
    for i in deleted:
        enterprises.delete(db, clerk, i, expected_version=1, reason="退出平台")
    added = [enterprises.create(db, clerk, enterprise_values(name=f"台州新增{k}有限公司")) for k in range(2)]
    meeting_pack.export_meeting_pack(db, tmp_path / "2.xlsx", year=2021, actor=clerk)

    expected = sorted(
        [(i, ("修改", "平台企业", names[i][0], "联系人", names[i][1], f"新联系人{i}")) for i in edited]
        + [(i, ("删除", "平台企业", names[i][0], None, None, None)) for i in deleted]
        + [(a["id"], ("新增", "平台企业", a["name"], None, None, None)) for a in added]
    )
    assert _changes(tmp_path / "2.xlsx")[1] == [row for _i, row in expected]
    with db.session() as s:
        first, second = s.exec(select(MeetingPack).order_by(MeetingPack.id)).all()
        items = snapshot(s, CheckContext(s))  # the list-based snapshot of the same data, from ORM records
        assert second.content_hash == content_hash(items) != first.content_hash
        assert second.record_count == len(items) == 12_000 - len(deleted) + len(added)
        assert _stored_items(s, second.id) == sorted(items, key=lambda i: (i.entity, i.id))


def test_small_batches_give_the_same_changes_as_the_listed_difference(db, tmp_path, clerk, monkeypatch, demo_data):
    """Pages, insert batches and tag chunks far smaller than the data (7, 5, 3): the sheet lists exactly what
    ``snapshots.differences`` finds between the two stored snapshots, statistics and initiatives included."""
    from jjdesk.services.records import enterprises, statistics
    from jjdesk.services.review import snapshots
    from jjdesk.services.review.reviewables import ENTITY_LABELS
    from jjdesk.services.review.rules import CheckContext
    from jjdesk.store.models import MeetingPack

    monkeypatch.setattr(pack_snapshot, "PAGE", 7)
    monkeypatch.setattr(pack_snapshot, "RECORD_BATCH", 5)
    monkeypatch.setattr(snapshots, "_TAG_CHUNK", 3)
    demo_data(db, generated=40, actor=clerk)
    meeting_pack.export_meeting_pack(db, tmp_path / "1.xlsx", year=2021, actor=clerk)
    rows = enterprises.search(db, None, limit=100)
    for e in rows[3:30:4]:
        enterprises.update(db, clerk, e["id"], {"notes": "复核", "services": ["通关"]}, expected_version=e["version"])
    for e in rows[31:60:9]:
        enterprises.delete(db, clerk, e["id"], expected_version=e["version"], reason="退出平台")
    statistics.set_value(db, clerk, "GDP", 2021, {"value": "760.5"})
    meeting_pack.export_meeting_pack(db, tmp_path / "2.xlsx", year=2021, actor=clerk)

    with db.session() as s:
        first, second = s.exec(select(MeetingPack).order_by(MeetingPack.id)).all()
        names = {i.code: i.name for i in CheckContext(s).catalogue.values()}
        found = snapshots.differences(_stored_items(s, first.id), _stored_items(s, second.id), names)
    listed = [
        (d.kind, ENTITY_LABELS[d.entity], d.label, d.field_label or None, d.submitted or None, d.now or None)
        for d in found
    ]  # an empty text is an empty cell
    assert len(listed) > 15 and {r[0] for r in listed} == {"修改", "删除"}
    assert ("修改", "年度统计", "2021年统计", "地区生产总值·数值", "752.14", "760.5") in listed
    assert _changes(tmp_path / "2.xlsx")[1] == listed


def test_a_pack_cancelled_while_its_snapshot_streams_stores_no_record(db, tmp_path, clerk, monkeypatch, demo_data):
    """Cancelled after some record batches were inserted: the transaction takes them back with the pack row."""
    from jjdesk.services.core.progress import Cancelled
    from jjdesk.store.models import MeetingPack, MeetingPackRecord

    monkeypatch.setattr(pack_snapshot, "RECORD_BATCH", 5)
    demo_data(db, generated=40, actor=clerk)
    calls = 0

    def should_cancel():
        nonlocal calls
        calls += 1
        return calls > 14  # 1 at the start + 8 sheets, then during the snapshot after a few batches

    with pytest.raises(Cancelled):
        meeting_pack.export_meeting_pack(db, tmp_path / "x.xlsx", year=2021, should_cancel=should_cancel)
    assert calls == 15 and not (tmp_path / "x.xlsx").exists()
    assert not list(tmp_path.glob("*.xlsx"))  # no temporary workbook left either
    with db.session() as s:
        assert s.exec(select(MeetingPack)).all() == [] and s.exec(select(MeetingPackRecord)).all() == []


def test_a_finding_gone_since_names_its_field_in_its_own_family(db):
    """An initiative's 名称 is 举措名称, not the enterprise's 企业名称 (labels were once one flat map)."""
    from datetime import date

    gone = {"entity_id": 999, "year_id": None, "rule_id": "NO-SUCH-RULE"}
    rows = [
        {**gone, "entity": "initiative", "field": "name"},
        {**gone, "entity": "enterprise", "field": "name"},
        {**gone, "entity": "initiative", "field": "notes"},
        {**gone, "entity": "stat_value", "field": "growth"},
    ]
    with db.session() as s:
        out = meeting_pack.explained_findings(s, rows, date(2026, 12, 3))
    assert [o["field_label"] for o in out] == ["举措名称", "企业名称", "备注", "增速"]
    assert all(o["finding"] == "（该审核发现现已不再出现：数据已修改）" for o in out)
