"""The platform-enterprise form: the enterprise fields in four groups, saved through services.records.enterprises."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import FieldError, ValidationFailed
from jjdesk.services.records import enterprises
from jjdesk.services.records.validation import ENTERPRISE_FIELDS, check_enterprise
from jjdesk.store.engine import Database
from jjdesk.ui.forms.record_form import RecordForm

# is_demo is set by the demo loader only; an officer never types a demo record.
FORM_FIELDS = tuple(s for s in ENTERPRISE_FIELDS if s.name != "is_demo")


def _cross_check(values: Mapping[str, Any]) -> list[FieldError]:
    try:
        check_enterprise(values)
    except ValidationFailed as exc:
        return exc.errors
    return []


class EnterpriseForm(RecordForm):
    """``EnterpriseForm(db, actor)``; ``open_record(id)`` shows an enterprise, ``open_record(None)`` a new one."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        self.db, self.actor = db, actor
        groups = (
            (
                self.tr("Basic information"),
                ("name", "credit_code", "customs_code", "enterprise_type", "cluster", "industry_code"),
            ),
            (self.tr("Platform services"), ("join_date", "services", "channels")),
            (self.tr("Contact"), ("contact_name", "mobile", "landline")),
            (self.tr("Business"), ("export_value", "is_listed", "stock_code", "notes")),
        )
        super().__init__(
            FORM_FIELDS,
            self._save,
            fetch_current=self._fetch_record,
            cross_check=_cross_check,
            groups=groups,
            parent=parent,
        )
        self.setObjectName("enterpriseForm")

    def _get(self, record_id: int) -> Mapping[str, Any]:
        return enterprises.get(self.db, record_id)

    def new_title(self) -> str:
        return self.tr("New enterprise")

    def _save(self, values: dict[str, Any], expected_version: int | None) -> dict[str, Any]:
        if self.record_id is None:
            return enterprises.create(self.db, self.actor, values)
        return enterprises.update(self.db, self.actor, self.record_id, values, expected_version)

    def _fetch_record(self) -> dict[str, Any]:
        assert self.record_id is not None
        return self._get(self.record_id)
