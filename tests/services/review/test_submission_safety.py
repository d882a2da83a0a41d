"""上报 is whole or absent: a file under the final name always has its submission, a retry after a crash works, and
a colleague's save never waits for the submission's reading and writing (two processes)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jjdesk.errors import DatabaseBusy
from jjdesk.services.core.actor import Actor
from jjdesk.services.excel.files import ExportFailed
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import enterprises, statistics
from jjdesk.services.review import submission as sub
from jjdesk.services.review import workflow
from jjdesk.store import engine
from jjdesk.store.engine import Database
from jjdesk.store.migrate import open_database
from tests.process_helpers import PAUSE_FIRST_CALL, start_python, wait_for_file

CHIEF = Actor("zhaomin", "reviewer")
CLERK = Actor("lihua", "entry")
REVIEWER = Actor("wangjun", "reviewer")

# A colleague's 上报 in its own process; its first workbook waits at a flag until the test says go.
PAUSED_SUBMIT = (
    PAUSE_FIRST_CALL
    + r"""
from jjdesk.services.core.actor import Actor
from jjdesk.services.review import submission
from jjdesk.store.engine import Database

url, out, flags = sys.argv[1], sys.argv[2], Path(sys.argv[3])
calls = pause_first_call("jjdesk.services.review.submission", "write_workbook", flags)
info = submission.submit(Database(url), Actor("zhaomin", "reviewer"), 2020, out, scope=sys.argv[4])
print(info.id, len(calls))
"""
)

# The same submission, in a process the test kills at a random moment.
PLAIN_SUBMIT = r"""
import sys
from jjdesk.services.core.actor import Actor
from jjdesk.services.review import submission
from jjdesk.store.engine import Database

db = Database(sys.argv[1])
print("ready", flush=True)
submission.submit(db, Actor("zhaomin", "reviewer"), 2020, sys.argv[2], scope="enterprises")
print("done", flush=True)
"""


@pytest.fixture
def approved_2020(db, demo_data):
    demo_data(db, generated=0)
    year = {y["year"]: y["id"] for y in statistics.years(db)}[2020]
    workflow.submit(db, CLERK, [("stat_year", year)])
    workflow.approve(db, REVIEWER, [("stat_year", year)])
    return year


def test_a_failed_rename_keeps_the_submission_and_the_retry_writes_its_workbook(db, tmp_path, approved_2020):
    out = tmp_path / "上报.xlsx"
    real_replace = os.replace

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    os.replace = refuse
    try:
        with pytest.raises(ExportFailed, match=r"2020年上报已记录（编号 \d+），但.*请用同一文件名再次上报"):
            sub.submit(db, CHIEF, 2020, out, scope="statistics")
    finally:
        os.replace = real_replace
    [recorded] = sub.list_submissions(db)
    assert not out.exists() and not list(tmp_path.glob(".~jjdesk-*"))  # nothing half-named left behind
    again = sub.submit(db, CHIEF, 2020, out, scope="statistics")
    assert again.workbook_rewritten and again.id == recorded.id and again.submitted_at == recorded.submitted_at
    assert [s.id for s in sub.list_submissions(db)] == [recorded.id]  # recorded once
    cover = {r[0]: r[1] for r in load_workbook(out)["上报说明"].iter_rows(values_only=True)}
    assert cover["内容哈希（SHA-256）"] == recorded.content_hash
    # Once the file is there, the same command is refused as before; a new name is a new submission.
    with pytest.raises(ValueError, match="已存在"):
        sub.submit(db, CHIEF, 2020, out, scope="statistics")
    third = sub.submit(db, CHIEF, 2020, tmp_path / "再次上报.xlsx", scope="statistics")
    assert not third.workbook_rewritten and third.id != recorded.id


def test_a_colleagues_save_during_the_submission_does_not_wait_for_it(db, tmp_path, approved_2020, monkeypatch):
    out, flags = tmp_path / "上报.xlsx", tmp_path / "flags"
    flags.mkdir()
    child = start_python(PAUSED_SUBMIT, db.url, str(out), str(flags), "statistics")
    wait_for_file(flags / "building", child)
    # The submission is now writing its workbook. A save with a short busy timeout still goes through at once
    # (before, the workbook was written holding the write lock: this save failed after its timeout).
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 1500)
    colleague = Database(db.url)
    try:
        made = enterprises.create(
            colleague,
            CLERK,
            {
                "name": "台州同事新录入进出口有限公司",
                "credit_code": make_credit_code("77700001"),
                "enterprise_type": "外贸公司",
                "join_date": "2021-06-01",
            },
        )
    finally:
        colleague.dispose()
        (flags / "go").touch()
    stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 0, stderr
    submission_id, workbooks = map(int, stdout.split())
    # The submission is the ledger as it stood when it began: written once, recorded after the colleague's save.
    assert workbooks == 1 and made["id"]
    [info] = sub.list_submissions(db)
    assert info.id == submission_id and out.exists() and sub.snapshot_intact(db, info.id)
    assert sub.compare(db, info.id) == []  # the colleague's enterprise of 2021 is outside the 2020 statistics


def test_a_lock_held_past_the_timeout_is_a_chinese_message(db, tmp_path, monkeypatch, enterprise_values):
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    waiting = Database(db.url)
    holder = Database(db.url)
    try:
        with holder.write(), pytest.raises(DatabaseBusy, match="另一位同事正在保存，请稍后重试"):
            enterprises.create(waiting, CLERK, enterprise_values())
    finally:
        waiting.dispose()
        holder.dispose()
    assert enterprises.create(db, CLERK, enterprise_values())["id"]  # and nothing was left half-done


@pytest.fixture(scope="module")
def approved_enterprises(tmp_path_factory) -> Path:
    """A ledger of 3,000 approved enterprises of 2020 (a submission of them takes about a second)."""
    path = tmp_path_factory.mktemp("approved") / "approved.db"
    db = open_database(f"sqlite:///{path}")
    rows = [
        {
            "name": f"台州测试进出口有限公司{i:05d}",
            "credit_code": make_credit_code(f"{20000000 + i:08d}"),
            "enterprise_type": "外贸公司",
            "cluster": "家电",
            "join_date": "2020-06-01",
            "export_value": f"{i}.25",
        }
        for i in range(3000)
    ]
    refs = [("enterprise", i) for i in enterprises.create_many(db, CLERK, rows)]
    workflow.submit(db, CLERK, refs)
    workflow.approve(db, REVIEWER, refs)
    db.dispose()
    return path


@pytest.mark.slow
def test_submit_killed_at_random_points_never_leaves_a_file_without_its_submission(approved_enterprises, tmp_path):
    rng = random.Random(18)
    seen = {"file and submission": 0, "nothing": 0, "submission only": 0}
    for trial in range(12):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        path = folder / "ledger.db"
        shutil.copyfile(approved_enterprises, path)
        url, out = f"sqlite:///{path}", folder / "上报.xlsx"
        child = start_python(PLAIN_SUBMIT, url, str(out))
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 2.0))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        db = Database(url)
        try:
            recorded = sub.list_submissions(db)
            if out.exists():  # the kill came after the end: the file is whole and its submission recorded
                [info] = recorded
                cover = {r[0]: r[1] for r in load_workbook(out)["上报说明"].iter_rows(values_only=True)}
                assert cover["内容哈希（SHA-256）"] == info.content_hash and info.workbook == out.name
                seen["file and submission"] += 1
                continue
            seen["submission only" if recorded else "nothing"] += 1
            retried = sub.submit(db, CHIEF, 2020, out, scope="enterprises")  # the officer runs it again
            assert retried.workbook_rewritten == bool(recorded)
            assert [s.id for s in sub.list_submissions(db)] == [retried.id] and out.exists()
            assert sub.snapshot_intact(db, retried.id) and retried.record_count == 3000
        finally:
            db.dispose()
    assert sum(seen.values()) == 12 and seen["nothing"] > 0, seen
