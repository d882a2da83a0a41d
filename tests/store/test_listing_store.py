"""Store side of the lists: the migrated schema matches the models, the bulk loader writes what the ORM would,
and the search index stays consistent with the table it indexes."""

from __future__ import annotations

from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from jjdesk.services.demo.enterprises import generate_demo_enterprises
from jjdesk.services.records import enterprises
from jjdesk.services.records.listing import ENTERPRISE_LISTING, ListQuery
from jjdesk.store import bulk, sqlite_search


def _include(name, type_, _parents):
    return not (type_ == "table" and sqlite_search.is_search_table(name))


def test_migrations_and_models_agree(db):
    """Indexes added for sorting live in both models.py and 0002: autogenerate finds nothing to do."""
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": _include, "compare_type": True})
        assert compare_metadata(ctx, SQLModel.metadata) == []


def test_sort_columns_have_indexes(db):
    indexed = {col for ix in inspect(db.engine).get_indexes("enterprise") for col in ix["column_names"]}
    indexed |= {col for uq in inspect(db.engine).get_unique_constraints("enterprise") for col in uq["column_names"]}
    sortable = {c.key for c in ENTERPRISE_LISTING.columns if c.sortable}
    assert sortable <= indexed


def test_search_tables_are_installed_and_recognised(db):
    with db.engine.connect() as conn:
        assert sqlite_search.is_installed(conn)
    names = inspect(db.engine).get_table_names()
    assert sqlite_search.INDEX in names
    assert all(sqlite_search.is_search_table(n) for n in names if n.startswith("enterprise_search"))
    assert not sqlite_search.is_search_table("enterprise")
    assert not sqlite_search.is_search_table("enterprise_service")


def test_bulk_insert_writes_what_the_orm_reads_back(db):
    rows = generate_demo_enterprises(60, seed=7)
    assert bulk.insert_enterprises(db, rows, actor_name="bench") == 60
    listed = ENTERPRISE_LISTING.fetch(db, ListQuery(), 0, 100)
    assert len(listed) == 60
    for row, (eid, *_rest) in zip(rows, listed, strict=True):
        record = enterprises.get(db, eid)
        for key in (
            "name",
            "credit_code",
            "customs_code",
            "enterprise_type",
            "cluster",
            "join_date",
            "mobile",
            "landline",
            "contact_name",
            "notes",
            "is_demo",
            "services",
            "channels",
        ):
            assert record[key] == row[key], key
        assert record["export_value"] == row["export_value"]
        assert record["export_value"] is None or isinstance(record["export_value"], Decimal)
        assert record["review_status"] == "draft" and record["version"] == 1 and record["created_by"] == "bench"
    # Indexes dropped for the load are back; the search index covers the new rows; triggers are back too.
    names = {ix["name"] for ix in inspect(db.engine).get_indexes("enterprise")}
    assert {"ix_enterprise_name", "ix_enterprise_export_value", "ix_enterprise_updated_at"} <= names
    assert ENTERPRISE_LISTING.ids(db, ListQuery(search=rows[10]["name"])) == [listed[10][0]]
    with db.engine.connect() as conn:
        assert sqlite_search.is_installed(conn)


def test_bulk_insert_appends_after_existing_rows(db, clerk, enterprise_values):
    first = enterprises.create(db, clerk, enterprise_values())
    bulk.insert_enterprises(db, generate_demo_enterprises(5, seed=3))
    ids = ENTERPRISE_LISTING.ids(db, ListQuery())
    assert ids[0] == first["id"] and ids[1:] == list(range(first["id"] + 1, first["id"] + 6))
    assert ENTERPRISE_LISTING.count(db, ListQuery(search="测试进出口")) == 1
