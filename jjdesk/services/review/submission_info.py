"""A submission as the 上报 list and the workbook's cover show it.

Its own module so that the workbook writer (``submission_workbook``) and the submitting service
(``submission``) both use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SubmissionInfo:
    """A submission as the list shows it: who, when, what and its hash."""

    id: int
    year: int
    scope: str
    scope_label: str
    submitted_by: str
    submitted_at: datetime
    content_hash: str
    record_count: int
    workbook: str
    anchor: str = ""  # the audit chain anchor (entries:hash) recorded and printed on the cover; "" before 0009
    # True when submit() found this submission already recorded (a retry after a crash) and only wrote its file.
    workbook_rewritten: bool = False
