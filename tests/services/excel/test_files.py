"""Saving a workbook where it cannot be saved, and reading a path that is no file: a Chinese reason, nothing left
behind, never the system's English text or a traceback."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from jjdesk.services.core.errors import os_reason
from jjdesk.services.excel import files
from jjdesk.services.excel.files import ExportFailed, write_atomically
from jjdesk.services.imports.safety import UnsafeFile, check_file


def _build(path):
    path.write_bytes(b"PK workbook")


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".~jjdesk-")]


def test_a_saved_file_gets_the_users_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        saved = write_atomically(tmp_path / "名单.xlsx", _build)
    finally:
        os.umask(old)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o644  # not the 0600 of a private temporary file
    assert saved.read_bytes() == b"PK workbook" and _leftovers(tmp_path) == []


def test_a_folder_as_the_target_is_refused(tmp_path):
    (tmp_path / "旧名单.xlsx").mkdir()
    with pytest.raises(ExportFailed, match=r"“旧名单\.xlsx”是一个文件夹"):
        write_atomically(tmp_path / "旧名单.xlsx", _build)


@pytest.mark.parametrize(
    ("code", "reason"), [(errno.EACCES, "没有权限"), (errno.EROFS, "只读"), (errno.ENOSPC, "磁盘空间已满")]
)
def test_a_folder_that_cannot_be_written_is_named_with_the_reason(tmp_path, monkeypatch, code, reason):
    def refuse(*_a, **_k):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "open", refuse)
    with pytest.raises(ExportFailed) as failed:
        write_atomically(tmp_path / "x.xlsx", _build)
    assert reason in str(failed.value) and str(tmp_path) in str(failed.value)
    assert os.strerror(code) not in str(failed.value)


def test_a_disk_that_fills_while_writing_leaves_nothing(tmp_path):
    def half_then_full(path):
        path.write_bytes(b"PK half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportFailed, match="未能写完：磁盘空间已满"):
        write_atomically(tmp_path / "x.xlsx", half_then_full)
    assert list(tmp_path.iterdir()) == []


def test_a_file_held_open_by_excel_is_named_so(tmp_path, monkeypatch):
    def locked(*_a):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(ExportFailed, match="Excel、WPS"):
        write_atomically(tmp_path / "x.xlsx", _build)
    assert _leftovers(tmp_path) == []


def test_reading_a_folder_or_an_old_format_says_what_to_do(tmp_path):
    (tmp_path / "资料.xlsx").mkdir()
    with pytest.raises(UnsafeFile, match="是一个文件夹，不是文件"):
        check_file(tmp_path / "资料.xlsx")
    for suffix in (".xls", ".et"):
        old = tmp_path / f"名单{suffix}"
        old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
        with pytest.raises(UnsafeFile, match=r"另存为.*\.xlsx"):
            check_file(old)


def test_unknown_system_errors_give_their_code_not_english():
    assert os_reason(OSError(errno.EIO, "Input/output error")) == f"系统错误（代码 {errno.EIO}）"
    assert "Excel、WPS" in os_reason(PermissionError(errno.EACCES, "Permission denied"))
