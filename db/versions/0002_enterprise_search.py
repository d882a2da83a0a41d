"""enterprise search: trigram index for the search box, indexes for sorting lists by any column

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 06:06:30.018157

The FTS5 index exists on SQLite only (see jjdesk.store.sqlite_search for why and how it is queried); other
backends search with ILIKE and get just the ordinary indexes. Indexes are created before the FTS triggers so no
later step of this script can rebuild the enterprise table and drop them.

The statements below are the ones jjdesk.store.sqlite_search ran at this revision, written out so that a later
change to that module cannot change what this migration did. SQLite keeps a trigger's text as it was given,
so the whitespace inside the strings is part of the schema: leave it as it is.
"""

from alembic import op

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

# Each indexed value ends with two padding characters, char(1, 1), so that one- and two-character searches can
# be expanded through the vocabulary table (enterprise_search_terms).
_INSTALL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS enterprise_search USING fts5(name, credit_code, contact_name, content='', "
    "tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS enterprise_search_terms USING fts5vocab(enterprise_search, 'row')",
    "CREATE TRIGGER IF NOT EXISTS enterprise_search_ai AFTER INSERT ON enterprise BEGIN\n"
    "              INSERT INTO enterprise_search(rowid, name, credit_code, contact_name) VALUES (new.id, "
    "new.name || char(1, 1), new.credit_code || char(1, 1), new.contact_name || char(1, 1));\n"
    "            END",
    "CREATE TRIGGER IF NOT EXISTS enterprise_search_ad AFTER DELETE ON enterprise BEGIN\n"
    "              INSERT INTO enterprise_search(enterprise_search, rowid, name, credit_code, contact_name) VALUES "
    "('delete', old.id, old.name || char(1, 1), old.credit_code || char(1, 1), old.contact_name || char(1, 1));\n"
    "            END",
    "CREATE TRIGGER IF NOT EXISTS enterprise_search_au AFTER UPDATE OF name, credit_code, contact_name ON "
    "enterprise BEGIN\n"
    "              INSERT INTO enterprise_search(enterprise_search, rowid, name, credit_code, contact_name) VALUES "
    "('delete', old.id, old.name || char(1, 1), old.credit_code || char(1, 1), old.contact_name || char(1, 1));\n"
    "              INSERT INTO enterprise_search(rowid, name, credit_code, contact_name) VALUES (new.id, "
    "new.name || char(1, 1), new.credit_code || char(1, 1), new.contact_name || char(1, 1));\n"
    "            END",
)

# Index every existing enterprise from scratch.
_BACKFILL = (
    "INSERT INTO enterprise_search(enterprise_search) VALUES ('delete-all')",
    "INSERT INTO enterprise_search(rowid, name, credit_code, contact_name) SELECT id, "
    "enterprise.name || char(1, 1), enterprise.credit_code || char(1, 1), enterprise.contact_name || char(1, 1) "
    "FROM enterprise",
    "INSERT INTO enterprise_search(enterprise_search) VALUES ('optimize')",
)

_UNINSTALL = (
    "DROP TRIGGER IF EXISTS enterprise_search_ai",
    "DROP TRIGGER IF EXISTS enterprise_search_ad",
    "DROP TRIGGER IF EXISTS enterprise_search_au",
    "DROP TABLE IF EXISTS enterprise_search_terms",
    "DROP TABLE IF EXISTS enterprise_search",
)


def upgrade() -> None:
    for table, column in _INDEXES:
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for sql in _INSTALL + _BACKFILL:
            bind.exec_driver_sql(sql)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for sql in _UNINSTALL:
            bind.exec_driver_sql(sql)
    for table, column in reversed(_INDEXES):
        op.drop_index(op.f(f'ix_{table}_{column}'), table_name=table)
