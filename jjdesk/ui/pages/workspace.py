"""A record workspace: a list page and its record form side by side, with the window's page actions.

This is the glue between the list (``ListPage``), the form (``RecordForm``) and the undo stack. It offers the
actions the main window routes to the current page: ``new_record`` (Ctrl+N), ``save_current`` (Ctrl+S),
``delete_selected`` (Del), ``focus_search`` (Ctrl+F), ``refresh`` (F5) and, for enterprises, ``paste_rows``
(Ctrl+V on the table). Every change still goes through the services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QVBoxLayout, QWidget

from jjdesk.services.core.errors import NotFound, ServiceError
from jjdesk.ui.forms.record_form import RecordForm
from jjdesk.ui.forms.review_bar import RecordReviewBar
from jjdesk.ui.pages.context import PageContext, PageOffers
from jjdesk.ui.pages.list_page import ListPage
from jjdesk.ui.undo import RecordEditCommand, changed_fields

# update(db, actor, record_id, values, expected_version) and delete(db, actor, record_id, expected_version, reason)
UpdateService = Callable[..., Mapping[str, Any]]
DeleteService = Callable[..., None]


class RecordWorkspace(QWidget):
    """``list_page`` on the left, ``form`` in its right-hand pane; see the module docstring."""

    def __init__(
        self,
        ctx: PageContext,
        list_page: ListPage,
        form: RecordForm,
        *,
        entity: str,
        update: UpdateService,
        delete: DeleteService,
        form_fields: tuple[str, ...],
        allow_paste: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.list, self.form, self.entity = ctx, list_page, form, entity
        self.review_bar = RecordReviewBar(ctx.db, ctx.actor, entity, self._after_review_step)
        form.add_below_header(self.review_bar)
        self._update, self._delete = update, delete
        self._form_fields = form_fields
        self._shown: dict[str, Any] | None = None  # the record as the form last loaded or saved it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(list_page)
        list_page.form_area.layout().addWidget(form)
        list_page.current_record_changed.connect(self._open)
        form.saved.connect(self._on_saved)
        self._allow_paste = allow_paste  # offered to the window only where pasting rows makes sense
        if allow_paste:
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), list_page.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._paste_rows)
        self._open(None)

    # ---------------------------------------------------------------- page actions (routed by the window)

    def offers(self) -> PageOffers:
        """The record actions (paste only where allowed), F5, click-through, Ctrl+E of the list as shown."""
        actions = {
            "new_record": self.new_record,
            "save_current": self.save_current,
            "delete_selected": self.delete_selected,
            "focus_search": self.focus_search,
        }
        if self._allow_paste:
            actions["paste_rows"] = self._paste_rows
        return PageOffers(
            actions=actions,
            refresh=self.refresh,
            apply_filter=self.apply_filter,
            save_state=self.save_state,
            restore_state=self.restore_state,
            list_export=self.list,
            confirm_leave=self.form.confirm_leave,
        )

    def refresh(self) -> None:
        self.list.refresh()

    def focus_search(self) -> None:
        self.list.focus_search()

    def apply_filter(self, criteria: Mapping[str, Any]) -> None:
        """Show the list filtered by ``criteria`` (the 汇总 page's click-through)."""
        self.list.apply_filter(criteria)

    def new_record(self) -> None:
        if self.form.confirm_discard():
            self.list.table.clearSelection()
            self._show(None)
            self.form.focus_first()

    def save_current(self) -> None:
        self.form.save()

    def delete_selected(self) -> None:
        """Delete the current record after the officer confirms and gives a reason (kept in the audit trail)."""
        record = self.form.record()
        if record is None:
            return
        name = str(record.get("name", ""))
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Delete record"),
            self.tr("Delete “%1”? The deletion is kept in the change history.").replace("%1", name)
            + "\n"
            + self.tr("Reason:"),
        )
        if not ok:
            return
        try:
            self._delete(self.ctx.db, self.ctx.actor, record["id"], record["version"], reason.strip())
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Not deleted"), str(exc))
            return
        # Edits of a deleted record can no longer be undone; clear rather than leave commands that would fail.
        self.ctx.undo_stack.clear()
        self._show(None)
        self._changed()

    def save_state(self) -> None:
        self.list.save_state()

    def restore_state(self) -> None:
        self.list.restore_state()

    # ---------------------------------------------------------------- reactions

    def _open(self, record_id: int | None) -> None:
        if record_id is not None and self.form.record() is not None and self.form.record()["id"] == record_id:
            return
        if not self.form.confirm_discard():
            shown = self.form.record()
            self.list.return_to(shown["id"] if shown is not None else None)  # the highlight follows the form
            return
        self._show(record_id)

    def _show(self, record_id: int | None) -> None:
        try:
            self.form.open_record(record_id)
        except NotFound:
            self.form.open_record(None)
        self._shown = self.form.record()
        self.review_bar.show_record(self._shown)

    def _after_review_step(self, record_id: int) -> None:
        """The record moved in the workflow (submitted from its form): show its new state, tell the window."""
        self._show(record_id)
        self._changed()

    def _on_saved(self, after: dict) -> None:
        before = self._shown
        self._shown = dict(after)
        self.review_bar.show_record(after)  # the rules run on every save
        if before is not None and before.get("id") == after.get("id"):
            old, new = changed_fields(
                {k: before.get(k) for k in self._form_fields}, {k: after.get(k) for k in self._form_fields}
            )
            if old:
                label = self.tr("Edit “%1”").replace("%1", str(after.get("name", "")))
                self.ctx.undo_stack.push(
                    RecordEditCommand(
                        label,
                        self._update_record,
                        int(after["id"]),
                        old,
                        new,
                        int(after["version"]),
                        on_applied=self._after_undo_step,
                        on_error=self._undo_failed,
                    )
                )
        self._changed()

    def _update_record(self, record_id: int, values: Mapping[str, Any], version: int) -> Mapping[str, Any]:
        return self._update(self.ctx.db, self.ctx.actor, record_id, values, version)

    def _after_undo_step(self, saved: Mapping[str, Any]) -> None:
        shown = self.form.record()
        if shown is not None and shown.get("id") == saved.get("id") and not self.form.is_dirty():
            self.form.load(saved)
            self._shown = dict(saved)
        self._changed()

    def _undo_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Cannot undo"), message)

    def _changed(self) -> None:
        self.list.refresh()
        self.ctx.data_changed()

    def _paste_rows(self) -> None:
        """Ctrl+V on the table: preview the clipboard's rows, insert only what the officer confirms."""
        from jjdesk.ui.dialogs.paste_preview import PastePreviewDialog

        text = QApplication.clipboard().text()
        if not text.strip():
            QMessageBox.information(
                self, self.tr("Paste rows"), self.tr("The clipboard is empty. Copy rows in Excel or WPS first.")
            )
            return
        header = self.list.table.horizontalHeader()
        columns = [
            self.list.model.column_key(header.logicalIndex(v))
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]
        dialog = PastePreviewDialog(self.ctx.db, self.ctx.actor, text, columns, self)
        if dialog.exec():
            self._changed()
