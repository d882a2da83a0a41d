"""What every list page shares: filter bar, a lazily loaded table, and a pane on the right for the record form.

A page is layout and wiring only: the filter bar produces a query, the table's header adds the sort, the
:class:`LazyTableModel` fetches from the family's :class:`Listing`. Subclasses name the columns, choose the
filters and the column widths. The right-hand ``form_area`` stays hidden until a form is put into it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QVBoxLayout, QWidget

from jjdesk.services.records.listing import Listing, ListQuery
from jjdesk.store.engine import Database
from jjdesk.ui import settings
from jjdesk.ui.models.lazy_table import LazyTableModel
from jjdesk.ui.widgets.filter_bar import FilterBar

COUNTING_DELAY_MS = 300  # only say "counting…" when a count is slow enough to notice


class ListPage(QWidget):
    """Filter bar over a sortable table of one record family, and a form pane; see the module docstring."""

    current_record_changed = Signal(object)  # record id of the current row, or None

    def __init__(
        self,
        db: Database,
        listing: Listing,
        key: str,
        headers: Mapping[str, str],
        samples: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        """``key`` names the page in settings; ``samples`` are typical cell texts that set column widths."""
        super().__init__(parent)
        self.db = db
        self.key = key
        self._current: int | None = None

        self.filter_bar = FilterBar()
        self.model = LazyTableModel(db, listing, headers, parent=self)
        self.table = QTableView()
        self.table.setObjectName("listTable")
        self.table.setModel(self.model)
        self._setup_table(samples)

        self.form_area = QWidget()
        self.form_area.setObjectName("formArea")
        form_layout = QVBoxLayout(self.form_area)
        form_layout.setContentsMargins(0, 0, 0, 0)
        self.form_area.hide()
        self.form_area.installEventFilter(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.form_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self._counting = QTimer(self)
        self._counting.setSingleShot(True)
        self._counting.setInterval(COUNTING_DELAY_MS)
        self._counting.timeout.connect(lambda: self.filter_bar.set_count(None))

        self.filter_bar.query_changed.connect(self._apply_filters)
        self.model.loading_changed.connect(self._on_loading)
        self.model.count_changed.connect(self._on_count)
        self.model.load_failed.connect(self._on_failed)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._check_current)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.set_query(ListQuery())

    # ------------------------------------------------------------ public API (main window)

    def refresh(self) -> None:
        """Reload the list from the database, keeping query, sort and (when still listed) the current record."""
        self.model.refresh()

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in list order; a selection of every row asks the database for all ids."""
        ranges = self.table.selectionModel().selection()
        rows: set[int] = set()
        covered = 0
        for r in ranges:
            covered += r.bottom() - r.top() + 1
        if covered >= self.model.rowCount() > 0:
            return self.model.all_ids()
        for r in ranges:
            rows.update(range(r.top(), r.bottom() + 1))
        return self.model.record_ids(sorted(rows))

    def current_record(self) -> int | None:
        return self._current

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def apply_filter(self, criteria: Mapping[str, Any]) -> None:
        """Show only the rows matching ``criteria`` (filter keys of the listing), e.g. from a 汇总 click."""
        self.filter_bar.apply_filter(criteria)

    def shown_columns(self) -> list[str]:
        """Keys of the visible columns in the order the header shows them (moved columns moved, hidden left out)."""
        header = self.table.horizontalHeader()
        logical = (header.logicalIndex(v) for v in range(header.count()))
        return [self.model.column_key(i) for i in logical if not header.isSectionHidden(i)]

    def export_query(self) -> ListQuery:
        """The query the table shows once the search box's pending keystrokes apply (applied now if needed)."""
        current = self.model.query()
        query = self.filter_bar.query().replace(sort_key=current.sort_key, descending=current.descending)
        if query != current:
            self._apply_filters(query)
        return query

    def export_stem(self) -> str:
        """The start of the proposed file name (the date follows); pages override it."""
        return self.model.listing.name

    def save_state(self) -> None:
        """Remember column order, widths and sort (QSettings ``<page>/header``) and the form pane's width."""
        settings.list_header(self.key).set(self.table.horizontalHeader().saveState())
        settings.list_splitter(self.key).set(self.splitter.saveState())

    def restore_state(self) -> None:
        """Put back what :meth:`save_state` remembered, and sort the list as the header now says."""
        header = self.table.horizontalHeader()
        state = settings.list_header(self.key).get()
        if state is not None and header.restoreState(state):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        splitter = settings.list_splitter(self.key).get()
        if splitter is not None:
            self.splitter.restoreState(splitter)

    # ------------------------------------------------------------ set-up

    def _setup_table(self, samples: Mapping[str, str]) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        t.setCornerButtonEnabled(False)
        vertical = t.verticalHeader()
        vertical.hide()
        # Fixed, uniform rows: the view never measures a row, which matters with a million of them.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(t.fontMetrics().height() + 10)
        header = t.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)  # a short list of narrow columns still fills the table
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorClearable(True)  # a third click goes back to the list's own order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # else enabling sorting sorts by column 0
        t.setSortingEnabled(True)
        self._sort_indicator = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        metrics = t.fontMetrics()
        for column in range(self.model.columnCount()):
            key = self.model.column_key(column)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            sample = samples.get(key, title)
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 24) + 20
            header.resizeSection(column, width)

    # ------------------------------------------------------------ reactions

    def _apply_filters(self, query: ListQuery) -> None:
        current = self.model.query()
        self.model.set_query(query.replace(sort_key=current.sort_key, descending=current.descending))

    def _on_sort_indicator(self, section: int, order: Qt.SortOrder) -> None:
        # A column that cannot be sorted (a tag list) keeps the previous indicator: the list did not re-sort.
        if 0 <= section < self.model.columnCount() and not self.model.listing.columns[section].sortable:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self._sort_indicator)
            header.blockSignals(False)
            header.viewport().update()
            return
        self._sort_indicator = (section, order)

    def _on_loading(self, loading: bool) -> None:
        if loading:
            self._counting.start()
        else:
            self._counting.stop()

    def _on_count(self, count: int) -> None:
        self._counting.stop()
        self.filter_bar.set_count(count)
        self.filter_bar.count_label.setToolTip("")

    def _on_failed(self, message: str) -> None:
        self._counting.stop()
        # Spelled out: lupdate only sees literal translate() calls (and self.tr here would take the subclass's
        # name as its context).
        self.filter_bar.count_label.setText(QCoreApplication.translate("ListPage", "Could not load the list"))
        self.filter_bar.count_label.setToolTip(message)

    def _after_reset(self) -> None:
        # Keep the officer on the record they were on if it is still in the (first pages of the) list.
        if self._current is not None:
            row = self.model.row_of(self._current)
            if row is not None:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.table.scrollTo(index)
                return
        self._set_current(None)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._set_current(self.model.record_id(current.row()) if current.isValid() else None)

    def _check_current(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        # The current row's page arrived after it was clicked: now its record is known.
        current = self.table.selectionModel().currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self._set_current(self.model.record_id(current.row()))

    def return_to(self, record_id: int | None) -> None:
        """Highlight ``record_id``'s row again without announcing a change (the form kept it: the officer chose
        not to leave unsaved changes); no highlight when it is a new record or its row is not loaded."""
        self._current = record_id
        selection = self.table.selectionModel()
        row = self.model.row_of(record_id) if record_id is not None else None
        blocked = selection.blockSignals(True)
        try:
            if row is None:
                selection.clearSelection()
                selection.clearCurrentIndex()
            else:
                index = self.model.index(row, 0)
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                selection.setCurrentIndex(index, flags)
        finally:
            selection.blockSignals(blocked)
        self.table.viewport().update()

    def _set_current(self, record_id: int | None) -> None:
        if record_id != self._current:
            self._current = record_id
            self.current_record_changed.emit(record_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The form pane appears when the main window puts a form into it.
        if watched is self.form_area and event.type() == QEvent.Type.ChildAdded and event.child().isWidgetType():
            QTimer.singleShot(0, self.form_area.show)
        return super().eventFilter(watched, event)
