"""Errors the services raise; each carries a Chinese message fit to show the officer as it is."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from dataclasses import field as dataclass_field  # FieldError has a field named "field"

# Defined beside the store (jjdesk.errors) so that it can raise them too; the services use them from here.
from jjdesk.errors import DatabaseBusy as DatabaseBusy
from jjdesk.errors import ServiceError as ServiceError


@dataclass(frozen=True)
class FieldError:
    """One problem with one field (and, for sub-tables and imports, one row)."""

    field: str
    label: str
    message: str
    row: int | None = None  # 1-based row of a sub-table or an imported file
    # The sub-table the row belongs to (validation.MILESTONES, …); None: the record itself. Keyword-only, so
    # subclasses that add positional fields (paste.CellError's column) keep their order.
    table: str | None = dataclass_field(default=None, kw_only=True)

    def __str__(self) -> str:
        where = f"第{self.row}行 " if self.row is not None else ""
        return f"{where}{self.label}：{self.message}"


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


# What an operating-system error means for the officer, by errno (the system's own text is English).
_OS_REASONS = {
    errno.EACCES: "没有权限，或文件正被其他程序（如 Excel、WPS）打开",
    errno.EPERM: "没有权限，或文件正被其他程序（如 Excel、WPS）打开",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "所在位置是只读的（如光盘、写保护的U盘）",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EINVAL: "文件名中有不允许的字符",
}


def os_reason(exc: OSError) -> str:
    """The Chinese reason of an operating-system error (no English system text, no traceback)."""
    reason = _OS_REASONS.get(exc.errno or -1)
    if reason is None and getattr(exc, "winerror", None) == 32:  # Windows: used by another process
        reason = "文件正被其他程序（如 Excel、WPS）打开，请关闭后重试"
    return reason or f"系统错误（代码 {exc.errno}）"
