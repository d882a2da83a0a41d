"""Looking up registered enterprises by credit code gives the same records whichever way it reads them: code by
code through the unique index, or — when the file names more codes than the table holds — from the table's
own codes."""

from __future__ import annotations

import pytest

from jjdesk.services.demo.enterprises import iter_demo_enterprises
from jjdesk.store import bulk, import_repo


@pytest.mark.parametrize("unregistered", [10, 900])  # 10: looked up code by code; 900: read from the table
def test_registered_enterprises_found_by_code_either_way(db, unregistered):
    bulk.insert_enterprises(db, iter_demo_enterprises(60, seed=5))
    with db.session() as s:
        assert import_repo.enterprises_by_codes(s, [], ["name"]) == {}
        stored = {r.credit_code: r for r in s.exec(bulk.ENTERPRISE.select())}
        asked_registered = sorted(stored)[::2]  # 30 of the 60
        asked = sorted([*asked_registered, *(f"9133100{i:011d}" for i in range(unregistered))])
        found = import_repo.enterprises_by_codes(s, asked, ["name", "cluster"])
    assert sorted(found) == asked_registered
    for code, rec in found.items():
        row = stored[code]
        assert rec == {
            "id": row.id,
            "credit_code": code,
            "review_status": row.review_status,
            "version": row.version,
            "name": row.name,
            "cluster": row.cluster,
        }
