"""ids are never reused: enterprise and initiative become AUTOINCREMENT tables

Without AUTOINCREMENT SQLite gives a new row the largest id + 1, so deleting the newest enterprise and then
adding one hands the new record the deleted record's id — and with it the deleted record's 修改记录 (audit
entries are found by entity and id), its 核实 explanations, and a 修改 instead of 删除 + 新增 in the next
meeting pack or submission comparison. AUTOINCREMENT remembers the highest id ever used (sqlite_sequence).

SQLite can only add it by rebuilding the table (copy, drop, rename; foreign keys are off while migrating,
store/migrate.py). The ids are kept, so every reference, the search index (keyed by id) and the audit trail
stay valid; the search triggers, dropped with the old table, are installed again. The sequence starts above
the highest id the audit trail has ever seen for the table, which covers records deleted before this upgrade.
Other backends never reuse ids (sequences): nothing to do there.

The search index statements are the ones jjdesk.store.sqlite_search ran at this revision (the same as 0002's),
written out so that a later change to that module cannot change what this migration did. SQLite keeps a
trigger's text as it was given, so the whitespace inside the strings is part of the schema.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 11:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TABLES = ("enterprise", "initiative")  # the records officers delete; audit entity names are the table names

# The search index and the triggers that keep it current (rebuilding enterprise drops its triggers). The two
# virtual tables already exist wherever the triggers are reinstalled: their statements are no-ops there.
_SEARCH_INSTALL = (
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


def _search_installed(conn) -> bool:
    """Whether this database has the search index (a database made without migrations would not)."""
    found = conn.execute(sa.text("SELECT count(*) FROM sqlite_master WHERE name IN (:a, :b)"),
                         {"a": "enterprise_search", "b": "enterprise_search_au"}).scalar()
    return found == 2


def _install_search(conn) -> None:
    for sql in _SEARCH_INSTALL:
        conn.exec_driver_sql(sql)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    search = _search_installed(conn)
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass
        conn.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0 WHERE NOT EXISTS "
                             "(SELECT 1 FROM sqlite_sequence WHERE name = ?)", (table, table))
        conn.exec_driver_sql(
            f"UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(id) FROM {table}), 0), "
            "coalesce((SELECT max(entity_id) FROM audit_log WHERE entity = ?), 0)) WHERE name = ?", (table, table))
    if search:
        _install_search(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    search = _search_installed(conn)
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}):
            pass
    if search:
        _install_search(conn)
