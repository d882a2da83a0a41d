"""Checks both clients run before they open a database, so a refusal names the cause in Chinese.

A folder jjdesk cannot write would otherwise surface as SQLite's "unable to open database file" or as a failed
backup half-way through a migration. A database made by a newer jjdesk is refused by ``store.migrate`` itself
(its message is reused as it is); :func:`open_logged` records the outcome in the log either way.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

from jjdesk.config import sqlite_path
from jjdesk.logs import safe_url
from jjdesk.store.engine import Database

log = logging.getLogger("jjdesk.startup")


class StartupRefused(ValueError):
    """The program cannot start on this database (message in Chinese, for the officer)."""


def folder_problem(url: str) -> str | None:
    """Why the SQLite file at ``url`` cannot be used for writing (a Chinese message), or None.

    SQLite writes beside the file (its -wal and -shm files) and jjdesk puts the backup before each migration
    there, so the folder itself must be writable, not only the file. Probed by creating a file: permission bits
    alone do not tell (a read-only mount, an administrator's ACL, root who may write anything).
    """
    path = sqlite_path(url)
    if path is None:
        return None
    folder = path.parent
    hint = "请让管理员开放写入权限，或用 --db 选择一个可以写入的位置（例如“文档”下的文件夹）。"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"无法创建数据库所在的文件夹 {folder}（{exc.strerror or exc}）。{hint}"
    if path.exists() and not path.is_file():
        return f"{path} 不是文件，不能作为数据库打开。请用 --db 指定数据库文件。"
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".jjdesk-write-test-")
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        return (
            f"数据库所在的文件夹 {folder} 不能写入（{exc.strerror or exc}）。jjdesk 需要在数据库旁边写入"
            f"SQLite 的日志文件和升级前的备份。{hint}"
        )
    if path.exists() and not os.access(path, os.W_OK):
        return f"数据库文件 {path} 是只读的。{hint}"
    return None


def open_logged(url: str, *, may_initialise: bool = False) -> Database:
    """``store.migrate.open_database`` after :func:`folder_problem`, with the outcome in the log
    (``may_initialise``: an empty file may become a ledger — ``jjdesk init`` only)."""
    from jjdesk.store.migrate import SchemaError, current_revision, open_database

    problem = folder_problem(url)
    if problem is not None:
        log.warning("未打开数据库 %s：文件夹不可写", safe_url(url))
        raise StartupRefused(problem)
    started = time.perf_counter()
    try:
        db = open_database(url, may_initialise=may_initialise)
    except SchemaError as exc:
        log.warning("未打开数据库 %s：%s", safe_url(url), exc)  # the schema's own words: revisions, no records
        raise
    log.info(
        "数据库已打开：%s（%s，结构版本 %s，%.2f 秒）",
        safe_url(url),
        db.engine.dialect.name,
        current_revision(db),
        time.perf_counter() - started,
    )
    return db


def lock_path(db_path: Path) -> Path:
    """The lock file beside an SQLite database, held by the window that has it open."""
    return db_path.with_name(db_path.name + ".jjdesk-lock")
