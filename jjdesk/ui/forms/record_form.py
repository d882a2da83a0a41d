"""A side-panel form over a record family's FieldSpecs: inline validation as you type, save through a handler.

The form knows nothing of which service it saves to: the page hands it ``save_handler(values,
expected_version) -> record`` and ``fetch_current() -> record`` (for the conflict dialog). Each value is parsed
by ``jjdesk.services.core.fields.parse_field`` and rules over several fields come from the family's check in
``jjdesk.services.records.validation``, so the form refuses exactly what the service would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.audit import as_text
from jjdesk.services.core.errors import ConflictError, FieldError, NotFound, ServiceError, ValidationFailed
from jjdesk.services.core.fields import FieldSpec
from jjdesk.ui.dialogs.conflict import OVERWRITE, RELOAD, ConflictDialog, ConflictRow
from jjdesk.ui.forms.field_row import FieldRow, section_title
from jjdesk.ui.forms.field_widgets import FORM_STYLE, FieldEditor
from jjdesk.ui.forms.form_header import RecordHeader
from jjdesk.ui.forms.form_state import CrossCheck, FormState

SaveHandler = Callable[[dict[str, Any], "int | None"], dict[str, Any]]
FetchCurrent = Callable[[], dict[str, Any]]

DEBOUNCE_MS = 150


def display(value: Any) -> str:
    """A stored value as the services' history writes it (是/否, exact decimals, ISO dates, 、-lists)."""
    return as_text(value) or ""


class RecordForm(QWidget):
    """Label, editor, hint and message per field; Save is enabled only for a changed, error-free form.

    Signals: ``saved(dict)`` with the record the service returned; ``dirty_changed(bool)``.
    """

    saved = Signal(dict)
    dirty_changed = Signal(bool)

    def __init__(
        self,
        specs: Sequence[FieldSpec],
        save_handler: SaveHandler | None = None,
        *,
        fetch_current: FetchCurrent | None = None,
        cross_check: CrossCheck | None = None,
        groups: Sequence[tuple[str, Sequence[str]]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.specs = {s.name: s for s in specs}
        self.save_handler, self.fetch_current, self.cross_check = save_handler, fetch_current, cross_check
        self.setStyleSheet(FORM_STYLE)
        self._record: dict[str, Any] | None = None
        self._defaults: dict[str, Any] = {}
        self.state = FormState(specs, cross_check)
        self._read_only = False
        self._dirty = False
        self._in_load = False
        self.editors: dict[str, FieldEditor] = {}
        self._rows: dict[str, FieldRow] = {}
        self._timers: dict[str, QTimer] = {}

        self.header = RecordHeader()
        self.title_label, self.status_label = self.header.title_label, self.header.status_label

        self._line_height = QLineEdit().sizeHint().height()
        self.form_layout = QFormLayout()
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setVerticalSpacing(6)
        order = [n for _title, names in groups for n in names] if groups else list(self.specs)
        missing = [n for n in self.specs if n not in order]
        assert not missing, f"fields not placed in a group: {missing}"
        for title, names in groups or [("", list(self.specs))]:
            if title:
                self._add_group_title(title)
            for name in names:
                self._add_field(self.specs[name])

        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(4, 0, 8, 0)
        self.body_layout.addLayout(self.form_layout)
        self.body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.message_label = QLabel()
        self.message_label.setObjectName("formMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setObjectName("revertButton")
        self.revert_button.setToolTip(self.tr("Undo all unsaved changes in this form"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        for button in (self.revert_button, self.save_button):
            button.setAutoDefault(False)  # Enter in a field must not press a button of a surrounding dialog
        self.revert_button.clicked.connect(self.revert)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self.chain_tab_order()
        self.clear_for_new()

    # ------------------------------------------------------------ building

    def add_below_header(self, widget: QWidget) -> None:
        """Place ``widget`` right under the record's title and status (the workspace's review bar)."""
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.header) + 1, widget)

    def _add_group_title(self, title: str) -> None:
        self.form_layout.addRow(section_title(title, 8 if self.form_layout.rowCount() else 0))

    def _add_field(self, spec: FieldSpec) -> None:
        row = FieldRow(spec, self._line_height)
        self._rows[spec.name], self.editors[spec.name] = row, row.editor
        self.form_layout.addRow(row.label, row.box)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(partial(self._validate_field, spec.name))
        self._timers[spec.name] = timer
        row.editor.changed.connect(partial(self._on_changed, spec.name))

    def add_section(self, title: str, widget: QWidget) -> None:
        """Append a titled block (a sub-table) under the fields; it scrolls with them. Call
        ``chain_tab_order()`` once every section is in place."""
        stretch = self.body_layout.count() - 1
        self.body_layout.insertWidget(stretch, section_title(title, 10))
        self.body_layout.insertWidget(stretch + 1, widget)

    def chain_tab_order(self) -> None:
        """Tab goes down the form in the order it reads: fields, then sections, then Revert and Save."""
        chain = [w for editor in self.editors.values() for w in editor.input_widgets()]
        chain += [*self._extra_tab_widgets(), self.revert_button, self.save_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ loading

    @property
    def record_id(self) -> int | None:
        """The id of the record shown (None for a new one) — read from the loaded record, never kept apart."""
        record = getattr(self, "_record", None)
        return None if record is None else record.get("id")

    def open_record(self, record_id: int | None) -> None:
        """Show a stored record (NotFound propagates to the page), or an empty form for a new one."""
        if record_id is None:
            self.clear_for_new()
        else:
            self.load(self._get(record_id))

    def _get(self, record_id: int) -> Mapping[str, Any]:
        """The record as its service returns it; each form names its service."""
        raise NotImplementedError

    def load(self, record: Mapping[str, Any]) -> None:
        """Show a saved record (as a service returned it); its version is what the next save expects."""
        self._in_load = True
        self._record = dict(record)
        self._fill({n: record.get(n, s.empty) for n, s in self.specs.items()}, show_all=True)
        self._extra_load(self._record)
        self.set_read_only(not self.header.show_record(self._record))
        self._finish_load()

    def clear_for_new(self, defaults: Mapping[str, Any] | None = None) -> None:
        """An empty form for a new record; ``defaults`` pre-fills fields (stored values, as a service gives)."""
        self._in_load = True
        self._record = None
        self._defaults = dict(defaults or {})
        self._fill({n: self._defaults.get(n, s.empty) for n, s in self.specs.items()}, show_all=False)
        self._extra_load(None)
        self.set_read_only(False)
        self.header.show_new(self.new_title())
        self._finish_load()

    def revert(self) -> None:
        """Drop unsaved changes: back to the loaded record (or the defaults of a new one)."""
        if self._record is not None:
            self.load(self._record)
        else:
            self.clear_for_new(self._defaults)

    def _fill(self, values: Mapping[str, Any], show_all: bool) -> None:
        for timer in self._timers.values():
            timer.stop()
        for name, editor in self.editors.items():
            editor.set_value(values.get(name))
        # The baseline is what the editors show, so a value they display differently still counts as unchanged.
        self.state.reset({n: e.value() for n, e in self.editors.items()}, show_all)

    def _finish_load(self) -> None:
        self.scroll.verticalScrollBar().setValue(0)
        self.show_message("")
        self._in_load = False
        self.refresh_state()

    def new_title(self) -> str:
        return self.tr("New record")

    # ------------------------------------------------------------ validation

    def _on_changed(self, name: str) -> None:
        # The field counts as touched once it is parsed (state.update), so it never shows a stale message.
        self._timers[name].start()

    def _validate_field(self, name: str) -> None:
        self.state.update(name, self.editors[name].value())
        self.refresh_state()

    def flush(self) -> None:
        """Validate fields whose debounce is still pending (before a save, or in tests)."""
        pending = [n for n, t in self._timers.items() if t.isActive()]
        for name in pending:
            self._timers[name].stop()
            self.state.update(name, self.editors[name].value(), cross=False)
        if pending:
            self.state.run_cross_check()
        self._extra_flush()
        self.refresh_state()

    def has_errors(self) -> bool:
        """True while a shown field or sub-table has an error the service would refuse."""
        return self.state.has_errors() or self._extra_blocking()

    def error_text(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        return self._rows[name].message_text(self)

    def hint_text(self, name: str) -> str:
        return self._rows[name].hint_text(self)

    def refresh_state(self) -> None:
        """Redraw field messages and hints, the Save button and the dirty flag from the current state."""
        if self._in_load:  # half-loaded: the baseline is not set yet, so dirty would be wrong
            return
        for name, row in self._rows.items():
            row.show(self.state.message(name), self.state.fields[name].hint)
        dirty = self.is_dirty()
        self.save_button.setEnabled(not self._read_only and dirty and not self.has_errors())
        self.revert_button.setEnabled(not self._read_only and dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # ------------------------------------------------------------ values

    def is_new(self) -> bool:
        return self._record is None

    def is_dirty(self) -> bool:
        return bool(self.state.changed()) or self._extra_is_dirty()

    def values(self) -> dict[str, Any]:
        """Parsed values: every field for a new record, only the changed ones for an update."""
        self.flush()
        return self.state.values() if self._record is None else self.state.values(self.state.changed())

    def record(self) -> dict[str, Any] | None:
        """The record as last loaded or saved (None for a new, unsaved one)."""
        return None if self._record is None else dict(self._record)

    def expected_version(self) -> int | None:
        return None if self._record is None else self._record.get("version")

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        """Save through the handler; returns True when the record was saved. Wired to Ctrl+S by the window."""
        if self._read_only or self.save_handler is None:
            return False
        self.state.show_all = True
        self.flush()
        if self.has_errors():
            self.show_message(self.tr("Please correct the fields marked in red first."))
            self.focus_first_error()
            return False
        if not self.is_dirty():
            return False
        return self._submit(self.values(), self.expected_version())

    def _submit(self, values: dict[str, Any], version: int | None) -> bool:
        assert self.save_handler is not None
        try:
            record = self.save_handler(values, version)
        except ValidationFailed as exc:
            self._apply_save_errors(exc.errors)
            return False
        except ConflictError as exc:
            return self._resolve_conflict(exc, values)
        except ServiceError as exc:  # locked, deleted, linked elsewhere: the message says what to do
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return False
        self.load(record)
        self.show_message(self.tr("Saved."), error=False)
        self.saved.emit(dict(record))
        return True

    def _apply_save_errors(self, errors: list[FieldError]) -> None:
        general = self.state.take_server_errors(self._extra_save_errors(errors))
        self.refresh_state()
        lines = [self.tr("Not saved: please correct the fields marked in red."), *(str(e) for e in general)]
        self.show_message("\n".join(lines))
        self.focus_first_error()

    def _resolve_conflict(self, error: ConflictError, values: dict[str, Any]) -> bool:
        current = None
        if self.fetch_current is not None:
            try:
                current = self.fetch_current()
            except NotFound as exc:
                QMessageBox.warning(self, self.tr("Not saved"), str(exc))
                return False
        rows, also = self.conflict_rows(values, current)
        choice = ConflictDialog.ask(self, error, rows, also, can_reload=current is not None)
        if choice == RELOAD and current is not None:
            self.load(current)
            self.show_message(self.tr("Reloaded the current version; your changes were discarded."), error=False)
        elif choice == OVERWRITE:
            version = current.get("version") if current is not None else error.actual
            return self._submit(values, version)
        else:
            self.show_message(self.tr("Not saved: the record was changed by someone else."))
        return False

    def conflict_rows(
        self, values: Mapping[str, Any], current: Mapping[str, Any] | None
    ) -> tuple[list[ConflictRow], list[str]]:
        """Rows for the fields I changed (mine vs now), and the labels of fields only the other side changed."""
        opened = self._record or {}
        rows = [
            ConflictRow(
                self.specs[n].label,
                display(v),
                display(current.get(n)) if current else "",
                current is not None and as_text(current.get(n)) != as_text(opened.get(n)),
            )
            for n, v in values.items()
            if n in self.specs
        ]
        also = [
            s.label
            for n, s in self.specs.items()
            if current is not None and n not in values and as_text(current.get(n)) != as_text(opened.get(n))
        ]
        extra_rows, extra_also = self._extra_conflict_rows(current)
        return rows + extra_rows, also + extra_also

    # ------------------------------------------------------------ presentation

    def show_message(self, text: str, error: bool = True) -> None:
        self.message_label.setText(text)
        self.message_label.setProperty("role", "error" if error else "hint")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setVisible(bool(text))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for editor in self.editors.values():
            editor.set_read_only(read_only)
        self._extra_read_only(read_only)
        self.refresh_state()

    def is_read_only(self) -> bool:
        return self._read_only

    def focus_first(self) -> None:
        first = next(iter(self.editors.values()))
        first.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first_error(self) -> None:
        for editor in self.editors.values():
            if editor.error():
                self.scroll.ensureWidgetVisible(editor)
                editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def confirm_discard(self) -> bool:
        """Before showing another record: True when nothing is unsaved or the officer agrees to drop it."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("This form has unsaved changes. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def confirm_leave(self) -> bool:
        """Before the window closes or changes user or database: True when nothing is unsaved, or the officer
        saved it (and the save went through) or chose to drop it; False keeps the window as it is."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this record?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()  # refused (a field in red, a conflict): the form stays, with the message
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()  # dropped for good: asking again on the way out would be noise
            return True
        return False

    # ------------------------------------------------------------ hooks for forms with sub-tables

    def _extra_tab_widgets(self) -> list[QWidget]:
        return []

    def _extra_load(self, record: Mapping[str, Any] | None) -> None:
        pass

    def _extra_flush(self) -> None:
        pass

    def _extra_is_dirty(self) -> bool:
        return False

    def _extra_blocking(self) -> bool:
        return False

    def _extra_read_only(self, read_only: bool) -> None:
        pass

    def _extra_save_errors(self, errors: list[FieldError]) -> list[FieldError]:
        """Take the errors that belong to sub-tables; return the rest for the fields and the message area."""
        return errors

    def _extra_conflict_rows(self, current: Mapping[str, Any] | None) -> tuple[list[ConflictRow], list[str]]:
        return [], []
