"""Rows pasted from Excel/WPS: read the clipboard text, preview every row against the enterprise rules, insert.

The preview is the officer's chance to see exactly what would be registered: which column went to which field,
and every cell that would be refused, with the same Chinese messages the forms show (the checks are
``validation.check_enterprise`` itself). Nothing is written until the officer confirms, and then all rows go in
one transaction through ``enterprises.create_many`` — a block with any error inserts nothing.

A preview is immutable: editing a cell or re-mapping a column gives a new preview, so the dialog can never
show one state and insert another.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import FieldError, ValidationFailed
from jjdesk.services.core.fields import is_blank, parse_field
from jjdesk.services.imports import headers
from jjdesk.services.records import code_exceptions, enterprises
from jjdesk.services.records.validation import check_enterprise
from jjdesk.store import repos
from jjdesk.store.engine import Database

CREDIT = "credit_code"
CREDIT_LABEL = headers.SPECS[CREDIT].label

# One cell of Excel's clipboard text: a quoted cell (may hold tabs, newlines and doubled quotes) only when the
# closing quote is followed by a cell or row end; anything else is taken literally up to the next tab/newline.
_CELL = re.compile(r'"([^"]*(?:""[^"]*)*)"(?=\t|\r\n|\n|\r|\Z)|([^\t\r\n]*)')
_END = re.compile(r"\t|\r\n|\n|\r")


def parse_clipboard(text: str) -> list[list[str]]:
    """Split Excel/WPS clipboard text into rows of cells, as Excel writes it.

    Cells are separated by tabs and rows by CRLF (Windows) or LF; a cell holding a tab, a line break or a quote
    is quoted with inner quotes doubled. Trailing empty lines (Excel always adds one) are dropped; rows keep
    their own length (ragged rows are padded by the preview, not here).
    """
    text = text.rstrip("\x00")
    if '"' not in text:  # the common case, and 50× faster than the tokenizer
        lines = re.split(r"\r\n|\n|\r", text)
        rows = [line.split("\t") for line in lines]
    else:
        rows, row, pos, n = [], [], 0, len(text)
        while True:
            m = _CELL.match(text, pos)
            assert m is not None  # the second alternative matches the empty string
            row.append(m[1].replace('""', '"') if m[1] is not None else m[2])
            pos = m.end()
            end = _END.match(text, pos)
            if end is None:  # pos == n: the text is used up
                rows.append(row)
                break
            pos = end.end()
            if end[0] != "\t":
                rows.append(row)
                row = []
                if pos >= n:
                    break
    while rows and all(not c.strip() for c in rows[-1]):
        rows.pop()
    return rows


@dataclass(frozen=True)
class CellError(FieldError):
    """A FieldError that also knows the pasted column (0-based), so the preview can mark the cell.

    ``row`` is the 1-based row of the pasted block, header excluded; both are None for a problem with a
    whole column (a refused unit, a required field no column maps to).
    """

    column: int | None = None


@dataclass(frozen=True)
class PreviewRow:
    """One non-empty pasted row: its text, its parsed values when its own checks pass, and its own errors.

    Duplicate credit codes depend on the other rows, so they are kept by the preview, not here.
    """

    number: int  # 1-based in the pasted block, header excluded (blank lines count, so it matches the sheet)
    cells: tuple[str, ...]
    values: dict[str, Any] | None
    code: str | None  # the normalised credit code when it parses, for duplicate checks even on invalid rows
    errors: tuple[CellError, ...]


def _accepted(db: Database, rows: Sequence[tuple[str, ...]], mapping: Mapping[int, str]) -> frozenset[str]:
    """Credit codes among the pasted cells that an administrator registered as exceptions (checked like forms)."""
    columns = [col for col, name in mapping.items() if name == CREDIT]
    return code_exceptions.accepted_among(db, (cells[col] for cells in rows for col in columns))


def _check_row(
    number: int,
    cells: tuple[str, ...],
    mapping: Mapping[int, str],
    today: date | None,
    accepted: frozenset[str] = frozenset(),
) -> PreviewRow:
    raw = {name: cells[col] for col, name in mapping.items()}
    column_of = {name: col for col, name in mapping.items()}
    try:
        values: dict[str, Any] | None = check_enterprise(raw, today=today, accepted_codes=accepted)
        errors: list[CellError] = []
    except ValidationFailed as exc:
        values = None
        # A required field no column maps to fails every row alike; the preview reports it once per column.
        errors = [
            CellError(e.field, e.label, e.message, number, column_of[e.field])
            for e in exc.errors
            if e.field in column_of
        ]
    if values is not None:
        code = values.get(CREDIT)
    elif CREDIT in raw and not any(e.field == CREDIT for e in errors):
        code = parse_field(headers.SPECS[CREDIT], raw[CREDIT])
    else:
        code = None
    return PreviewRow(number, cells, values, code or None, tuple(errors))


def _column_errors(
    header: Sequence[str] | None, units: Mapping[int, str], mapping: Mapping[int, str]
) -> list[CellError]:
    out = []
    for col, name in sorted(mapping.items()):
        refusal = headers.unit_refusal(name, units.get(col, ""), col, header[col] if header else "")
        if refusal:
            out.append(CellError(name, headers.SPECS[name].label, refusal, None, col))
    mapped = set(mapping.values())
    for spec in headers.IMPORT_FIELDS:
        if spec.required and spec.name not in mapped:
            out.append(
                CellError(spec.name, spec.label, "没有对应的列：请把一列设为此字段，或在表格中补上这一列后重新粘贴")
            )
    return out


class PastePreview:
    """What a paste would insert, with every problem found; build one with :func:`preview_enterprises`.

    ``rows`` are the non-empty pasted rows in order; methods taking ``index`` mean a position in ``rows``.
    ``errors`` lists every problem (column problems first, then by row and column); ``can_commit`` is true
    only when there are rows and no problem at all.
    """

    def __init__(
        self,
        db: Database,
        header: tuple[str, ...] | None,
        width: int,
        mapping: Mapping[int, str],
        units: Mapping[int, str],
        rows: tuple[PreviewRow, ...],
        registered: Mapping[str, str | None],
        notes: tuple[str, ...] = (),
        today: date | None = None,
    ) -> None:
        self._db = db
        self._today = today
        self.header = header
        self.width = width
        self.mapping: dict[int, str] = dict(sorted(mapping.items()))
        self.units = dict(units)
        self.rows = rows
        self.notes = notes
        # Every credit code of the block looked up in the database → the name holding it, or None when free.
        self._registered = dict(registered)
        self.column_errors = tuple(_column_errors(header, self.units, self.mapping))
        self._duplicates = self._find_duplicates()
        self.errors: list[CellError] = list(self.column_errors)
        self._by_cell: dict[tuple[int, int], list[CellError]] = {}
        self._invalid: set[int] = set()
        for i, row in enumerate(rows):
            row_errors = [*row.errors, *self._duplicates.get(i, ())]
            if row_errors:
                self._invalid.add(i)
                self.errors += sorted(row_errors, key=lambda e: e.column if e.column is not None else -1)
                for e in row_errors:
                    if e.column is not None:
                        self._by_cell.setdefault((i, e.column), []).append(e)

    # ------------------------------------------------------------------ reading

    @property
    def has_header(self) -> bool:
        """Whether the first pasted row was read as column headers (else columns were taken by position)."""
        return self.header is not None

    @property
    def row_count(self) -> int:
        """Non-empty pasted rows, header excluded."""
        return len(self.rows)

    @property
    def invalid_count(self) -> int:
        """Rows with at least one problem of their own (column problems are counted separately)."""
        return len(self._invalid)

    @property
    def valid_count(self) -> int:
        """Rows without a problem of their own."""
        return len(self.rows) - len(self._invalid)

    @property
    def can_commit(self) -> bool:
        """Whether Insert may be offered: there are rows and no problem of any kind."""
        return bool(self.rows) and not self.errors

    def cell_errors(self, index: int, column: int) -> list[CellError]:
        """Problems of one cell (empty when it is fine or its column is not imported)."""
        return self._by_cell.get((index, column), [])

    def row_invalid(self, index: int) -> bool:
        """Whether the row at ``index`` has a problem of its own (including a duplicate credit code)."""
        return index in self._invalid

    def index_of_number(self, number: int) -> int | None:
        """Position in ``rows`` of the pasted block's row ``number`` (as errors name it)."""
        for i, row in enumerate(self.rows):
            if row.number == number:
                return i
        return None

    def header_text(self, column: int) -> str:
        """The pasted header of ``column`` ("" without a header row)."""
        return self.header[column] if self.header and column < len(self.header) else ""

    # ------------------------------------------------------------------ changing (each gives a new preview)

    def with_cell(self, index: int, column: int, text: str) -> PastePreview:
        """The preview after the officer corrected one cell: that row is checked again, and duplicates anew."""
        old = self.rows[index]
        cells = list(old.cells)
        cells[column] = text
        row = _check_row(
            old.number, tuple(cells), self.mapping, self._today, _accepted(self._db, [tuple(cells)], self.mapping)
        )
        registered = self._registered
        if row.code and row.code not in registered:
            registered = {**registered, **_lookup_registered(self._db, [row.code])}
        rows = (*self.rows[:index], row, *self.rows[index + 1 :])
        return PastePreview(
            self._db, self.header, self.width, self.mapping, self.units, rows, registered, self.notes, self._today
        )

    def with_column(self, column: int, field_name: str | None) -> PastePreview:
        """The preview after the officer re-mapped a column (None: do not import it). A field lives in one
        column only, so another column holding it is released. Every row is checked again."""
        mapping = {c: f for c, f in self.mapping.items() if c != column and f != field_name}
        if field_name is not None:
            if field_name not in headers.SPECS:
                raise ValueError(f"unknown enterprise field {field_name!r}")
            mapping[column] = field_name
        return self._rebuilt(mapping)

    def recheck(self) -> PastePreview:
        """The same paste checked again from scratch, e.g. after an insert was refused because a colleague
        registered one of the codes in the meantime."""
        return self._rebuilt(self.mapping)

    # ------------------------------------------------------------------ inserting

    def commit(self, db: Database, actor: Actor) -> list[int]:
        """Insert every row in one transaction and return the new ids; refuses (ValidationFailed) while any
        problem remains, and nothing is written then. Rows are re-checked by create_many itself, so a code
        registered by a colleague since the preview was made is still refused."""
        if self.errors:
            raise ValidationFailed(list(self.errors))
        if not self.rows:
            return []
        raw = [{name: row.cells[col] for col, name in self.mapping.items()} for row in self.rows]
        try:
            return enterprises.create_many(db, actor, raw)
        except ValidationFailed as exc:
            # create_many numbers rows by position; the officer knows them by their row in the pasted block.
            raise ValidationFailed(
                [
                    CellError(
                        e.field,
                        e.label,
                        e.message,
                        self.rows[e.row - 1].number if e.row else None,
                        self._column_of(e.field),
                    )
                    for e in exc.errors
                ]
            ) from None

    # ------------------------------------------------------------------ internals

    def _rebuilt(self, mapping: Mapping[int, str]) -> PastePreview:
        return _build(
            self._db,
            self.header,
            self.width,
            mapping,
            self.units,
            [(r.number, r.cells) for r in self.rows],
            self.notes,
            self._today,
        )

    def _column_of(self, field_name: str) -> int | None:
        return next((c for c, f in self.mapping.items() if f == field_name), None)

    def _find_duplicates(self) -> dict[int, list[CellError]]:
        col = self._column_of(CREDIT)
        first: dict[str, int] = {}
        found: dict[int, list[CellError]] = {}
        for i, row in enumerate(self.rows):
            code = row.code
            if not code:
                continue
            errs = []
            name = self._registered.get(code)
            if name is not None:
                errs.append(CellError(CREDIT, CREDIT_LABEL, f"{code} 已登记为“{name}”，不能重复录入", row.number, col))
            if code in first:
                errs.append(CellError(CREDIT, CREDIT_LABEL, f"{code} 与第{first[code]}行重复", row.number, col))
            else:
                first[code] = row.number
            if errs:
                found[i] = errs
        return found


def _lookup_registered(db: Database, codes: list[str]) -> dict[str, str | None]:
    """Each code → the name of the enterprise already registered with it, or None when it is free."""
    if not codes:
        return {}
    with db.session() as s:
        taken = repos.existing_credit_codes(s, codes)
    return {code: taken.get(code) for code in codes}


def _build(
    db: Database,
    header: tuple[str, ...] | None,
    width: int,
    mapping: Mapping[int, str],
    units: Mapping[int, str],
    numbered: Sequence[tuple[int, tuple[str, ...]]],
    notes: tuple[str, ...],
    today: date | None,
) -> PastePreview:
    accepted = _accepted(db, [cells for _number, cells in numbered], mapping)
    rows = tuple(_check_row(number, cells, mapping, today, accepted) for number, cells in numbered)
    codes = sorted({r.code for r in rows if r.code})
    return PastePreview(db, header, width, mapping, units, rows, _lookup_registered(db, codes), notes, today)


def preview_enterprises(
    db: Database, rows: Sequence[Sequence[str]], position_columns: Sequence[str], today: date | None = None
) -> PastePreview:
    """Check pasted rows as new enterprises without writing anything.

    The first row is taken as a header when :func:`headers.looks_like_header` says so and columns are mapped by
    their header text; otherwise column i is ``position_columns[i]`` (the field names of the enterprise table's
    visible columns, in order). Blank rows are skipped but still counted, so row numbers match the sheet.
    """
    rows = [list(r) for r in rows]
    while rows and all(is_blank(c) for c in rows[0]):
        rows.pop(0)
    width = max((len(r) for r in rows), default=0)
    notes: list[str] = []
    header: tuple[str, ...] | None = None
    units: dict[int, str] = {}
    if rows and headers.looks_like_header(rows[0]):
        header = tuple(rows[0]) + ("",) * (width - len(rows[0]))
        match = headers.match_headers(header)
        mapping, units = match.mapping, match.units
        for col in match.unmatched:
            if header[col].strip():
                notes.append(f"第{col + 1}列“{header[col].strip()}”没有对应的字段，不导入")
        for col, name in match.duplicates.items():
            first = next(c for c, f in mapping.items() if f == name)
            notes.append(
                f"第{col + 1}列“{header[col].strip()}”与第{first + 1}列都对应{headers.SPECS[name].label}，"
                f"只导入第{first + 1}列"
            )
        data = rows[1:]
    else:
        mapping = headers.position_mapping(width, position_columns)
        data = rows
    numbered = [
        (n, tuple(r) + ("",) * (width - len(r))) for n, r in enumerate(data, start=1) if not all(is_blank(c) for c in r)
    ]
    return _build(db, header, width, mapping, units, numbered, tuple(notes), today)
