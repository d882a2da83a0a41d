"""Temporary files that a killed process cannot leave behind for good.

A workbook is written under a temporary name beside its target (so the final rename stays on one file system)
and openpyxl spools each sheet to a temporary file; a process killed part-way leaves both. So:

- every temporary name jjdesk gives a file beside a target carries its process id (``.~jjdesk-<pid>-<hex>``), and
  :func:`sweep_folder` removes those of processes no longer running — done for a folder each time jjdesk writes
  into it again, and at start for the folder the officer last exported to;
- :func:`claim` gives this process a folder of its own under one jjdesk-owned temporary folder and points
  Python's ``tempfile`` (hence openpyxl's sheet files and the row spools) at it, after removing the folders of
  processes no longer running; a normal exit removes its own.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

STAGED_PREFIX = ".~jjdesk-"
_STAGED = re.compile(rf"{re.escape(STAGED_PREFIX)}(\d+)-[0-9a-f]+\.[a-z]+")
_claimed: Path | None = None
_root: Path | None = None


def staged_name(suffix: str, token: str) -> str:
    """The temporary name of a file being written beside its target: ``.~jjdesk-<pid>-<token><suffix>``."""
    return f"{STAGED_PREFIX}{os.getpid()}-{token}{suffix}"


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running now (a reused id keeps its files: never one of ours removed)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def sweep_folder(folder: Path | str) -> int:
    """Remove the temporary files jjdesk processes no longer running left in ``folder``; returns how many."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        m = _STAGED.fullmatch(entry.name)
        if m and entry.is_file(follow_symlinks=False) and not process_alive(int(m.group(1))):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:  # another process removed it, or the folder is read-only: nothing to do
                pass
    return removed


def scratch_root() -> Path:
    """jjdesk's own folder in the system's temporary folder (one per operating-system user)."""
    global _root
    if _root is None:
        user = re.sub(r"[^\w.-]", "_", os.environ.get("USER") or os.environ.get("USERNAME") or "user")
        _root = Path(tempfile.gettempdir()) / f"jjdesk-{user}"
    return _root


def claim() -> Path:
    """This process's temporary folder, made once, with ``tempfile`` pointed at it; folders of processes no
    longer running are removed first. Returns the folder (the system's own temporary folder if it cannot be
    made: temporary files then go where they always went)."""
    global _claimed
    if _claimed is not None:
        return _claimed
    root = scratch_root()
    try:
        root.mkdir(mode=0o700, exist_ok=True)
        for entry in os.scandir(root):
            if entry.name.isdigit() and entry.is_dir(follow_symlinks=False) and not process_alive(int(entry.name)):
                shutil.rmtree(entry.path, ignore_errors=True)
        mine = root / str(os.getpid())
        mine.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        _claimed = Path(tempfile.gettempdir())
        return _claimed
    tempfile.tempdir = str(mine)
    atexit.register(shutil.rmtree, mine, ignore_errors=True)  # a normal exit leaves nothing either
    _claimed = mine
    return mine
