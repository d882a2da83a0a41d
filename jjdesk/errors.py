"""Errors whose message is for the officer (in Chinese), shared by every layer: the store raises them too.

``ServiceError`` is re-exported by ``services.core.errors`` with the services' own kinds; it lives here so that
a failure the store detects — the database busy past its lock timeout — reaches the windows and the command
line as one more service error, shown as it is, and never as a driver's traceback.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: the message is for the officer, in Chinese."""


class DatabaseBusy(ServiceError):
    """A colleague's (or another window's) write held the database past the lock timeout; nothing was written."""

    def __init__(self) -> None:
        super().__init__("另一位同事正在保存，请稍后重试（数据库正忙，本次未作任何修改）。")
