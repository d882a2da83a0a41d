"""Alembic environment: runs on the connection jjdesk.store.migrate hands over."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

# The live app modules are imported here for autogenerate only (the current models to compare with, the search
# tables to leave alone, the app's column types to write out as plain ones). Migration scripts themselves never
# import jjdesk (tests/store/test_migrations_frozen.py): what they did must not change when the app changes.
from jjdesk.store import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from jjdesk.store.sqlite_search import is_search_table
from jjdesk.store.types import SCALE, ExactDecimal

config = context.config
target_metadata = SQLModel.metadata


def _include_name(name, type_, _parent_names) -> bool:
    # The FTS5 index and its shadow tables are made by hand (0002), not from the models: autogenerate must not
    # offer to drop them.
    return not (type_ == "table" and is_search_table(name))


def _render_item(type_, obj, _autogen_context):
    # A new script gets the plain SQLAlchemy type that ExactDecimal compiles to (BIGINT of the scaled value on
    # SQLite, NUMERIC elsewhere), not jjdesk.store.types.ExactDecimal: the DDL is all a migration needs.
    if type_ == "type" and isinstance(obj, ExactDecimal):
        return f"sa.Numeric(precision={obj.precision}, scale={SCALE}).with_variant(sa.BigInteger(), 'sqlite')"
    return False  # alembic's own rendering


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs copy-and-move for ALTER
        compare_type=True,
        include_name=_include_name,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _run(conn)
