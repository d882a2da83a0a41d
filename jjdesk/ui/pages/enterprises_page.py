"""The list of platform enterprises: search, filters by type, cluster, service, review state and join date."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from jjdesk.services.core.vocab import CLUSTERS, ENTERPRISE_TYPES, REVIEW_STATUS, SERVICES
from jjdesk.services.families.enterprise import ENTERPRISE_FAMILY
from jjdesk.services.records.listing import ENTERPRISE_LISTING
from jjdesk.store.engine import Database
from jjdesk.ui.labels import header_label
from jjdesk.ui.pages.list_page import ListPage

# Typical cell texts: columns are as wide as these (Chinese needs about twice the width of Latin letters). The
# fields' own samples are declared with them (families/enterprise.py).
_SAMPLES = {
    **{f.name: f.sample for f in ENTERPRISE_FAMILY.listed()},
    "review_status": "待审核",
    "updated_at": "2021-02-19 14:30",
}


class EnterprisesPage(ListPage):
    """Every enterprise on the foreign-trade service platform, one row each, loaded as it scrolls into view."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        headers = {
            **{f.name: header_label(f.spec) for f in ENTERPRISE_FAMILY.listed()},
            "review_status": self.tr("Review status"),
            "updated_at": self.tr("Last changed"),
        }
        super().__init__(db, ENTERPRISE_LISTING, "enterprises", headers, _SAMPLES, parent)
        bar = self.filter_bar
        bar.search.setPlaceholderText(self.tr("Search name, credit code or contact"))
        # Stored words are the Chinese terms themselves (vocab.py), so they are shown as stored.
        bar.add_choice("enterprise_type", self.tr("enterprise types"), [(t, t) for t in ENTERPRISE_TYPES])
        bar.add_choice("cluster", self.tr("industry clusters"), [(c, c) for c in CLUSTERS])
        bar.add_choice("service", self.tr("platform services"), [(s, s) for s in SERVICES])
        bar.add_choice(
            "review_status", self.tr("review states"), [(label, code) for code, label in REVIEW_STATUS.items()]
        )
        bar.add_date_range("join_from", "join_to", self.tr("joined from"), self.tr("joined until"))

    def export_stem(self) -> str:
        return self.tr("Platform enterprises")
