"""The audit chain: intact after normal work, broken by any edit or deletion of a past entry."""

import sqlite3

from jjdesk.services import audit, enterprises


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
