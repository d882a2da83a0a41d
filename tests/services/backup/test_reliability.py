"""Reliability on real processes and files: kill -9 at random moments of backups, backups while another process
keeps writing, and a full disk (a file-size limit, and a tiny tmpfs where the test may mount one).

What must hold every time: the live ledger passes ``integrity_check`` and ``audit verify``, and every file that
carries a final name passes verification (integrity, audit chain against its own head, the index's content hash).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jjdesk.services.backup import index, make
from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.store import sqlite_backup
from tests.services.backup.helpers import final_files, live, verified

ROOT = Path(__file__).resolve().parents[3]
ADMIN = Actor("admin", "admin")
KILL_POINTS = 24


def _child(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.services.backup.child", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _ready(proc: subprocess.Popen) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != "ready":
        proc.kill()
        raise AssertionError(f"child did not start: {line!r} {proc.communicate()[1][-2000:]}")


def _live_is_sound(db) -> None:
    assert sqlite_backup.integrity_problems(live(db)) == []
    report = audit.verify_chain(db)
    assert report.ok, report.message


@pytest.mark.slow
def test_kill_9_at_random_moments_of_backups_never_leaves_a_bad_final_file(db, demo_data, tmp_path):
    demo_data(db, generated=300)
    folder = tmp_path / "backups"
    rng = random.Random(20261203)
    checked: set[str] = set()
    mid_backup = 0  # kills that left a partial file: they hit a backup in progress
    for _ in range(KILL_POINTS):
        proc = _child("backups", str(live(db)), str(folder))
        _ready(proc)
        time.sleep(rng.uniform(0.0, 0.5))
        proc.kill()
        proc.wait()
        _live_is_sound(db)
        if any(p.name.endswith(f".{proc.pid}{index.PARTIAL_SUFFIX}") for p in folder.glob("*")):
            mid_backup += 1
        for path in final_files(folder):
            if path.name not in checked:
                assert verified(path), f"{path.name} has a final name but fails verification"
                checked.add(path.name)
    print(f"\nkill points: {KILL_POINTS}, killed mid-backup: {mid_backup}, final files verified: {len(checked)}")
    assert mid_backup >= KILL_POINTS // 4  # the kills really landed inside backups
    assert len(checked) >= KILL_POINTS // 4  # and backups really completed between them
    listed = {e.file for e in index.list_backups(folder) if e.verified}
    assert listed == checked  # every final file is listed in the index as verified
    entry = make.make_backup(db, folder, ADMIN)  # the next backup clears what the killed ones left
    assert not [p.name for p in folder.iterdir() if index.PARTIAL_SUFFIX in p.name]
    assert verified(folder / entry.file)


@pytest.mark.slow
def test_backups_taken_while_another_process_writes_all_verify(db, demo_data, tmp_path):
    demo_data(db, generated=300)
    folder = tmp_path / "backups"
    writer = _child("writer", str(live(db)))
    _ready(writer)
    try:
        entries = []
        for _ in range(8):
            entries.append(make.make_backup(db, folder, ADMIN, pages_per_step=4))
            time.sleep(0.05)
    finally:
        writer.kill()
        writer.wait()
    for e in entries:
        assert verified(folder / e.file), e.file
    chain = [e.chain_entries for e in entries]
    assert chain == sorted(chain) and chain[-1] > chain[0]  # the writer wrote between the backups
    assert entries[-1].counts["enterprises"] > entries[0].counts["enterprises"]
    _live_is_sound(db)


def _nothing_left(folder: Path) -> None:
    names = [p.name for p in folder.iterdir()] if folder.exists() else []
    assert [n for n in names if n != index.INDEX_NAME] == [], names


def test_a_file_size_limit_leaves_no_partial_file_and_says_why(db, demo_data, tmp_path):
    demo_data(db, generated=300)
    folder = tmp_path / "usb"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.services.backup.child", "limited", str(live(db)), str(folder), "65536"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    outcome = json.loads(proc.stdout.strip().splitlines()[-1])
    assert outcome["ok"] is False
    assert outcome["message"].startswith(f"无法写入备份到“{folder}”：")
    assert outcome["message"].endswith("没有留下不完整的备份文件。")
    assert "磁盘可能已满" in outcome["message"]  # SQLite reports EFBIG as a write error (SQLITE_IOERR_WRITE)
    _nothing_left(folder)
    _live_is_sound(db)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KB tmpfs, where the test may mount one (root on Linux); skipped elsewhere."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)]).returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_leaves_no_partial_file_and_says_the_disk_is_full(db, demo_data, tiny_disk):
    from jjdesk.services.core.errors import ServiceError

    demo_data(db, generated=300)
    assert live(db).stat().st_size > 256 * 1024
    with pytest.raises(ServiceError) as info:
        make.make_backup(db, tiny_disk, ADMIN)
    assert str(info.value) == f"无法写入备份到“{tiny_disk}”：磁盘空间已满。没有留下不完整的备份文件。"
    _nothing_left(tiny_disk)
    _live_is_sound(db)
