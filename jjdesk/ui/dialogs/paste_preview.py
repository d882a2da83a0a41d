"""The preview an officer sees after pasting rows from Excel: check, correct, then insert all rows or none.

Everything this dialog shows comes from :mod:`jjdesk.services.imports.paste`: which column is which field, which cells
are refused and why. The dialog only lets the officer re-map a column or correct a cell, and asks the service
for a new preview each time, so what is inserted is exactly what was last shown as valid.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError, ValidationFailed
from jjdesk.services.imports import paste
from jjdesk.services.imports.headers import IMPORT_FIELDS
from jjdesk.store.engine import Database
from jjdesk.ui import workers

_INVALID = QBrush(QColor("#f8d7da"))
_IGNORED_BG = QBrush(QColor("#eef0f3"))
_IGNORED_FG = QBrush(QColor("#8a94a3"))
_LIST_LIMIT = 500  # problems listed one by one; beyond that the table's red cells still show every one
_Index = QModelIndex | QPersistentModelIndex


class _PreviewModel(QAbstractTableModel):
    """The pasted cells as a table over a PastePreview; an edit asks the service for the next preview."""

    preview_changed = Signal()

    def __init__(self, preview: paste.PastePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview

    def set_preview(self, preview: paste.PastePreview) -> None:
        """Show a new preview of the same block: the shape is unchanged, only text, colours and tips."""
        self.preview = preview
        if preview.rows and preview.width:
            self.dataChanged.emit(self.index(0, 0), self.index(len(preview.rows) - 1, preview.width - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(preview.width - 1, 0))
        self.preview_changed.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.preview.row_count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.preview.width

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.preview.rows[row].cells[col]
        errors = self.preview.cell_errors(row, col)
        mapped = col in self.preview.mapping
        if role == Qt.ItemDataRole.BackgroundRole:
            return _INVALID if errors else (None if mapped else _IGNORED_BG)
        if role == Qt.ItemDataRole.ForegroundRole and not mapped:
            return _IGNORED_FG
        if role == Qt.ItemDataRole.ToolTipRole:
            if errors:
                return "\n".join(f"{e.label}：{e.message}" for e in errors)
            if not mapped:
                return self.tr("This column is not imported.")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self.preview
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and section < p.row_count:
                return str(p.rows[section].number)
            if role == Qt.ItemDataRole.DecorationRole and p.row_invalid(section):
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return None
        problems = [e for e in p.column_errors if e.column == section]
        if role == Qt.ItemDataRole.DisplayRole:
            return p.header_text(section).strip() or self.tr("Column %1").replace("%1", str(section + 1))
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(e.message for e in problems)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = "" if value is None else str(value)
        if text == self.preview.rows[index.row()].cells[index.column()]:
            return False
        self.set_preview(self.preview.with_cell(index.row(), index.column(), text))
        return True


class _MappingHeader(QHeaderView):
    """Column headers with the pasted header text on top and, under it, a combo choosing the target field.

    The combos live on the header's viewport, so they scroll with it; they are re-placed whenever a section
    moves or resizes.
    """

    field_chosen = Signal(int, object)  # column, field name or None (do not import)

    def __init__(self, ignore_label: str, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._choices: list[tuple[str, str | None]] = [(ignore_label, None)] + [
            (s.label, s.name) for s in IMPORT_FIELDS
        ]
        self._combos: list[QComboBox] = []
        self._probe = self._new_combo()  # measures a combo before any section exists
        self._probe.hide()
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.sectionResized.connect(self._place)
        self.sectionMoved.connect(self._place)

    def _new_combo(self) -> QComboBox:
        combo = QComboBox(self.viewport())
        for label, name in self._choices:
            combo.addItem(label, name)
        combo.setMaxVisibleItems(len(self._choices))
        return combo

    def combo(self, column: int) -> QComboBox:
        return self._combos[column]

    def set_mapping(self, width: int, mapping: dict[int, str], problems: dict[int, str]) -> None:
        """One combo per column, each showing where that column goes; choosing emits ``field_chosen``.
        A column with a problem (a refused unit) has its combo marked and explained."""
        while len(self._combos) < width:
            combo = self._new_combo()
            column = len(self._combos)
            combo.activated.connect(lambda i, c=column, box=combo: self.field_chosen.emit(c, box.itemData(i)))
            self._combos.append(combo)
        for column, combo in enumerate(self._combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(mapping.get(column)), 0))
            combo.blockSignals(False)
            combo.setVisible(column < width)
            combo.setProperty("invalid", column in problems)
            combo.setToolTip(problems.get(column, ""))
            combo.style().unpolish(combo)
            combo.style().polish(combo)
        self._place()

    def _combo_hint(self) -> QSize:
        return self._probe.sizeHint()

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        combo = self._combo_hint()
        return QSize(max(size.width(), combo.width() + 8), size.height() + combo.height() + 6)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.count() == 0:
            hint.setHeight(hint.height() + self._combo_hint().height() + 6)
        return hint

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place()  # a combo sizes itself to its contents when first shown; put it back in its section

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place()

    def _place(self, *_args: object) -> None:
        height = self._combo_hint().height()
        top = self.viewport().height() - height - 3
        for column, combo in enumerate(self._combos):
            if column >= self.count() or not combo.isVisibleTo(self):
                continue
            x, w = self.sectionViewportPosition(column), self.sectionSize(column)
            combo.setGeometry(x + 3, top, max(w - 6, 20), height)


class PastePreviewDialog(QDialog):
    """Shows what a paste of enterprise rows would insert, lets the officer fix it, and inserts on request.

    ``position_columns`` are the field names of the enterprise table's visible columns, in order, used when
    the pasted block has no header row. After ``accept()``, ``inserted_ids`` holds the new enterprises' ids.
    """

    def __init__(
        self, db: Database, actor: Actor, text: str, position_columns: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.inserted_ids: list[int] = []
        self.worker: workers.Worker | None = None
        self.busy: QProgressDialog | None = None
        self.setWindowTitle(self.tr("Paste Rows from Excel"))
        self.resize(1100, 680)

        preview = paste.preview_enterprises(db, paste.parse_clipboard(text), position_columns)
        self.model = _PreviewModel(preview, self)
        self.header = _MappingHeader(self.tr("(do not import)"))
        self.view = QTableView()
        self.view.setHorizontalHeader(self.header)
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._show_mapping()
        self.header.field_chosen.connect(self._remap)
        self.view.horizontalScrollBar().valueChanged.connect(self.header._place)
        self._size_columns()

        self.mode_label = QLabel(
            self.tr(
                "The first row was read as column headers; each column's field can be "
                "changed in the box under its header."
            )
            if preview.has_header
            else self.tr(
                "No header row was found: columns are taken in the order of the "
                "enterprise table's visible columns. Change a column's field in the "
                "box under its header."
            )
        )
        self.mode_label.setWordWrap(True)
        self.notes_label = QLabel("\n".join(preview.notes))
        self.notes_label.setObjectName("countLabel")
        self.notes_label.setWordWrap(True)
        self.notes_label.setVisible(bool(preview.notes))

        self.problems = QListWidget()
        self.problems.setObjectName("problemList")
        self.problems.setWordWrap(True)  # a refused unit's explanation is one long sentence
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)
        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        self.problems_title = QLabel()
        self.problems_title.setObjectName("sectionTitle")
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(problems_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.problems_box = problems_box

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.insert_button = QPushButton(self.tr("Insert"))
        buttons.addButton(self.insert_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Enter belongs to the table (finishing an edit); it must neither insert nor throw the corrections away.
        for button in (self.insert_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.insert_button.clicked.connect(self._insert)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

        self.model.preview_changed.connect(self._show_state)
        self._show_state()

    @property
    def preview(self) -> paste.PastePreview:
        return self.model.preview

    # ------------------------------------------------------------------ reacting

    def _size_columns(self) -> None:
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):  # long notes must not push everything off-screen
            if self.view.columnWidth(column) > 320:
                self.view.setColumnWidth(column, 320)

    def _remap(self, column: int, field_name: str | None) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.model.set_preview(self.preview.with_column(column, field_name))
        finally:
            QApplication.restoreOverrideCursor()
        self._show_mapping()

    def _show_mapping(self) -> None:
        p = self.preview
        problems: dict[int, str] = {}
        for e in p.column_errors:
            if e.column is not None:
                problems[e.column] = "\n".join(filter(None, (problems.get(e.column), e.message)))
        self.header.set_mapping(p.width, p.mapping, problems)

    def _show_state(self) -> None:
        p = self.preview
        if not p.rows:
            text = self.tr("Nothing to insert: the pasted text holds no rows.")
        elif p.can_commit:
            text = self.tr("%1 rows, all valid").replace("%1", f"{p.row_count:,}")
        else:
            text = (
                self.tr("%1 rows, %2 valid, %3 with errors")
                .replace("%1", f"{p.row_count:,}")
                .replace("%2", f"{p.valid_count:,}")
                .replace("%3", f"{p.invalid_count:,}")
            )
            if p.column_errors:
                text += self.tr("; %1 column problems to resolve first").replace("%1", str(len(p.column_errors)))
        self.summary.setText(text)
        self.summary.setObjectName("hintText" if p.can_commit else "errorText")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.insert_button.setEnabled(p.can_commit)
        # The style sheet's primary look would otherwise hide that the button is disabled.
        self.insert_button.setObjectName("primary" if p.can_commit else "")
        self.insert_button.style().unpolish(self.insert_button)
        self.insert_button.style().polish(self.insert_button)
        self.insert_button.setToolTip("" if p.can_commit else self.tr("Fix every marked problem first."))
        self._fill_problems()

    def _fill_problems(self) -> None:
        errors = self.preview.errors
        self.problems.clear()
        self.problems_box.setVisible(bool(errors))
        self.problems_title.setText(self.tr("Problems (click one to go to the cell)"))
        for error in errors[:_LIST_LIMIT]:
            item = QListWidgetItem(str(error))
            index = self.preview.index_of_number(error.row) if error.row is not None else None
            item.setData(Qt.ItemDataRole.UserRole, (index, error.column))
            item.setToolTip(str(error))
            self.problems.addItem(item)
        if len(errors) > _LIST_LIMIT:
            more = QListWidgetItem(
                self.tr("… and %1 more (marked in red in the table)").replace("%1", f"{len(errors) - _LIST_LIMIT:,}")
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.problems.addItem(more)

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        where = item.data(Qt.ItemDataRole.UserRole)
        if not where:
            return
        index, column = where
        if column is None:
            return
        if index is None:  # a whole column: show its header and combo
            self.view.scrollTo(self.model.index(0, column))
            self.header.combo(column).setFocus()
            return
        target = self.model.index(index, column)
        self.view.setCurrentIndex(target)
        self.view.scrollTo(target)
        self.view.setFocus()

    # ------------------------------------------------------------------ inserting

    def _insert(self) -> None:
        """Insert on a worker thread: the window stays responsive while thousands of rows are written.

        The insert is one transaction (all rows or none), so there is nothing to cancel half-way; a busy dialog
        says what is happening and keeps the officer from editing the preview meanwhile.
        """
        preview, db, actor = self.preview, self.db, self.actor

        def job(_control):
            try:
                return preview.commit(db, actor)
            except ServiceError as exc:  # the refusal is an answer for the officer, not a failure of the job
                return exc

        self.insert_button.setEnabled(False)
        self.busy = QProgressDialog(
            self.tr("Inserting %1 rows…").replace("%1", f"{preview.valid_count:,}"), "", 0, 0, self
        )
        self.busy.setCancelButton(None)
        self.busy.setWindowModality(Qt.WindowModality.WindowModal)
        self.busy.setValue(0)  # at its minimum the 300 ms below count from now (else Qt's own 4 s)
        self.busy.setMinimumDuration(300)
        self.worker = workers.start(job, context=self, on_finished=self._inserted, on_failed=self._insert_failed)

    def is_inserting(self) -> bool:
        return self.worker is not None

    def _done_inserting(self) -> None:
        self.worker = None
        if self.busy is not None:
            self.busy.close()
            self.busy = None

    def _inserted(self, result: Any) -> None:
        self._done_inserting()
        if isinstance(result, ValidationFailed):
            # Usually a colleague registered one of the codes meanwhile: show it marked in the table.
            self.model.set_preview(self.preview.recheck())
            lines = [str(e) for e in result.errors[:10]] + (["…"] if len(result.errors) > 10 else [])
            QMessageBox.warning(self, self.tr("Nothing was inserted"), "\n".join(lines))
            return
        if isinstance(result, ServiceError):
            self._show_state()
            QMessageBox.warning(self, self.tr("Nothing was inserted"), str(result))
            return
        self.inserted_ids = result
        self.report_inserted(len(result))
        self.accept()

    def _insert_failed(self, message: str) -> None:
        self._done_inserting()
        self._show_state()
        QMessageBox.warning(self, self.tr("Nothing was inserted"), message)

    def report_inserted(self, count: int) -> None:
        """Tell the officer how many enterprises were added (a separate method so tests can silence it)."""
        QMessageBox.information(
            self, self.tr("Rows inserted"), self.tr("%1 enterprises were added as drafts.").replace("%1", f"{count:,}")
        )
