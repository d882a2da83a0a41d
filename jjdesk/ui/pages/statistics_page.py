"""The yearly statistics page: a grid of indicators by year where the officer types values and reported growth.

Each edit is saved at once through ``statistics.set_value`` with the version the grid showed; a refusal keeps
the typed text in red beside the service's message and saves nothing. The panel under the grid holds what
belongs to the selected figure rather than to a cell: its basis (初步核算/最终核实), source, note, and the reason
the service requires before a final figure changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.audit import as_text
from jjdesk.services.core.errors import ConflictError, FieldError, ServiceError, ValidationFailed
from jjdesk.services.core.vocab import REVIEW_STATUS, VALUE_BASIS, label_of
from jjdesk.services.records import statistics
from jjdesk.services.records.validation import STAT_VALUE_FIELDS
from jjdesk.store.engine import Database
from jjdesk.ui.dialogs.conflict import OVERWRITE, RELOAD, ConflictDialog, ConflictRow
from jjdesk.ui.forms.field_widgets import FORM_STYLE, editor_for, set_invalid
from jjdesk.ui.forms.review_bar import RecordReviewBar
from jjdesk.ui.pages.context import IMPORT_STATISTICS, PageOffers
from jjdesk.ui.pages.statistics_grid import GROWTH, VALUE, NumberDelegate, YearGridModel

_SPECS = {s.name: s for s in STAT_VALUE_FIELDS}
FIRST_YEAR = 1949


class StatisticsPage(QWidget):
    """``StatisticsPage(db, actor)``: the year grid and the figure panel; ``refresh()`` re-reads everything."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setStyleSheet(FORM_STYLE)
        self._added_years: set[int] = set()
        self._current: tuple[int, int] | None = None  # (row, year) the panel shows
        self._year_records: dict[int, dict[str, Any]] = {}
        self._year_status: dict[int, str] = {}

        title = QLabel(self.tr("Yearly statistics"))
        title.setObjectName("pageTitle")
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("yearSpin")
        this_year = date.today().year
        self.year_spin.setRange(FIRST_YEAR, this_year)
        self.year_spin.setValue(this_year - 1)
        self.add_year_button = QPushButton(self.tr("Add year"))
        self.add_year_button.setAutoDefault(False)
        self.add_year_button.clicked.connect(self._add_chosen_year)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year_spin)
        top.addWidget(self.add_year_button)
        top.addWidget(self.refresh_button)

        self.model = YearGridModel(self)
        self.model.cell_edited.connect(self._on_cell_edited, Qt.ConnectionType.QueuedConnection)
        self.view = QTableView()
        self.view.setObjectName("yearGrid")
        self.view.setModel(self.model)
        self.view.setItemDelegate(NumberDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)

        self.panel = self._build_panel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.panel)
        self.refresh()

    def _build_panel(self) -> QGroupBox:
        panel = QGroupBox(self.tr("Selected figure"))
        panel.setObjectName("figurePanel")
        self.panel_title = QLabel()
        self.panel_title.setWordWrap(True)
        self.panel_info = QLabel()
        self.panel_info.setProperty("role", "unit")
        self.panel_info.setWordWrap(True)
        self.basis_combo = QComboBox()
        self.basis_combo.setObjectName("basisCombo")
        for code, label in VALUE_BASIS.items():
            self.basis_combo.addItem(label, code)
        self.source_edit = editor_for(_SPECS["source"])
        self.note_edit = editor_for(_SPECS["note"])
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("Required when a final figure changes"))
        self.apply_button = QPushButton(self.tr("Save figure details"))
        self.apply_button.setObjectName("applyFigure")
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.apply_panel)
        self.panel_message = QLabel()
        self.panel_message.setObjectName("panelMessage")
        self.panel_message.setWordWrap(True)
        self.panel_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QFormLayout()
        left.addRow(self.tr("Basis"), self.basis_combo)
        left.addRow(_SPECS["source"].label, self.source_edit)
        right = QFormLayout()
        right.addRow(_SPECS["note"].label, self.note_edit)
        right.addRow(self.tr("Reason for change"), self.reason_edit)
        fields = QHBoxLayout()
        fields.addLayout(left, 1)
        fields.addSpacing(16)
        fields.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.panel_message, 1)
        bottom.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(panel)
        box.addWidget(self.panel_title)
        box.addWidget(self.panel_info)
        self.year_bar = RecordReviewBar(self.db, self.actor, "stat_year", self._after_review_step)
        self.year_bar.setObjectName("yearReviewBar")
        box.addWidget(self.year_bar)
        box.addLayout(fields)
        box.addLayout(bottom)
        return panel

    # ------------------------------------------------------------ content

    def offers(self) -> PageOffers:
        """F5, click-through to a figure, Ctrl+E of the years shown that hold figures, Ctrl+I of statistics."""
        return PageOffers(
            refresh=self.refresh,
            apply_filter=self.apply_filter,
            years_export=lambda: list(self.model.years()),
            import_kind=IMPORT_STATISTICS,
        )

    def years(self) -> list[int]:
        """Years with data, the next one (up to this year), and any the officer added."""
        have = [y["year"] for y in statistics.years(self.db)]
        this_year = date.today().year
        shown = set(have) | self._added_years
        if have and max(have) < this_year:
            shown.add(max(have) + 1)
        if not shown:
            shown.add(this_year - 1)
        return sorted(shown)

    def refresh(self) -> None:
        """Re-read catalogue and figures; refused, unsaved input is dropped."""
        keep = self._current_key()
        self.model.set_grid(statistics.year_grid(self.db), self.years())
        self._read_years()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, 250)
        self.view.setColumnWidth(1, 44)
        for col in range(2, self.model.columnCount()):
            self.view.setColumnWidth(col, 84 if self.model.column(col).kind == VALUE else 66)
        self._restore_current(keep)

    def add_year(self, year: int) -> None:
        """Show a year's columns (nothing is stored until a figure is typed)."""
        self._added_years.add(int(year))
        self.refresh()
        self.year_spin.setValue(max(FIRST_YEAR, min(self.model.years()) - 1))

    def _add_chosen_year(self) -> None:
        self.add_year(self.year_spin.value())

    def _current_key(self) -> tuple[str, int] | None:
        if self._current is None or self.model.rowCount() == 0:
            return None
        row, year = self._current
        return self.model.indicator(row)["code"], year

    def _restore_current(self, key: tuple[str, int] | None) -> None:
        self._current = None
        if key is not None and key[1] in self.model.years():
            try:
                index = self.model.index(self.model.row_of(key[0]), self.model.column_of(key[1], VALUE))
            except StopIteration:
                index = QModelIndex()
            if index.isValid():
                self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_panel()

    def _reload_values(self) -> None:
        self.model.update_rows(statistics.year_grid(self.db))
        self._read_years()
        self._show_panel()

    def _read_years(self) -> None:
        """Each year's review record (id, state, version): the panel shows it, the year bar acts on it."""
        self._year_records = {y["year"]: y for y in statistics.years(self.db)}
        self._year_status = {year: y["review_status"] for year, y in self._year_records.items()}

    def _show_year_bar(self, year: int | None) -> None:
        """The selected year's review rules and 提交审核 (a year is reviewed as a whole)."""
        record = self._year_records.get(year) if year is not None else None
        if record is not None:
            record = {**record, "name": self.tr("Statistics %1").replace("%1", str(year))}
        self.year_bar.show_record(record)

    def _after_review_step(self, _year_id: int) -> None:
        self.refresh()

    # ------------------------------------------------------------ panel

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        year = self.model.column(current.column()).year if current.isValid() else None
        new = (current.row(), year) if year is not None else None
        if new != self._current:
            self._current = new
            self.reason_edit.clear()
            self._show_panel()

    def _label(self, row: int, year: int) -> str:
        return self.tr("%1 · %2").replace("%1", str(year)).replace("%2", self.model.indicator(row)["name"])

    def _show_panel(self) -> None:
        self.panel_message.clear()
        for editor in (self.source_edit, self.note_edit):
            editor.set_error(None)
        set_invalid(self.reason_edit, False)
        enabled = self._current is not None
        for w in (self.basis_combo, self.source_edit, self.note_edit, self.reason_edit, self.apply_button):
            w.setEnabled(enabled)
        if self._current is None:
            self.panel_title.setText(self.tr("Select a value or growth cell to see its details."))
            self.panel_info.clear()
            self._show_year_bar(None)
            return
        row, year = self._current
        self._show_year_bar(year)
        ind = self.model.indicator(row)
        self.panel_title.setText(f"<b>{self._label(row, year)}</b>" + (f"（{ind['unit']}）" if ind["unit"] else ""))
        stored = statistics.get_value(self.db, ind["code"], year)
        self.basis_combo.setCurrentIndex(max(0, self.basis_combo.findData((stored or {}).get("basis", "preliminary"))))
        self.source_edit.set_value((stored or {}).get("source", ""))
        self.note_edit.set_value((stored or {}).get("note", ""))
        status = label_of(REVIEW_STATUS, self._year_status.get(year)) or self.tr("no figures yet")
        info = [self.tr("Year status: %1").replace("%1", status)]
        if stored:
            when = stored["updated_at"].astimezone().strftime("%Y-%m-%d %H:%M") if stored.get("updated_at") else ""
            info.append(
                self.tr("version %1 · last changed by %2 at %3")
                .replace("%1", str(stored["version"]))
                .replace("%2", stored.get("updated_by") or "—")
                .replace("%3", when or "—")
            )
            count = len(statistics.revisions(self.db, ind["code"], year))
            if count:
                info.append(self.tr("%1 earlier version(s) kept").replace("%1", str(count)))
        self.panel_info.setText(" · ".join(info))
        messages = [self.model.message(row, year, f) for f in (VALUE, GROWTH)]
        self._panel_error("\n".join(dict.fromkeys(m for m in messages if m)))

    def _panel_error(self, text: str, error: bool = True) -> None:
        self.panel_message.setText(text)
        self.panel_message.setProperty("role", "error" if error else "hint")
        self.panel_message.style().unpolish(self.panel_message)
        self.panel_message.style().polish(self.panel_message)

    def select_cell(self, code: str, year: int, field: str = VALUE) -> QModelIndex:
        """Make a cell current (as a click would) and return its index."""
        index = self.model.index(self.model.row_of(code), self.model.column_of(year, field))
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return index

    def apply_filter(self, criteria: dict[str, Any]) -> None:
        """Select the figure a 汇总 click names (``code`` and ``year``), re-read so the cell is current."""
        self.refresh()
        code, year = criteria.get("code"), criteria.get("year")
        if code is not None and year is not None and int(year) in self.model.years():
            self.view.scrollTo(self.select_cell(str(code), int(year)))

    def apply_panel(self) -> bool:
        """Save the panel's basis, source and note for the selected figure (with any unsaved typed numbers)."""
        if self._current is None:
            return False
        row, year = self._current
        pending = self.model.pending(row, year)
        if self.model.cell(row, year) is None and not pending:
            self._panel_error(self.tr("Type a value or growth in the grid first."))
            return False
        values = {
            "basis": self.basis_combo.currentData(),
            "source": self.source_edit.value(),
            "note": self.note_edit.value(),
            **pending,
        }
        return self._save(row, year, values)

    # ------------------------------------------------------------ saving

    def _on_cell_edited(self, row: int, year: int, field: str, text: str) -> None:
        values: dict[str, Any] = {**self.model.pending(row, year), field: text}
        if self.model.cell(row, year) is None:
            # A new figure takes the basis shown in the panel (初步核算 unless the officer chose otherwise).
            basis = self.basis_combo.currentData() if self._current == (row, year) else "preliminary"
            values["basis"] = basis
        self._save(row, year, values)

    def _save(self, row: int, year: int, values: dict[str, Any], version: int | None = None) -> bool:
        ind, cell = self.model.indicator(row), self.model.cell(row, year)
        if version is None and cell is not None:
            version = cell["version"]
        typed = {f: str(values[f]) for f in (VALUE, GROWTH) if f in values}
        try:
            statistics.set_value(
                self.db, self.actor, ind["code"], year, values, expected_version=version, reason=self.reason_edit.text()
            )
        except ValidationFailed as exc:
            self._refused(row, year, typed, exc.errors)
            return False
        except ConflictError as exc:
            return self._conflict(row, year, values, exc)
        except ServiceError as exc:  # a submitted year, an indicator removed meanwhile
            self._refused(row, year, typed, [FieldError("", "", str(exc))])
            return False
        self.model.clear_pending(row, year)
        self.reason_edit.clear()
        self._reload_values()
        if self._current == (row, year):
            self._panel_error(self.tr("Saved %1.").replace("%1", self._label(row, year)), error=False)
        return True

    def _refused(self, row: int, year: int, typed: dict[str, str], errors: list[FieldError]) -> None:
        """Keep the typed numbers in red with the message; mark panel fields; nothing was saved."""
        general = "；".join(str(e) if e.field else e.message for e in errors if e.field not in typed)
        for field, text in typed.items():
            own = [e.message for e in errors if e.field == field]
            self.model.set_pending(row, year, field, text, "；".join(own) or general)
        panel_fields = {"source": self.source_edit, "note": self.note_edit}
        for err in errors:
            if err.field in panel_fields:
                panel_fields[err.field].set_error(err.message)
        set_invalid(self.reason_edit, any(e.field == "reason" for e in errors))
        if self._current == (row, year):
            self._panel_error("\n".join(str(e) if e.field else e.message for e in errors))
        else:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, self.model.column_of(year, next(iter(typed), VALUE))),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
            self._panel_error("\n".join(str(e) if e.field else e.message for e in errors))
        if any(e.field == "reason" for e in errors):
            self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _conflict(self, row: int, year: int, values: dict[str, Any], exc: ConflictError) -> bool:
        ind = self.model.indicator(row)
        current = statistics.get_value(self.db, ind["code"], year) or {}
        cell = self.model.cell(row, year) or {}

        def shown(field: str, value: Any) -> str:
            return label_of(VALUE_BASIS, value) if field == "basis" else as_text(value) or ""

        rows = [
            ConflictRow(
                _SPECS[f].label, shown(f, v), shown(f, current.get(f)), as_text(current.get(f)) != as_text(cell.get(f))
            )
            for f, v in values.items()
            if f in _SPECS
        ]
        choice = ConflictDialog.ask(self, exc, rows, can_reload=True)
        if choice == OVERWRITE and current:
            return self._save(row, year, values, version=current["version"])
        if choice == RELOAD:
            self.model.clear_pending(row, year)
            self._reload_values()
            return False
        typed = {f: str(values[f]) for f in (VALUE, GROWTH) if f in values}
        self._refused(row, year, typed, [FieldError("", "", str(exc))])
        return False
