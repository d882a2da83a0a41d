"""One editor widget per FieldSpec kind, built from the spec alone (``editor_for(spec)``).

Editors only collect what the officer typed: ``value()`` hands back the raw input for
``jjdesk.services.core.fields.parse_field`` and ``set_value()`` takes the stored Python value a service returns
(Decimal, date, list, bool, None). Nothing here converts through a float or decides validity — the same parser
serves forms, paste and import, so the rules cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from jjdesk.services.core.fields import BOOL, CHOICE, CODE, DATE, DECIMAL, INT, MULTI, TEXT, FieldSpec, parse_field

# The red frame of a refused value and the colours of the message lines, matching resources/style.qss. Set on
# each editor too (not only in the application sheet) so an editor shows its state wherever it is used.
FORM_STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {
    border: 1px solid #c0392b; background: #fdf0ef;
}
QCheckBox[invalid="true"] { color: #c0392b; }
QLabel[role="error"] { color: #c0392b; }
QLabel[role="hint"] { color: #2e7d32; }
QLabel[role="unit"] { color: #4a5568; }
"""

# Longer free text (notes) gets a few lines to write in; names and short texts stay single-line.
_MULTILINE_FROM = 1000


def display_text(value: Any) -> str:
    """The text an editor shows for a stored value: exact decimals, ISO dates, 、-joined lists."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Flip the ``invalid`` property and re-polish, since Qt style sheets do not watch dynamic properties."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class _NoWheelUnfocused(QObject):
    """Scrolling a long form must not change a combo box the pointer happens to pass over."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            event.ignore()
            return True
        return False


class FieldEditor(QWidget):
    """Common interface of every editor: raw ``value()``, ``set_value()``, ``changed``, ``set_error()``.

    ``changed`` fires on the officer's edits only, never while a form loads a record, so a form can treat it
    as "the officer touched this field".
    """

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._loading = False
        self._error: str | None = None
        self.setObjectName(f"field_{spec.name}")
        self.setStyleSheet(FORM_STYLE)

    # -- to implement
    def value(self) -> Any:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def input_widgets(self) -> list[QWidget]:
        """The widgets that take keyboard focus, in Tab order."""
        raise NotImplementedError

    # -- shared behaviour
    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def _emit_changed(self, *_args: Any) -> None:
        if not self._loading:
            self.changed.emit()

    def set_error(self, message: str | None) -> None:
        """Mark the editor red with ``message`` as tooltip, or clear the mark with None."""
        self._error = message or None
        for w in self._marked_widgets():
            set_invalid(w, self._error is not None)
            w.setToolTip(self._error or "")

    def error(self) -> str | None:
        return self._error

    def _marked_widgets(self) -> list[QWidget]:
        return self.input_widgets()

    def set_read_only(self, read_only: bool) -> None:
        for w in self.input_widgets():
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setReadOnly(read_only)
            else:
                w.setEnabled(not read_only)

    def focus_widget(self) -> QWidget:
        return self.input_widgets()[0]


class TextEditor(FieldEditor):
    """A line for short text; a few lines for notes (Tab still moves on, Enter starts a new line)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.multiline = spec.multiline
        if self.multiline:
            self.edit: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
            self.edit.textChanged.connect(self._emit_changed)
        else:
            self.edit = QLineEdit()
            if spec.max_len:
                # A little slack so an over-long paste shows the parser's message instead of being cut silently.
                self.edit.setMaxLength(spec.max_len + 20)
            self.edit.textEdited.connect(self._emit_changed)
        self.edit.setAccessibleName(spec.label)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()

    def _show(self, value: Any) -> None:
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(display_text(value))
        else:
            self.edit.setText(display_text(value))
            self.edit.setCursorPosition(0)  # a long text shows its beginning, not its end

    def input_widgets(self) -> list[QWidget]:
        return [self.edit]


class CodeEditor(TextEditor):
    """Identifier codes are upper-case; converting as typed shows the officer what will be stored."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        assert isinstance(self.edit, QLineEdit)
        self.edit.textEdited.connect(self._upper)

    def _upper(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            assert isinstance(self.edit, QLineEdit)
            pos = self.edit.cursorPosition()
            self.edit.setText(upper)
            self.edit.setCursorPosition(pos)


class DecimalEditor(FieldEditor):
    """A right-aligned number as text (never a float spin box) with its unit beside it."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setAccessibleName(spec.label)
        self.edit.textEdited.connect(self._emit_changed)
        layout.addWidget(self.edit, 1)
        self.unit_label = QLabel(spec.unit)
        self.unit_label.setProperty("role", "unit")
        self.unit_label.setVisible(bool(spec.unit))
        layout.addWidget(self.unit_label)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.text()

    def _show(self, value: Any) -> None:
        self.edit.setText(display_text(value))

    def input_widgets(self) -> list[QWidget]:
        return [self.edit]


class DateEditor(FieldEditor):
    """Typed dates in every form the parser accepts, a calendar button (or Alt+↓ / F4), and empty allowed."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("e.g. %1").replace("%1", "2021-02-19"))
        self.edit.setAccessibleName(spec.label)
        self.edit.textEdited.connect(self._emit_changed)
        layout.addWidget(self.edit, 1)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._sync_calendar)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.button.setToolTip(self.tr("Pick a date (Alt+Down)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard uses Alt+Down; Tab stays on fields
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        layout.addWidget(self.button)
        for keys in ("Alt+Down", "F4"):
            QShortcut(QKeySequence(keys), self.edit, self.button.showMenu, context=Qt.ShortcutContext.WidgetShortcut)
        self.setFocusProxy(self.edit)

    def _sync_calendar(self) -> None:
        try:
            current = parse_field(self.spec, self.edit.text()) or date.today()
        except ValueError:  # an unfinished or refused date: open on today
            current = date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _picked(self, qdate: QDate) -> None:
        self.edit.setText(date(qdate.year(), qdate.month(), qdate.day()).isoformat())
        self.menu.close()
        self.edit.setFocus()
        self._emit_changed()

    def value(self) -> str:
        return self.edit.text()

    def _show(self, value: Any) -> None:
        self.edit.setText(display_text(value))

    def input_widgets(self) -> list[QWidget]:
        return [self.edit]

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.button.setEnabled(not read_only)


class ChoiceEditor(FieldEditor):
    """A drop-down of the spec's choices; editable when other words are allowed (locally named clusters)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setAccessibleName(spec.label)
        self.combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._wheel_guard = _NoWheelUnfocused(self)
        self.combo.installEventFilter(self._wheel_guard)
        if not spec.required:
            self.combo.addItem("")
        self.combo.addItems(list(spec.choices))
        if spec.open_choices:
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # Enter must not grow the list
            line = self.combo.lineEdit()
            if spec.max_len:
                line.setMaxLength(spec.max_len + 20)
            line.textEdited.connect(self._emit_changed)
        if spec.required:
            self.combo.setPlaceholderText(self.tr("Please choose"))
        self.combo.setCurrentIndex(-1 if spec.required else 0)
        self.combo.currentIndexChanged.connect(self._emit_changed)
        layout.addWidget(self.combo)
        self.setFocusProxy(self.combo)

    def value(self) -> str:
        if self.combo.isEditable():
            return self.combo.currentText()
        return self.combo.currentText() if self.combo.currentIndex() >= 0 else ""

    def _show(self, value: Any) -> None:
        text = display_text(value)
        index = self.combo.findText(text) if text or not self.spec.required else -1
        if index < 0 and text and not self.combo.isEditable():
            # A stored word no longer in the list stays visible, so the parser can point at it.
            self.combo.addItem(text)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
        if self.combo.isEditable():
            self.combo.setEditText(text)

    def input_widgets(self) -> list[QWidget]:
        return [self.combo]


class MultiEditor(FieldEditor):
    """Tick boxes for a short vocabulary (Tab and Space work), plus a line for other words when allowed."""

    COLUMNS = 3  # fits a side panel of 420 px beside the longest label (统一社会信用代码)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        columns = self.COLUMNS
        for i, choice in enumerate(spec.choices):
            box = QCheckBox(choice)
            box.setAccessibleName(f"{spec.label}：{choice}")
            box.toggled.connect(self._emit_changed)
            grid.addWidget(box, i // columns, i % columns)
            self.boxes[choice] = box
        grid.setColumnStretch(columns, 1)
        outer.addLayout(grid)
        self.other: QLineEdit | None = None
        if spec.open_choices:
            self.other = QLineEdit()
            self.other.setPlaceholderText(self.tr("Others, separated by 、"))
            self.other.setAccessibleName(self.tr("Other %1").replace("%1", spec.label))
            self.other.textEdited.connect(self._emit_changed)
            outer.addWidget(self.other)
        self.setFocusProxy(self.input_widgets()[0])

    def value(self) -> list[str] | str:
        checked = [c for c, box in self.boxes.items() if box.isChecked()]
        other = self.other.text().strip() if self.other is not None else ""
        # Typed words are joined as text so the parser splits them by its own rule, as it does for a paste.
        return "、".join([*checked, other]) if other else checked

    def _show(self, value: Any) -> None:
        items = list(value or [])
        for choice, box in self.boxes.items():
            box.setChecked(choice in items)
        others = [str(x) for x in items if x not in self.boxes]
        if self.other is not None:
            self.other.setText("、".join(others))

    def input_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = list(self.boxes.values())
        if self.other is not None:
            widgets.append(self.other)
        return widgets

    def _marked_widgets(self) -> list[QWidget]:
        # Only typed words can be refused; marking every tick box red would hide which part is wrong.
        return [self.other] if self.other is not None else list(self.boxes.values())


class BoolEditor(FieldEditor):
    """A tick box; the field's label sits to its left in the form."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox()
        self.box.setAccessibleName(spec.label)
        self.box.toggled.connect(self._emit_changed)
        layout.addWidget(self.box)
        self.setFocusProxy(self.box)

    def value(self) -> bool:
        return self.box.isChecked()

    def _show(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def input_widgets(self) -> list[QWidget]:
        return [self.box]


_EDITORS: dict[str, Callable[[FieldSpec, QWidget | None], FieldEditor]] = {
    TEXT: TextEditor,
    CHOICE: ChoiceEditor,
    MULTI: MultiEditor,
    DATE: DateEditor,
    DECIMAL: DecimalEditor,
    INT: DecimalEditor,
    BOOL: BoolEditor,
    CODE: CodeEditor,
}


def editor_for(spec: FieldSpec, parent: QWidget | None = None) -> FieldEditor:
    """The editor for ``spec``'s kind, configured from the spec (length, choices, unit)."""
    return _EDITORS[spec.kind](spec, parent)
