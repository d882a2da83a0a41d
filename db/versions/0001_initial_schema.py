"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 05:48:45.232380
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def _exact_decimal() -> sa.types.TypeEngine:
    """jjdesk.store.types.ExactDecimal() as it was at this revision, frozen as the plain type with the same DDL:
    BIGINT on SQLite (decimals scaled by 10**4), NUMERIC(18, 4) everywhere else. A migration only creates the
    column, so the DDL type is all it needs; the scaling of values is the live model's business."""
    return sa.Numeric(precision=18, scale=4).with_variant(sa.BigInteger(), 'sqlite')


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=True),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('name', name=op.f('uq_app_user_name'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('record_label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('old', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('new', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('enterprise',
    sa.Column('review_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('submitted_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('return_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('credit_code', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=True),
    sa.Column('customs_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('enterprise_type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('cluster', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('industry_code', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('join_date', sa.Date(), nullable=True),
    sa.Column('contact_name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('mobile', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('landline', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
    sa.Column('export_value', _exact_decimal(), nullable=True),
    sa.Column('is_listed', sa.Boolean(), nullable=False),
    sa.Column('stock_code', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprise')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_enterprise_credit_code'))
    )
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enterprise_cluster'), ['cluster'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_customs_code'), ['customs_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_enterprise_type'), ['enterprise_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_is_demo'), ['is_demo'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_join_date'), ['join_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_review_status'), ['review_status'], unique=False)

    op.create_table('initiative',
    sa.Column('review_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('submitted_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('return_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('lead_department', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('funds', _exact_decimal(), nullable=True),
    sa.Column('stage', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('tier', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('stage_status', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative'))
    )
    with op.batch_alter_table('initiative', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_review_status'), ['review_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_status'), ['status'], unique=False)

    op.create_table('stat_indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('decimals', sa.Integer(), nullable=False),
    sa.Column('sum_group', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['stat_indicator.id'], name=op.f('fk_stat_indicator_parent_id_stat_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stat_indicator')),
    sa.UniqueConstraint('code', name=op.f('uq_stat_indicator_code'))
    )
    with op.batch_alter_table('stat_indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stat_indicator_parent_id'), ['parent_id'], unique=False)

    op.create_table('stat_year',
    sa.Column('review_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('submitted_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('return_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stat_year')),
    sa.UniqueConstraint('year', name=op.f('uq_stat_year_year'))
    )
    with op.batch_alter_table('stat_year', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stat_year_review_status'), ['review_status'], unique=False)

    op.create_table('enterprise_channel',
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], name=op.f('fk_enterprise_channel_enterprise_id_enterprise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('enterprise_id', 'channel', name=op.f('pk_enterprise_channel'))
    )
    with op.batch_alter_table('enterprise_channel', schema=None) as batch_op:
        batch_op.create_index('ix_enterprise_channel_channel', ['channel', 'enterprise_id'], unique=False)

    op.create_table('enterprise_service',
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('service', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], name=op.f('fk_enterprise_service_enterprise_id_enterprise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('enterprise_id', 'service', name=op.f('pk_enterprise_service'))
    )
    with op.batch_alter_table('enterprise_service', schema=None) as batch_op:
        batch_op.create_index('ix_enterprise_service_service', ['service', 'enterprise_id'], unique=False)

    op.create_table('initiative_enterprise',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], name=op.f('fk_initiative_enterprise_enterprise_id_enterprise'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_initiative_enterprise_initiative_id_initiative'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', 'enterprise_id', name=op.f('pk_initiative_enterprise'))
    )
    with op.batch_alter_table('initiative_enterprise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_enterprise_enterprise_id'), ['enterprise_id'], unique=False)

    op.create_table('initiative_indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('target', _exact_decimal(), nullable=True),
    sa.Column('actual', _exact_decimal(), nullable=True),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_initiative_indicator_initiative_id_initiative'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_indicator'))
    )
    with op.batch_alter_table('initiative_indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_indicator_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_milestone_initiative_id_initiative'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('stat_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', _exact_decimal(), nullable=True),
    sa.Column('growth', _exact_decimal(), nullable=True),
    sa.Column('basis', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['stat_indicator.id'], name=op.f('fk_stat_value_indicator_id_stat_indicator'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['year'], ['stat_year.year'], name=op.f('fk_stat_value_year_stat_year')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stat_value')),
    sa.UniqueConstraint('indicator_id', 'year', name=op.f('uq_stat_value_indicator_id_year'))
    )
    with op.batch_alter_table('stat_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stat_value_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stat_value_year'), ['year'], unique=False)

    op.create_table('stat_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stat_value_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', _exact_decimal(), nullable=True),
    sa.Column('growth', _exact_decimal(), nullable=True),
    sa.Column('basis', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('replaced_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('replaced_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['stat_value_id'], ['stat_value.id'], name=op.f('fk_stat_revision_stat_value_id_stat_value'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stat_revision'))
    )
    with op.batch_alter_table('stat_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stat_revision_stat_value_id'), ['stat_value_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stat_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stat_revision_stat_value_id'))

    op.drop_table('stat_revision')
    with op.batch_alter_table('stat_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stat_value_year'))
        batch_op.drop_index(batch_op.f('ix_stat_value_indicator_id'))

    op.drop_table('stat_value')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_initiative_id'))

    op.drop_table('milestone')
    with op.batch_alter_table('initiative_indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_indicator_initiative_id'))

    op.drop_table('initiative_indicator')
    with op.batch_alter_table('initiative_enterprise', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_enterprise_enterprise_id'))

    op.drop_table('initiative_enterprise')
    with op.batch_alter_table('enterprise_service', schema=None) as batch_op:
        batch_op.drop_index('ix_enterprise_service_service')

    op.drop_table('enterprise_service')
    with op.batch_alter_table('enterprise_channel', schema=None) as batch_op:
        batch_op.drop_index('ix_enterprise_channel_channel')

    op.drop_table('enterprise_channel')
    with op.batch_alter_table('stat_year', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stat_year_review_status'))

    op.drop_table('stat_year')
    with op.batch_alter_table('stat_indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stat_indicator_parent_id'))

    op.drop_table('stat_indicator')
    with op.batch_alter_table('initiative', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_status'))
        batch_op.drop_index(batch_op.f('ix_initiative_review_status'))
        batch_op.drop_index(batch_op.f('ix_initiative_name'))
        batch_op.drop_index(batch_op.f('ix_initiative_category'))

    op.drop_table('initiative')
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enterprise_review_status'))
        batch_op.drop_index(batch_op.f('ix_enterprise_name'))
        batch_op.drop_index(batch_op.f('ix_enterprise_join_date'))
        batch_op.drop_index(batch_op.f('ix_enterprise_is_demo'))
        batch_op.drop_index(batch_op.f('ix_enterprise_enterprise_type'))
        batch_op.drop_index(batch_op.f('ix_enterprise_customs_code'))
        batch_op.drop_index(batch_op.f('ix_enterprise_cluster'))

    op.drop_table('enterprise')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_entity')

    op.drop_table('audit_log')
    op.drop_table('app_user')
