"""What each column of a statistics file holds, chosen by the officer where the header was not recognised.

A statistics file comes in two layouts (``imports.statistics_mapping``): long — one figure per row, so a column is
年份, 指标名称,
数值, … — or wide — indicators down and years across, so a column is the value or the growth of one year, and the
year is chosen beside it (taken from the header when it names one). The officer picks the layout at the top;
each row shows the file's column, a few values under it, what it imports as and, in the wide layout, its year.
OK stays disabled while ``imports.statistics_mapping`` finds a problem (a field or a year chosen twice, the indicator or
the
figures without a column); the import dialog then previews the file again with :meth:`mapping` and
:meth:`layout`.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.imports import statistics_mapping as stat_mapping
from jjdesk.services.imports.statistics_mapping import LONG, LONG_FIELDS, WIDE, WIDE_FIELDS, StatColumns
from jjdesk.ui.dialogs.column_mapping import (
    FIELD_COL,
    HEADER_COL,
    SAMPLES_COL,
    mapping_footer,
    set_column_items,
    setup_mapping_table,
    show_mapping_problems,
)

YEAR_COL = 3
NO_YEAR = 1948  # the spin box's "—": no year chosen (not a year kind)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


class StatMappingDialog(QDialog):
    """``StatMappingDialog(found, parent)`` with ``found`` a
    :class:`~jjdesk.services.imports.statistics_mapping.StatColumns`; after ``accept()``, :meth:`mapping` is
    column → ``imports.statistics_mapping`` field and :meth:`layout` long or wide."""

    def __init__(self, found: StatColumns, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = True  # no checks while the combos are being filled
        self.columns = list(found.columns)
        self._suggested = (found.layout, {c.column: c.field for c in self.columns})
        self.setWindowTitle(self.tr("Map Statistics Columns"))
        self.resize(960, 600)

        intro = QLabel(
            self.tr(
                "Choose what each column of the statistics file holds. Columns marked in yellow "
                "were not recognised from their header; choose “Ignore” for a column that should "
                "not be imported."
            )
        )
        intro.setWordWrap(True)
        self.long_button = QRadioButton(self.tr("&Long table: one figure per row (year, indicator, value…)"))
        self.long_button.setObjectName("layoutLong")
        self.wide_button = QRadioButton(self.tr("&Wide table: indicators down, years across"))
        self.wide_button.setObjectName("layoutWide")
        self.layout_group = QButtonGroup(self)
        self.layout_group.addButton(self.long_button)
        self.layout_group.addButton(self.wide_button)
        layouts = QHBoxLayout()
        layouts.addWidget(QLabel(self.tr("Layout:")))
        layouts.addWidget(self.long_button)
        layouts.addWidget(self.wide_button)
        layouts.addStretch(1)

        self.table = QTableWidget(len(self.columns), 4)
        self.table.setObjectName("mappingTable")
        setup_mapping_table(
            self.table,
            [self.tr("Column in the file"), self.tr("Sample values"), self.tr("Imports as"), self.tr("Year")],
        )
        self.combos: list[QComboBox] = []
        self.spins: list[QSpinBox] = []
        no_header = self.tr("(no header)")
        this_year = date.today().year
        for row, col in enumerate(self.columns):
            set_column_items(self.table, row, col, no_header)
            combo = QComboBox()
            combo.setObjectName(f"mapColumn{col.column}")
            combo.currentIndexChanged.connect(lambda _i, r=row: self._kind_changed(r))
            spin = QSpinBox()
            spin.setObjectName(f"mapYear{col.column}")
            spin.setRange(NO_YEAR, this_year)
            spin.setSpecialValueText("—")
            spin.setValue(NO_YEAR)
            spin.valueChanged.connect(self._check)
            self.combos.append(combo)
            self.spins.append(spin)
            for widget in (combo, spin):
                widget.installEventFilter(self)
            self.table.setCellWidget(row, FIELD_COL, combo)
            self.table.setCellWidget(row, YEAR_COL, spin)

        self.problem_label, self.buttons, self.ok_button = mapping_footer(self, self.tr("Check Again"))

        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(layouts)
        box.addWidget(self.table, 1)
        box.addWidget(self.problem_label)
        box.addWidget(self.buttons)
        chain = self._focus_chain()
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

        self._filling = False
        self.long_button.toggled.connect(lambda on: on and not self._filling and self.set_layout(LONG))
        self.wide_button.toggled.connect(lambda on: on and not self._filling and self.set_layout(WIDE))
        self.set_layout(found.layout)
        self._size_columns()

    def _focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.long_button, self.wide_button]
        for combo, spin in zip(self.combos, self.spins, strict=True):
            chain += [combo, spin]
        return chain

    def eventFilter(self, watched, event) -> bool:
        """Tabbing to a row below the visible part scrolls it into view."""
        if event.type() == QEvent.Type.FocusIn and watched in self.combos + self.spins:
            row = self.combos.index(watched) if watched in self.combos else self.spins.index(watched)
            self.table.scrollTo(self.table.model().index(row, FIELD_COL))
        return super().eventFilter(watched, event)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HEADER_COL, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SAMPLES_COL, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.table.item(r, HEADER_COL).text()) for r in range(len(self.columns))),
            default=120,
        )
        self.table.setColumnWidth(HEADER_COL, min(max(widest + 24, 160), 300))
        self.table.setColumnWidth(FIELD_COL, max((c.sizeHint().width() for c in self.combos), default=180) + 16)
        self.table.setColumnWidth(YEAR_COL, max((s.sizeHint().width() for s in self.spins), default=100) + 36)
        height = max([metrics.height() + 14, *(c.sizeHint().height() + 4 for c in self.combos[:1])])
        self.table.verticalHeader().setDefaultSectionSize(height)

    # ------------------------------------------------------------------ layout and choices

    def layout(self) -> str:  # type: ignore[override]  # QDialog.layout() is not used on this dialog
        """long or wide, as chosen at the top."""
        return WIDE if self.wide_button.isChecked() else LONG

    def set_layout(self, layout: str) -> None:
        """Switch the choices to ``layout``: the indicator columns stay, figures start from the suggestion."""
        keep = {c.column: f for c, f in zip(self.columns, self._raw_choices(), strict=True)}
        self._filling = True
        button = self.wide_button if layout == WIDE else self.long_button
        if not button.isChecked():
            button.setChecked(True)
        suggested_layout, suggested = self._suggested
        for row, col in enumerate(self.columns):
            combo, spin = self.combos[row], self.spins[row]
            combo.clear()
            combo.addItem(self.tr("Ignore"), None)
            for name, label in WIDE_FIELDS if layout == WIDE else LONG_FIELDS:
                combo.addItem(label, name)
            if layout == WIDE:
                combo.addItem(self.tr("Value of the year"), "value")
                combo.addItem(self.tr("Growth of the year (%)"), "growth")
            combo.setMaxVisibleItems(combo.count())
            wanted = suggested.get(col.column) if layout == suggested_layout else keep.get(col.column)
            if wanted not in ("code", "name", "unit") and layout != suggested_layout:
                wanted = None
            split = stat_mapping.split_year_field(wanted or "")
            combo.setCurrentIndex(max(combo.findData(split[0] if split else wanted), 0))
            spin.setValue(split[1] if split else NO_YEAR)
        self._filling = False
        self.table.setColumnHidden(YEAR_COL, layout != WIDE)
        for row in range(len(self.columns)):
            self._kind_changed(row)
        self._check()

    def _raw_choices(self) -> list[str | None]:
        out: list[str | None] = []
        for combo, spin in zip(self.combos, self.spins, strict=True):
            data = combo.currentData()
            out.append(
                stat_mapping.year_field(spin.value(), data)
                if data in ("value", "growth") and self.layout() == WIDE
                else data
            )
        return out

    def _kind_changed(self, row: int) -> None:
        if self._filling:
            return
        spin = self.spins[row]
        is_year = self.layout() == WIDE and self.combos[row].currentData() in ("value", "growth")
        spin.setEnabled(is_year)
        if is_year and spin.value() == NO_YEAR:
            spin.setValue(self._year_for(row))
        elif not is_year:
            spin.setValue(NO_YEAR)
        self._check()

    def _year_for(self, row: int) -> int:
        """The year a column most likely holds: named in its header; else, after a year column, the same year
        (value then growth) or the next (values across); else last year."""
        top = self.spins[row].maximum()
        if m := _YEAR.search(self.columns[row].header):
            return min(int(m[1]), top)
        if row > 0 and (before := self.spins[row - 1].value()) != NO_YEAR:
            same_kind = self.combos[row - 1].currentData() == self.combos[row].currentData()
            return min(before + 1 if same_kind else before, top)
        return top - 1

    def combo_for(self, column: int) -> QComboBox:
        """The combo of the file's column ``column`` (0-based)."""
        return self.combos[self._row_of(column)]

    def spin_for(self, column: int) -> QSpinBox:
        """The year of the file's column ``column`` (wide layout)."""
        return self.spins[self._row_of(column)]

    def _row_of(self, column: int) -> int:
        return next(i for i, c in enumerate(self.columns) if c.column == column)

    def choose(self, column: int, field_name: str | None) -> None:
        """Choose ``field_name`` for ``column``: a field, ``value:2020`` / ``growth:2020``, or None (忽略)."""
        split = stat_mapping.split_year_field(field_name or "")
        combo = self.combo_for(column)
        combo.setCurrentIndex(max(combo.findData(split[0] if split else field_name), 0))
        if split:
            self.spin_for(column).setValue(split[1])

    def choices(self) -> dict[int, str | None]:
        return {c.column: f for c, f in zip(self.columns, self._raw_choices(), strict=True)}

    def mapping(self) -> dict[int, str]:
        """Column → ``imports.statistics_mapping`` field of every column that is imported."""
        return {col: name for col, name in self.choices().items() if name}

    def _check(self) -> None:
        if self._filling:
            return
        choices, layout = self.choices(), self.layout()
        problems = stat_mapping.mapping_problems(choices, layout)
        letters = {c.column: c.letter for c in self.columns}
        lines = [
            self.tr("Column %1: %2").replace("%1", letters.get(c, str(c + 1))).replace("%2", m)
            for c, m in sorted(problems.items())
        ]
        missing = stat_mapping.missing_required(choices, layout)
        if missing:
            lines.append(self.tr("Required without a column: %1").replace("%1", "、".join(missing)))
        show_mapping_problems(
            {c.column: [self.combos[r], self.spins[r]] for r, c in enumerate(self.columns)},
            problems,
            lines,
            self.problem_label,
            self.ok_button,
        )
