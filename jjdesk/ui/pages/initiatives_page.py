"""The list of the task force's initiatives (工作举措): search, filters by category, progress, lead department and
review state, and "only overdue" (a milestone past its date and not done)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from jjdesk.services.core.vocab import INITIATIVE_CATEGORIES, INITIATIVE_STATUSES, REVIEW_STATUS
from jjdesk.services.families.initiative import INITIATIVE_FAMILY
from jjdesk.services.records.listing import INITIATIVE_LISTING
from jjdesk.store.engine import Database
from jjdesk.ui.labels import header_label
from jjdesk.ui.pages.list_page import ListPage

_SAMPLES = {**{f.name: f.sample for f in INITIATIVE_FAMILY.listed()}, "review_status": "待审核"}


class InitiativesPage(ListPage):
    """Every initiative with its lead department, dates, progress and funds."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        headers = {
            **{f.name: header_label(f.spec) for f in INITIATIVE_FAMILY.listed()},
            "review_status": self.tr("Review status"),
        }
        super().__init__(db, INITIATIVE_LISTING, "initiatives", headers, _SAMPLES, parent)
        bar = self.filter_bar
        bar.search.setPlaceholderText(self.tr("Search name, lead department or owner"))
        bar.add_choice("category", self.tr("initiative categories"), [(c, c) for c in INITIATIVE_CATEGORIES])
        bar.add_choice("status", self.tr("progress states"), [(s, s) for s in INITIATIVE_STATUSES])
        departments = bar.add_choice("lead_department", self.tr("lead departments"), [])
        departments.setMaximumWidth(220)  # a long department name must not push the search box out
        bar.add_choice(
            "review_status", self.tr("review states"), [(label, code) for code, label in REVIEW_STATUS.items()]
        )
        bar.add_check(
            "overdue_on",
            self.tr("Only overdue"),
            date.today,
            self.tr(
                "Initiatives with a milestone past its date and not done (finished or cancelled initiatives excepted)"
            ),
        )
        self._load_departments()

    def refresh(self) -> None:
        """F5: reload the list and the departments the combo offers (departments are typed in the form)."""
        self._load_departments()
        super().refresh()

    def _load_departments(self) -> None:
        names = INITIATIVE_LISTING.values(self.db, "lead_department")
        self.filter_bar.set_choices("lead_department", [(n, n) for n in names])

    def export_stem(self) -> str:
        return self.tr("Initiatives")
