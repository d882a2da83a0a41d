"""Import enterprises from .xlsx or .csv: safety checks, a validated preview, then all rows in one transaction.

Columns are matched by their header text through ``services.imports.headers`` — the same matcher as paste, so a
header that pastes also imports, and a money column headed in another unit (万美元, 亿元) is refused rather
than read 10,000× off. jjdesk's own export (title lines, 序号, 审核状态 and a 合计 row) imports back as is.

Every row is checked with the forms' checks, column by column (``validation.check_enterprises``: exactly
``check_enterprise``'s values and errors, each distinct value of a column parsed once). A credit code already
registered is handled as the officer chooses: ``update`` the registered enterprise with the file's values (only
the imported columns; a field-level audit entry per change; submitted/approved records are refused), ``skip``
the row, or ``stop`` (treat it as an error). Any error means nothing is written. The writes go through Core
``executemany`` (``store.import_repo``) with one audit entry per created enterprise; from ``BULK_ROWS`` new
enterprises on, SQLite loads them in bulk (``store.bulk``: search index and, when the table at least doubles,
secondary indexes rebuilt after the load, audit entries hashed on a second thread meanwhile) — same records,
audit entries and search results. A preview whose records changed meanwhile (optimistic version) aborts the
whole import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.progress import CancelFn, ProgressFn, Ticker
from jjdesk.services.core.records import EDITABLE_STATES
from jjdesk.services.core.vocab import CHANNELS, REVIEW_STATUS, SERVICES
from jjdesk.services.families import codes
from jjdesk.services.imports import headers
from jjdesk.services.imports import mapping as import_mapping
from jjdesk.services.imports.bulk_write import BULK_ROWS, bulk_insert, creates
from jjdesk.services.imports.common import (
    ImportRefused,
    ImportResult,
    RowError,
    find_header,
    gc_paused,
    header_texts,
    is_blank_row,
    no_data_rows,
)
from jjdesk.services.imports.safety import DEFAULT_LIMITS, Limits
from jjdesk.services.imports.sheet_cells import data_rows, explain_numeric_codes, raw_columns_of
from jjdesk.services.imports.table_reader import Sheet, cell_text, read_sheets
from jjdesk.services.records import code_exceptions
from jjdesk.services.records.enterprises import COLUMNS, ENTITY, TAG_FIELDS
from jjdesk.services.records.validation import check_enterprises
from jjdesk.store import enterprise_tags, import_repo
from jjdesk.store.engine import Database

UPDATE, SKIP, STOP = "update", "skip", "stop"
ON_DUPLICATE = {UPDATE: "更新已登记的企业", SKIP: "跳过已登记的企业", STOP: "遇到已登记的企业即停止"}
CREDIT = "credit_code"
NAME_KEY = "名称:"  # registered enterprises without a credit code are matched by their exact name


@dataclass(slots=True)
class ImportRow:
    """One data row: spreadsheet row number, its cells, parsed values (None when invalid), its own errors."""

    number: int
    cells: list[Any]
    values: dict[str, Any] | None
    code: str | None
    errors: list[RowError] = field(default_factory=list)

    @property
    def key(self) -> str | None:
        """What identifies the enterprise: its credit code, or — without one — its exact name."""
        if self.code:
            return self.code
        if self.values is not None and self.values.get("name"):
            return NAME_KEY + self.values["name"]
        return None


class EnterprisePreview:
    """What an import would do, with every problem found. Build one with :func:`preview_enterprises`.

    ``rows`` are the data rows (blank and 合计 lines left out); ``column_errors`` concern whole columns;
    ``registered`` maps each credit code of the file that is already registered to that record's current
    values. :meth:`errors` adds the duplicate handling of the chosen mode.
    """

    def __init__(
        self,
        path: Path,
        sheet: str,
        header_row: int,
        header: list[str],
        mapping: dict[int, str],
        rows: list[ImportRow],
        column_errors: list[RowError],
        notes: list[str],
        registered: dict[str, dict[str, Any]],
        source: Sheet | None = None,
    ) -> None:
        self.source = source  # the sheet as read, for the error report
        self.path, self.sheet, self.header_row, self.header = path, sheet, header_row, header
        self.mapping, self.rows, self.column_errors, self.notes = mapping, rows, column_errors, notes
        self.registered = registered
        self.fields = list(mapping.values())
        self._credit_col = next((c for c, f in mapping.items() if f == CREDIT), None)
        self._name_col = next((c for c, f in mapping.items() if f == "name"), None)

    def label(self, col: int) -> str:
        """The header text of a column as the file shows it."""
        return self.header[col] if col < len(self.header) else ""

    def _dup_error(self, row: ImportRow, message: str) -> RowError:
        by_name = (row.key or "").startswith(NAME_KEY)
        col = self._name_col if by_name else self._credit_col
        return RowError(row.number, col, self.label(col) if col is not None else "统一社会信用代码", message)

    def errors(self, on_duplicate: str = STOP) -> list[RowError]:
        """Every problem under the given duplicate mode: column problems first, then by row."""
        out = list(self.column_errors)
        first: dict[str, int] = {}
        for row in self.rows:
            out += row.errors
            key = row.key
            if not key:
                continue
            shown = key.removeprefix(NAME_KEY)
            if key in first:
                out.append(self._dup_error(row, f"{shown} 与第{first[key]}行重复"))
                continue
            first[key] = row.number
            current = self.registered.get(key)
            if current is None or row.values is None:
                continue
            if on_duplicate == STOP:
                what = (
                    f"{shown} 已登记为“{current['name']}”" if row.code else f"“{shown}”已登记（无信用代码，按名称匹配）"
                )
                out.append(self._dup_error(row, f"{what}（导入方式为遇重复即停止；可选择更新或跳过）"))
            elif (
                on_duplicate == UPDATE
                and current["review_status"] not in EDITABLE_STATES
                and self.changes_for(row, current)
            ):
                state = REVIEW_STATUS.get(current["review_status"], current["review_status"])
                out.append(self._dup_error(row, f"已登记的“{current['name']}”当前为“{state}”状态，不能通过导入修改"))
        return out

    def changes_for(self, row: ImportRow, current: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
        """(field, old, new) of the imported columns that differ from the registered record."""
        assert row.values is not None
        return audit.diff(current, {f: row.values[f] for f in self.fields})

    def plan(self, on_duplicate: str = STOP) -> dict[str, int]:
        """How many rows would be created, updated, left unchanged or skipped (valid rows only)."""
        counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        for row in self.rows:
            if row.values is None:
                continue
            current = self.registered.get(row.key or "")
            if current is None:
                counts["created"] += 1
            elif on_duplicate == SKIP:
                counts["skipped"] += 1
            elif on_duplicate == UPDATE:
                counts["updated" if self.changes_for(row, current) else "unchanged"] += 1
        return counts


def _score(texts: list[str]) -> int:
    match = headers.match_headers(texts)
    return len(match.mapping) if "name" in match.mapping.values() and len(match.mapping) >= 2 else 0


def preview_enterprises(
    db: Database,
    path: Path | str,
    *,
    mapping: Mapping[int, str] | None = None,
    sheet_name: str | None = None,
    header_row: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    today: date | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> EnterprisePreview:
    """Read and check a file without writing anything (``UnsafeFile`` / ``ImportRefused`` when unreadable).

    Columns are matched by header (``headers.match_headers``); ``mapping`` (0-based column → field name, e.g.
    from the UI's mapping dialog) replaces that choice — units stated in those headers are still checked.
    ``sheet_name`` and ``header_row`` (1-based) pin where the header is instead of searching for it.
    """
    if mapping is not None:
        import_mapping.check_mapping(mapping)
    with gc_paused():
        return _preview(db, Path(path), mapping, sheet_name, header_row, limits, today, progress, should_cancel)


def _preview(
    db: Database,
    p: Path,
    mapping: Mapping[int, str] | None,
    sheet_name: str | None,
    header_row: int | None,
    limits: Limits,
    today: date | None,
    progress: ProgressFn | None,
    should_cancel: CancelFn | None,
) -> EnterprisePreview:
    ticker = Ticker(progress, should_cancel)
    ticker.check()
    sheets = read_sheets(p, limits)
    if sheet_name is not None:
        sheets = [s for s in sheets if s.name == sheet_name]
        if not sheets:
            raise ImportRefused(f"“{p.name}”中没有名为“{sheet_name}”的工作表。")
    found: tuple[Sheet, int, list[str]] | None
    if header_row is not None or (mapping is not None and find_header(sheets, _score) is None):
        first = sheets[0]
        index = (
            header_row - 1
            if header_row is not None
            else next((i for i, r in enumerate(first.rows) if not is_blank_row(r)), 0)
        )
        found = (first, index, header_texts(first.rows[index]) if index < len(first.rows) else [])
    else:
        found = find_header(sheets, _score)
    if found is None:
        raise ImportRefused(
            f"“{p.name}”中没有找到企业名单的表头：表头行应含“企业名称”等列名"
            "（如 统一社会信用代码、企业类型、产业集群）。"
        )
    sheet, header_idx, texts = found
    match = headers.match_headers(texts)
    if mapping is not None:
        unknown = sorted(set(mapping.values()) - set(headers.SPECS))
        if unknown:
            raise ValueError(f"不能导入的字段：{'、'.join(unknown)}")
        match.mapping = {c: f for c, f in mapping.items() if c < len(texts)}
        match.unmatched = [c for c in range(len(texts)) if c not in match.mapping]
        match.duplicates = {}
        match.refusals = {
            c: r
            for c, f in match.mapping.items()
            if (r := headers.unit_refusal(f, headers.match_header(texts[c])[1], c, texts[c], headers.IMPORT))
        }
    mapping = dict(sorted(match.mapping.items()))
    notes = list(sheet.notes)
    if len(sheets) > 1:
        notes.append(f"读取工作表“{sheet.name}”")
    notes += [f"{RowError(None, c, texts[c], '没有对应的字段，不导入')}" for c in match.unmatched if texts[c]]
    notes += [
        f"{RowError(None, c, texts[c], f'与其他列重复对应{headers.SPECS[n].label}，不导入')}"
        for c, n in match.duplicates.items()
    ]
    column_errors = [RowError(None, c, texts[c], msg) for c, msg in sorted(match.refusals.items())]
    mapped = set(mapping.values())
    column_errors += [
        RowError(None, None, s.label, "文件中没有这一列（必填）")
        for s in headers.IMPORT_FIELDS
        if s.required and s.name not in mapped
    ]
    kinds = {c: headers.SPECS[f].kind for c, f in mapping.items()}
    column_of = {f: c for c, f in mapping.items()}
    width = max(len(texts), max(mapping, default=0) + 1)
    key_cols = [c for c, f in mapping.items() if f in ("name", CREDIT)]
    data = sheet.rows[header_idx + 1 :]
    ticker.total = len(data)
    today = today or date.today()
    credit_col = column_of.get(CREDIT)
    # Credit codes an administrator accepted although they fail the check character pass here as in the forms.
    accepted = code_exceptions.accepted_among(
        db,
        (
            v if (v := r[credit_col]).__class__ is str else cell_text(v)
            for r in data
            if credit_col is not None and credit_col < len(r)
        ),
    )
    kept = data_rows(data, header_idx + 2, width, key_cols, mapping, kinds, ticker)
    if not kept:  # a template saved with its header only: refused, not "imported" with nothing
        raise no_data_rows(p.name, sheet.name, header_idx + 1)
    # Gather the cells column by column (text as it is, other cells converted for the column's kind), then
    # check each column in one pass: the forms' checks with each distinct value parsed once.
    raw_columns = raw_columns_of([cells for _n, cells in kept], mapping, kinds)
    checked = check_enterprises(raw_columns, len(kept), today=today, accepted_codes=accepted)
    explain_numeric_codes(kept, mapping, checked)
    rows = [
        ImportRow(number, cells, values, values.get(CREDIT) or None)
        if values is not None and not errors
        else _row(number, cells, values, errors, raw_columns, i, column_of, texts)
        for i, ((number, cells), (values, errors)) in enumerate(zip(kept, checked, strict=True))
    ]
    ticker.report()
    codes = sorted({r.code for r in rows if r.code})
    wanted = [f for f in mapping.values() if f not in TAG_FIELDS]
    with db.session() as s:
        registered = import_repo.enterprises_by_codes(s, codes, ["name", *wanted])
        names = sorted({r.values["name"] for r in rows if r.values is not None and not r.code})
        registered.update(
            {NAME_KEY + n: rec for n, rec in import_repo.codeless_by_names(s, names, ["name", *wanted]).items()}
        )
        if registered and any(f in TAG_FIELDS for f in mapped):
            services, channels = enterprise_tags.tags_of(s, [r["id"] for r in registered.values()])
            for rec in registered.values():
                rec["services"] = _vocab_sorted(services[rec["id"]], SERVICES)
                rec["channels"] = _vocab_sorted(channels[rec["id"]], CHANNELS)
    return EnterprisePreview(
        p, sheet.name, header_idx + 1, texts, mapping, rows, column_errors, notes, registered, sheet
    )


def _vocab_sorted(items: list[str], vocab: Sequence[str]) -> list[str]:
    rank = {v: i for i, v in enumerate(vocab)}
    return sorted(items, key=lambda x: (rank.get(x, len(rank)), x))


def _row(
    number: int,
    cells: list[Any],
    values: dict[str, Any] | None,
    field_errors: list,
    raw: Mapping[str, Sequence[Any]],
    index: int,
    column_of: Mapping[str, int],
    texts: Sequence[str],
) -> ImportRow:
    errors = [
        RowError(number, column_of[e.field], texts[column_of[e.field]], e.message)
        for e in field_errors
        if e.field in column_of
    ]
    if values is not None:
        code = values.get(CREDIT)
    elif CREDIT in raw and not any(column_of.get(CREDIT) == e.column for e in errors):
        given = raw[CREDIT][index]
        code = codes.normalize(str(given)) if given not in (None, "") else None
    else:
        code = None
    return ImportRow(number, cells, values, code or None, errors)


def commit_enterprises(
    db: Database,
    actor: Actor,
    preview: EnterprisePreview,
    on_duplicate: str = STOP,
    *,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> ImportResult:
    """Write a previewed import in one transaction, all or nothing.

    With any problem under ``on_duplicate`` the result lists them and nothing is written. ``Cancelled`` (from
    ``should_cancel``) and ``ImportRefused`` (records changed since the preview) roll everything back.
    """
    if on_duplicate not in ON_DUPLICATE:
        raise ValueError(f"重复处理方式应为 update、skip 或 stop，而不是“{on_duplicate}”")
    result = ImportResult("enterprises", str(preview.path), preview.sheet, len(preview.rows), notes=preview.notes)
    errors = preview.errors(on_duplicate)
    if errors:
        result.errors = errors
        return result
    ticker = Ticker(progress, should_cancel, len(preview.rows))
    now = audit.utcnow()
    stamps = {
        "review_status": "draft",
        "created_by": actor.name,
        "created_at": now,
        "updated_by": actor.name,
        "updated_at": now,
        "version": 1,
    }
    try:
        with gc_paused():
            ids = _write(db, actor, preview, on_duplicate, stamps, now, result, ticker)
    except IntegrityError:
        # Someone registered one of these credit codes between the preview and now.
        raise ImportRefused(
            "文件中的统一社会信用代码在预览之后已被他人登记，请重新预览后再导入。未导入任何数据。"
        ) from None
    result.created = len(ids)
    result.written = True
    ticker.report()
    return result


def _write(
    db: Database,
    actor: Actor,
    preview: EnterprisePreview,
    on_duplicate: str,
    stamps: dict[str, Any],
    now,
    result: ImportResult,
    ticker: Ticker,
) -> range | list[int]:
    new_values: list[dict[str, Any]] = []
    changes_out: list[audit.Change] = []
    ids: range | list[int]
    with db.write() as s:
        for row in preview.rows:
            assert row.values is not None
            current = preview.registered.get(row.key or "")
            if current is None:
                new_values.append(row.values)
                continue
            if on_duplicate == SKIP:
                result.skipped += 1
            else:
                changes = preview.changes_for(row, current)
                if not changes:
                    result.unchanged += 1
                else:
                    _apply_update(s, actor, row, current, changes, now, changes_out)
                    result.updated += 1
            ticker.step()
        if len(new_values) >= BULK_ROWS and s.get_bind().dialect.name == "sqlite":
            ids = bulk_insert(s, actor, new_values, changes_out, stamps, ticker)
        else:
            ids = import_repo.insert_enterprises(s, [{**{k: v[k] for k in COLUMNS}, **stamps} for v in new_values])
            import_repo.insert_tags(
                s,
                [(i, t) for i, v in zip(ids, new_values, strict=True) for t in v["services"]],
                [(i, t) for i, v in zip(ids, new_values, strict=True) for t in v["channels"]],
            )
            ticker.step(len(new_values))
            ticker.check()
            audit.write_many(s, actor.name, chain(creates(ids, new_values), changes_out))
        ticker.check()
    return ids


def _apply_update(
    s,
    actor: Actor,
    row: ImportRow,
    current: dict[str, Any],
    changes: list[tuple[str, Any, Any]],
    now,
    changes_out: list,
) -> None:
    columns = {f: new for f, _old, new in changes if f not in TAG_FIELDS}
    values = {**columns, "version": current["version"] + 1, "updated_by": actor.name, "updated_at": now}
    if not import_repo.update_enterprise(s, current["id"], current["version"], values):
        raise ImportRefused(
            f"第{row.number}行：“{current['name']}”在预览之后已被他人修改，请重新预览后再导入。未导入任何数据。"
        )
    if any(f in TAG_FIELDS for f, _o, _n in changes):
        assert row.values is not None
        services = row.values.get("services", current.get("services", []))
        channels = row.values.get("channels", current.get("channels", []))
        import_repo.replace_tags(s, current["id"], services, channels)
    changes_out += audit.updated(ENTITY, current["id"], current["name"], changes)


def dry_run(preview: EnterprisePreview, on_duplicate: str = STOP) -> ImportResult:
    """What :func:`commit_enterprises` would do, without writing: the counts, or every error."""
    result = ImportResult(
        "enterprises",
        str(preview.path),
        preview.sheet,
        len(preview.rows),
        errors=preview.errors(on_duplicate),
        notes=preview.notes,
        dry_run=True,
    )
    if not result.errors:
        for k, v in preview.plan(on_duplicate).items():
            setattr(result, k, v)
    return result


def import_enterprises(
    db: Database,
    actor: Actor,
    path: Path | str,
    *,
    on_duplicate: str = STOP,
    dry_run_only: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    today: date | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> ImportResult:
    """Preview and (unless ``dry_run_only`` or any error) write, in one call."""
    preview = preview_enterprises(db, path, limits=limits, today=today, progress=progress, should_cancel=should_cancel)
    if dry_run_only:
        return dry_run(preview, on_duplicate)
    return commit_enterprises(db, actor, preview, on_duplicate, progress=progress, should_cancel=should_cancel)
