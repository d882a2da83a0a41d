"""帮助 → 关于: the facts support asks for first — version, database, schema, log folder, Qt and Python."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from jjdesk import __version__, logs
from jjdesk.services.records import overview
from jjdesk.store.engine import Database


def about_facts(db: Database) -> list[tuple[str, str]]:
    """(label, value) rows of the dialog, in the order shown; also what 复制 copies."""
    info = overview.database_info(db)
    if getattr(sys, "frozen", False):
        build = QCoreApplication.translate("AboutDialog", "built program")
    else:
        build = QCoreApplication.translate("AboutDialog", "from source")
    return [
        (QCoreApplication.translate("AboutDialog", "Version"), f"{__version__} ({build})"),
        (QCoreApplication.translate("AboutDialog", "Database"), str(info["location"])),
        (QCoreApplication.translate("AboutDialog", "Backend"), str(info["backend"])),
        (QCoreApplication.translate("AboutDialog", "Schema revision"), str(info["schema_revision"])),
        (QCoreApplication.translate("AboutDialog", "Log folder"), str(logs.log_dir())),
        (QCoreApplication.translate("AboutDialog", "Qt"), f"{qVersion()} (PySide6 {pyside_version})"),
        (QCoreApplication.translate("AboutDialog", "Python"), f"{platform.python_version()} ({platform.platform()})"),
    ]


class AboutDialog(QDialog):
    """Name and the facts of :func:`about_facts`, selectable, with a button that copies them."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About jjdesk"))
        self.facts = about_facts(db)
        title = QLabel(self.tr("Jiaojiang Digital Economy Ledger"))
        title.setProperty("role", "title")
        form = QFormLayout()
        for label, value in self.facts:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            form.addRow(label, shown)
        buttons = QDialogButtonBox()
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.facts)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
