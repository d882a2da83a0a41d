"""The general list writer every workbook export uses: one sheet of rows in the government-table frame.

:func:`write_list` takes any iterator of row tuples plus column specs — the listing's current query feeds it, so
an export holds exactly the rows and columns the officer sees — writes to a temporary file beside the target and
renames it only when complete, reports ``progress(done, total)`` and stops when ``should_cancel()`` returns True
(raising ``Cancelled``; the target is untouched). Split from ``exports.lists`` so that the review, cross-tab and
listing exports write through it without importing the record exports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any

from jjdesk.services.core.errors import ServiceError
from jjdesk.services.core.progress import CancelFn, ProgressFn, Ticker
from jjdesk.services.excel.files import streaming_workbook, write_atomically
from jjdesk.services.excel.style import COUNT, Column, SheetMeta, StreamSheet, Styles

SAMPLE_ROWS = 500
# more_sheets(workbook, styles, ticker) writes further sheets after a list's own; returns rows per sheet.
MoreSheets = Callable[[Any, Styles, Ticker], dict[str, int]]


class NothingToExport(ServiceError):
    """The export would hold no figures (a year without data, a mistyped year): refused, no file written."""


def today_period(today: date | None = None) -> str:
    """The 报告期 of a list: the state of the ledger on the day of the export."""
    return f"截至{(today or date.today()):%Y年%m月%d日}"


SEQ = Column("_seq", "序号", COUNT, width=7)


@dataclass(frozen=True)
class ExportResult:
    """Where the workbook went and how many data rows each sheet holds."""

    path: Path
    rows: dict[str, int] = field(default_factory=dict)


def fill_rows(sheet: StreamSheet, rows: Iterable[Sequence[Any]], ticker: Ticker, numbered: bool) -> None:
    """Append every row (numbered from 1 when ``numbered``), ticking progress and cancel per row."""
    for n, row in enumerate(rows, start=1):
        sheet.append((n, *row) if numbered else row)
        ticker.step()


def _peek(rows: Iterable[Sequence[Any]]) -> tuple[list[Sequence[Any]], Iterable[Sequence[Any]]]:
    it = iter(rows)
    head = list(islice(it, SAMPLE_ROWS))
    return head, chain(head, it)


def write_list(
    path: Path | str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    meta: SheetMeta,
    *,
    sheet_name: str = "Sheet1",
    total: int = 0,
    numbered: bool = True,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    reporting_unit: str | None = None,
    more_sheets: MoreSheets | None = None,
) -> ExportResult:
    """Write one list sheet in the government-table frame from any iterator of row tuples (column order).

    ``total`` (the row count, when known) makes progress a fraction; ``numbered`` adds a 序号 column first;
    ``more_sheets`` writes further sheets after it (a list of initiatives adds their milestones and indicators).
    """
    cols = [SEQ, *columns] if numbered else list(columns)
    ticker = Ticker(progress, should_cancel, total)
    counts: dict[str, int] = {}

    def build(tmp: Path) -> None:
        ticker.check()
        with streaming_workbook() as wb:
            styles = Styles(reporting_unit)
            sample, all_rows = _peek(rows)
            sample = [(i, *r) for i, r in enumerate(sample, start=1)] if numbered else sample
            sheet = StreamSheet(wb, styles, sheet_name, cols, meta, sample)
            fill_rows(sheet, all_rows, ticker, numbered)
            sheet.finish()
            counts[sheet_name] = sheet.rows_written
            if more_sheets is not None:
                counts.update(more_sheets(wb, styles, ticker))
            ticker.report()
            ticker.check()
            wb.save(tmp)

    return ExportResult(write_atomically(path, build), counts)
