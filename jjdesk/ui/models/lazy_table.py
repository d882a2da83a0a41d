"""One table model for every list: it knows how many rows match and fetches pages of rows only when shown.

The DB Browser for SQLite approach (see performance.md): the model never holds the list. A query change
counts the matching rows and reads the first page in a worker; scrolling asks for pages of ``page_size``
rows, fetched in workers, kept in a bounded LRU cache (DB Browser's cache never evicts, and its users see
freezes at 1M rows × 50 columns). Cells of a page not fetched yet say "Loading…" until it arrives.

Stale work is ignored by a generation counter: every query change or refresh starts a new generation, and a
result carries the generation it was asked for. While a new query is counted the old rows stay on screen
(no flash of an empty table); the model switches to the new rows in one reset when the count arrives.

The model formats values for display (money with thousands separators and two decimals, dates as
2021-02-19, tags joined with 、, review states with their Chinese labels) but holds no business rules: what
a list shows and how it is filtered and sorted comes from a :class:`jjdesk.services.records.listing.Listing`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from jjdesk.services.core.vocab import REVIEW_STATUS, label_of
from jjdesk.services.records.listing import BOOL, DATE, DATETIME, DECIMAL, INT, STATUS, TAGS, Listing, ListQuery
from jjdesk.store.engine import Database
from jjdesk.ui import workers

RECORD_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the record id of the row, on every column
VALUE_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the typed value (Decimal, date, list…), for delegates and tests

PAGE_SIZE = 256
MAX_PAGES = 64  # 16,384 cached rows: a few screens around every place the officer looked, a few MB at most
MAX_IN_FLIGHT = 2  # page queries running at once; the rest wait, newest first
MAX_WANTED = 16  # pages asked for while scrolling fast; older requests are dropped (no longer on screen)
PREFETCH_DELAY_MS = 40

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_OTHER_ROLES = frozenset({_FOREGROUND, int(Qt.ItemDataRole.ToolTipRole), RECORD_ID_ROLE, VALUE_ROLE})
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_NUMBERS = frozenset({DECIMAL, INT})

_pool: QThreadPool | None = None


def listing_pool() -> QThreadPool:
    """The threads that read lists: separate from the global pool, so a long import never queues a scroll."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(MAX_IN_FLIGHT)
        _pool.setObjectName("listing")
    return _pool


def format_value(kind: str, value: Any, yes: str = "是", no: str = "否") -> str:
    """The text a list cell shows for a typed value of a column ``kind``."""
    if value is None:
        return ""
    if kind == DECIMAL and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if kind == INT and isinstance(value, int):
        return f"{value:,}"
    if kind == DATETIME and isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo is not None else value  # stored in UTC, shown in local time
        return local.strftime("%Y-%m-%d %H:%M")
    if kind == DATE and isinstance(value, date):
        return value.isoformat()
    if kind == TAGS:
        return "、".join(value)
    if kind == STATUS:
        return label_of(REVIEW_STATUS, value)
    if kind == BOOL:
        return yes if value else no
    return str(value)


class _Page:
    """One fetched page: the typed rows and their display texts, formatted in the worker (painting a screen
    asks ``data()`` a few thousand times; each must be a lookup, not a formatting job)."""

    __slots__ = ("rows", "texts")

    def __init__(self, rows: list[tuple], kinds: Sequence[str], yes: str, no: str) -> None:
        self.rows = rows
        self.texts = [tuple(format_value(k, v, yes, no) for k, v in zip(kinds, r[1:], strict=True)) for r in rows]


class LazyTableModel(QAbstractTableModel):
    """A read-only table over ``listing`` for one :class:`ListQuery` at a time; see the module docstring."""

    count_changed = Signal(int)  # the number of matching rows, after each query change or refresh
    loading_changed = Signal(bool)  # True while a new query is being counted
    load_failed = Signal(str)  # a query failed (message for the officer); the previous rows stay

    def __init__(
        self,
        db: Database,
        listing: Listing,
        headers: Mapping[str, str],
        *,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._listing = listing
        self._columns = listing.columns
        self._headers = dict(headers)
        self._page_size = page_size
        self._max_pages = max(2, max_pages)
        self._query = ListQuery()
        self._count = 0
        self._generation = 0
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._in_flight: dict[int, workers.Worker] = {}
        self._wanted: OrderedDict[int, None] = OrderedDict()  # pages on screen, not loaded: newest first
        self._prefetch: OrderedDict[int, None] = OrderedDict()  # neighbours of pages on screen
        self._snapshot: workers.Worker | None = None
        self._pump_timer = QTimer(self)
        self._pump_timer.setSingleShot(True)
        self._pump_timer.setInterval(0)  # after the paint that asked: every visible page is known by then
        self._pump_timer.timeout.connect(self._pump)
        # Neighbouring pages are read once the screen has what it shows: a prefetch running beside the paint
        # of the rows just fetched would slow both down (they share the GIL).
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(lambda: self._pump(prefetch=True))
        self._loading_text = self.tr("Loading…")
        self._yes, self._no = self.tr("Yes"), self.tr("No")
        self._kinds = tuple(c.kind for c in self._columns)
        self._align = tuple(_RIGHT if k in _NUMBERS else _LEFT for k in self._kinds)

    # ------------------------------------------------------------ public API

    @property
    def listing(self) -> Listing:
        return self._listing

    def query(self) -> ListQuery:
        return self._query

    def total(self) -> int:
        """The number of matching rows as last counted (0 before the first count arrives)."""
        return self._count

    def is_loading(self) -> bool:
        return self._snapshot is not None

    def is_idle(self) -> bool:
        """No count and no page fetch pending (tests and the benchmark wait for this)."""
        return self._snapshot is None and not self._in_flight and not self._wanted and not self._prefetch

    def set_query(self, query: ListQuery, *, force: bool = False) -> None:
        """Show the rows of ``query``. Raises ValueError at once for an unknown filter or unsortable column."""
        self._listing.check(query)
        if query == self._query and not force and self._generation:
            return
        self._query = query
        self._reload()

    def refresh(self) -> None:
        """Drop every cached page and count again (after records were added, changed or deleted)."""
        self._reload()

    def record_id(self, row: int) -> int | None:
        """The id of the record in ``row``, or None while its page is not loaded."""
        rec = self._row(row)
        return rec[0] if rec is not None else None

    def row_of(self, record_id: int) -> int | None:
        """The row of a record among the loaded pages (to keep a selection across a refresh), else None."""
        for page, cached in self._pages.items():
            for i, rec in enumerate(cached.rows):
                if rec[0] == record_id:
                    return page * self._page_size + i
        return None

    def record_ids(self, rows: Sequence[int]) -> list[int]:
        """Ids of the given rows in that order, reading pages not loaded yet (a bulk action; blocks briefly)."""
        out = []
        for row in rows:
            rec = self._row(row)
            if rec is None and 0 <= row < self._count:
                page = row // self._page_size
                rows_read = self._listing.fetch(
                    self._db, self._query, page * self._page_size, self._page_size, total=self._count
                )
                self._store_page(page, _Page(rows_read, self._kinds, self._yes, self._no))
                rec = self._row(row)
            if rec is not None:
                out.append(rec[0])
        return out

    def all_ids(self) -> list[int]:
        """Every matching id in the list's order, straight from the database (select all → bulk action)."""
        return self._listing.ids(self._db, self._query)

    def column_key(self, column: int) -> str:
        return self._columns[column].key

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self._columns) if c.key == key)

    def cached_pages(self) -> list[int]:
        """Pages in the cache, least recently used first (for tests of the eviction)."""
        return list(self._pages)

    # ------------------------------------------------------------ Qt model interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._align[section]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                key = self._columns[section].key
                return self._headers.get(key, key)
            return None
        return section + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        # Called for every role of every visible cell on each paint: cheapest answers first.
        if role == _DISPLAY:
            found = self._locate(index.row(), fetch=True)
            if found is None:
                return self._loading_text
            page, i = found
            return page.texts[i][index.column()] if i < len(page.texts) else ""
        if role == _ALIGN:
            return self._align[index.column()]
        if role not in _OTHER_ROLES:
            return None
        found = self._locate(index.row(), fetch=False)
        if role == _FOREGROUND:
            return _placeholder_colour() if found is None else None
        if found is None or found[1] >= len(found[0].rows):
            return None
        page, i = found
        if role == RECORD_ID_ROLE:
            return page.rows[i][0]
        if role == VALUE_ROLE:
            return page.rows[i][1 + index.column()]
        text = page.texts[i][index.column()]  # tooltip: long names and tag lists are cut off in the cell
        return text if len(text) > 12 else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: a new query sorted in SQL. Column -1 (indicator cleared) is the list's own order."""
        if column < 0 or column >= len(self._columns):
            key = None
        elif self._columns[column].sortable:
            key = self._columns[column].key
        else:
            return
        self.set_query(self._query.replace(sort_key=key, descending=order == Qt.SortOrder.DescendingOrder))

    # ------------------------------------------------------------ loading

    def _reload(self) -> None:
        self._generation += 1
        generation = self._generation
        for worker in self._in_flight.values():
            worker.cancel()
        self._in_flight.clear()
        self._wanted.clear()
        self._prefetch.clear()
        if self._snapshot is not None:
            self._snapshot.cancel()
        listing, db, query, size = self._listing, self._db, self._query, self._page_size
        kinds, yes, no = self._kinds, self._yes, self._no

        def snapshot(_control) -> tuple[int, _Page]:
            total, rows = listing.snapshot(db, query, size)
            return total, _Page(rows, kinds, yes, no)

        self._snapshot = workers.start(
            snapshot,
            pool=listing_pool(),
            priority=10,
            context=self,
            on_finished=lambda result: self._on_snapshot(generation, result),
            on_failed=lambda message: self._on_failed(generation, message),
        )
        self.loading_changed.emit(True)

    def _on_snapshot(self, generation: int, result: tuple[int, _Page]) -> None:
        if generation != self._generation:
            return
        total, first = result
        self._snapshot = None
        self.beginResetModel()
        self._count = total
        self._pages.clear()
        if first.rows:
            self._pages[0] = first
        self.endResetModel()
        self.count_changed.emit(total)
        self.loading_changed.emit(False)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._snapshot = None
        self.loading_changed.emit(False)
        self.load_failed.emit(message)

    def _row(self, row: int) -> tuple | None:
        found = self._locate(row, fetch=False)
        if found is None or found[1] >= len(found[0].rows):
            return None
        return found[0].rows[found[1]]

    def _locate(self, row: int, fetch: bool) -> tuple[_Page, int] | None:
        """The cached page holding ``row`` and the row's place in it; with ``fetch``, ask for missing pages."""
        if row < 0 or row >= self._count:
            return None
        number, i = divmod(row, self._page_size)
        page = self._pages.get(number)
        if page is None:
            if fetch and self._snapshot is None:
                self._want(number, urgent=True)
            return None
        if fetch:
            self._pages.move_to_end(number)
            # Scrolling on: ask for the neighbouring page before its rows come into view.
            if i >= self._page_size * 3 // 4 and number + 1 not in self._pages:
                self._want(number + 1, urgent=False)
            elif i < self._page_size // 4 and number > 0 and number - 1 not in self._pages:
                self._want(number - 1, urgent=False)
        return page, i

    def _want(self, page: int, urgent: bool) -> None:
        if page in self._in_flight or page * self._page_size >= self._count:
            return
        if not urgent:
            if page not in self._wanted and page not in self._prefetch:
                self._prefetch[page] = None
                while len(self._prefetch) > MAX_IN_FLIGHT * 2:
                    self._prefetch.popitem(last=False)
                if not self._prefetch_timer.isActive():
                    self._prefetch_timer.start()
            return
        self._prefetch.pop(page, None)
        self._wanted[page] = None
        self._wanted.move_to_end(page)  # the newest request is served first: it is what the screen shows now
        while len(self._wanted) > MAX_WANTED:
            self._wanted.popitem(last=False)
        if not self._pump_timer.isActive():
            self._pump_timer.start()

    def _pump(self, prefetch: bool = False) -> None:
        while len(self._in_flight) < MAX_IN_FLIGHT and self._wanted:
            page, _ = self._wanted.popitem(last=True)
            if page not in self._pages and page * self._page_size < self._count:
                self._fetch(page)
        if not self._prefetch:
            return
        if not prefetch or self._wanted:
            if not self._prefetch_timer.isActive():
                self._prefetch_timer.start()
            return
        while len(self._in_flight) < MAX_IN_FLIGHT and self._prefetch:
            page, _ = self._prefetch.popitem(last=True)
            if page not in self._pages and page not in self._in_flight and page * self._page_size < self._count:
                self._fetch(page)

    def _fetch(self, page: int) -> None:
        generation, query, total, size = self._generation, self._query, self._count, self._page_size
        listing, db = self._listing, self._db
        kinds, yes, no = self._kinds, self._yes, self._no
        before = self._pages.get(page - 1)
        # The row before this page is known: seek to it (keyset) instead of counting off an offset.
        after = listing.anchor(query, before.rows[-1]) if before and len(before.rows) == size else None

        def fetch(_control) -> _Page:
            return _Page(listing.fetch(db, query, page * size, size, total=total, after=after), kinds, yes, no)

        self._in_flight[page] = workers.start(
            fetch,
            pool=listing_pool(),
            context=self,
            on_finished=lambda fetched: self._on_page(generation, page, fetched),
            on_failed=lambda message: self._on_page_failed(generation, page, message),
        )

    def _on_page(self, generation: int, page: int, fetched: _Page) -> None:
        if generation != self._generation:
            return
        self._in_flight.pop(page, None)
        self._store_page(page, fetched)
        first = page * self._page_size
        last = min(self._count, first + self._page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))
        self._pump()

    def _on_page_failed(self, generation: int, page: int, message: str) -> None:
        if generation != self._generation:
            return
        self._in_flight.pop(page, None)
        self.load_failed.emit(message)
        self._pump()

    def _store_page(self, page: int, fetched: _Page) -> None:
        self._pages[page] = fetched
        self._pages.move_to_end(page)
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)


def _placeholder_colour() -> QColor:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return palette.color(QPalette.ColorRole.PlaceholderText)
