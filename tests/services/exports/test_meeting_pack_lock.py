"""The meeting pack reads without the write lock: a colleague saves while it is written (two processes), and a
pack made meanwhile by someone else makes this one compare again, so 变动情况 is always against the latest."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jjdesk.services.core.actor import Actor
from jjdesk.services.exports import meeting_pack
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import enterprises
from jjdesk.store import engine, export_repo
from jjdesk.store.engine import Database
from tests.process_helpers import PAUSE_FIRST_CALL, start_python, wait_for_file

CLERK = Actor("lihua", "entry")

PAUSED_PACK = (
    PAUSE_FIRST_CALL
    + r"""
from jjdesk.services.exports import meeting_pack
from jjdesk.store.engine import Database

url, out, flags = sys.argv[1], sys.argv[2], Path(sys.argv[3])
calls = pause_first_call("jjdesk.services.exports.meeting_pack", "_cover", flags)
result = meeting_pack.export_meeting_pack(Database(url), out, year=2021)
print(len(calls), result.rows[meeting_pack.CHANGES_SHEET])
"""
)


def _packs(db: Database) -> list:
    with db.session() as s:
        latest = export_repo.latest_meeting_pack(s)
        return [] if latest is None else [latest]


def test_a_colleagues_save_during_the_pack_does_not_wait_for_it(db, tmp_path, demo_data, monkeypatch):
    demo_data(db, generated=0)
    out, flags = tmp_path / "会议材料.xlsx", tmp_path / "flags"
    flags.mkdir()
    child = start_python(PAUSED_PACK, db.url, str(out), str(flags))
    wait_for_file(flags / "building", child)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 1500)  # before, this save failed after its timeout
    colleague = Database(db.url)
    try:
        made = enterprises.create(
            colleague,
            CLERK,
            {
                "name": "台州会议期间录入进出口有限公司",
                "credit_code": make_credit_code("77700002"),
                "enterprise_type": "外贸公司",
                "join_date": "2021-06-01",
            },
        )
    finally:
        colleague.dispose()
        (flags / "go").touch()
    stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 0, stderr
    assert stdout.split()[0] == "1"  # a save is not a pack: the pack was stored as first written
    [pack] = _packs(db)
    assert out.exists() and pack.workbook == out.name and made["id"]
    # It shows the ledger as it was when it began: the colleague's enterprise is in the next pack's changes.
    second = meeting_pack.export_meeting_pack(db, tmp_path / "二.xlsx", year=2021)
    ws = openpyxl.load_workbook(second.path)[meeting_pack.CHANGES_SHEET]
    assert any("台州会议期间录入进出口有限公司" in str(v) for row in ws.iter_rows(values_only=True) for v in row)


def test_a_pack_made_meanwhile_makes_this_one_compare_with_it(db, tmp_path, demo_data, monkeypatch):
    demo_data(db, generated=0)
    first = meeting_pack.export_meeting_pack(db, tmp_path / "一.xlsx", year=2021)
    real_cover, calls = meeting_pack._cover, []

    def colleague_makes_a_pack(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # while this pack is being written, another office PC makes one
            other = Database(db.url)
            try:
                meeting_pack.export_meeting_pack(other, tmp_path / "同事.xlsx", year=2021)
            finally:
                other.dispose()
        return real_cover(*args, **kwargs)

    monkeypatch.setattr(meeting_pack, "_cover", colleague_makes_a_pack)
    mine = meeting_pack.export_meeting_pack(db, tmp_path / "我的.xlsx", year=2021)
    assert len(calls) == 3  # mine, the colleague's, then mine again against the colleague's pack
    [latest] = _packs(db)
    assert latest.workbook == "我的.xlsx" and Path(mine.path).exists() and first.path.exists()
    ws = openpyxl.load_workbook(mine.path)[meeting_pack.CHANGES_SHEET]
    assert "同事.xlsx" in str(ws["A2"].value)  # 上次材料 names the colleague's pack, not the first


def test_the_cover_names_what_still_stands_between_the_year_and_its_submission(db, tmp_path, demo_data):
    """2021 外贸公司出口额 imported with a reported 5.0% where last year's value implies more (STAT-02, not
    explained): the cover says so, instead of "核实说明：暂无" alone (issue 16)."""
    from jjdesk.services.records import statistics

    demo_data(db, generated=0)
    statistics.set_value(db, CLERK, "WM.CK.WMGS", 2021, {"value": "80.00", "growth": "5.0"})
    path = meeting_pack.export_meeting_pack(db, tmp_path / "会议材料.xlsx", year=2021).path
    text = [str(v) for row in openpyxl.load_workbook(path)["封面"].iter_rows(values_only=True) for v in row if v]
    summary = next(t for t in text if t.startswith("待处理的审核问题"))
    assert "核实性问题未说明" in summary and "上报前须处理" in summary
    assert any(t.startswith("（STAT-02）") and "外贸公司出口额" in t for t in text)
