"""信用代码例外 (administrators): exact credit codes accepted although they fail their check character.

The list shows each registered code with what the check says about it, the reason, who and when. Registering
and revoking go through ``services.records.code_exceptions``, which decides validity (a code that passes its check is
refused, a reason is required) and audits both; the dialog shows its Chinese answer as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.families import codes
from jjdesk.services.records import code_exceptions
from jjdesk.store.engine import Database
from jjdesk.ui.dialogs.users_dialog import local_time, show_message
from jjdesk.ui.models.rows_model import RowColumn, RowsModel
from jjdesk.ui.widgets.tables import fit_columns, setup_table


def exception_columns() -> list[RowColumn]:
    return [
        RowColumn(QCoreApplication.translate("CodeExceptionsDialog", "Credit code"), lambda x: x.code),
        RowColumn(
            QCoreApplication.translate("CodeExceptionsDialog", "Reason"), lambda x: x.reason, tooltip=lambda x: x.reason
        ),
        RowColumn(QCoreApplication.translate("CodeExceptionsDialog", "Registered by"), lambda x: x.by),
        RowColumn(QCoreApplication.translate("CodeExceptionsDialog", "Registered at"), lambda x: local_time(x.at)),
        RowColumn(
            QCoreApplication.translate("CodeExceptionsDialog", "Check result"),
            lambda x: x.problem,
            tooltip=lambda x: x.problem,
        ),
    ]


class CodeExceptionsDialog(QDialog):
    """The registered exceptions, a form to add one (exact code + reason) and 撤销 with a reason."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("Credit Code Exceptions"))
        self.resize(900, 480)

        intro = QLabel(
            self.tr(
                "A few legally issued early credit codes fail their own check character. Register "
                "such a code here, exactly as issued and with the reason (for example the document "
                "that confirms it): that one code can then be entered and passes rule ENT-01. "
                "Nothing else is relaxed; every registration and revocation is audited."
            )
        )
        intro.setWordWrap(True)
        self.model = RowsModel(exception_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("code_exceptions_table")
        setup_table(self.table, self.model)

        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("exception_code")
        self.code_edit.setMaxLength(24)
        self.code_edit.setPlaceholderText(self.tr("18 characters, exactly as on the licence"))
        self.check_label = QLabel()
        self.check_label.setObjectName("exception_check")
        self.check_label.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("exception_reason")
        self.reason_edit.setMaxLength(500)
        self.reason_edit.setPlaceholderText(self.tr("Why this code is legal, and who confirmed it"))
        self.register_button = QPushButton(self.tr("Register Exception"))
        self.register_button.setObjectName("register_exception")
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(lambda _=False: self.register_exception())
        self.code_edit.textChanged.connect(self._update_check)
        self.code_edit.returnPressed.connect(self.reason_edit.setFocus)
        self.reason_edit.returnPressed.connect(self.register_exception)

        add_box = QGroupBox(self.tr("Register a code"))
        form = QFormLayout(add_box)
        form.addRow(self.tr("Credit code"), self.code_edit)
        form.addRow("", self.check_label)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_edit, 1)
        reason_row.addWidget(self.register_button)
        form.addRow(self.tr("Reason"), reason_row)
        self.message_label = QLabel()
        self.message_label.setObjectName("errorText")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        form.addRow("", self.message_label)  # the answer to 登记 / 撤销, next to what was typed

        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.revoke_button.setObjectName("revoke_exception")
        self.revoke_button.setAutoDefault(False)
        self.revoke_button.clicked.connect(lambda _=False: self.revoke_selected())
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        under_table = QHBoxLayout()
        under_table.addWidget(self.count_label)
        under_table.addStretch(1)
        under_table.addWidget(self.revoke_button)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(under_table)
        layout.addWidget(add_box)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_check()
        self.reload()

    # ---------------------------------------------------------------- list

    def reload(self, select: str | None = None) -> None:
        self.model.set_rows(code_exceptions.list_all(self.db))
        fit_columns(self.table, 320)
        self.table.setColumnWidth(self.model.columnCount() - 1, 120)  # the stretched check result fills the rest
        if select:
            for r in range(self.model.rowCount()):
                if self.model.row(r).code == select:
                    self.table.selectRow(r)
        self.count_label.setText(self.tr("%1 registered exceptions").replace("%1", str(self.model.rowCount())))
        self._update_buttons()

    def selected(self) -> code_exceptions.CodeException | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        self.revoke_button.setEnabled(self.selected() is not None)

    def _update_check(self, *_args: object) -> None:
        """What the credit-code check says about the typed code, so the officer sees why it needs an exception."""
        text = self.code_edit.text()
        if not text.strip():
            self.check_label.setText(self.tr("Type the code to see what its check says."))
            self.check_label.setObjectName("countLabel")
        else:
            result = codes.check_credit_code(text)
            self.check_label.setText(
                self.tr("The code passes its check; it needs no exception.") if result.ok else result.message
            )
            self.check_label.setObjectName("hintText" if result.ok else "errorText")
        self.check_label.style().unpolish(self.check_label)
        self.check_label.style().polish(self.check_label)

    # ---------------------------------------------------------------- actions

    def register_exception(self) -> bool:
        """Register the typed code with the typed reason; refusals stay in the form with the service's reason."""
        code = self.code_edit.text()
        try:
            info = code_exceptions.register(self.db, self.actor, code, self.reason_edit.text())
        except ServiceError as exc:
            show_message(self.message_label, str(exc), error=True)
            return False
        self.code_edit.clear()
        self.reason_edit.clear()
        self.reload(info.code)
        show_message(
            self.message_label, self.tr("%1 is registered as an exception.").replace("%1", info.code), error=False
        )
        self.changed.emit()
        return True

    def revoke_selected(self, reason: str | None = None) -> bool:
        """Revoke the selected exception after asking why; enterprises holding the code fail ENT-01 again."""
        chosen = self.selected()
        if chosen is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Revoke Exception"),
                self.tr(
                    "Why is %1 no longer accepted? Enterprises holding this code fail the credit-code check again."
                ).replace("%1", chosen.code),
            )
            if not ok:
                return False
        try:
            code_exceptions.revoke(self.db, self.actor, chosen.code, reason)
        except ServiceError as exc:
            show_message(self.message_label, str(exc), error=True)
            return False
        self.reload()
        show_message(
            self.message_label, self.tr("The exception for %1 is revoked.").replace("%1", chosen.code), error=False
        )
        self.changed.emit()
        return True
