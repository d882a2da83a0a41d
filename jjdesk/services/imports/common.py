"""What the enterprise and statistics imports share: row/column errors in Chinese, results, header search.

Errors name the place as the officer finds it in Excel/WPS — 第12行 D列（统一社会信用代码） — using the
spreadsheet's own row numbers (title lines above the header count), so the message and the file agree.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from jjdesk.services.core.errors import ServiceError
from jjdesk.services.imports.table_reader import Sheet, cell_text, column_letter

TOTAL_WORDS = frozenset({"合计", "总计", "小计", "总数"})
HEADER_SEARCH_ROWS = 30


class ImportRefused(ServiceError):
    """The file cannot be imported at all (no header found, wrong kind of table); nothing was written."""


NO_DATA_ROWS = "文件中没有可导入的数据行"


class NoDataRows(ImportRefused):
    """The header was found but no row under it holds anything to import (a template saved empty): refused
    rather than "imported" with nothing, and no column mapping can help."""


def no_data_rows(file_name: str, sheet: str, header_row: int) -> NoDataRows:
    """The refusal of a file whose header (spreadsheet row ``header_row``) has no data rows under it; a CSV
    file's one "sheet" (named after the file) is not named."""
    where = f"的工作表“{sheet}”" if sheet != file_name.rsplit(".", 1)[0] else ""
    return NoDataRows(f"“{file_name}”{where}第{header_row}行是表头，其下没有数据：{NO_DATA_ROWS}。")


@dataclass(frozen=True)
class RowError:
    """One problem: at a cell (row and column), a whole row, a whole column, or the file (both None)."""

    row: int | None  # spreadsheet row number, 1-based
    column: int | None  # 0-based column index
    header: str
    message: str

    @property
    def column_letter(self) -> str:
        """The column as Excel names it (A, B, … AA), or "" for a whole-row or file problem."""
        return column_letter(self.column) if self.column is not None else ""

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column is not None:
            where.append(f"{self.column_letter}列（{self.header}）" if self.header else f"{self.column_letter}列")
        elif self.header:
            where.append(self.header)
        prefix = " ".join(where)
        return f"{prefix}：{self.message}" if prefix else self.message

    def as_dict(self) -> dict[str, Any]:
        """For ``--json``: row number, column letter, header and message."""
        return {"row": self.row, "column": self.column_letter or None, "header": self.header, "message": self.message}


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do). ``written`` is False whenever nothing was written."""

    kind: str
    file: str
    sheet: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)  # review-rule findings: told, never blocking
    dry_run: bool = False
    written: bool = False
    report: str | None = None

    @property
    def ok(self) -> bool:
        """No problem was found."""
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        """Counts, notes, every error and every warning, for ``jjdesk import --json``."""
        return {
            "kind": self.kind,
            "file": self.file,
            "sheet": self.sheet,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "dry_run": self.dry_run,
            "written": self.written,
            "error_count": len(self.errors),
            "errors": [e.as_dict() for e in self.errors],
            "warning_count": len(self.warnings),
            "warnings": [w.as_dict() for w in self.warnings],
            "notes": self.notes,
            "report": self.report,
        }

    def summary(self) -> str:
        """One Chinese sentence for the terminal or a status bar."""
        if self.errors:
            return f"发现{len(self.errors)}处问题，未导入任何数据。"
        verb = "可导入" if self.dry_run else "已导入"
        parts = [f"新增{self.created}条", f"更新{self.updated}条"]
        if self.unchanged:
            parts.append(f"无变化{self.unchanged}条")
        if self.skipped:
            parts.append(f"跳过{self.skipped}条")
        text = f"{verb}：" + "，".join(parts) + "。" + ("（试运行，未写入）" if self.dry_run else "")
        if self.warnings:
            text += f"审核规则提示{len(self.warnings)}处（不影响导入，上报前须修正或说明）。"
        return text


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large file is read, checked or written.

    An import allocates a few hundred thousand lists, dicts and tuples that all stay alive until it ends, so
    every full collection the allocations trigger walks them all and frees nothing (measured: eight full
    collections of ~0.3 s each in one 100,000-row import). Reference counting still frees everything at
    once; cycles, if any, are collected when this ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def header_texts(row: Sequence[Any]) -> list[str]:
    """A header row's cells as stripped text."""
    return [cell_text(c).strip() for c in row]


def find_header(
    sheets: Sequence[Sheet],
    score: Callable[[list[str]], int],
) -> tuple[Sheet, int, list[str]] | None:
    """The (sheet, 0-based row, header texts) with the best positive ``score`` among each sheet's first rows."""
    best: tuple[int, Sheet, int, list[str]] | None = None
    for sheet in sheets:
        for idx, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            texts = header_texts(row)
            s = score(texts)
            if s > 0 and (best is None or s > best[0]):
                best = (s, sheet, idx, texts)
    return None if best is None else best[1:]


def _blank(value: Any) -> bool:
    return value is None or (type(value) is str and not value.strip())


def is_blank_row(row: Sequence[Any]) -> bool:
    """No cell holds anything but whitespace."""
    return all(_blank(c) for c in row)


def is_total_row(row: Sequence[Any], key_columns: Sequence[int]) -> bool:
    """A 合计/总计 line under a table (jjdesk's own exports end with one): a total word and empty key cells."""
    # Key cells first: a data row has one, and then its other cells need no look.
    if not all(col >= len(row) or _blank(row[col]) for col in key_columns):
        return False
    return any(type(c) is str and c.strip().replace(" ", "").replace("　", "") in TOTAL_WORDS for c in row)


def padded(row: Sequence[Any], width: int) -> list[Any]:
    """The row with empty cells added up to ``width``."""
    return list(row) + [""] * (width - len(row)) if len(row) < width else list(row)
