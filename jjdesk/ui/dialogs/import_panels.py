"""The parts of the import dialog that are not about its state: the problem list and the choices above it.

``ProblemTable`` lists every problem by spreadsheet row and column as the services word them (行, 列 with letter
and header, 问题); ``DuplicateChoice`` is the enterprise import's update / skip / stop for a credit code that is
already registered; ``ReasonBox`` is the statistics import's reason for changing a final (最终核实) figure;
``counts_text``, ``ready_text`` and ``preview_status`` say what a preview found and what Import would do — with
the review rules' warnings, which do not block, and a final figure's missing reason pointed at the reason box
(``reason_hint``) rather than at the file. Their strings keep the ``ImportDialog`` translation context they had
when they lived in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableView,
    QWidget,
)

from jjdesk.services.imports import enterprises as excel_import
from jjdesk.services.imports.common import RowError
from jjdesk.ui.models.rows_model import RowColumn, RowsModel

PROBLEM_ROW, PROBLEM_COLUMN, PROBLEM_MESSAGE = range(3)
WARNING_COLOUR = "#fff4d6"  # a review-rule warning (told, not blocking) stands apart from the errors
WRAP_LIMIT = 300  # up to this many problems, long messages wrap within their row


def _problem_row(e: RowError) -> str:
    return str(e.row) if e.row is not None else QCoreApplication.translate("ProblemModel", "Header")


def _problem_column(e: RowError) -> str:
    if e.column is None:
        return e.header
    return f"{e.column_letter}（{e.header}）" if e.header else e.column_letter


def problem_columns(is_warning: Callable[[RowError], bool] = lambda _e: False) -> list[RowColumn]:
    """行 (spreadsheet row), 列 (letter and header), 问题 (message) — each also as its tooltip; rows for which
    ``is_warning`` holds are shaded (WARNING_COLOUR)."""

    def colour(e: RowError) -> str | None:
        return WARNING_COLOUR if is_warning(e) else None

    return [
        RowColumn(
            QCoreApplication.translate("ProblemModel", "Row"),
            _problem_row,
            tooltip=_problem_row,
            colour=colour,
            align_right=True,
        ),
        RowColumn(
            QCoreApplication.translate("ProblemModel", "Column"),
            _problem_column,
            tooltip=_problem_column,
            colour=colour,
        ),
        RowColumn(
            QCoreApplication.translate("ProblemModel", "Problem"),
            lambda e: e.message,
            tooltip=lambda e: e.message,
            colour=colour,
        ),
    ]


def sorted_problems(errors: Sequence[RowError]) -> list[RowError]:
    """Whole-file and column problems first, then by spreadsheet row and column."""
    return sorted(errors, key=lambda e: (e.row is not None, e.row or 0, -1 if e.column is None else e.column))


class ProblemTable(QTableView):
    """``ProblemTable(parent)``; ``set_problems(errors, warnings)`` shows them sorted (warnings shaded), hidden
    when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemTable")
        self._warnings: set[int] = set()
        self.problems = RowsModel(problem_columns(lambda e: id(e) in self._warnings), self)
        self.setModel(self.problems)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        metrics = self.fontMetrics()
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.resizeSection(PROBLEM_ROW, metrics.horizontalAdvance("第888888行") + 8)
        header.resizeSection(PROBLEM_COLUMN, metrics.horizontalAdvance("AB（统一社会信用代码）") + 24)
        header.setSectionResizeMode(PROBLEM_ROW, QHeaderView.ResizeMode.Interactive)

    def set_problems(self, errors: Sequence[RowError], warnings: Sequence[RowError] = ()) -> None:
        self._warnings = {id(w) for w in warnings}
        shown = [*errors, *warnings]
        self.problems.set_rows(sorted_problems(shown))
        self.setVisible(bool(shown))
        # A refused unit is explained in a long sentence: wrap it, as long as measuring rows stays cheap.
        wrap = len(shown) <= WRAP_LIMIT
        self.setWordWrap(wrap)
        if wrap:
            self.resizeRowsToContents()


class DuplicateChoice(QWidget):
    """What to do with a credit code that is already registered; ``changed`` is emitted on a click."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(QCoreApplication.translate("ImportDialog", "Credit code already registered:")))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for mode, text in (
            (excel_import.UPDATE, QCoreApplication.translate("ImportDialog", "update the registered enterprise")),
            (excel_import.SKIP, QCoreApplication.translate("ImportDialog", "skip the row")),
            (excel_import.STOP, QCoreApplication.translate("ImportDialog", "stop (import nothing)")),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"duplicate_{mode}")
            self.group.addButton(button)
            self.buttons[mode] = button
            row.addWidget(button)
        row.addStretch(1)
        self.buttons[excel_import.STOP].setChecked(True)
        self.group.buttonClicked.connect(lambda _b: self.changed.emit())

    def mode(self) -> str:
        return next(mode for mode, b in self.buttons.items() if b.isChecked())

    def set_mode(self, mode: str) -> None:
        self.buttons[mode].setChecked(True)


class ReasonBox(QWidget):
    """The reason written into the revision when the file changes a final figure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(QCoreApplication.translate("ImportDialog", "Reason for changing final figures:")))
        self.edit = QLineEdit()
        self.edit.setObjectName("importReason")
        self.edit.setPlaceholderText(
            QCoreApplication.translate("ImportDialog", "Only needed when the file changes a final figure")
        )
        row.addWidget(self.edit, 1)

    def reason(self) -> str:
        return self.edit.text().strip()


def counts_text(preview: Any, enterprises: bool, mode: str, errors: int) -> str:
    """One line of counts under the status: rows, new, already registered (or unchanged), problems."""
    p = preview
    if enterprises:
        duplicates = sum(1 for r in p.rows if r.values is not None and (r.key or "") in p.registered)
        plan = p.plan(mode)
        return (
            QCoreApplication.translate("ImportDialog", "%1 rows · %2 new · %3 already registered · %4 problems")
            .replace("%1", f"{len(p.rows):,}")
            .replace("%2", f"{plan['created']:,}")
            .replace("%3", f"{duplicates:,}")
            .replace("%4", f"{errors:,}")
        )
    text = QCoreApplication.translate(
        "ImportDialog", "%1 rows · %2 figures new or changed · %3 unchanged · %4 problems"
    )
    return (
        text.replace("%1", f"{p.rows:,}")
        .replace("%2", f"{p.changed:,}")
        .replace("%3", f"{p.unchanged:,}")
        .replace("%4", f"{errors:,}")
    )


def ready_text(preview: Any, enterprises: bool, mode: str) -> str:
    """What Import would write, said before anything is written."""
    if enterprises:
        plan = preview.plan(mode)
        parts = [
            QCoreApplication.translate("ImportDialog", "%1 new").replace("%1", f"{plan['created']:,}"),
            QCoreApplication.translate("ImportDialog", "%1 updated").replace("%1", f"{plan['updated']:,}"),
        ]
        if plan["unchanged"]:
            parts.append(
                QCoreApplication.translate("ImportDialog", "%1 unchanged").replace("%1", f"{plan['unchanged']:,}")
            )
        if plan["skipped"]:
            parts.append(QCoreApplication.translate("ImportDialog", "%1 skipped").replace("%1", f"{plan['skipped']:,}"))
        what = parts[0]
        for part in parts[1:]:
            what = QCoreApplication.translate("ImportDialog", "%1, %2").replace("%2", part).replace("%1", what)
    else:
        what = QCoreApplication.translate("ImportDialog", "%1 figures new or changed").replace(
            "%1", f"{preview.changed:,}"
        )
    return QCoreApplication.translate(
        "ImportDialog", "Ready to import: %1. Nothing is written until you click Import."
    ).replace("%1", what)


def preview_status(preview: Any, enterprises: bool, mode: str, errors: Sequence[RowError]) -> tuple[str, bool]:
    """(status text, whether it is good news) of a checked file: ready (with the review rules' warnings, which do
    not block an import), nothing to import, or the problems — worded for where they are fixed: in the file, or
    (a final figure changed) in the reason box."""
    if not errors:
        if not preview.rows:
            return QCoreApplication.translate("ImportDialog", "The file holds no rows to import."), False
        text = ready_text(preview, enterprises, mode)
        warnings = [] if enterprises else preview.warnings
        if warnings:
            text += " " + QCoreApplication.translate(
                "ImportDialog",
                "The review rules would flag %1 figures (listed "
                "below as 审核提示). As when saving a form, this does not stop "
                "the import; fix or explain them before submitting.",
            ).replace("%1", f"{len(warnings):,}")
        return text, True
    reasons = 0 if enterprises else preview.needs_reason
    if reasons and reasons == len(errors):
        return QCoreApplication.translate(
            "ImportDialog",
            "The file changes %1 final figures. Write the reason in the "
            "box above (it is kept with each revision); the file itself needs no "
            "change.",
        ).replace("%1", f"{reasons:,}"), False
    text = QCoreApplication.translate(
        "ImportDialog",
        "%1 problems found: nothing will be imported. Fix them in the "
        "file (the error report marks every cell) and check again.",
    ).replace("%1", f"{len(errors):,}")
    if reasons:
        text += " " + QCoreApplication.translate(
            "ImportDialog", "%1 of them are final figures changed without a reason: write it in the box above."
        ).replace("%1", f"{reasons:,}")
    return text, False


def reason_hint() -> str:
    """Where the reason for changing a final figure goes in the window, ending the service's problem text."""
    return QCoreApplication.translate("ImportDialog", ": write it in the box “Reason for changing final figures” above")


def dropped_file(event) -> str | None:
    """The one local file a drag carries (a file dragged from the desktop or a mail attachment), else None."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    local = [u.toLocalFile() for u in urls if u.isLocalFile()]
    return local[0] if len(local) == 1 else None
