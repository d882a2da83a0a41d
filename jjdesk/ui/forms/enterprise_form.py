"""The platform-enterprise form: the enterprise fields in the groups the family declares, saved through
services.records.enterprises."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import FieldError, ValidationFailed
from jjdesk.services.families.enterprise import ENTERPRISE_FAMILY
from jjdesk.services.records import enterprises
from jjdesk.services.records.validation import check_enterprise
from jjdesk.store.engine import Database
from jjdesk.ui.forms.record_form import RecordForm
from jjdesk.ui.labels import group_title

# The fields the family puts in a form group (is_demo is set by the demo loader only, never typed).
FORM_FIELDS = tuple(f.spec for f in ENTERPRISE_FAMILY.in_form())


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
        groups = tuple(
            (group_title(g), tuple(f.name for f in ENTERPRISE_FAMILY.in_group(g.key)))
            for g in ENTERPRISE_FAMILY.form_groups
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
