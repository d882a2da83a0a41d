"""Where jjdesk keeps its data, and how a ``--db`` argument becomes a database URL."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "jjdesk"
ENV_DB = "JJDESK_DB"


def default_db_path() -> Path:
    """The per-user database file used when neither ``--db`` nor ``JJDESK_DB`` is given."""
    return user_data_path(APP_NAME, appauthor=False) / "jjdesk.db"


def resolve_db_url(db: str | None = None) -> str:
    """Turn a file path or SQLAlchemy URL (from ``--db``, else ``JJDESK_DB``, else the default) into a URL."""
    target = db or os.environ.get(ENV_DB) or str(default_db_path())
    if "://" in target:
        return target
    path = Path(target).expanduser().resolve()
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL, or None for other backends and in-memory databases."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix) :].split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)
