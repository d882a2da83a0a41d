"""enterprise search: trigram index for the search box, indexes for sorting lists by any column

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 06:06:30.018157

The FTS5 index exists on SQLite only (jjdesk.store.sqlite_search); other backends search with ILIKE and get
just the ordinary indexes. Indexes are created before the FTS triggers so no later step of this script can
rebuild the enterprise table and drop them.
"""

from alembic import op

from jjdesk.store import sqlite_search


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_INDEXES = (
    ('enterprise', 'contact_name'),
    ('enterprise', 'export_value'),
    ('enterprise', 'mobile'),
    ('enterprise', 'updated_at'),
    ('initiative', 'updated_at'),
    ('stat_year', 'updated_at'),
)


def upgrade() -> None:
    for table, column in _INDEXES:
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        sqlite_search.install(bind)
        sqlite_search.backfill(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        sqlite_search.uninstall(bind)
    for table, column in reversed(_INDEXES):
        op.drop_index(op.f(f'ix_{table}_{column}'), table_name=table)
