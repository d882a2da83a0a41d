"""The columns of an import file as the column-mapping dialog shows them: header, sample values, chosen field.

The enterprise import matches headers by name (``headers``); what it did not recognise the officer maps by hand,
and ``excel_import.preview_enterprises(mapping=...)`` re-reads the file with that choice. This module only
describes the columns — from a preview when the header was found, or from the file's first non-blank row when
it was not (the same row ``preview_enterprises`` takes as the header once a mapping is given).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jjdesk.services.imports.common import ImportRefused, header_texts, is_blank_row
from jjdesk.services.imports.headers import IMPORT_FIELDS, match_headers
from jjdesk.services.imports.safety import DEFAULT_LIMITS, Limits
from jjdesk.services.imports.table_reader import cell_text, column_letter, read_sheets

SAMPLES = 3
# (field name, Chinese label) in form order: what a column can be mapped to besides 忽略 (not imported).
FIELD_CHOICES: tuple[tuple[str, str], ...] = tuple((s.name, s.label) for s in IMPORT_FIELDS)
REQUIRED_FIELDS: frozenset[str] = frozenset(s.name for s in IMPORT_FIELDS if s.required)


@dataclass(frozen=True)
class FileColumn:
    """One column of the file: its position, header text, a few non-blank values under it, and its field."""

    column: int  # 0-based
    header: str
    samples: tuple[str, ...]
    field: str | None  # None: not imported
    problem: str = ""  # e.g. a refused unit (万美元) of a recognised header

    @property
    def letter(self) -> str:
        return column_letter(self.column)


def _samples(rows: Sequence[Sequence[Any]], column: int, n: int) -> tuple[str, ...]:
    found: list[str] = []
    for row in rows:
        if column < len(row) and (text := cell_text(row[column]).strip()):
            found.append(text)
            if len(found) == n:
                break
    return tuple(found)


def describe(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    mapping: Mapping[int, str],
    problems: Mapping[int, str] | None = None,
    samples: int = SAMPLES,
) -> list[FileColumn]:
    """The columns of a header row with sample values taken from ``rows`` (the data rows under it)."""
    data = rows[:200]  # samples come from the first rows; a column blank that far down shows none
    width = max(len(header), max(mapping, default=-1) + 1)
    texts = list(header) + [""] * (width - len(header))
    return [
        FileColumn(c, texts[c], _samples(data, c, samples), mapping.get(c), (problems or {}).get(c, ""))
        for c in range(width)
    ]


def columns_of_preview(preview, samples: int = SAMPLES) -> list[FileColumn]:
    """The columns of an :class:`~jjdesk.services.imports.enterprises.EnterprisePreview` with its current mapping."""
    problems = {e.column: e.message for e in preview.column_errors if e.column is not None}
    rows = preview.source.rows[preview.header_row :] if preview.source is not None else []
    return describe(preview.header, rows, preview.mapping, problems, samples)


def columns_of_file(path: Path | str, limits: Limits = DEFAULT_LIMITS, samples: int = SAMPLES) -> list[FileColumn]:
    """The columns of a file whose header was not recognised: its first sheet's first non-blank row.

    Raises ``UnsafeFile`` like any import (the file is checked before it is read) and ``ImportRefused`` when the
    sheet is empty.
    """
    p = Path(path)
    sheet = read_sheets(p, limits)[0]
    index = next((i for i, r in enumerate(sheet.rows) if not is_blank_row(r)), None)
    if index is None:
        raise ImportRefused(f"“{p.name}”的第一个工作表是空的，没有可导入的内容。")
    header = header_texts(sheet.rows[index])
    match = match_headers(header)
    return describe(header, sheet.rows[index + 1 :], match.mapping, match.refusals, samples)


def mapping_problems(mapping: Mapping[int, str | None], header: Sequence[str] = ()) -> dict[int, str]:
    """Chinese problems of a hand-made mapping, by column: a field chosen for two columns."""
    labels = dict(FIELD_CHOICES)
    first: dict[str, int] = {}
    problems: dict[int, str] = {}
    for column in sorted(mapping):
        name = mapping[column]
        if name is None:
            continue
        if name in first:
            problems[column] = f"“{labels.get(name, name)}”已对应{column_letter(first[name])}列，一个字段只能对应一列"
        else:
            first[name] = column
    return problems


def missing_required(mapping: Mapping[int, str | None]) -> list[str]:
    """Labels of required fields no column is mapped to (企业名称)."""
    chosen = {f for f in mapping.values() if f}
    return [label for name, label in FIELD_CHOICES if name in REQUIRED_FIELDS and name not in chosen]


def check_mapping(mapping: Mapping[int, str | None]) -> None:
    """Refuse an unusable hand-made mapping (``ImportRefused`` naming every problem) before the file is read:
    a field chosen for two columns, a field that cannot be imported, a negative column, 企业名称 without a column."""
    labels = dict(FIELD_CHOICES)
    lines = [f"{column_letter(c)}列：不能导入的字段“{f}”" for c, f in sorted(mapping.items()) if f and f not in labels]
    if any(c < 0 for c in mapping):
        lines.append("列号不能为负数")
    lines += [f"{column_letter(c)}列：{m}" for c, m in sorted(mapping_problems(mapping).items())]
    missing = missing_required(mapping)
    if missing:
        lines.append(f"还没有对应列的必填项：{'、'.join(missing)}")
    if lines:
        raise ImportRefused("列的对应关系有问题，未读取文件：\n" + "\n".join(lines))
