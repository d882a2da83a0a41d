"""Enterprise use cases on a real database file: validation, duplicates, optimistic locking, audit, bulk."""

import sqlite3
from decimal import Decimal

import pytest

from jjdesk.services.core import audit
from jjdesk.services.core.errors import ConflictError, LockedRecord, NotFound, ServiceError, ValidationFailed
from jjdesk.services.records import enterprises, initiatives
from jjdesk.store import enterprise_tags
from jjdesk.store.models import Enterprise


def test_create_stores_every_field_exactly(db, clerk, enterprise_values):
    saved = enterprises.create(db, clerk, enterprise_values(name="台州海澄进出口有限公司"))
    again = enterprises.get(db, saved["id"])
    assert again["name"] == "台州海澄进出口有限公司"
    assert again["export_value"] == Decimal("289.84") and str(again["export_value"]) == "289.84"
    assert again["services"] == ["通关", "退税"]
    assert again["channels"] == ["速卖通", "亚马逊"]
    assert again["review_status"] == "draft" and again["version"] == 1 and again["created_by"] == "lihua"
    assert again == saved


def test_invalid_input_names_fields_and_writes_nothing(db, db_path, clerk, enterprise_values):
    bad = enterprise_values(
        credit_code="91330000753954968X", mobile="1385760000", join_date="2099-01-01", export_value="-5"
    )
    with pytest.raises(ValidationFailed) as info:
        enterprises.create(db, clerk, bad)
    labels = {e.label for e in info.value.errors}
    assert labels == {"统一社会信用代码", "手机号码", "入驻日期", "年出口额"}
    assert "第18位校验码错误" in str(info.value)
    con = sqlite3.connect(db_path)
    assert con.execute("select count(*) from enterprise").fetchone()[0] == 0
    assert con.execute("select count(*) from audit_log").fetchone()[0] == 0


def test_duplicate_credit_code_is_refused_with_the_other_name(db, clerk, enterprise_values):
    first = enterprises.create(db, clerk, enterprise_values(name="甲公司"))
    with pytest.raises(ValidationFailed, match="已登记为“甲公司”"):
        enterprises.create(db, clerk, enterprise_values(name="乙公司", credit_code=first["credit_code"]))


def test_update_audits_each_changed_field_and_bumps_version(db, clerk, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values())
    e2 = enterprises.update(
        db,
        clerk,
        e["id"],
        {"export_value": "300.1", "services": "通关", "notes": "核对"},
        expected_version=1,
        reason="年报更正",
    )
    assert e2["version"] == 2 and e2["export_value"] == Decimal("300.1")
    history = audit.history(db, "enterprise", e["id"])
    assert [h.action for h in history] == ["create", "update", "update", "update"]
    changes = {h.field: (h.old, h.new, h.reason) for h in history[1:]}
    assert changes["export_value"] == ("289.84", "300.1", "年报更正")
    assert changes["services"] == ("通关、退税", "通关", "年报更正")
    # saving the same values again changes nothing and keeps the version
    e3 = enterprises.update(db, clerk, e["id"], {"export_value": "300.10"}, expected_version=2)
    assert e3["version"] == 2 and len(audit.history(db, "enterprise", e["id"])) == 4


def test_stale_version_is_a_conflict_never_a_silent_overwrite(db, clerk, reviewer, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values())
    enterprises.update(db, reviewer, e["id"], {"contact_name": "王军"}, expected_version=1)
    with pytest.raises(ConflictError, match="第1版，当前是第2版") as info:
        enterprises.update(db, clerk, e["id"], {"contact_name": "林晓晓"}, expected_version=1)
    assert "wangjun" in str(info.value)
    assert enterprises.get(db, e["id"])["contact_name"] == "王军"


def test_submitted_or_approved_records_are_locked(db, clerk, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values())
    with db.write() as s:
        s.get(Enterprise, e["id"]).review_status = "approved"
    with pytest.raises(LockedRecord, match="已审核"):
        enterprises.update(db, clerk, e["id"], {"notes": "x"}, expected_version=1)
    with pytest.raises(LockedRecord):
        enterprises.delete(db, clerk, e["id"], expected_version=1)


def test_delete_keeps_last_content_in_audit_and_refuses_linked(db, clerk, enterprise_values):
    keep = enterprises.create(db, clerk, enterprise_values(name="被关联企业"))
    gone = enterprises.create(db, clerk, enterprise_values(name="待删除企业"))
    initiatives.create(
        db,
        clerk,
        {"name": "未来工厂培育", "category": "未来工厂", "status": "推进中"},
        links=[{"enterprise_id": keep["id"], "role": "推荐"}],
    )
    with pytest.raises(ServiceError, match="关联了工作举措：未来工厂培育"):
        enterprises.delete(db, clerk, keep["id"], expected_version=1)
    enterprises.delete(db, clerk, gone["id"], expected_version=1, reason="重复录入")
    with pytest.raises(NotFound):
        enterprises.get(db, gone["id"])
    last = audit.history(db, "enterprise", gone["id"])[-1]
    assert last.action == "delete" and "待删除企业" in last.old and last.reason == "重复录入"
    with db.session() as s:  # tags went with it (ON DELETE CASCADE with foreign keys on)
        services, _ = enterprise_tags.tags_of(s, [gone["id"]])
    assert services == {}


def test_create_many_is_all_or_nothing_with_row_numbers(db, db_path, clerk, enterprise_values):
    rows = [enterprise_values() for _ in range(5)]
    rows[3]["mobile"] = "12345"
    rows[4]["credit_code"] = rows[1]["credit_code"]
    with pytest.raises(ValidationFailed) as info:
        enterprises.create_many(db, clerk, rows)
    assert {(e.row, e.field) for e in info.value.errors} == {(4, "mobile"), (5, "credit_code")}
    assert "与第2行重复" in str(info.value)
    assert sqlite3.connect(db_path).execute("select count(*) from enterprise").fetchone()[0] == 0
    rows[3]["mobile"] = "13857600009"
    rows[4] = enterprise_values()
    ids = enterprises.create_many(db, clerk, rows)
    assert len(ids) == 5 and enterprises.get(db, ids[2])["services"] == ["通关", "退税"]
    with pytest.raises(ValidationFailed, match="第1行 统一社会信用代码"):
        enterprises.create_many(db, clerk, [dict(rows[0], name="重复的")])


def test_search_matches_name_code_and_contact(db, clerk, enterprise_values):
    a = enterprises.create(db, clerk, enterprise_values(name="台州光电科技有限公司", contact_name="周杰"))
    enterprises.create(db, clerk, enterprise_values(name="浙江卫浴有限公司", contact_name="陈红"))
    assert [r["id"] for r in enterprises.search(db, "光电")] == [a["id"]]
    assert [r["id"] for r in enterprises.search(db, a["credit_code"][-6:])] == [a["id"]]
    assert [r["id"] for r in enterprises.search(db, "周杰")] == [a["id"]]
