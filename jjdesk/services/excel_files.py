"""Writing workbook files safely: a streaming workbook that cleans up after itself, and an atomic save.

A cancelled or failed export must leave nothing behind: neither openpyxl's temporary sheet files nor a
half-written workbook under the officer's file name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jjdesk.services.errors import ServiceError


@contextmanager
def streaming_workbook() -> Iterator[Any]:
    """A write-only workbook whose sheets' temporary files are closed and removed if the block fails or is
    cancelled (openpyxl would otherwise leave them until the process exits, with warnings from its writers)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
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


class ExportFailed(ServiceError):
    """The file could not be written; the target path was left as it was."""


def write_atomically(target: Path | str, build: Callable[[Path], None]) -> Path:
    """Run ``build(temporary_path)`` and move the result onto ``target`` only when it succeeded.

    The temporary file is in the target's folder (so the rename cannot cross file systems); on any error or
    cancel it is removed, so a half-written workbook never appears under the officer's file name.
    """
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise ExportFailed(f"导出文件名应以 .xlsx 结尾：{target.name}")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportFailed(f"文件夹不存在：{folder}")
    fd, tmp_name = tempfile.mkstemp(prefix=".~jjdesk-", suffix=".xlsx", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        build(tmp)
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise ExportFailed(f"无法写入“{target.name}”：文件可能正在 Excel/WPS 中打开，请关闭后重试。") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
