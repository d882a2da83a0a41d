"""A second jjdesk process in tests: a colleague's client, or a run to be killed part-way.

``start_python(code, *args)`` runs ``code`` in a fresh interpreter with this checkout importable (``jjdesk`` and
``tests``); ``wait_for_file`` waits for the flag file a child touches when it reaches the point under test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def wait_for_file(path: Path, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Wait until ``path`` exists; fail with the child's output if it ended first or took too long."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the child ended ({proc.returncode}) before {path.name}:\n{out}\n{err}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"the child did not reach {path.name} in {timeout} s")
        time.sleep(0.02)
