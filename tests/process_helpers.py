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

# The start of a child script whose ``pause_first_call(module, attribute, flags)`` makes the first call of that
# function touch ``flags/building`` and wait for ``flags/go``: the point where a test acts as a colleague.
PAUSE_FIRST_CALL = r"""
import importlib, sys, time
from pathlib import Path

def pause_first_call(module_name, attribute, flags):
    module = importlib.import_module(module_name)
    real, calls = getattr(module, attribute), []

    def paused(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            (flags / "building").touch()
            deadline = time.monotonic() + 60
            while not (flags / "go").exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        return real(*args, **kwargs)

    setattr(module, attribute, paused)
    return calls
"""


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
