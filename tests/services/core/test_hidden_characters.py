"""Text means what it shows: characters that show nothing are removed on input, direction controls and line
breaks in one-line fields refused (naming them), look-alike names are one name for the duplicate checks, and
records saved before are listed by the review (ENT-06 / INI-05) with their keys mended by migration 0008."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jjdesk.services.core.errors import ValidationFailed
from jjdesk.services.core.fields import hidden_characters
from jjdesk.services.records import enterprises
from jjdesk.services.review import checks
from jjdesk.store.engine import Database
from jjdesk.store.migrate import current_revision, upgrade
from jjdesk.store.name_key import name_key

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "schema"
TWIN = "台州海澄进出口有限公司"


def test_invisible_characters_are_removed_and_text_is_composed(db, clerk, enterprise_values):
    made = enterprises.create(
        db,
        clerk,
        enterprise_values(name="\ufeff台州\u200b海澄\u200d进出口\u00ad有限公司\u2060", contact_name="Jose\u0301"),
    )
    assert made["name"] == TWIN and made["contact_name"] == "José"


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u200f", "\u061c"])
def test_direction_controls_are_refused_and_named(db, clerk, enterprise_values, control):
    with pytest.raises(ValidationFailed, match=rf"企业名称：含有改变文字显示方向的控制字符（U\+{ord(control):04X}）"):
        enterprises.create(db, clerk, enterprise_values(name=f"台州{control}海澄进出口有限公司"))


def test_line_breaks_are_refused_in_one_line_fields_only(db, clerk, enterprise_values):
    with pytest.raises(ValidationFailed, match="企业名称：不能换行"):
        enterprises.create(db, clerk, enterprise_values(name="台州海澄\n进出口有限公司"))
    made = enterprises.create(db, clerk, enterprise_values(notes="第一行\n第二行"))
    assert made["notes"] == "第一行\n第二行"


def test_look_alike_names_share_one_key():
    for twin in ("台州\u200b海澄进出口有限公司", "台州海澄\u202e进出口有限公司", "\ufeff台州海澄进出口有限公司"):
        assert name_key(twin) == name_key(TWIN) == "海澄进出口"
    assert hidden_characters("台州\u200b海\u202e澄") == "零宽字符 U+200B、方向控制字符 U+202E"
    assert hidden_characters(TWIN) == "" and hidden_characters(None) == ""


def _insert_as_before(path: Path, name: str, key: str, code: str) -> None:
    """A record saved by an earlier version, hidden characters and old key included (as 0007 left it)."""
    con = sqlite3.connect(path)
    con.execute(
        "insert into enterprise (name, name_key, credit_code, enterprise_type, join_date, review_status, is_demo, "
        "is_listed, notes, created_by, created_at, updated_by, updated_at, version) values (?, ?, ?, '外贸公司', "
        "'2021-03-01', 'draft', 0, 0, '', 'old', '2021-03-01 00:00:00.000000', 'old', '2021-03-01 00:00:00.000000', 1)",
        (name, key, code),
    )
    con.commit()
    con.close()


def test_migration_0008_mends_the_keys_and_the_review_lists_the_records(tmp_path, clerk, enterprise_values):
    from jjdesk.services.families.codes import make_credit_code

    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "0007.db", path)
    hidden = "台州\u200b海澄进出口有限公司"
    _insert_as_before(path, hidden, "\u200b海澄进出口", make_credit_code("31400001"))
    db = Database(f"sqlite:///{path}")
    try:
        upgrade(db, "0008", backup=False)
        assert current_revision(db) == "0008"
        with sqlite3.connect(path) as con:
            key = con.execute("select name_key from enterprise where name = ?", (hidden,)).fetchone()
        assert key == ("海澄进出口",)
        enterprises.create(db, clerk, enterprise_values(name=TWIN))
        findings = checks.run_checks(db).findings
        listed = [f for f in findings if f.rule == "ENT-06"]
        assert [(f.label, f.field) for f in listed] == [(hidden, "name")]
        assert "零宽字符 U+200B" in listed[0].message
        near = [f for f in findings if f.rule == "ENT-03" and TWIN in f.message]
        assert near, "the look-alike is found as a near-duplicate once its key is mended"
    finally:
        db.dispose()


def test_migration_0008_downgrade_gives_the_old_keys_back(tmp_path):
    from alembic import command

    from jjdesk.services.families.codes import make_credit_code
    from jjdesk.store.migrate import alembic_config

    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "0007.db", path)
    hidden = "台州\u200b海澄进出口有限公司"
    _insert_as_before(path, hidden, "\u200b海澄进出口", make_credit_code("31400002"))
    url = f"sqlite:///{path}"
    command.upgrade(alembic_config(url), "0008")
    command.downgrade(alembic_config(url), "0007")
    with sqlite3.connect(path) as con:
        key = con.execute("select name_key from enterprise where name = ?", (hidden,)).fetchone()
    assert key == ("\u200b海澄进出口",)
