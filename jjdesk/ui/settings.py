"""Every setting the window keeps for the officer (QSettings), each key declared once with its type and default.

QSettings hands back whatever the platform stored — on Linux an INI file turns a one-item list into a string
and every number into text — so each setting reads through its own typed getter here, and no other module
spells a key or calls ``QSettings().value``. Per-officer on this PC: the language, the window's size, recent
databases, the last sign-in name, the export folder and 填报单位, the backup settings, and each list's columns and
form width.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from jjdesk.i18n import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class TextSetting:
    """A text value; ``default`` when unset or blank."""

    key: str
    default: str = ""

    def get(self) -> str:
        value = QSettings().value(self.key)
        text = "" if value is None else str(value).strip()
        return text or self.default

    def set(self, text: str) -> None:
        """Store ``text`` (stripped); a blank text removes the setting, so the default applies again."""
        if text.strip():
            QSettings().setValue(self.key, text.strip())
        else:
            QSettings().remove(self.key)


@dataclass(frozen=True)
class TextListSetting:
    """A list of texts, newest first, at most ``limit`` long."""

    key: str
    limit: int = 10

    def get(self) -> list[str]:
        value = QSettings().value(self.key)
        if value is None or value == "":
            return []
        return [str(value)] if isinstance(value, str) else [str(v) for v in value]

    def push(self, text: str) -> None:
        """Put ``text`` first, dropping an older copy of it and whatever falls past the limit."""
        QSettings().setValue(self.key, [text, *(v for v in self.get() if v != text)][: self.limit])


@dataclass(frozen=True)
class FlagSetting:
    """A yes/no value; ``default`` when unset (an INI file stores "true"/"false" as text)."""

    key: str
    default: bool = False

    def get(self) -> bool:
        value = QSettings().value(self.key)
        if value is None or value == "":
            return self.default
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value)

    def set(self, on: bool) -> None:
        QSettings().setValue(self.key, bool(on))


@dataclass(frozen=True)
class StateSetting:
    """An opaque Qt state (window geometry, header or splitter state); None when never saved."""

    key: str

    def get(self) -> QByteArray | None:
        value = QSettings().value(self.key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set(self, state: QByteArray) -> None:
        QSettings().setValue(self.key, state)


LANGUAGE = TextSetting("ui/language", DEFAULT_LANGUAGE)  # Settings → Language; applies at the next start
WINDOW_GEOMETRY = StateSetting("main_window/geometry")
RECENT_DATABASES = TextListSetting("recent/databases", limit=8)
LAST_USER = TextSetting("login/last_user")
EXPORT_FOLDER = TextSetting("excel/last_folder")
REPORTING_UNIT = TextSetting("excel/reporting_unit")  # 填报单位 of this officer's exports (导出设置)
# 备份设置: automatic backups on (first start of the day, on close after changes) and where they go; a blank
# folder means "backups" beside the database file.
AUTO_BACKUP = FlagSetting("backup/automatic", default=True)
BACKUP_FOLDER = TextSetting("backup/folder")


def list_header(page_key: str) -> StateSetting:
    """Column order, widths and sort of the list page ``page_key``."""
    return StateSetting(f"{page_key}/header")


def list_splitter(page_key: str) -> StateSetting:
    """How wide the list page ``page_key`` leaves its record form."""
    return StateSetting(f"{page_key}/splitter")
