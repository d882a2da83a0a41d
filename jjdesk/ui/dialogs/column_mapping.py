"""Which field each column of an import file fills, chosen by the officer where the header was not recognised.

Left: the file's column (letter and header) and a few values under it, so the officer sees what the column
holds; right: a combo of jjdesk's enterprise fields or 忽略 (not imported). Columns the header matching did not
recognise are marked. OK stays disabled while a field is chosen twice or the required 企业名称 has no column;
the import dialog then previews the file again with ``mapping()``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.imports.mapping import FIELD_CHOICES, FileColumn, mapping_problems, missing_required

_UNRECOGNISED = QBrush(QColor("#fff4ce"))
HEADER_COL, SAMPLES_COL, FIELD_COL = 0, 1, 2


def set_column_items(table: QTableWidget, row: int, col: FileColumn, no_header: str) -> None:
    """The file's column (letter and header) and its sample values in ``row``; yellow when not recognised."""
    head = QTableWidgetItem(f"{col.letter}  {col.header or no_header}")
    head.setToolTip(col.problem or col.header)
    samples = QTableWidgetItem("　·　".join(col.samples))
    samples.setToolTip("\n".join(col.samples))
    samples.setForeground(QBrush(QColor("#4a5568")))
    if col.field is None:
        head.setBackground(_UNRECOGNISED)
        samples.setBackground(_UNRECOGNISED)
    table.setItem(row, HEADER_COL, head)
    table.setItem(row, SAMPLES_COL, samples)


def setup_mapping_table(table: QTableWidget, headers: list[str]) -> None:
    """A read-only table whose combos (cell widgets) take the keys: no selection, no focus frame on a cell."""
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setTabKeyNavigation(False)  # Tab goes from combo to combo, not from cell to cell
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setAlternatingRowColors(False)


def mapping_footer(dialog: QDialog, ok_text: str) -> tuple[QLabel, QDialogButtonBox, QPushButton]:
    """The problem line and OK (re-check the file) / Cancel under a mapping table: (label, buttons, OK)."""
    label = QLabel()
    label.setObjectName("errorText")
    label.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return label, buttons, ok


def show_mapping_problems(
    widgets: dict[int, list[QWidget]], problems: dict[int, str], lines: list[str], label: QLabel, ok: QPushButton
) -> None:
    """Mark the widgets of each column with a problem (red, the problem as tooltip), list ``lines`` in ``label``
    and allow OK only when there are none."""
    for column, items in widgets.items():
        for widget in items:
            widget.setProperty("invalid", column in problems)
            widget.setToolTip(problems.get(column, ""))
            widget.style().unpolish(widget)
            widget.style().polish(widget)
    label.setText("\n".join(lines))
    label.setVisible(bool(lines))
    ok.setEnabled(not lines)


class ColumnMappingDialog(QDialog):
    """``ColumnMappingDialog(columns, parent)``; after ``accept()``, :meth:`mapping` is column → field name."""

    def __init__(self, columns: Sequence[FileColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.setWindowTitle(self.tr("Map Columns"))
        self.resize(900, 560)

        intro = QLabel(
            self.tr(
                "Choose the field each column of the file fills. Columns marked in yellow were not "
                "recognised from their header; choose “Ignore” for a column that should not be "
                "imported."
            )
        )
        intro.setWordWrap(True)

        self.table = QTableWidget(len(self.columns), 3)
        self.table.setObjectName("mappingTable")
        setup_mapping_table(
            self.table, [self.tr("Column in the file"), self.tr("Sample values"), self.tr("Imports as")]
        )
        self.combos: list[QComboBox] = []
        no_header = self.tr("(no header)")
        for row, col in enumerate(self.columns):
            set_column_items(self.table, row, col, no_header)
            combo = QComboBox()
            combo.setObjectName(f"mapColumn{col.column}")
            combo.addItem(self.tr("Ignore"), None)
            for name, label in FIELD_CHOICES:
                combo.addItem(label, name)
            combo.setMaxVisibleItems(len(FIELD_CHOICES) + 1)
            combo.setCurrentIndex(max(combo.findData(col.field), 0))
            combo.currentIndexChanged.connect(self._check)
            self.combos.append(combo)
            self.table.setCellWidget(row, FIELD_COL, combo)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HEADER_COL, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SAMPLES_COL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELD_COL, QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.table.item(r, 0).text()) for r in range(len(self.columns))), default=120
        )
        self.table.setColumnWidth(HEADER_COL, min(max(widest + 24, 160), 300))
        combo_width = max((c.sizeHint().width() for c in self.combos), default=180)
        self.table.setColumnWidth(FIELD_COL, combo_width + 16)
        self.table.verticalHeader().setDefaultSectionSize(
            max(metrics.height() + 14, (self.combos[0].sizeHint().height() + 4) if self.combos else 0)
        )

        self.problem_label, self.buttons, self.ok_button = mapping_footer(self, self.tr("Check Again"))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._check()

    def combo_for(self, column: int) -> QComboBox:
        """The combo of the file's column ``column`` (0-based)."""
        return self.combos[next(i for i, c in enumerate(self.columns) if c.column == column)]

    def choose(self, column: int, field_name: str | None) -> None:
        combo = self.combo_for(column)
        combo.setCurrentIndex(max(combo.findData(field_name), 0))

    def choices(self) -> dict[int, str | None]:
        return {c.column: self.combos[i].currentData() for i, c in enumerate(self.columns)}

    def mapping(self) -> dict[int, str]:
        """Column → field name of every column that is imported."""
        return {col: name for col, name in self.choices().items() if name}

    def _check(self) -> None:
        choices = self.choices()
        problems = mapping_problems(choices)
        lines = list(problems.values())
        missing = missing_required(choices)
        if missing:
            lines.append(self.tr("Required field without a column: %1").replace("%1", "、".join(missing)))
        show_mapping_problems(
            {c.column: [self.combos[i]] for i, c in enumerate(self.columns)},
            problems,
            lines,
            self.problem_label,
            self.ok_button,
        )
