"""The look of the short, read-only tables over ``RowsModel`` (review lists, findings, history, submissions, users,
code exceptions): whole rows selected, no editing, alternating rows, no row numbers, columns fitted to their
text but capped so one long message leaves room for the others."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from jjdesk.ui.models.rows_model import RowsModel


def setup_table(table: QTableView, model: RowsModel, multi: bool = False) -> None:
    """Give ``table`` the common look and ``model``; ``multi`` allows selecting many rows (bulk actions)."""
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)


def fit_columns(table: QTableView, widest: int = 360) -> None:
    """Columns as wide as their text but no wider than ``widest``, so long messages leave room for the rest."""
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), widest))
