"""review: audit chain head, 核实 explanations, credit-code exceptions, submissions (上报)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 06:20:36.797468
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('credit_code_exception',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_code_exception')),
    sa.UniqueConstraint('code', name=op.f('uq_credit_code_exception_code'))
    )
    op.create_table('review_explanation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('values_key', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_explanation')),
    sa.UniqueConstraint('rule_id', 'entity', 'entity_id', 'field', name=op.f('uq_review_explanation_rule_id_entity_entity_id_field'))
    )
    with op.batch_alter_table('review_explanation', schema=None) as batch_op:
        batch_op.create_index('ix_review_explanation_record', ['entity', 'entity_id'], unique=False)

    op.create_table('submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('submitted_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('record_count', sa.Integer(), nullable=False),
    sa.Column('workbook', sqlmodel.sql.sqltypes.AutoString(length=260), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission'))
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_year'), ['year'], unique=False)

    op.create_table('submission_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_submission_record_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_record')),
    sa.UniqueConstraint('submission_id', 'entity', 'entity_id', name=op.f('uq_submission_record_submission_id_entity_entity_id'))
    )
    with op.batch_alter_table('submission_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_record_submission_id'), ['submission_id'], unique=False)

    # The head starts where the existing chain ends, so verification compares against today's last entry.
    op.execute(
        "INSERT INTO audit_head (id, last_hash, entries, updated_at) SELECT 1, "
        "COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), ''), "
        "(SELECT COUNT(*) FROM audit_log), NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table('submission_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_record_submission_id'))

    op.drop_table('submission_record')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_year'))

    op.drop_table('submission')
    with op.batch_alter_table('review_explanation', schema=None) as batch_op:
        batch_op.drop_index('ix_review_explanation_record')

    op.drop_table('review_explanation')
    op.drop_table('credit_code_exception')
    op.drop_table('audit_head')
