"""The audit chain: intact after normal work, broken by any edit or deletion of a past entry."""

import sqlite3

import pytest

from jjdesk.services.core import audit
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.records import enterprises


def _work(db, clerk, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values())
    enterprises.update(db, clerk, e["id"], {"notes": "一"}, expected_version=1)
    enterprises.update(db, clerk, e["id"], {"notes": "二"}, expected_version=2)
    return e


def test_chain_is_intact_after_normal_work(db, clerk, enterprise_values):
    _work(db, clerk, enterprise_values)
    report = audit.verify_chain(db)
    assert report.ok and report.entries == 3


def test_editing_a_past_entry_in_the_file_is_detected(db, db_path, clerk, enterprise_values):
    _work(db, clerk, enterprise_values)
    con = sqlite3.connect(db_path)
    con.execute("update audit_log set new = '三' where id = 2")
    con.commit()
    report = audit.verify_chain(db)
    assert not report.ok and report.first_bad_id == 2 and "哈希不符" in report.message


def test_deleting_a_past_entry_is_detected(db, db_path, clerk, enterprise_values):
    _work(db, clerk, enterprise_values)
    con = sqlite3.connect(db_path)
    con.execute("delete from audit_log where id = 2")
    con.commit()
    report = audit.verify_chain(db)
    assert not report.ok and report.first_bad_id == 3 and "断开" in report.message


def test_head_follows_the_chain_in_the_same_transaction(db, db_path, clerk, enterprise_values):
    _work(db, clerk, enterprise_values)
    con = sqlite3.connect(db_path)
    last = con.execute("select hash from audit_log order by id desc limit 1").fetchone()[0]
    assert con.execute("select entries, last_hash from audit_head where id = 1").fetchone() == (3, last)


def test_deleting_the_last_entries_is_detected(db, db_path, clerk, enterprise_values):
    _work(db, clerk, enterprise_values)
    con = sqlite3.connect(db_path)
    con.execute("delete from audit_log where id >= 2")
    con.commit()
    report = audit.verify_chain(db)
    assert not report.ok and report.first_bad_id is None and not report.head_ok
    assert "末尾的2条修改记录被删除" in report.message


def test_truncation_stays_visible_after_more_work(db, db_path, clerk, enterprise_values):
    _work(db, clerk, enterprise_values)
    con = sqlite3.connect(db_path)
    con.execute("delete from audit_log where id = 3")
    con.commit()
    enterprises.update(db, clerk, 1, {"notes": "三"}, expected_version=3)
    # The next entry chains onto the head's hash — the removed entry's — so the gap shows as a break.
    report = audit.verify_chain(db)
    assert not report.ok and "断开" in report.message


def test_an_altered_or_missing_head_is_detected_and_stops_writing(db, db_path, clerk, enterprise_values):
    _work(db, clerk, enterprise_values)
    con = sqlite3.connect(db_path)
    con.execute("update audit_head set entries = entries - 1")
    con.commit()
    report = audit.verify_chain(db)
    assert not report.ok and "与链头记录不符" in report.message
    con.execute("delete from audit_head")
    con.commit()
    assert "链头记录缺失" in audit.verify_chain(db).message
    with pytest.raises(ServiceError, match="已停止写入"):
        enterprises.update(db, clerk, 1, {"notes": "再改"}, expected_version=3)


def test_snapshot_converts_each_type_exactly_as_as_text():
    """snapshot_json dispatches on a value's exact type; the text must be as_text's for every type a record holds
    (a datetime, being a date too, must still get as_text's UTC form)."""
    import json
    from datetime import UTC, date, datetime, timedelta, timezone
    from decimal import Decimal

    values = {
        "b": True,
        "b2": False,
        "d": Decimal("300.100"),
        "d2": Decimal("1E+2"),
        "day": date(2021, 2, 19),
        "at": datetime(2021, 2, 19, 8, 0, tzinfo=timezone(timedelta(hours=8))),
        "utc": datetime(2021, 2, 19, tzinfo=UTC),
        "l": ["通关", "退税"],
        "t": ("a",),
        "empty": [],
        "i": 7,
        "neg": -3,
        "none": None,
        "s": '文字 "引号"',
    }
    expected = json.dumps({k: audit.as_text(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True)
    assert audit.snapshot_json(values) == expected
