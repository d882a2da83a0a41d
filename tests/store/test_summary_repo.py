"""The dashboard's per-value counting gives what a plain GROUP BY gives, whatever part of the values is known."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jjdesk.services.records import enterprises
from jjdesk.store import summary_repo

CLUSTERS = ("阀门", "家电", "模具", "Ａ区", "zz", "光电", "光电", None, "家电")


ALL_KNOWN = ("阀门", "zz", "Ａ区", "光电", "家电", "模具")


@pytest.mark.parametrize("known", [(), ("家电",), ("光电", "家电", "模具"), ("不存在",), ALL_KNOWN])
def test_value_counts_equal_group_by(db, clerk, enterprise_values, known):
    for cluster in CLUSTERS:
        enterprises.create(db, clerk, enterprise_values(cluster=cluster))
    column = summary_repo.ENTERPRISE.c.cluster
    with db.session() as s:
        expected = {v: n for v, n in s.execute(select(column, func.count()).group_by(column))}
        got = summary_repo.value_counts(s, column, known)
    assert dict(got) == expected and len(got) == len(expected) == 7
