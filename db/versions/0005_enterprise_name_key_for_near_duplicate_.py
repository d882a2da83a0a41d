"""enterprise name key for near-duplicate checks: the comparison key of each name (store/name_key.py), indexed, so
checking one record for a near-duplicate name is an index lookup instead of a pass over every enterprise

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 08:34:55.180738
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_BATCH = 5000

# jjdesk.store.name_key.name_key as it was at this revision, copied so that a later change to the live key
# cannot change the keys this migration writes. (Rows written afterwards get the live key from the store.)
_NOISE = re.compile(r"[\s·•.,，。、()（）\[\]【】<>《》\"'“”‘’\-—_/]")
_PLACES = ("中国", "浙江省", "浙江", "台州市", "台州", "椒江区", "椒江")
_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "公司", "分公司", "厂")
# Repeated prefixes and suffixes in one pass each; the lookahead/lookbehind keep at least one character.
_PREFIX = re.compile("^(?:" + "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True)) + ")+(?=.)")
_SUFFIX = re.compile("(?<=.)(?:" + "|".join(sorted(map(re.escape, _FORMS), key=len, reverse=True)) + ")+$")


def name_key(name: str | None) -> str:
    """The comparison key of a company name: without spaces, brackets and punctuation, in one width and case,
    without place prefixes and legal-form suffixes; "" for no name."""
    if not name:
        return ""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", name)).casefold()
    previous = None
    while text != previous:  # a suffix removal can expose a place prefix only in odd names; loop to a fixpoint
        previous = text
        text = _PREFIX.sub("", text, count=1)
        text = _SUFFIX.sub("", text, count=1)
    return text


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: the table is not rebuilt, so the search-index triggers stay as they are.
    op.add_column('enterprise', sa.Column('name_key', sa.String(length=100), nullable=True))
    conn = op.get_bind()
    enterprise = sa.table('enterprise', sa.column('id', sa.Integer), sa.column('name', sa.String),
                          sa.column('name_key', sa.String))
    update = (sa.update(enterprise).where(enterprise.c.id == sa.bindparam('eid'))
              .values(name_key=sa.bindparam('key')))
    last = 0
    while True:
        rows = conn.execute(sa.select(enterprise.c.id, enterprise.c.name).where(enterprise.c.id > last)
                            .order_by(enterprise.c.id).limit(_BATCH)).all()
        if not rows:
            break
        conn.execute(update, [{"eid": rid, "key": name_key(name)} for rid, name in rows])
        last = rows[-1][0]
    op.create_index('ix_enterprise_name_key', 'enterprise', ['name_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_enterprise_name_key', table_name='enterprise')
    op.drop_column('enterprise', 'name_key')  # ALTER TABLE DROP COLUMN (SQLite ≥ 3.35): no rebuild, triggers kept
