"""The initiative form: its own fields plus milestones, target indicators and linked enterprises as sub-tables.

An initiative is saved as one unit (services.records.initiatives shares one version across the children), so an
update always passes all three sub-tables as the officer sees them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.audit import as_text
from jjdesk.services.core.errors import FieldError, ValidationFailed
from jjdesk.services.core.vocab import LINK_ROLES
from jjdesk.services.families.initiative import INITIATIVE_FAMILY
from jjdesk.services.records import enterprises, initiatives
from jjdesk.services.records.validation import (
    INDICATOR_FIELDS,
    INDICATORS,
    LINK_FIELDS,
    LINKS,
    MILESTONE_FIELDS,
    MILESTONES,
    check_initiative,
    check_milestones,
    check_rows,
)
from jjdesk.store.engine import Database
from jjdesk.ui.dialogs.conflict import ConflictRow
from jjdesk.ui.forms.enterprise_picker import EnterprisePicker
from jjdesk.ui.forms.record_form import RecordForm
from jjdesk.ui.forms.sub_table import Column, SubTable
from jjdesk.ui.labels import group_title

FORM_FIELDS = tuple(f.spec for f in INITIATIVE_FAMILY.in_form())
# The services name each sub-table in their row messages ("里程碑·节点日期"); the tables use the same names
# so a refusal from the service lands on the right table.
_SPEC = {
    table: {s.name: s for s in specs}
    for table, specs in ((MILESTONES, MILESTONE_FIELDS), (INDICATORS, INDICATOR_FIELDS), (LINKS, LINK_FIELDS))
}


def _cross_check(values: Mapping[str, Any]) -> list[FieldError]:
    try:
        check_initiative(values)
    except ValidationFailed as exc:
        return exc.errors
    return []


class InitiativeForm(RecordForm):
    """``InitiativeForm(db, actor)``; ``open_record(id | None)``. Sub-tables: ``milestones``, ``indicators``,
    ``links``; ``picker`` adds linked enterprises."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        self.db, self.actor = db, actor
        super().__init__(
            FORM_FIELDS,
            self._save,
            fetch_current=self._fetch_record,
            cross_check=_cross_check,
            groups=tuple(
                (group_title(g), tuple(f.name for f in INITIATIVE_FAMILY.in_group(g.key)))
                for g in INITIATIVE_FAMILY.form_groups
            ),
            parent=parent,
        )
        self.setObjectName("initiativeForm")
        ms, ind, ln = _SPEC[MILESTONES], _SPEC[INDICATORS], _SPEC[LINKS]
        self.milestones = SubTable(
            MILESTONES,
            [
                Column(ms["due_date"], width=92),
                Column(ms["text"]),
                Column(ms["done"], width=58),
                Column(ms["done_date"], width=92),
            ],
            check_milestones,
        )
        self.indicators = SubTable(
            INDICATORS,
            [
                Column(ind["name"]),
                Column(ind["unit"], width=52),
                Column(ind["target"], width=72),
                Column(ind["actual"], width=72),
            ],
            lambda rows: check_rows(INDICATOR_FIELDS, rows, INDICATORS),
        )
        self.links = SubTable(
            LINKS,
            [
                Column(ln["enterprise_id"], self.tr("Enterprise"), editable=False, display_key="enterprise_name"),
                Column(ln["role"], width=64),
                Column(ln["note"], width=120),
            ],
            lambda rows: check_rows(LINK_FIELDS, rows, LINKS),
        )
        self.links.add_button.hide()  # a link starts from the picker, never from a blank row
        self.picker = EnterprisePicker(self._search_enterprises, LINK_ROLES)
        self.picker.link_requested.connect(self._add_link)
        links_box = QWidget()
        box = QVBoxLayout(links_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.picker)
        box.addWidget(self.links)
        self._tables = (self.milestones, self.indicators, self.links)
        for table in self._tables:
            table.changed.connect(self.refresh_state)
            table.validated.connect(self.refresh_state)
        self.add_section(self.tr("Milestones"), self.milestones)
        self.add_section(self.tr("Target indicators"), self.indicators)
        self.add_section(self.tr("Linked enterprises"), links_box)
        self.chain_tab_order()
        self.clear_for_new()

    # ------------------------------------------------------------ records

    def _get(self, record_id: int) -> Mapping[str, Any]:
        return initiatives.get(self.db, record_id)

    def new_title(self) -> str:
        return self.tr("New initiative")

    def _save(self, values: dict[str, Any], expected_version: int | None) -> dict[str, Any]:
        tables = {"milestones": self.milestones, "indicators": self.indicators, "links": self.links}
        if self.record_id is None:
            return initiatives.create(self.db, self.actor, values, **{k: t.rows() for k, t in tables.items()})
        # A normal save sends all three tables (the version check guarantees nobody else changed them). An
        # overwrite after a conflict names a newer version: then only the tables this officer edited are sent,
        # so the other side's changes to the rest are kept — the conflict dialog listed only these.
        overwrite = expected_version != self.expected_version()
        kids = {k: t.rows() if (t.is_dirty() or not overwrite) else None for k, t in tables.items()}
        return initiatives.update(self.db, self.actor, self.record_id, values, expected_version, **kids)

    def _fetch_record(self) -> dict[str, Any]:
        assert self.record_id is not None
        return self._get(self.record_id)

    def _search_enterprises(self, text: str) -> list[dict[str, Any]]:
        return enterprises.search(self.db, text, limit=20)

    def _add_link(self, link: dict[str, Any]) -> None:
        self.links.add_row(link)
        self.links.flush()
        self.refresh_state()

    # ------------------------------------------------------------ RecordForm hooks

    def _tables_or_none(self) -> tuple[SubTable, ...]:
        return getattr(self, "_tables", ())  # hooks run once from RecordForm.__init__, before the tables exist

    def _extra_tab_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = []
        for table in self._tables_or_none():
            if table is self.links:
                widgets += [self.picker.search_edit, self.picker.role_combo, self.picker.add_button]
            widgets += [table.table, table.add_button, table.remove_button]
        return widgets

    def _extra_load(self, record: Mapping[str, Any] | None) -> None:
        for table in self._tables_or_none():
            key = {MILESTONES: "milestones", INDICATORS: "indicators", LINKS: "links"}[table.table_name]
            table.set_rows(list((record or {}).get(key, [])))

    def _extra_flush(self) -> None:
        for table in self._tables_or_none():
            table.flush()

    def _extra_is_dirty(self) -> bool:
        return any(t.is_dirty() for t in self._tables_or_none())

    def _extra_blocking(self) -> bool:
        return any(t.has_errors() for t in self._tables_or_none())

    def _extra_read_only(self, read_only: bool) -> None:
        for table in self._tables_or_none():
            table.set_read_only(read_only)
        if self._tables_or_none():
            self.picker.set_read_only(read_only)

    def _extra_save_errors(self, errors: list[FieldError]) -> list[FieldError]:
        for table in self._tables_or_none():
            errors = table.take_errors(errors)
        return errors

    def _extra_conflict_rows(self, current: Mapping[str, Any] | None) -> tuple[list[ConflictRow], list[str]]:
        rows, also = [], []
        opened = self.record() or {}
        for table, key in ((self.milestones, "milestones"), (self.indicators, "indicators"), (self.links, "links")):
            theirs_changed = current is not None and as_text(table.display_lines(current.get(key, []))) != as_text(
                table.display_lines(opened.get(key, []))
            )
            if table.is_dirty():
                now = table.display_lines(current.get(key, [])) if current is not None else ""
                rows.append(ConflictRow(table.table_name, table.display_lines(), now, theirs_changed))
            elif theirs_changed:
                also.append(table.table_name)
        return rows, also
