"""Tamper-evidence anchored outside the file: every 上报 and meeting pack records the chain head it was made from
and prints it on its cover. A history rewritten with every hash recomputed still fails `audit verify` against
the recorded anchors — and, when the attacker rewrote those too, against the workbooks handed out."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from jjdesk.config import sqlite_path
from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.exports import meeting_pack
from jjdesk.services.imports.anchors import anchors_in_workbook
from jjdesk.services.records import statistics
from jjdesk.services.review import submission, workflow
from jjdesk.store import repos
from tests.cli_helpers import run

CLERK, REVIEWER = Actor("lihua", "entry"), Actor("wangjun", "reviewer")


@pytest.fixture
def handed_out(db, demo_data, tmp_path):
    """A ledger whose 2020 statistics were submitted and a meeting pack made: two workbooks went out."""
    demo_data(db, generated=0)
    year = {y["year"]: y["id"] for y in statistics.years(db)}[2020]
    workflow.submit(db, CLERK, [("stat_year", year)])
    workflow.approve(db, REVIEWER, [("stat_year", year)])
    sub = tmp_path / "上报.xlsx"
    info = submission.submit(db, REVIEWER, 2020, sub, scope="statistics")
    pack = meeting_pack.export_meeting_pack(db, tmp_path / "会议材料.xlsx", year=2021).path
    statistics.set_value(db, CLERK, "WM", 2021, {"value": "310.5"})  # work goes on after both
    return {"submission": sub, "pack": pack, "info": info}


def _rewrite_history(db, entry_index: int = 3, anchors_too: bool = False) -> None:
    """What someone holding the file could do: change an early entry and recompute every hash after it, and
    the head — so the chain is consistent in itself again (and, with ``anchors_too``, the recorded anchors)."""
    with db.session() as s:
        rows = [SimpleNamespace(**r._mapping) for r in repos.iter_audit_entries(s)]
    rows[entry_index].record_label = rows[entry_index].record_label + "（改）"
    prev, new_hash = "", {}
    for r in rows:
        r.prev_hash = prev
        r.hash = audit._entry_hash(prev, r)
        prev = r.hash
        new_hash[len(new_hash) + 1] = r.hash
    con = sqlite3.connect(sqlite_path(db.url))
    con.executemany(
        "update audit_log set record_label = ?, prev_hash = ?, hash = ? where id = ?",
        [(r.record_label, r.prev_hash, r.hash, r.id) for r in rows],
    )
    con.execute("update audit_head set last_hash = ? where id = 1", (prev,))
    if anchors_too:
        for table in ("submission", "meeting_pack"):
            for rid, entries in con.execute(f"select id, chain_entries from {table}").fetchall():
                con.execute(f"update {table} set chain_hash = ? where id = ?", (new_hash.get(entries, ""), rid))
    con.commit()
    con.close()


def test_both_workbooks_carry_the_anchor_the_ledger_recorded(db, handed_out):
    cover = {r[0]: r[1] for r in load_workbook(handed_out["submission"])["上报说明"].iter_rows(values_only=True)}
    assert cover[audit.ANCHOR_LABEL] == handed_out["info"].anchor
    [on_pack] = anchors_in_workbook(handed_out["pack"])
    [on_submission] = anchors_in_workbook(handed_out["submission"])
    recorded = {(a.entries, a.hash) for a in _recorded(db)}
    assert {(on_pack.entries, on_pack.hash), (on_submission.entries, on_submission.hash)} == recorded
    report = audit.verify_chain(db, [on_pack, on_submission])
    assert report.ok and report.anchors == 4 and "经过全部4个锚点" in report.message


def _recorded(db):
    with db.session() as s:
        return audit.recorded_anchors(s)


def test_a_history_rewritten_with_recomputed_hashes_fails_at_the_recorded_anchors(db, handed_out):
    _rewrite_history(db)
    report = audit.verify_chain(db)
    assert not report.ok and "审计链不再经过上报（编号" in report.message and "重新计算" in report.message


def test_rewritten_anchors_too_are_caught_by_the_workbooks_handed_out(db, handed_out, monkeypatch):
    _rewrite_history(db, anchors_too=True)
    assert audit.verify_chain(db).ok  # consistent in itself: without an outside anchor this cannot be told
    report = audit.verify_chain(db, anchors_in_workbook(handed_out["submission"]))
    assert not report.ok and f"“{handed_out['submission'].name}”" in report.message
    env = {"JJDESK_DB": db.url}
    plain = run("audit", "verify", env=env)
    assert plain.returncode == 0
    anchored = run("audit", "verify", "--anchor", str(handed_out["pack"]), env=env)
    assert anchored.returncode == 1 and "会议材料.xlsx" in anchored.stderr and "改写" in anchored.stderr


def test_a_history_cut_short_before_an_anchor_is_caught(db, handed_out):
    with db.session() as s:
        last = max(a.entries for a in audit.recorded_anchors(s))
    con = sqlite3.connect(sqlite_path(db.url))
    keep = last - 2
    ids = [i for (i,) in con.execute("select id from audit_log order by id")]
    con.execute(f"delete from audit_log where id > {ids[keep - 1]}")
    (digest,) = con.execute("select hash from audit_log order by id desc limit 1").fetchone()
    con.execute("update audit_head set entries = ?, last_hash = ? where id = 1", (keep, digest))
    con.commit()
    con.close()
    report = audit.verify_chain(db)
    assert not report.ok and f"审计链只有{keep}条记录" in report.message


def test_a_workbook_without_an_anchor_is_refused_in_chinese(db, handed_out, tmp_path):
    from tests.services.excel_helpers import write_xlsx

    other = write_xlsx(tmp_path / "名单.xlsx", [["企业名称"], ["台州甲有限公司"]])
    with pytest.raises(ServiceError, match="上没有审计链锚点"):
        anchors_in_workbook(other)
    result = run("--db", str(sqlite_path(db.url)), "audit", "verify", "--anchor", str(other))
    assert result.returncode == 1 and "审计链锚点" in result.stderr and "Traceback" not in result.stderr
