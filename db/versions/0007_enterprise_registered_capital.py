"""enterprise registered capital (注册资本, 万元)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 12:40:00

A nullable exact-decimal column: NUMERIC(18, 4) on PostgreSQL, an integer scaled by 10⁴ on SQLite (as every money
column; see 0001). ADD COLUMN needs no table rebuild on SQLite, so the search triggers stay as they are.
Frozen: imports nothing from jjdesk.
"""

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def _exact_decimal() -> sa.types.TypeEngine:
    return sa.Numeric(precision=18, scale=4).with_variant(sa.BigInteger(), 'sqlite')


def upgrade() -> None:
    op.add_column('enterprise', sa.Column('registered_capital', _exact_decimal(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): no table rebuild, so the search triggers stay in place.
    op.drop_column('enterprise', 'registered_capital')
