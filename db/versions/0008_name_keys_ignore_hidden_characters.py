"""enterprise name keys ignore characters that show nothing: zero-width characters, the byte-order mark, the soft
hyphen and direction controls are left out of the comparison key, so a name holding them is found as a
near-duplicate of the same name without them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 15:10:00

No schema change: the keys of the names that hold such characters (found by a pass over the names, in batches)
are written again with the key as it is from this revision on. New input has these characters removed (or, for
direction controls, refused); records saved before are listed by the review rules ENT-06 / INI-05.
Frozen: imports nothing from jjdesk.
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_BATCH = 5000
_HIDDEN = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")

# jjdesk.store.name_key.name_key as it is at this revision, copied so that a later change to the live key
# cannot change the keys this migration writes.
_NOISE = re.compile(
    r"[\s·•.,，。、()（）\[\]【】<>《》\"'“”‘’\-—_/\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
_PLACES = ("中国", "浙江省", "浙江", "台州市", "台州", "椒江区", "椒江")
_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "公司", "分公司", "厂")
_PREFIX = re.compile("^(?:" + "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True)) + ")+(?=.)")
_SUFFIX = re.compile("(?<=.)(?:" + "|".join(sorted(map(re.escape, _FORMS), key=len, reverse=True)) + ")+$")


def name_key(name, noise=_NOISE):
    if not name:
        return ""
    text = noise.sub("", unicodedata.normalize("NFKC", name)).casefold()
    previous = None
    while text != previous:
        previous = text
        text = _PREFIX.sub("", text, count=1)
        text = _SUFFIX.sub("", text, count=1)
    return text


def _rekey(key_of) -> None:
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
        changed = [{"eid": rid, "key": key_of(name)} for rid, name in rows if name and _HIDDEN.search(name)]
        if changed:
            conn.execute(update, changed)
        last = rows[-1][0]


def upgrade() -> None:
    _rekey(name_key)


def downgrade() -> None:
    # The keys as 0005 made them: the same function without the hidden characters in its noise.
    old_noise = re.compile(r"[\s·•.,，。、()（）\[\]【】<>《》\"'“”‘’\-—_/]")
    _rekey(lambda name: name_key(name, old_noise))
