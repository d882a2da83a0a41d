"""Alembic environment: runs on the connection jjdesk.store.migrate hands over."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from jjdesk.store import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from jjdesk.store.sqlite_search import is_search_table

config = context.config
target_metadata = SQLModel.metadata


def _include_name(name, type_, _parent_names) -> bool:
    # The FTS5 index and its shadow tables are made by hand (0002), not from the models: autogenerate must not
    # offer to drop them.
    return not (type_ == "table" and is_search_table(name))


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs copy-and-move for ALTER
        compare_type=True,
        include_name=_include_name,
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
