"""The 审核 work list: what waits for me, what came back to me, and any filtered set of records for bulk work.

Officers select one record or many (Ctrl+A selects the whole filtered list) and submit, withdraw, approve,
return or reopen them at once; the service moves all of them or none and says, record by record, why not. The
pane under the list shows the current record's state, the reason it was returned, the rules it fails with
their explanations, and its change history.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.vocab import REVIEW_STATUS
from jjdesk.services.review import checks
from jjdesk.services.review import workflow as review
from jjdesk.services.review.checks import Finding
from jjdesk.services.review.reviewables import ENTERPRISE, ENTITY_LABELS, INITIATIVE, STAT_YEAR
from jjdesk.services.review.rules import ERROR, VERIFY
from jjdesk.services.review.workflow import ReviewItem
from jjdesk.ui import workers
from jjdesk.ui.dialogs.explanation_dialog import ask_explanation, can_explain
from jjdesk.ui.dialogs.history_dialog import HistoryDialog
from jjdesk.ui.models.rows_model import RowColumn, RowsModel
from jjdesk.ui.pages.context import PageContext
from jjdesk.ui.widgets.tables import fit_columns, setup_table

TO_REVIEW, MY_RETURNED, MY_SUBMITTED, ALL = "to_review", "my_returned", "my_submitted", "all"
SEVERITY_COLOURS = {ERROR: "#fde2e1", VERIFY: "#fff4d6"}


def _when(value) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def item_columns() -> list[RowColumn]:
    return [
        RowColumn(QCoreApplication.translate("ReviewQueue", "Kind"), lambda i: i.entity_label),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Record"), lambda i: i.label),
        RowColumn(
            QCoreApplication.translate("ReviewQueue", "Status"),
            lambda i: i.status_label,
            colour=lambda i: {"returned": "#fde2e1", "submitted": "#fff4d6", "approved": "#e3f1e3"}.get(
                i.review_status
            ),
        ),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Entered by"), lambda i: i.created_by),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Last changed by"), lambda i: i.updated_by),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Submitted by"), lambda i: i.submitted_by),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Submitted at"), lambda i: _when(i.submitted_at)),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Reviewed by"), lambda i: i.reviewed_by),
        RowColumn(
            QCoreApplication.translate("ReviewQueue", "Return reason"),
            lambda i: i.return_reason,
            tooltip=lambda i: i.return_reason or "",
        ),
    ]


def finding_columns() -> list[RowColumn]:
    def explanation(f: Finding) -> str:
        if f.explained:
            return f"{f.explanation}（{f.explained_by}）"
        return QCoreApplication.translate("ReviewQueue", "not explained") if f.severity == VERIFY else ""

    return [
        RowColumn(
            QCoreApplication.translate("ReviewQueue", "Severity"),
            lambda f: f.severity,
            colour=lambda f: None if f.explained else SEVERITY_COLOURS.get(f.severity),
        ),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Rule"), lambda f: f"{f.rule} {f.title}"),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Record"), lambda f: f.label),
        RowColumn(QCoreApplication.translate("ReviewQueue", "Field"), lambda f: f.field_label),
        RowColumn(
            QCoreApplication.translate("ReviewQueue", "Problem"), lambda f: f.message, tooltip=lambda f: f.message
        ),
        RowColumn(
            QCoreApplication.translate("ReviewQueue", "Explanation"), explanation, tooltip=lambda f: f.explanation or ""
        ),
    ]


def show_refusal(parent: QWidget, title: str, message: str, name: str) -> None:
    """A refusal listing records and reasons: the first lines in the box, all of them under "Show Details"."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    lines = message.splitlines()
    if len(lines) > 12:
        box.setText("\n".join(lines[:12]) + "\n…")
        box.setDetailedText(message)
    box.setObjectName(name)
    box.exec()


class ReviewQueueView(QWidget):
    """The work list with bulk actions and the current record's detail; see the module docstring."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._load_job: workers.Worker | None = None
        self._action_job: workers.Worker | None = None

        self.view_combo = QComboBox()
        self.view_combo.setObjectName("review_view")
        if ctx.actor.role in review.TRANSITIONS[review.APPROVE].roles:
            self.view_combo.addItem(self.tr("Waiting for my review"), TO_REVIEW)
        self.view_combo.addItem(self.tr("Returned to me"), MY_RETURNED)
        self.view_combo.addItem(self.tr("Submitted by me, awaiting review"), MY_SUBMITTED)
        self.view_combo.addItem(self.tr("All records (filter)"), ALL)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("review_kind")
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for entity in (ENTERPRISE, INITIATIVE, STAT_YEAR):
            self.kind_combo.addItem(ENTITY_LABELS[entity], entity)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("review_status")
        self.status_combo.addItem(self.tr("All states"), None)
        for code, label in REVIEW_STATUS.items():
            self.status_combo.addItem(label, code)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("review_search")
        self.search_edit.setPlaceholderText(self.tr("Name contains…"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.view_combo, self.kind_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._filters_changed)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show")))
        filters.addWidget(self.view_combo)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.search_edit, 1)

        self.model = RowsModel(item_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("review_items")
        setup_table(self.table, self.model, multi=True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.show_history())

        self.count_label = QLabel()
        self.count_label.setObjectName("review_count")
        self.action_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        texts = {
            review.SUBMIT: self.tr("Submit for review"),
            review.WITHDRAW: self.tr("Withdraw"),
            review.APPROVE: self.tr("Approve"),
            review.RETURN: self.tr("Return…"),
            review.REOPEN: self.tr("Reopen…"),
        }
        for t in review.allowed_actions(ctx.actor):
            button = QPushButton(texts[t.action])
            button.setObjectName(f"review_action_{t.action}")
            button.clicked.connect(lambda _=False, a=t.action: self.run_action(a))
            self.action_buttons[t.action] = button
            actions.addWidget(button)

        # Detail of the current record.
        self.detail_title = QLabel()
        self.detail_title.setObjectName("review_detail_title")
        self.detail_title.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("review_return_reason")
        self.reason_label.setProperty("role", "error")
        self.reason_label.setWordWrap(True)
        self.reason_label.hide()
        self.finding_model = RowsModel(finding_columns(), self)
        self.finding_table = QTableView()
        self.finding_table.setObjectName("review_findings")
        setup_table(self.finding_table, self.finding_model)
        self.finding_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.explain_button = QPushButton(self.tr("Explain…"))
        self.explain_button.setObjectName("review_explain")
        self.explain_button.setToolTip(
            self.tr("Write the explanation a verification (核实) finding needs before submission")
        )
        self.explain_button.clicked.connect(self.explain_current)
        self.history_button = QPushButton(self.tr("Change history…"))
        self.history_button.setObjectName("review_history")
        self.history_button.clicked.connect(self.show_history)
        detail_buttons = QHBoxLayout()
        detail_buttons.addWidget(self.detail_title, 1)
        detail_buttons.addWidget(self.explain_button)
        detail_buttons.addWidget(self.history_button)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.addLayout(detail_buttons)
        detail_layout.addWidget(self.reason_label)
        detail_layout.addWidget(self.finding_table, 1)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._filters_changed()

    # ---------------------------------------------------------------- loading

    def _filters_changed(self) -> None:
        free = self.view_combo.currentData() == ALL
        for widget in (self.status_combo, self.search_edit):
            widget.setEnabled(free)
        self.reload()

    def reload(self) -> None:
        """Fetch the list for the current filters on a worker; a newer request replaces an older one."""
        if self._load_job is not None:
            self._load_job.cancel()
        db, actor = self.ctx.db, self.ctx.actor
        view, kind = self.view_combo.currentData(), self.kind_combo.currentData()
        status, text = self.status_combo.currentData(), self.search_edit.text()

        def fetch(_control) -> list[ReviewItem]:
            if view == ALL:
                return review.find(db, entity=kind, statuses=[status] if status else [], text=text)
            q = review.queue(db, actor)
            items = {TO_REVIEW: q.to_review, MY_RETURNED: q.my_returned, MY_SUBMITTED: q.my_submitted}[view]
            return [i for i in items if kind is None or i.entity == kind]

        self.count_label.setText(self.tr("Loading…"))
        self._load_job = workers.start(fetch, context=self, on_finished=self._loaded, on_failed=self._load_failed)

    def _loaded(self, items: list[ReviewItem]) -> None:
        self._load_job = None
        selected = {(i.entity, i.id) for i in self.selected_items()}
        self.model.set_rows(items)
        fit_columns(self.table)
        for row, item in enumerate(items):
            if (item.entity, item.id) in selected:
                self.table.selectRow(row)
        self._selection_changed()

    def _load_failed(self, message: str) -> None:
        self._load_job = None
        self.count_label.setText(message)

    def refresh(self) -> None:
        self.reload()

    # ---------------------------------------------------------------- selection and detail

    def selected_items(self) -> list[ReviewItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row(r) for r in rows]

    def current_item(self) -> ReviewItem | None:
        index = self.table.currentIndex()
        selected = self.selected_items()
        if index.isValid() and self.model.row(index.row()) in selected:
            return self.model.row(index.row())
        return selected[0] if selected else None

    def select_all(self) -> None:
        self.table.selectAll()

    def _selection_changed(self, *_args) -> None:
        n, total = len(self.selected_items()), self.model.rowCount()
        self.count_label.setText(self.tr("%1 records · %2 selected").replace("%1", str(total)).replace("%2", str(n)))
        self._show_detail(self.current_item())
        self._update_buttons()

    def _show_detail(self, item: ReviewItem | None) -> None:
        if item is None:
            self.detail_title.setText(self.tr("Select a record to see its rules and history."))
            self.reason_label.hide()
            self.finding_model.set_rows([])
            return
        who = item.reviewed_by or "—"
        self.detail_title.setText(
            self.tr("%1 “%2” · %3 · version %4 · reviewer %5")
            .replace("%1", item.entity_label)
            .replace("%2", item.label)
            .replace("%3", item.status_label)
            .replace("%4", str(item.version))
            .replace("%5", who)
        )
        self.reason_label.setText(
            self.tr("Returned by %1: %2").replace("%1", who).replace("%2", item.return_reason or "")
        )
        self.reason_label.setVisible(item.review_status == "returned" and bool(item.return_reason))
        self.finding_model.set_rows(checks.check_record(self.ctx.db, item.entity, item.id))
        fit_columns(self.finding_table)

    def current_finding(self) -> Finding | None:
        rows = self.finding_table.selectionModel().selectedRows()
        return self.finding_model.row(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        busy = self._action_job is not None
        has_selection = bool(self.selected_items())
        for button in self.action_buttons.values():
            button.setEnabled(has_selection and not busy)
        self.history_button.setEnabled(self.current_item() is not None)
        self.explain_button.setEnabled(can_explain(self.current_finding()))

    # ---------------------------------------------------------------- actions

    def run_action(self, action: str) -> None:
        """Apply ``action`` to every selected record on a worker: all move, or none and the reasons are shown."""
        items = self.selected_items()
        if not items or self._action_job is not None:
            return
        t = review.TRANSITIONS[action]
        reason: str | None = None
        if t.needs_reason:
            text, ok = QInputDialog.getMultiLineText(
                self, t.label, self.tr("Reason (shown to the person who entered the record):")
            )
            if not ok:
                return
            if not text.strip():
                QMessageBox.warning(self, t.label, self.tr("A reason is required; nothing was changed."))
                return
            reason = text.strip()
        elif len(items) > 1:
            answer = QMessageBox.question(
                self,
                t.label,
                self.tr("%1 the %2 selected records?").replace("%1", t.label).replace("%2", str(len(items))),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        refs = [(i.entity, i.id) for i in items]
        versions = {(i.entity, i.id): i.version for i in items}
        db, actor = self.ctx.db, self.ctx.actor
        self._action_job = workers.start(
            lambda _c: review.transition(db, actor, action, refs, reason, versions),
            context=self,
            on_finished=lambda done: self._action_done(t.label, done),
            on_failed=self._action_failed,
        )
        self._update_buttons()

    def _action_done(self, label: str, done: list[ReviewItem]) -> None:
        self._action_job = None
        self.count_label.setText(self.tr("%1: %2 records done.").replace("%1", label).replace("%2", str(len(done))))
        self.ctx.data_changed()
        self.reload()

    def _action_failed(self, message: str) -> None:
        self._action_job = None
        self._update_buttons()
        show_refusal(self, self.tr("Not done"), message, "review_refusal")

    def explain_current(self) -> None:
        finding = self.current_finding()
        if can_explain(finding) and ask_explanation(self, self.ctx.db, self.ctx.actor, finding):
            self._show_detail(self.current_item())
            self._update_buttons()

    def show_history(self) -> None:
        item = self.current_item()
        if item is not None:
            HistoryDialog(self.ctx.db, item.entity, item.id, item.label, self).exec()
