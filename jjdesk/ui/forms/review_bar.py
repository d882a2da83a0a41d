"""Under a record form's title: the review rules the saved record fails (run on every open and save), and the
record's own review actions — 提交审核 when it may go, and its 修改记录.

An officer sees right after saving whether the record would be refused at submission (a 强制 error) or needs a
written 核实 explanation, instead of finding out at the deadline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.review import checks
from jjdesk.services.review import workflow as review
from jjdesk.services.review.checks import Finding
from jjdesk.services.review.rules import ERROR, VERIFY
from jjdesk.store.engine import Database
from jjdesk.ui.dialogs.explanation_dialog import ask_explanation, can_explain

_COLOURS = {ERROR: "#b42318", VERIFY: "#8a5a00"}


def findings_html(findings: list[Finding]) -> str:
    """One line per finding: severity, rule, message, and the explanation where one stands."""
    lines = []
    for f in findings:
        colour = _COLOURS.get(f.severity, "#555555")
        line = (
            f"<span style='color:{colour}'><b>[{escape(f.severity)}]</b></span> {escape(f.title)}: {escape(f.message)}"
        )
        if f.explained:
            note = QCoreApplication.translate("RecordReviewBar", "(explained: %1)").replace("%1", f.explanation or "")
            line += f" <span style='color:#2e7d32'>{escape(note)}</span>"
        lines.append(line)
    return "<br>".join(lines)


class RecordReviewBar(QWidget):
    """Findings of the shown record and its submit/history buttons; hidden for a new, unsaved record.

    ``record`` is the record as its service returns it (id, version, review_status, name); a statistics year
    is shown by the statistics page with the year's name ("2020年统计")."""

    def __init__(
        self, db: Database, actor: Actor, entity: str, on_changed: Callable[[int], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.entity, self._on_changed = db, actor, entity, on_changed
        self.record: dict[str, Any] | None = None
        self.findings: list[Finding] = []
        self.findings_label = QLabel()
        self.findings_label.setObjectName("recordFindings")
        self.findings_label.setWordWrap(True)
        self.findings_label.setTextFormat(Qt.TextFormat.RichText)
        self.findings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.submit_button = QPushButton(self.tr("Submit for review"))
        self.submit_button.setObjectName("recordSubmit")
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.explain_button = QPushButton(self.tr("Explain…"))
        self.explain_button.setObjectName("recordExplain")
        self.explain_button.setAutoDefault(False)
        self.explain_button.setToolTip(self.tr("Write the explanation a verification (核实) finding needs"))
        self.explain_menu = QMenu(self.explain_button)
        self.explain_button.setMenu(self.explain_menu)
        self.history_button = QPushButton(self.tr("Change history…"))
        self.history_button.setObjectName("recordHistory")
        self.history_button.setAutoDefault(False)
        self.history_button.clicked.connect(self.show_history)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.findings_label, 1)
        buttons.addWidget(self.explain_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addLayout(buttons)
        self.show_record(None)

    def show_record(self, record: Mapping[str, Any] | None) -> None:
        """Run the rules over the saved ``record`` and offer what its state allows (None: hide)."""
        self.record = None if record is None else dict(record)
        self.setVisible(record is not None)
        if record is None:
            self.findings = []
            return
        rid = int(record["id"])
        self.findings = checks.check_record(self.db, self.entity, rid)
        if self.findings:
            self.findings_label.setText(findings_html(self.findings))
        else:
            self.findings_label.setText(self.tr("Review rules: no findings."))
        self.explain_menu.clear()
        for finding in (f for f in self.findings if can_explain(f)):
            action = self.explain_menu.addAction(f"{finding.title}：{finding.field_label}")
            action.triggered.connect(lambda _=False, f=finding: self.explain(f))
        self.explain_button.setVisible(not self.explain_menu.isEmpty())
        submit = next(
            (a for a in review.available_actions(self.db, self.actor, self.entity, rid) if a.action == review.SUBMIT),
            None,
        )
        can_submit = record.get("review_status") in review.TRANSITIONS[review.SUBMIT].sources
        self.submit_button.setVisible(submit is not None and can_submit)
        self.submit_button.setEnabled(bool(submit and submit.allowed))
        self.submit_button.setToolTip(submit.reason if submit and not submit.allowed else "")

    def explain(self, finding: Finding) -> None:
        """Write the 核实 explanation of one finding, then show the record's findings again."""
        if ask_explanation(self, self.db, self.actor, finding) and self.record is not None:
            self._on_changed(int(self.record["id"]))

    def submit(self) -> None:
        """提交审核 for this one record (the work list does many at once)."""
        from jjdesk.ui.pages.review_queue import show_refusal

        if self.record is None:
            return
        ref = (self.entity, int(self.record["id"]))
        try:
            review.submit(self.db, self.actor, [ref], versions={ref: int(self.record["version"])})
        except ServiceError as exc:
            show_refusal(self, self.tr("Not submitted"), str(exc), "record_submit_refusal")
            return
        self._on_changed(ref[1])

    def show_history(self) -> None:
        from jjdesk.ui.dialogs.history_dialog import HistoryDialog

        if self.record is not None:
            HistoryDialog(self.db, self.entity, int(self.record["id"]), str(self.record.get("name", "")), self).exec()
