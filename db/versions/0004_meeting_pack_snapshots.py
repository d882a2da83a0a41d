"""meeting pack snapshots: each exported 会议材料 keeps its records (canonical JSON, content hash), so the next
pack can list what changed since (added, changed, removed records, field by field)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 08:26:09.873968
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meeting_pack',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('record_count', sa.Integer(), nullable=False),
    sa.Column('workbook', sqlmodel.sql.sqltypes.AutoString(length=260), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_pack'))
    )
    with op.batch_alter_table('meeting_pack', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_pack_created_at'), ['created_at'], unique=False)

    op.create_table('meeting_pack_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.Integer(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['pack_id'], ['meeting_pack.id'], name=op.f('fk_meeting_pack_record_pack_id_meeting_pack'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_pack_record')),
    sa.UniqueConstraint('pack_id', 'entity', 'entity_id', name=op.f('uq_meeting_pack_record_pack_id_entity_entity_id'))
    )
    with op.batch_alter_table('meeting_pack_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_pack_record_pack_id'), ['pack_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('meeting_pack_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_pack_record_pack_id'))

    op.drop_table('meeting_pack_record')
    with op.batch_alter_table('meeting_pack', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_pack_created_at'))

    op.drop_table('meeting_pack')
