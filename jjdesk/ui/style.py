"""Applies the application style sheet (resources/style.qss) on top of Qt's Fusion style."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QStyleFactory

from jjdesk.i18n import i18n_dir


def apply_style(app: QApplication) -> None:
    """Fusion looks the same on every Windows version and offscreen; the sheet adds our colours."""
    app.setStyle(QStyleFactory.create("Fusion"))
    resources = i18n_dir().parent
    sheet = resources / "style.qss"
    if sheet.exists():
        # Image urls in a style sheet resolve against the working directory, not the sheet: make them absolute.
        text = sheet.read_text(encoding="utf-8").replace("@ICONS@", (resources / "icons").as_posix())
        app.setStyleSheet(text)
