"""Errors the services raise; each carries a Chinese message fit to show the officer as it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one field (and, for sub-tables and imports, one row)."""

    field: str
    label: str
    message: str
    row: int | None = None  # 1-based row of a sub-table or an imported file

    def __str__(self) -> str:
        where = f"第{self.row}行 " if self.row is not None else ""
        return f"{where}{self.label}：{self.message}"


class ServiceError(Exception):
    """Base class: the message is for the officer, in Chinese."""


class ValidationFailed(ServiceError):
    """Input was refused; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("；".join(str(e) for e in self.errors) or "数据校验未通过")


class NotFound(ServiceError):
    """The record does not exist (any more)."""


class ConflictError(ServiceError):
    """The record changed since it was opened: saving would overwrite someone else's work."""

    def __init__(self, label: str, expected: int, actual: int, by: str = "") -> None:
        self.expected, self.actual, self.by = expected, actual, by
        who = f"（{by} 修改）" if by else ""
        super().__init__(
            f"“{label}”已被他人修改{who}：您打开的是第{expected}版，当前是第{actual}版。"
            "请重新打开后再修改，以免覆盖对方的修改。"
        )


class PermissionDenied(ServiceError):
    """The current user's role does not allow this action."""


class LockedRecord(ServiceError):
    """The record is in a review state that forbids editing (submitted or approved)."""
