"""Every family agrees with its model, and every place that lists fields derives from the family.

A field declared but not in the model, a model column no family declares, a kind that does not match the
column, or a length the column cannot hold fails here by name — before any officer types into it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jjdesk.services.core import fields, records
from jjdesk.services.exports.lists import ENTERPRISE_KEYS, INITIATIVE_COLUMNS
from jjdesk.services.families.enterprise import ENTERPRISE_FAMILY
from jjdesk.services.families.field import Family
from jjdesk.services.families.initiative import INITIATIVE_FAMILY
from jjdesk.services.imports.headers import IMPORT_FIELDS, match_header
from jjdesk.services.records.listing import ENTERPRISE_LISTING, INITIATIVE_LISTING
from jjdesk.store import listing as store_listing
from jjdesk.store import tables
from jjdesk.store.types import ExactDecimal

# Columns every reviewable record carries for the workflow, and internal keys: not fields an officer fills.
LIFE_CYCLE = {"id", *records.REVIEW_COLUMNS}
FAMILIES = {
    "enterprise": (
        ENTERPRISE_FAMILY,
        tables.ENTERPRISE,
        {"name_key"},  # derived from the name for near-duplicate checks (store.name_key)
        {"services": tables.SERVICE, "channels": tables.CHANNEL},  # multi-valued: one row per tag
    ),
    "initiative": (INITIATIVE_FAMILY, tables.INITIATIVE, set(), {}),
}
# What a column of each field kind gives back in Python (TypeDecorators such as AutoString included).
_PYTHON_TYPES = {
    fields.TEXT: str,
    fields.CHOICE: str,
    fields.CODE: str,
    fields.DATE: date,
    fields.BOOL: bool,
    fields.INT: int,
    fields.DECIMAL: Decimal,
}


@pytest.mark.parametrize("key", list(FAMILIES))
def test_the_family_and_its_model_declare_the_same_fields(key):
    family, table, internal, tag_tables = FAMILIES[key]
    declared = {f.name for f in family.fields}
    columns = {c.name for c in table.c} - LIFE_CYCLE - internal
    assert declared - set(tag_tables) == columns, "declare the field in services/families, or the column in models"
    for name, tag_table in tag_tables.items():
        assert family[name].spec.kind == fields.MULTI and f"{table.name}_id" in tag_table.c


@pytest.mark.parametrize("key", list(FAMILIES))
def test_each_field_kind_and_length_fit_its_column(key):
    family, table, _internal, tag_tables = FAMILIES[key]
    for f in family.fields:
        if f.name in tag_tables:
            continue
        column = table.c[f.name]
        stored = getattr(column.type, "impl_instance", column.type)  # a TypeDecorator's own type
        assert stored.python_type is _PYTHON_TYPES[f.spec.kind], f.name
        if f.spec.kind == fields.DECIMAL:  # exact: never a float column (289.84 stays 289.84)
            assert isinstance(column.type, ExactDecimal), f.name
        length = getattr(column.type, "length", None)
        if f.spec.max_len is not None and length:
            assert f.spec.max_len <= length, f"{f.name}: the form accepts more than the column holds"
        if f.spec.required and f.spec.kind != fields.BOOL:
            assert not column.nullable, f"{f.name} is required but its column allows NULL"


@pytest.mark.parametrize("key", list(FAMILIES))
def test_labels_are_declared_once_in_both_languages(key):
    family: Family = FAMILIES[key][0]
    labels = [f.label for f in family.fields]
    assert len(set(labels)) == len(labels)
    assert all(f.label_en and f.spec.label_en == f.label_en for f in family.fields)
    assert all(bool(g.title) == bool(g.title_en) for g in family.form_groups)
    assert {f.form_group for f in family.in_form()} == {g.key for g in family.form_groups}
    assert [f.name for f in family.fields if not f.in_form] == ["is_demo"]  # set by the demo loader only


def test_every_list_column_export_column_and_import_field_comes_from_the_family():
    listed = [f.name for f in ENTERPRISE_FAMILY.listed()]
    assert [c.key for c in ENTERPRISE_LISTING.columns] == [*listed, "review_status", "updated_at"]
    assert all(k in store_listing.ENTERPRISES.columns or k in store_listing.ENTERPRISES.tags for k in listed)
    assert (*(f.name for f in ENTERPRISE_FAMILY.exported()), "review_status") == ENTERPRISE_KEYS
    assert [s.name for s in IMPORT_FIELDS] == [f.name for f in ENTERPRISE_FAMILY.imported()]
    initiative_listed = [f.name for f in INITIATIVE_FAMILY.listed()]
    assert [c.key for c in INITIATIVE_LISTING.columns] == [*initiative_listed, "review_status"]
    assert all(k in store_listing.INITIATIVES.columns for k in initiative_listed)
    fields_exported = [c.key for c in INITIATIVE_COLUMNS if c.key in INITIATIVE_FAMILY.by_name]
    assert fields_exported == [f.name for f in INITIATIVE_FAMILY.exported() if f.name != "notes"] + ["notes"]


def test_every_exported_header_and_every_synonym_imports_back_as_its_field():
    for f in ENTERPRISE_FAMILY.imported():
        header = f"{f.label}（{f.unit}）" if f.unit else f.label
        assert match_header(header)[0] == f.name, header
        for word in f.synonyms:
            assert match_header(word)[0] == f.name, word


def test_a_family_refuses_a_field_twice_or_a_group_it_does_not_have():
    from jjdesk.services.core.fields import FieldSpec
    from jjdesk.services.families.field import Field, FormGroup

    name = Field(FieldSpec("name", "名称"), "Name", form_group="basic")
    with pytest.raises(ValueError, match="declared twice"):
        Family("x", "X", (name, name), (FormGroup("basic", "基本信息", "Basic"),))
    with pytest.raises(ValueError, match="no declared form group"):
        Family("x", "X", (name,), ())
