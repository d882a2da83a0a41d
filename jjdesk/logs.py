"""The rotating log file in the user data folder: what support asks for when something went wrong.

Written: start (version, which program), database opened (location without password, backend, schema revision,
time), migrations (Alembic's own lines), imports and exports in the window (what, rows, time), commands (name,
exit code, time), refusals by kind, and every unexpected error with its traceback. Never written: passwords,
record contents, the arguments of a command. Logging never stops the program: if the folder cannot be written
the program runs without a log.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
from pathlib import Path

from platformdirs import user_data_path

from jjdesk import __version__
from jjdesk.config import APP_NAME

ENV_LOG_DIR = "JJDESK_LOG_DIR"  # another folder for the log (tests, a shared support folder)
LOG_NAME = "jjdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5  # jjdesk.log.1 … .5: about 6 MB at most
# Only our loggers and Alembic's (its migration lines); SQLAlchemy's engine logger would write record contents.
LOGGERS = ("jjdesk", "alembic")

_handler: logging.Handler | None = None


def log_dir() -> Path:
    """Where the log files are: ``JJDESK_LOG_DIR``, else ``logs`` in the user data folder (beside jjdesk.db)."""
    override = os.environ.get(ENV_LOG_DIR)
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False) / "logs"


def setup(program: str) -> Path | None:
    """Start logging to the rotating file (once per process) and record the start; the file, or None."""
    global _handler
    if _handler is None:
        folder = log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        except OSError:
            return None
        handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(_only_alembic_steps)
        for name in LOGGERS:
            logger = logging.getLogger(name)
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
        _handler = handler
        logging.getLogger("jjdesk").info(
            "启动 %s %s（%s；Python %s；%s）",
            program,
            __version__,
            "打包版" if getattr(sys, "frozen", False) else "源代码",
            platform.python_version(),
            platform.platform(),
        )
    return log_dir() / LOG_NAME


def _only_alembic_steps(record: logging.LogRecord) -> bool:
    """Of Alembic's lines, the migration steps ("Running upgrade 0006 -> 0007, …") and its problems; not the
    "Context impl SQLiteImpl." it says on every open."""
    if not record.name.startswith("alembic") or record.levelno >= logging.WARNING:
        return True
    return record.getMessage().startswith(("Running upgrade", "Running downgrade", "Running stamp"))


def stop() -> None:
    """Detach and close the file (tests; a process that ends closes it anyway)."""
    global _handler
    if _handler is not None:
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(_handler)
        _handler.close()
        _handler = None


def safe_url(url: str) -> str:
    """A database URL fit for the log: a PostgreSQL password becomes ***."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is reported elsewhere; never let the log raise
        return "(无法解析的数据库地址)"
