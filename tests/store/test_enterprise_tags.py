"""One tag loader for every caller: a dense page, scattered ids past the chunk size, ids without tags."""

from __future__ import annotations

from jjdesk.services.demo.enterprises import iter_demo_enterprises
from jjdesk.store import bulk
from jjdesk.store.enterprise_tags import tags_of
from jjdesk.store.tables import CHANNEL, SERVICE


def _truth(s, ids):
    want = set(ids)
    services, channels = {}, {}
    for table, column, out in ((SERVICE, "service", services), (CHANNEL, "channel", channels)):
        for eid, tag in s.execute(table.select().with_only_columns(table.c.enterprise_id, table.c[column])):
            if eid in want:
                out.setdefault(eid, []).append(tag)
    return services, channels


def _sorted(tags):
    return {k: sorted(v) for k, v in tags.items() if v}


def test_dense_scattered_and_chunked_reads_agree_with_the_tables(db):
    bulk.insert_enterprises(db, iter_demo_enterprises(1500, seed=3))
    with db.session() as s:
        all_ids = sorted(r[0] for r in s.execute(SERVICE.select().with_only_columns(SERVICE.c.enterprise_id)))
        ids = sorted(set(all_ids))
        cases = {
            "dense page": ids[100:356],
            "dense page with gaps": ids[100:356:2],
            "scattered": ids[::5],
            "scattered, past one chunk": [*ids[:600], 10**6],  # an id far away makes the run sparse
            "one": ids[:1],
        }
        assert max(cases["scattered"]) - min(cases["scattered"]) >= 2 * len(cases["scattered"])
        for name, asked in cases.items():
            services, channels = tags_of(s, asked)
            truth_services, truth_channels = _truth(s, asked)
            assert _sorted(services) == _sorted(truth_services), name
            assert _sorted(channels) == _sorted(truth_channels), name
            assert set(services) <= set(asked) and set(channels) <= set(asked), name
        services, channels = tags_of(s, [10**9])  # no such enterprise: read as no tags
        assert services[10**9] == [] and channels[10**9] == []
        assert tags_of(s, []) == ({}, {})
