"""Write the 核实说明 for a 核实 finding: the values it vouches for are shown, the text is stored by the service."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.review import explanations
from jjdesk.services.review.checks import Finding
from jjdesk.services.review.rules import VERIFY
from jjdesk.store.engine import Database


def can_explain(finding: Finding | None) -> bool:
    """Only 核实 findings take an explanation; 强制 errors must be corrected instead."""
    return finding is not None and finding.severity == VERIFY


def ask_explanation(parent: QWidget, db: Database, actor: Actor, finding: Finding) -> bool:
    """Ask for the explanation of ``finding`` and store it; True when stored. Refusals are shown, not raised."""
    rule_line = QCoreApplication.translate("ExplanationDialog", "Rule %1: %2")
    guidance = QCoreApplication.translate(
        "ExplanationDialog",
        "Explain why this value is right (source, basis, reason for the change). The "
        "explanation is kept with exactly these values and shown wherever they are.",
    )
    prompt = rule_line.replace("%1", finding.rule).replace("%2", finding.message) + "\n\n" + guidance
    title = QCoreApplication.translate("ExplanationDialog", "Explanation for verification")
    text, ok = QInputDialog.getMultiLineText(parent, title, prompt, finding.explanation or "")
    if not ok:
        return False
    not_saved = QCoreApplication.translate("ExplanationDialog", "Not saved")
    if not text.strip():
        empty = QCoreApplication.translate("ExplanationDialog", "The explanation is empty; nothing was saved.")
        QMessageBox.warning(parent, not_saved, empty)
        return False
    try:
        explanations.explain(db, actor, finding.rule, finding.entity, finding.id, finding.field, text)
    except ServiceError as exc:
        QMessageBox.warning(parent, not_saved, str(exc))
        return False
    return True
