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

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 11:05:00
"""

from alembic import op

from jjdesk.store import sqlite_search

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TABLES = ("enterprise", "initiative")  # the records officers delete; audit entity names are the table names


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    search = sqlite_search.is_installed(conn)
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass
        conn.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0 WHERE NOT EXISTS "
                             "(SELECT 1 FROM sqlite_sequence WHERE name = ?)", (table, table))
        conn.exec_driver_sql(
            f"UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(id) FROM {table}), 0), "
            "coalesce((SELECT max(entity_id) FROM audit_log WHERE entity = ?), 0)) WHERE name = ?", (table, table))
    if search:
        sqlite_search.install(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    search = sqlite_search.is_installed(conn)
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}):
            pass
    if search:
        sqlite_search.install(conn)
