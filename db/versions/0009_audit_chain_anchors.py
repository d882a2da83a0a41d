"""audit chain anchors: every 上报 and meeting pack records the chain head it was made from

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 15:30:00

Two nullable columns on ``submission`` and ``meeting_pack``: ``chain_entries`` (how many audit entries the chain
held) and ``chain_hash`` (the hash of the last of them). The same pair is printed on the workbook's cover, so a
history rewritten later — even with every hash recomputed — no longer passes through what was handed out.
Rows made before carry none. Plain ADD COLUMN: no table is rebuilt. Frozen: imports nothing from jjdesk.
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_TABLES = ('submission', 'meeting_pack')


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column('chain_entries', sa.Integer(), nullable=True))
        op.add_column(table, sa.Column('chain_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    for table in _TABLES:
        op.drop_column(table, 'chain_hash')
        op.drop_column(table, 'chain_entries')
