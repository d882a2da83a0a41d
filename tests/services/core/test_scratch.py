"""Temporary files a killed process leaves are gone after the next start: exports and meeting packs killed at
random points leave nothing under the officer's file name, and their staged files and openpyxl's sheet files
are swept by the next jjdesk process (its own temporary folder, and the folder it exports into)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jjdesk.services.core import scratch
from jjdesk.services.demo import load
from jjdesk.store.migrate import open_database
from tests.process_helpers import ROOT


def test_sweep_removes_only_files_of_processes_no_longer_running(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    left = tmp_path / f"{scratch.STAGED_PREFIX}{dead_pid}-0123456789ab.xlsx"
    mine = tmp_path / scratch.staged_name(".xlsx", "abcdef012345")
    officers = tmp_path / ".~jjdesk-notes.xlsx"  # not one of ours: no process id in it
    for path in (left, mine, officers):
        path.write_bytes(b"")
    assert scratch.sweep_folder(tmp_path) == 1
    assert not left.exists() and mine.exists() and officers.exists()
    assert scratch.sweep_folder(tmp_path / "gone") == 0


def _run(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "jjdesk", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "ledger.db"
    db = open_database(f"sqlite:///{path}")
    load.load_demo(db, generated=8000)
    db.dispose()
    return path


@pytest.mark.slow
def test_killed_exports_leave_nothing_after_the_next_start(big_ledger, tmp_path):
    temp = tmp_path / "tmp"  # the system's temporary folder, as these processes see it
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT), "USER": "officer"}
    out = tmp_path / "exports"
    out.mkdir()
    rng = random.Random(11)
    kills = 0
    for trial in range(8):
        kind = ("enterprises", "meeting-pack")[trial % 2]
        target = out / f"{kind}-{trial}.xlsx"
        child = _run(env, "--db", str(big_ledger), "export", kind, "--out", str(target), "--year", "2021")
        # Killed while it is writing: once its temporary files exist, after a random moment more.
        own = temp / "jjdesk-officer" / str(child.pid)
        deadline = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < deadline:
            staged = any(p.name.startswith(scratch.STAGED_PREFIX) for p in out.iterdir())
            if staged or (own.is_dir() and any(own.iterdir())):
                time.sleep(rng.uniform(0.0, 0.4))
                break
            time.sleep(0.01)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.communicate(timeout=120)
        if target.exists():  # finished before the kill: a whole workbook
            from openpyxl import load_workbook

            assert load_workbook(target, read_only=True).sheetnames
    assert kills >= 4
    root = temp / "jjdesk-officer"
    litter = [p for p in out.iterdir() if p.name.startswith(scratch.STAGED_PREFIX)] + list(root.iterdir())
    assert litter, "the kills left temporary files (else this test would show nothing)"
    # The next start: another jjdesk process, exporting into the same folder.
    after = _run(env, "--db", str(big_ledger), "export", "statistics", "--out", str(out / "统计.xlsx"))
    _, err = after.communicate(timeout=120)
    assert after.returncode == 0, err
    assert not [p.name for p in out.iterdir() if p.name.startswith(scratch.STAGED_PREFIX)]
    assert [p.name for p in root.iterdir()] == []  # the killed ones' swept, the last one's removed at its exit
