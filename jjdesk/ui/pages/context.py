"""The contract between the window and its pages: what a page is given and what it offers back.

A page is built with a :class:`PageContext` and answers :meth:`Page.offers` with a :class:`PageOffers` — the
window actions it handles, whether it refreshes, filters, keeps a layout, exports or names an import target.
The window, the Excel actions and the admin actions read only that declaration; none of them probes a page's
attributes or object name. Kept apart from ``registry`` (which builds the pages) so that pages can import it
without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from jjdesk.services.core.actor import Actor
from jjdesk.store.engine import Database

if TYPE_CHECKING:
    from jjdesk.ui.pages.list_page import ListPage

# The window actions a page may handle (Edit menu and shortcuts); any other name is refused when declared.
PAGE_ACTIONS = ("new_record", "save_current", "delete_selected", "focus_search", "paste_rows")
# What Ctrl+I imports while a page is showing.
IMPORT_ENTERPRISES, IMPORT_STATISTICS = "enterprises", "statistics"


@dataclass(frozen=True)
class PageContext:
    """What a page may use: the database, who acts, the window's undo stack, a 'data changed' callback, and
    ``navigate(page_key, criteria)``: show another page filtered (the 汇总 page's click-through)."""

    db: Database
    actor: Actor
    undo_stack: QUndoStack
    data_changed: Callable[[], None]
    navigate: Callable[[str, dict], None] | None = None


@dataclass(frozen=True)
class PageOffers:
    """What a page offers the window. Everything is optional: a page declares only what it supports."""

    actions: Mapping[str, Callable[[], None]] = field(default_factory=dict)  # PAGE_ACTIONS name → handler
    refresh: Callable[[], None] | None = None  # F5, and after imports or a change of user
    apply_filter: Callable[[Mapping[str, Any]], None] | None = None  # a 汇总 click-through lands here
    save_state: Callable[[], None] | None = None  # column layout etc., when the window closes or rebuilds
    restore_state: Callable[[], None] | None = None
    list_export: ListPage | None = None  # Ctrl+E exports this list exactly as shown
    years_export: Callable[[], list[int]] | None = None  # Ctrl+E exports these statistics years
    import_kind: str = IMPORT_ENTERPRISES  # Ctrl+I imports this kind of record
    # Before the window closes, changes user or database: False keeps it (unsaved work the officer wants back).
    confirm_leave: Callable[[], bool] | None = None

    def __post_init__(self) -> None:
        unknown = set(self.actions) - set(PAGE_ACTIONS)
        if unknown:
            raise ValueError(f"unknown page actions: {sorted(unknown)}")
        if self.import_kind not in (IMPORT_ENTERPRISES, IMPORT_STATISTICS):
            raise ValueError(f"unknown import kind: {self.import_kind}")


class Page(Protocol):
    """A widget the window can show: it says what it offers."""

    def offers(self) -> PageOffers: ...


@dataclass(frozen=True)
class PageEntry:
    """One navigation entry: ``widget`` None is a disabled entry with ``note`` (a feature not in this version)."""

    key: str
    title: str
    widget: QWidget | None
    note: str = ""
    offers: PageOffers = field(default_factory=PageOffers)
