"""The bar above a list: search box, filter combos, a date range, "clear filters" and the number of rows.

It only turns what the officer picked into a :class:`ListQuery` (search text and filters; the sort belongs to
the table header) and emits it. Typing is debounced, so a query starts when the officer pauses, not on every
keystroke; combos and dates apply at once. Which filters a page offers is configured by the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from jjdesk.services.records.listing import ListQuery

DEBOUNCE_MS = 200
_UNSET = QDate(2000, 1, 1)  # the date edit's minimum stands for "no bound" (its special text is shown)


class _OptionalDate(QDateEdit):
    """A date edit that can be empty: its minimum date means "not set" and shows ``special`` instead."""

    def __init__(self, special: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_UNSET)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(special)
        self.setDate(_UNSET)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # spare width goes to the search
        self.calendarWidget().installEventFilter(self)

    def value(self) -> date | None:
        d = self.date()
        return None if d == _UNSET else date(d.year(), d.month(), d.day())

    def clear_value(self) -> None:
        self.setDate(_UNSET)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty edit would open its calendar in January 2000; open on this month instead.
        if event.type() == QEvent.Type.Show and self.date() == _UNSET:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)


class FilterBar(QWidget):
    """Search, filters and the row count of one list; emits ``query_changed`` with search and filters."""

    query_changed = Signal(object)  # ListQuery (sort_key None: the page keeps the header's sort)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search name, credit code or contact"))
        self.search.setMinimumWidth(160)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._emit_now)

        self.combos: dict[str, QComboBox] = {}
        self.dates: dict[str, _OptionalDate] = {}
        self.checks: dict[str, QCheckBox] = {}
        self._check_values: dict[str, Callable[[], Any]] = {}
        self._check_given: dict[str, Any] = {}  # the value a click-through set (the dashboard's "today")
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear)
        self.count_label = QLabel()
        self.count_label.setObjectName("rowCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)

        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.search, 1)  # the search box takes whatever width the filters leave
        self._controls = QHBoxLayout()
        self._layout.addLayout(self._controls)
        self.extra_label = QLabel()  # criteria a click-through set that no control of the bar shows
        self.extra_label.setObjectName("extraFilters")
        self.extra_label.hide()
        self._layout.addWidget(self.extra_label)
        self._layout.addWidget(self.clear_button)
        self._layout.addSpacing(8)
        self._layout.addWidget(self.count_label)
        self._last: ListQuery | None = None
        self._extra: dict[str, Any] = {}

    # ------------------------------------------------------------ configuration (by the page)

    def add_choice(self, key: str, label: str, options: Sequence[tuple[str, Any]]) -> QComboBox:
        """A combo filtering ``key`` by one value; ``options`` are (shown text, filter value) pairs."""
        combo = QComboBox()
        combo.setObjectName(f"filter_{key}")
        combo.setToolTip(label)
        combo.addItem(self.tr("All %1").replace("%1", label), None)
        for text, value in options:
            combo.addItem(text, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(self._emit_now)
        self.combos[key] = combo
        self._controls.addWidget(combo)
        return combo

    def set_choices(self, key: str, options: Sequence[tuple[str, Any]]) -> None:
        """Replace a combo's options (values the ledger holds now), keeping the chosen value if still offered."""
        combo = self.combos[key]
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:  # item 0 is "all"
                combo.removeItem(1)
            for text, value in options:
                combo.addItem(text, value)
            index = combo.findData(chosen) if chosen is not None else 0
            if index < 0:  # keep a click-through's value even if no record holds it any more
                combo.addItem(str(chosen), chosen)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        finally:
            combo.blockSignals(False)

    def add_check(self, key: str, text: str, value: Callable[[], Any], tip: str = "") -> QCheckBox:
        """A tick box: when ticked, filter ``key`` by ``value()`` (e.g. today's date for "only overdue")."""
        box = QCheckBox(text)
        box.setObjectName(f"filter_{key}")
        box.setToolTip(tip)
        box.toggled.connect(lambda _on, key=key: self._check_given.pop(key, None))
        box.toggled.connect(self._emit_now)
        self.checks[key] = box
        self._check_values[key] = value
        self._controls.addWidget(box)
        return box

    def add_date_range(self, from_key: str, to_key: str, from_text: str, to_text: str) -> tuple[QDateEdit, QDateEdit]:
        """Two optional dates bounding ``from_key`` ≤ value ≤ ``to_key``; an empty one shows its text
        ("入驻日期起" / "入驻日期止"), which also saves the bar a caption it has no room for at 1280 px."""
        start, end = _OptionalDate(from_text), _OptionalDate(to_text)
        for key, edit, text in ((from_key, start, from_text), (to_key, end, to_text)):
            edit.setObjectName(f"filter_{key}")
            edit.setToolTip(text)
            edit.dateChanged.connect(self._emit_now)
            self.dates[key] = edit
        self._controls.addWidget(start)
        self._controls.addWidget(QLabel("–"))
        self._controls.addWidget(end)
        return start, end

    # ------------------------------------------------------------ state

    def query(self) -> ListQuery:
        """The search and filters as set now."""
        filters: dict[str, Any] = {key: combo.currentData() for key, combo in self.combos.items()}
        filters.update({key: edit.value() for key, edit in self.dates.items()})
        filters.update(
            {
                key: self._check_given.get(key, self._check_values[key]()) if box.isChecked() else None
                for key, box in self.checks.items()
            }
        )
        filters.update(self._extra)
        return ListQuery(search=self.search.text().strip(), filters=filters)

    def apply_filter(self, criteria: Mapping[str, Any]) -> None:
        """Show exactly the rows ``criteria`` selects (a click-through from the 汇总 page): everything else is
        reset, each criterion goes into its combo or date edit, and one query is emitted for all of it.

        A value the combo does not offer (a locally named cluster) is added to it; a criterion the bar has no
        control for is kept aside, named in a small label, and dropped by "clear filters"."""
        self._reset_controls()
        criteria = dict(criteria)
        search = criteria.pop("search", "")
        self.search.blockSignals(True)
        self.search.setText(str(search or ""))
        self.search.blockSignals(False)
        for key, value in criteria.items():
            if isinstance(value, (list, tuple)) and len(value) == 1:
                value = value[0]
            if key in self.combos and not isinstance(value, (list, tuple)):
                combo = self.combos[key]
                index = combo.findData(value)
                if index < 0:
                    combo.addItem(str(value), value)
                    index = combo.count() - 1
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)
            elif key in self.checks and value is not None:
                box = self.checks[key]
                box.blockSignals(True)
                box.setChecked(True)
                box.blockSignals(False)
                self._check_given[key] = value
            elif key in self.dates and value is not None:
                day = value if isinstance(value, date) else date.fromisoformat(str(value))
                edit = self.dates[key]
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
            else:
                self._extra[key] = value
        if self._extra:
            self.extra_label.setText(self.tr("+%1 more conditions").replace("%1", str(len(self._extra))))
            self.extra_label.setToolTip("\n".join(f"{k} = {v}" for k, v in self._extra.items()))
        self.extra_label.setVisible(bool(self._extra))
        self._emit_now()

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear(self) -> None:
        """Empty the search and reset every filter, emitting one query for all of it."""
        self._reset_controls()
        self._emit_now()

    def _reset_controls(self) -> None:
        self._extra = {}
        self._check_given = {}
        self.extra_label.hide()
        widgets = [self.search, *self.combos.values(), *self.dates.values(), *self.checks.values()]
        for w in widgets:
            w.blockSignals(True)
        try:
            self.search.clear()
            for combo in self.combos.values():
                combo.setCurrentIndex(0)
            for edit in self.dates.values():
                edit.clear_value()
            for box in self.checks.values():
                box.setChecked(False)
        finally:
            for w in widgets:
                w.blockSignals(False)

    def set_count(self, count: int | None) -> None:
        """Show how many rows match; None while counting."""
        if count is None:
            self.count_label.setText(self.tr("Counting…"))
        else:
            self.count_label.setText(self.tr("%1 records").replace("%1", f"{count:,}"))

    # ------------------------------------------------------------ emitting

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        query = self.query()
        active = bool(query.search or query.filters)
        self.clear_button.setEnabled(active)
        if query != self._last:
            self._last = query
            self.query_changed.emit(query)
