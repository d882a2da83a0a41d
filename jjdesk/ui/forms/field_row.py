"""How one field sits in a form: its label, its editor, and under the editor a hint line and a message line.

Kept apart from ``RecordForm`` so the form holds the record's life-cycle (load, validate, save, conflict) and
this module holds the layout every field shares.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jjdesk.services.core.fields import FieldSpec
from jjdesk.ui.forms.field_widgets import FieldEditor, editor_for
from jjdesk.ui.labels import field_label


def section_title(title: str, top_margin: int) -> QLabel:
    """A bold heading for a group of fields or a sub-table."""
    label = QLabel(title)
    label.setProperty("role", "group")
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, top_margin, 0, 2)
    return label


class FieldRow:
    """The widgets of one field: ``label`` for the form's left column, ``box`` (editor, hint, message) for the right."""

    def __init__(self, spec: FieldSpec, line_height: int) -> None:
        self.editor: FieldEditor = editor_for(spec)
        mark = " <span style='color:#c62828'>*</span>" if spec.required else ""
        self.label = QLabel(f"{field_label(spec)}{mark}")
        self.label.setObjectName(f"label_{spec.name}")
        self.label.setBuddy(self.editor.focus_widget())
        # Aligned with the editor's first line, not with the middle of editor + hint + message.
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.label.setContentsMargins(0, max(0, (line_height - self.label.fontMetrics().height()) // 2), 0, 0)
        self.hint, self.message = QLabel(), QLabel()
        self.hint.setObjectName(f"hint_{spec.name}")
        self.hint.setProperty("role", "hint")
        self.message.setObjectName(f"error_{spec.name}")
        self.message.setProperty("role", "error")
        for lab in (self.hint, self.message):
            lab.setWordWrap(True)
            lab.hide()
        self.box = QWidget()
        column = QVBoxLayout(self.box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(self.editor)
        column.addWidget(self.hint)
        column.addWidget(self.message)

    def show(self, message: str | None, hint: str) -> None:
        """Show the parser's message (red field) or, when the value is valid, what it says about itself."""
        self.editor.set_error(message)
        self.message.setText(message or "")
        self.message.setVisible(bool(message))
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint) and not message)

    def message_text(self, form: QWidget) -> str:
        return self.message.text() if self.message.isVisibleTo(form) else ""

    def hint_text(self, form: QWidget) -> str:
        return self.hint.text() if self.hint.isVisibleTo(form) else ""
