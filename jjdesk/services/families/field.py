"""What a record family says about each of its fields, declared once: :class:`Field` and :class:`Family`.

A field's parsing facts (label, kind, unit, limits, check) are its :class:`~jjdesk.services.core.fields.FieldSpec`;
a :class:`Field` adds where the field appears — the form group, the list column, the export column, the header
words of an import — and its English label. Validation, the list view, exports, imports, snapshots, 修改记录 and
the window all read these declarations, so adding a field is: the model column, a migration with its fixture, and
one declaration (docs/architecture.md).

Labels: the Chinese label (``spec.label``) is what officers, messages and documents use; ``label_en`` is the
English UI's. Both live here, side by side, so neither can drift from the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from jjdesk.services.core.fields import BOOL, FieldSpec

ZERO = Decimal(0)
MONEY_LIMIT = Decimal(100_000_000)  # 万元: a trillion yuan, far above any record, still a typo guard


@dataclass(frozen=True)
class Field:
    """One field of a family and everywhere it shows; ``label_en`` is stored on the spec (``spec.label_en``)."""

    spec: FieldSpec
    label_en: str
    form_group: str | None = None  # key of the family's form group (None: the form has no groups)
    in_form: bool = True  # typed in the record form (is_demo is not: the demo loader sets it)
    listed: bool = False  # a column of the list view
    sortable: bool = True  # (list) sorted in SQL by an indexed column
    sample: str = ""  # (list) typical text: the column is as wide as this
    exported: bool = True  # a column of the record export (which imports back)
    total: bool = False  # (export) summed in the 合计 row
    imported: bool = True  # may be filled from a spreadsheet column or a pasted row
    synonyms: tuple[str, ...] = ()  # (import) header words officers use besides the label
    # A field added after records were frozen in meeting packs and submissions: while empty it is left out of a
    # record's snapshot text, so a pack or submission made before the field existed still compares unchanged.
    snapshot_when_blank: bool = True

    def __post_init__(self) -> None:
        if self.spec.label_en != self.label_en:
            object.__setattr__(self, "spec", replace(self.spec, label_en=self.label_en))

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def unit(self) -> str:
        return self.spec.unit


@dataclass(frozen=True)
class FormGroup:
    """A titled group of the record form, in form order."""

    key: str
    title: str
    title_en: str


@dataclass(frozen=True)
class Family:
    """A record family: its fields in form/export order and the groups of its form."""

    entity: str  # the audit trail's name for the family (reviewables.ENTERPRISE, …)
    label: str
    fields: tuple[Field, ...]
    form_groups: tuple[FormGroup, ...] = ()
    by_name: Mapping[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.entity}: a field is declared twice")
        groups = {g.key for g in self.form_groups}
        stray = [f.name for f in self.fields if f.form_group is not None and f.form_group not in groups]
        if stray:
            raise ValueError(f"{self.entity}: fields in no declared form group: {stray}")
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def __getitem__(self, name: str) -> Field:
        return self.by_name[name]

    @property
    def specs(self) -> tuple[FieldSpec, ...]:
        """Every field's parsing spec, in declaration order (what validation checks)."""
        return tuple(f.spec for f in self.fields)

    @property
    def labels(self) -> dict[str, str]:
        """field name → Chinese label (修改记录, snapshots, 变动情况)."""
        return {f.name: f.label for f in self.fields}

    def listed(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.listed)

    def exported(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.exported)

    def imported(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.imported)

    def in_group(self, key: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.in_form and f.form_group == key)

    def in_form(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.in_form)

    def blank_left_out(self) -> frozenset[str]:
        """Fields whose empty value a snapshot leaves out (see :attr:`Field.snapshot_when_blank`)."""
        return frozenset(f.name for f in self.fields if not f.snapshot_when_blank)


# Every family's mark of generated demo records: set by the demo loader only, never typed, exported or imported.
DEMO_FLAG = Field(
    FieldSpec("is_demo", "演示数据", BOOL, empty=False),
    "Demo data",
    in_form=False,
    exported=False,
    imported=False,
)


def is_money(f: Field | FieldSpec | Any) -> bool:
    """Stored in 万元 (formatted as money in every export)."""
    return getattr(f, "unit", "") == "万元"
