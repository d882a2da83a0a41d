"""Year comparison: any two years of the statistics side by side, with what stands behind each number.

Rows are ``year_compare.compare_years``: both values, the absolute and relative change, the growth each year
reported (entered, never derived — it can differ from the relative change on a comparable basis), each
year's review status, and the written explanations (说明) of review findings. Nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.errors import ServiceError
from jjdesk.services.core.vocab import REVIEW_STATUS, label_of
from jjdesk.services.records import statistics
from jjdesk.services.summaries import year_compare
from jjdesk.store.engine import Database

_Index = QModelIndex | QPersistentModelIndex


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def _padded(value: Decimal | None, decimals: int) -> str:
    """A value with the indicator's decimals (289.84, 40.0), more only if it has them; thousands separated."""
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-decimals)
    shown = value.quantize(quantum) if value == value.quantize(quantum) else value.normalize()
    return f"{shown:,}"


class YearCompareModel(QAbstractTableModel):
    """One row per indicator; the columns are listed in ``COLUMNS`` (key, header)."""

    NUMERIC = frozenset({"value_a", "value_b", "change", "change_pct", "growth_a", "growth_b"})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.years: tuple[int, int] = (0, 0)
        self.columns: list[tuple[str, str]] = []

    def set_rows(self, rows: list[Any], a: int, b: int) -> None:
        self.beginResetModel()
        self.rows, self.years = list(rows), (a, b)
        ya, yb = str(a), str(b)
        self.columns = [
            ("name", self.tr("Indicator")),
            ("unit", self.tr("Unit")),
            ("value_a", self.tr("%1 value").replace("%1", ya)),
            ("growth_a", self.tr("%1 reported growth").replace("%1", ya)),
            ("status_a", self.tr("%1 review").replace("%1", ya)),
            ("value_b", self.tr("%1 value").replace("%1", yb)),
            ("growth_b", self.tr("%1 reported growth").replace("%1", yb)),
            ("status_b", self.tr("%1 review").replace("%1", yb)),
            ("change", self.tr("Change")),
            ("change_pct", self.tr("Relative change")),
            ("explanations", self.tr("Explanations")),
        ]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        return None

    def text(self, row: int, key: str) -> str:
        r = self.rows[row]
        if key == "name":
            return "　" * int(getattr(r, "depth", 0) or 0) + r.name
        if key in ("value_a", "value_b", "change"):
            return _padded(getattr(r, key), r.decimals)
        if key in ("growth_a", "growth_b", "change_pct"):
            return _percent(getattr(r, key))
        if key in ("status_a", "status_b"):
            # A year's status stands behind its figures; beside a missing figure it would read as a 草稿 figure.
            if getattr(r, "value_" + key[-1]) is None:
                return "—"
            return label_of(REVIEW_STATUS, getattr(r, key)) or "—"
        if key == "explanations":
            return "；".join(self.explanations(row))
        return str(getattr(r, key, "") or "")

    def explanations(self, row: int) -> list[str]:
        """Each year's written explanations, prefixed with the year they explain."""
        r = self.rows[row]
        a, b = self.years
        return [f"{a}：{t}" for t in r.explanations_a] + [f"{b}：{t}" for t in r.explanations_b]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if key in self.NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self.explanations(index.row())) or None
        return None


class YearCompareView(QWidget):
    """``YearCompareView(db, navigate)``: two year pickers and the side-by-side table; ``compare(a, b)`` for
    code. A double-click opens the figure on the statistics page (year a's columns: year a; else year b)."""

    def __init__(
        self, db: Database, navigate: Callable[[str, dict], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._navigate = navigate
        self.year_a, self.year_b = QComboBox(), QComboBox()
        self.year_a.setObjectName("compareYearA")
        self.year_b.setObjectName("compareYearB")
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year_a)
        top.addWidget(QLabel(self.tr("with")))
        top.addWidget(self.year_b)
        top.addWidget(self.compare_button)
        top.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        self.hint = QLabel()  # why the table is empty, when it is
        self.hint.setObjectName("compareHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.model = YearCompareModel(self)
        self.table = QTableView()
        self.table.setObjectName("compareTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        note = QLabel(
            self.tr(
                "Reported growth is as entered (comparable basis); the relative change is computed "
                "from the two values, so the two can differ."
            )
        )
        note.setObjectName("countLabel")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.compare_button.clicked.connect(self._compare_chosen)
        self.table.doubleClicked.connect(self._open)

    def refresh(self) -> None:
        """Re-read the years with figures (default: the latest two) and compare the chosen pair again."""
        years = sorted(y["year"] for y in statistics.years(self.db))
        if not years:
            years = [date.today().year - 1]
        a, b = self.year_a.currentData(), self.year_b.currentData()
        # Adjacent years by default: the year before the latest, and the latest.
        default_b = years[-1]
        default_a = default_b - 1
        for combo in (self.year_a, self.year_b):
            combo.blockSignals(True)
            combo.clear()
            for y in sorted(set(years) | {default_a}):
                combo.addItem(str(y), y)
            combo.blockSignals(False)
        self.year_a.setCurrentIndex(max(self.year_a.findData(a if a is not None else default_a), 0))
        self.year_b.setCurrentIndex(max(self.year_b.findData(b if b is not None else default_b), 0))
        self._compare_chosen()

    def compare(self, a: int, b: int) -> None:
        """Show years ``a`` and ``b`` side by side (a refusal shows the service's message)."""
        try:
            rows = year_compare.compare_years(self.db, a, b)
        except ServiceError as exc:
            self.message.setText(str(exc))
            self.message.show()
            self.model.set_rows([], a, b)
            return
        self.message.hide()
        self.model.set_rows(rows, a, b)
        if not rows:
            hint = self.tr("The statistics catalogue has no indicators yet: add them on the Yearly statistics page.")
        elif all(r.value_a is None and r.value_b is None for r in rows):
            hint = self.tr("Neither %1 nor %2 has figures yet.").replace("%1", str(a)).replace("%2", str(b))
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid() or self._navigate is None:
            return
        row = self.model.rows[index.row()]
        key = self.model.columns[index.column()][0]
        criteria = dict(row.filter_a if key.endswith("_a") else row.filter_b)
        page = criteria.pop("page", None)
        if page:
            self._navigate(page, criteria)

    def _compare_chosen(self) -> None:
        a, b = self.year_a.currentData(), self.year_b.currentData()
        if a is not None and b is not None:
            self.compare(int(a), int(b))
