"""Facts about an open database for the status bar and ``jjdesk info``: where it is, its schema, its counts."""

from __future__ import annotations

from typing import Any

from jjdesk.config import sqlite_path
from jjdesk.store import repos
from jjdesk.store.engine import Database
from jjdesk.store.migrate import current_revision
from jjdesk.store.models import AuditEntry, Enterprise, Initiative, StatValue


def record_counts(db: Database) -> dict[str, int]:
    """How many enterprises, initiatives, figures and audit entries the ledger holds."""
    with db.session() as s:
        return {
            "enterprises": repos.count(s, Enterprise),
            "initiatives": repos.count(s, Initiative),
            "figures": repos.count(s, StatValue),
            "audit_entries": repos.count(s, AuditEntry),
        }


def database_info(db: Database) -> dict[str, Any]:
    """Location, backend, schema revision and record counts."""
    path = sqlite_path(db.url)
    return {
        "location": str(path) if path else db.engine.url.render_as_string(hide_password=True),
        "backend": db.engine.dialect.name,
        "schema_revision": current_revision(db),
        "counts": record_counts(db),
    }
