"""Writing workbook files safely: a streaming workbook that cleans up after itself, and an atomic save.

A cancelled or failed export must leave nothing behind: neither openpyxl's temporary sheet files nor a
half-written workbook under the officer's file name.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jjdesk.services.core import scratch
from jjdesk.services.core.errors import ServiceError, os_reason
from jjdesk.services.excel.cells import guard_sheet


@contextmanager
def streaming_workbook() -> Iterator[Any]:
    """A write-only workbook — the only kind jjdesk writes — whose every sheet writes its cells through the
    safe-text rule (``excel.cells``), and whose sheets' temporary files are closed and removed if the block
    fails or is cancelled (openpyxl would otherwise leave them until the process exits, with warnings)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    create_sheet = wb.create_sheet

    def create_guarded_sheet(*args: Any, **kwargs: Any) -> Any:
        return guard_sheet(create_sheet(*args, **kwargs))

    wb.create_sheet = create_guarded_sheet
    try:
        yield wb
    except BaseException:
        for ws in wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            try:
                if not ws.closed:
                    ws.close()
                writer.cleanup()
            except Exception:  # best effort: the original error is what matters
                pass
        raise


# Characters no file name may hold on Windows (and "/" nowhere), control characters included.
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Names Windows reserves for devices, with or without an extension ("CON.xlsx" cannot be created either).
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?")
MAX_FILE_NAME = 120  # characters: well within every file system's limit, with room for a folder path


def safe_file_name(name: str, fallback: str = "导出") -> str:
    """``name`` (proposed from record data: an enterprise's name, a title) as one file name in a folder: path
    separators, characters Windows refuses and control characters become "_", leading and trailing dots and
    spaces go (no hidden files, no "..", no name Windows silently trims), device names get a "_" in front,
    and a very long name is shortened keeping its extension."""
    cleaned = _NOT_IN_FILE_NAMES.sub("_", name).strip(" .")
    if not cleaned or set(cleaned) <= {"_", ".", " "}:
        cleaned = fallback
    if _RESERVED.fullmatch(cleaned):
        cleaned = f"_{cleaned}"
    if len(cleaned) > MAX_FILE_NAME:
        _stem, dot, ext = cleaned.rpartition(".")
        keep = f".{ext}" if dot and len(ext) <= 8 else ""
        cleaned = cleaned[: MAX_FILE_NAME - len(keep)].rstrip(" .") + keep
    return cleaned


class ExportFailed(ServiceError):
    """The file could not be written; the target path was left as it was."""


class StagedFile:
    """A workbook being written under a temporary name beside its target; :meth:`publish` gives it the name."""

    def __init__(self, target: Path, tmp: Path) -> None:
        self.target, self.path = target, tmp
        self.published = False

    def build(self, build: Callable[[Path], None]) -> None:
        """Run ``build(temporary_path)``; an operating-system error becomes :class:`ExportFailed` (Chinese)."""
        try:
            build(self.path)
        except OSError as exc:
            raise ExportFailed(f"“{self.target.name}”未能写完：{os_reason(exc)}。") from None

    def publish(self) -> Path:
        """Rename the finished file onto the target (atomic: the target is the old file or the whole new one)."""
        try:
            os.replace(self.path, self.target)
        except OSError as exc:
            raise ExportFailed(f"无法保存为“{self.target.name}”：{os_reason(exc)}。") from None
        self.published = True
        return self.target


def check_target(target: Path | str, suffix: str = ".xlsx") -> Path:
    """The export target as a path, refused (:class:`ExportFailed`, Chinese) when it cannot be written there."""
    target = Path(target)
    if target.suffix.lower() != suffix:
        raise ExportFailed(f"导出文件名应以 {suffix} 结尾：{target.name}")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportFailed(f"文件夹不存在：{folder}")
    if target.is_dir():
        raise ExportFailed(f"“{target.name}”是一个文件夹，请换一个文件名。")
    return target


@contextmanager
def staged_file(target: Path | str, suffix: str = ".xlsx") -> Iterator[StagedFile]:
    """A temporary file for ``target`` in the target's folder (so the rename cannot cross file systems), removed
    when the block ends without :meth:`StagedFile.publish` — on an error, a cancel, or by choice — so a
    half-written workbook never appears under the officer's file name.

    For writers that must do something between writing and naming (上报 records the submission first). It is
    created with the usual permissions (the user's umask), so colleagues can open the file where they could
    open any other.
    """
    target = check_target(target, suffix)
    folder = target.parent if str(target.parent) else Path(".")
    scratch.sweep_folder(folder)  # what killed exports into this folder left behind
    tmp = folder / scratch.staged_name(suffix, uuid.uuid4().hex[:12])
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as exc:
        raise ExportFailed(f"无法在文件夹“{folder}”中保存文件：{os_reason(exc)}。请换一个文件夹。") from None
    staged = StagedFile(target, tmp)
    try:
        yield staged
    finally:
        if not staged.published:
            tmp.unlink(missing_ok=True)


def write_atomically(target: Path | str, build: Callable[[Path], None]) -> Path:
    """Run ``build(temporary_path)`` and move the result onto ``target`` only when it succeeded (see
    :func:`staged_file`). Operating-system errors become :class:`ExportFailed` with the reason in Chinese."""
    with staged_file(target) as staged:
        staged.build(build)
        return staged.publish()
