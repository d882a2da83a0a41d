"""The list of platform enterprises: search, filters by type, cluster, service, review state and join date."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from jjdesk.services.core.vocab import CLUSTERS, ENTERPRISE_TYPES, REVIEW_STATUS, SERVICES
from jjdesk.services.records.listing import ENTERPRISE_LISTING
from jjdesk.store.engine import Database
from jjdesk.ui.pages.list_page import ListPage

# Typical cell texts: columns are as wide as these (Chinese needs about twice the width of Latin letters).
_SAMPLES = {
    "name": "台州市椒江区瑞丰智能缝制设备有限公司一",
    "credit_code": "91331002MA2MWN5G4W",
    "enterprise_type": "生产企业",
    "cluster": "智能马桶/卫浴",
    "join_date": "2021-02-19",
    "services": "通关、收汇、退税、融资",
    "channels": "速卖通、亚马逊",
    "contact_name": "欧阳晓峰",
    "mobile": "13857600001",
    "export_value": "123,456.78",
    "review_status": "待审核",
    "updated_at": "2021-02-19 14:30",
}


class EnterprisesPage(ListPage):
    """Every enterprise on the foreign-trade service platform, one row each, loaded as it scrolls into view."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        headers = {
            "name": self.tr("Enterprise name"),
            "credit_code": self.tr("Credit code"),
            "enterprise_type": self.tr("Enterprise type"),
            "cluster": self.tr("Industry cluster"),
            "join_date": self.tr("Join date"),
            "services": self.tr("Platform services"),
            "channels": self.tr("Sales channels"),
            "contact_name": self.tr("Contact person"),
            "mobile": self.tr("Mobile phone"),
            "export_value": self.tr("Exports (10k yuan)"),
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
