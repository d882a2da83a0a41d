"""List queries: every filter, search (short and long, FTS and LIKE), sorting and paging agree with a plain
Python evaluation of the same rows, on a real migrated SQLite file with the demo data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jjdesk.services.records import enterprises
from jjdesk.services.records.listing import (
    ENTERPRISE_LISTING,
    INITIATIVE_LISTING,
    ColumnSpec,
    Filters,
    ListQuery,
    search_terms,
)
from jjdesk.store import listing as store_listing
from jjdesk.store import sqlite_search

E = ENTERPRISE_LISTING
KEYS = E.keys


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=200)
    return db


@pytest.fixture
def everything(demo_db):
    """Every enterprise as the listing returns it unfiltered, with services looked up for filter checks."""
    rows = E.fetch(demo_db, ListQuery(), 0, 10_000)
    assert len(rows) == 205
    return rows


def _val(row, key):
    return row[1 + KEYS.index(key)]


def _contains(row, term):
    return any(term.lower() in (_val(row, k) or "").lower() for k in ("name", "credit_code", "contact_name"))


def _ids(rows):
    return [r[0] for r in rows]


def _sorted(rows, key, descending):
    # The list's order: NULL before every value ascending (SQLite), ties broken by id in the same direction.
    def sort_key(r):
        v = _val(r, key)
        return (v is not None, v if v is not None else 0, r[0])

    return sorted(rows, key=sort_key, reverse=descending)


# ---------------------------------------------------------------- queries and specs


def test_query_is_hashable_and_normalises_filters():
    a = ListQuery(filters={"cluster": ["家电"], "service": None, "enterprise_type": ""})
    b = ListQuery(filters={"cluster": ("家电",)})
    assert a == b and hash(a) == hash(b)
    assert dict(a.filters) == {"cluster": ("家电",)}
    assert a.replace(search="光电") != a
    assert isinstance(a.replace(search="x").filters, Filters)
    assert Filters({"b": 1, "a": 2}) == {"a": 2, "b": 1}


def test_search_terms_fold_ime_input_and_drop_controls():
    assert search_terms("  光电　 ９１３３\x01 ") == ("光电", "9133")
    assert search_terms("") == ()
    assert search_terms("a a") == ("a",)


def test_column_spec_refuses_unknown_kind():
    with pytest.raises(ValueError):
        ColumnSpec("name", "money")


def test_unknown_filter_bad_value_and_unsortable_column_are_refused(demo_db):
    with pytest.raises(ValueError, match="不是企业列表的筛选条件"):
        E.count(demo_db, ListQuery(filters={"colour": "red"}))
    with pytest.raises(ValueError, match="不是可选项"):
        E.count(demo_db, ListQuery(filters={"enterprise_type": "国企"}))
    with pytest.raises(ValueError):
        E.count(demo_db, ListQuery(filters={"join_from": "2021-13-40"}))
    with pytest.raises(ValueError):
        E.count(demo_db, ListQuery(filters={"review_status": "lost"}))
    with pytest.raises(ValueError):
        E.count(demo_db, ListQuery(filters={"is_demo": "yes"}))
    with pytest.raises(ValueError, match="不能按"):
        E.fetch(demo_db, ListQuery(sort_key="services"), 0, 10)
    with pytest.raises(ValueError, match="不能按"):
        E.fetch(demo_db, ListQuery(sort_key="notes"), 0, 10)
    with pytest.raises(ValueError):
        INITIATIVE_LISTING.count(demo_db, ListQuery(filters={"cluster": "家电"}))


# ---------------------------------------------------------------- values


def test_rows_are_typed(everything):
    jack = next(r for r in everything if _val(r, "name") == "杰克科技股份有限公司")
    assert _val(jack, "credit_code") == "91330000753954968D"
    assert _val(jack, "review_status") == "draft"
    generated = [r for r in everything if _val(r, "join_date") is not None]
    assert all(isinstance(_val(r, "join_date"), date) for r in generated)
    assert all(isinstance(_val(r, "export_value"), Decimal) for r in generated if _val(r, "export_value"))
    assert all(isinstance(_val(r, "services"), list) for r in everything)
    # Tags in the vocabulary's order, not the database's.
    order = {"通关": 0, "收汇": 1, "退税": 2, "融资": 3, "信保": 4, "物流": 5}
    for r in generated:
        services = _val(r, "services")
        assert services == sorted(services, key=order.__getitem__)


def test_tags_match_the_records(demo_db, everything):
    for row in everything[5:15]:
        record = enterprises.get(demo_db, row[0])
        assert _val(row, "services") == record["services"]
        assert _val(row, "channels") == record["channels"]


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        ({"enterprise_type": "外贸公司"}, lambda r: _val(r, "enterprise_type") == "外贸公司"),
        ({"enterprise_type": ["外贸公司", "其他"]}, lambda r: _val(r, "enterprise_type") in ("外贸公司", "其他")),
        ({"cluster": "家电"}, lambda r: _val(r, "cluster") == "家电"),
        ({"service": "融资"}, lambda r: "融资" in _val(r, "services")),
        ({"service": ["融资", "信保"]}, lambda r: {"融资", "信保"} & set(_val(r, "services"))),
        ({"join_from": "2021-01-01"}, lambda r: (_val(r, "join_date") or date.min) >= date(2021, 1, 1)),
        (
            {"join_to": date(2021, 6, 30)},
            lambda r: _val(r, "join_date") is not None and _val(r, "join_date") <= date(2021, 6, 30),
        ),
        (
            {"join_from": "2021-01-01", "join_to": "2022-12-31"},
            lambda r: (
                _val(r, "join_date") is not None and date(2021, 1, 1) <= _val(r, "join_date") <= date(2022, 12, 31)
            ),
        ),
        ({"review_status": "draft"}, lambda r: True),
        ({"review_status": "待审核"}, lambda r: False),
        ({"is_demo": False}, lambda r: _val(r, "credit_code") in (None, "91330000753954968D")),
        (
            {"cluster": "光电", "enterprise_type": "生产企业"},
            lambda r: _val(r, "cluster") == "光电" and _val(r, "enterprise_type") == "生产企业",
        ),
    ],
)
def test_filters(demo_db, everything, filters, keep):
    query = ListQuery(filters=filters)
    expected = [r[0] for r in everything if keep(r)]
    assert _ids(E.fetch(demo_db, query, 0, 1000)) == expected
    assert E.count(demo_db, query) == len(expected)
    assert E.ids(demo_db, query) == expected


# ---------------------------------------------------------------- search


@pytest.mark.parametrize(
    "text",
    [
        "光电",
        "科技",
        "缝制设备",
        "有限公司",
        "李",
        "林",
        "9133",
        "91331002",
        "ma2",
        "杰克 科技",
        "光电 缝制",
        "台州市椒江区",
        "zz",
        "％",
        "%",
        "_",
        "电有",
    ],
)
def test_search_matches_name_code_and_contact(demo_db, everything, text):
    terms = search_terms(text)
    expected = [r[0] for r in everything if all(_contains(r, t) for t in terms)]
    query = ListQuery(search=text)
    assert E.count(demo_db, query) == len(expected)
    assert _ids(E.fetch(demo_db, query, 0, 1000)) == expected
    assert E.snapshot(demo_db, query, 50) == (len(expected), E.fetch(demo_db, query, 0, 50))


def test_search_finds_contact_and_lowercase_code(demo_db, everything):
    row = next(r for r in everything if _val(r, "contact_name") and _val(r, "credit_code"))
    assert row[0] in E.ids(demo_db, ListQuery(search=_val(row, "contact_name")))
    assert E.ids(demo_db, ListQuery(search=_val(row, "credit_code").lower())) == [row[0]]
    last_two = _val(row, "credit_code")[-2:]  # the end of a value: the padded trigram case
    assert row[0] in E.ids(demo_db, ListQuery(search=last_two))


@pytest.mark.parametrize("route", ["fts", "like-for-short-terms", "like-only"])
def test_every_search_route_gives_the_same_rows(demo_db, everything, monkeypatch, route):
    if route == "like-for-short-terms":
        monkeypatch.setattr(sqlite_search, "MAX_EXPANSION", 0)
    elif route == "like-only":
        with demo_db.engine.begin() as conn:
            sqlite_search.uninstall(conn)
    for text in ("光电", "李", "缝制设备", "91331002 科技", "ma2"):
        terms = search_terms(text)
        expected = [r[0] for r in everything if all(_contains(r, t) for t in terms)]
        assert E.ids(demo_db, ListQuery(search=text)) == expected, text


def test_search_and_filters_combine(demo_db, everything):
    query = ListQuery(search="有限", filters={"enterprise_type": "生产企业", "service": "通关"})
    expected = [
        r[0]
        for r in everything
        if _contains(r, "有限") and _val(r, "enterprise_type") == "生产企业" and "通关" in _val(r, "services")
    ]
    assert E.ids(demo_db, query) == expected
    assert E.count(demo_db, query) == len(expected)


def test_search_index_follows_updates_and_deletes(demo_db, clerk, enterprise_values):
    values = enterprise_values(name="台州椒江琥珀光谱测试有限公司", contact_name="岳不群")
    new = enterprises.create(demo_db, clerk, values)
    assert E.ids(demo_db, ListQuery(search="琥珀光谱")) == [new["id"]]
    assert E.ids(demo_db, ListQuery(search="岳不")) == [new["id"]]
    enterprises.update(demo_db, clerk, new["id"], {"name": "台州椒江翡翠测试有限公司"}, expected_version=1)
    assert E.ids(demo_db, ListQuery(search="琥珀光谱")) == []
    assert E.ids(demo_db, ListQuery(search="翡翠")) == [new["id"]]
    enterprises.delete(demo_db, clerk, new["id"], expected_version=2)
    assert E.ids(demo_db, ListQuery(search="翡翠")) == []
    assert E.ids(demo_db, ListQuery(search="岳不")) == []
    with demo_db.engine.connect() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO {sqlite_search.INDEX}({sqlite_search.INDEX}, rank) VALUES ('integrity-check', 0)"
        )


# ---------------------------------------------------------------- sorting and paging


@pytest.mark.parametrize("key", [c.key for c in E.columns if c.sortable])
@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_any_column(demo_db, everything, key, descending):
    query = ListQuery(sort_key=key, descending=descending)
    assert _ids(E.fetch(demo_db, query, 0, 1000)) == _ids(_sorted(everything, key, descending))


@pytest.mark.parametrize("plan", ["planner", "id-set"])
@pytest.mark.parametrize(
    "query",
    [
        ListQuery(),
        ListQuery(sort_key="export_value", descending=True),
        ListQuery(sort_key="cluster"),
        ListQuery(search="有限", sort_key="name"),
        ListQuery(search="科技", sort_key="join_date", descending=True),
        ListQuery(filters={"enterprise_type": "生产企业"}, sort_key="contact_name", descending=True),
        ListQuery(search="电", filters={"service": "通关"}),
    ],
)
def test_pages_agree_with_the_whole_list_by_offset_from_the_end_and_by_keyset(demo_db, monkeypatch, plan, query):
    if plan == "id-set":
        monkeypatch.setattr(store_listing, "DENSE", 0.0)
        monkeypatch.setattr(store_listing, "WALK", -1)
    whole = E.fetch(demo_db, query, 0, 1000)
    total = E.count(demo_db, query)
    assert total == len(whole) > 0
    size = 7
    by_offset, by_total, by_keyset = [], [], []
    after = None
    for offset in range(0, total, size):
        by_offset += E.fetch(demo_db, query, offset, size)
        by_total += E.fetch(demo_db, query, offset, size, total=total)  # second half read from the end
        page = E.fetch(demo_db, query, offset, size, total=total, after=after)
        by_keyset += page
        after = E.anchor(query, page[-1])
    assert by_offset == by_total == by_keyset == whole
    assert E.fetch(demo_db, query, total, size, total=total) == []
    assert E.fetch(demo_db, query, total - 3, size, total=total) == whole[-3:]
    assert E.ids(demo_db, query) == _ids(whole)


def test_initiative_listing(demo_db):
    il = INITIATIVE_LISTING
    everything = il.fetch(demo_db, ListQuery(), 0, 100)
    assert il.count(demo_db, ListQuery()) == len(everything) == 9
    doing = il.ids(demo_db, ListQuery(filters={"status": "推进中"}))
    assert doing == [r[0] for r in everything if r[1 + il.keys.index("status")] == "推进中"]
    trade = il.fetch(demo_db, ListQuery(filters={"category": "数字贸易"}, sort_key="funds", descending=True), 0, 10)
    assert [r[1 + il.keys.index("funds")] for r in trade] == [Decimal("340"), Decimal("200")]
    assert len(il.ids(demo_db, ListQuery(search="未来工厂"))) == 1
    assert il.ids(demo_db, ListQuery(search="区经科局")) == [
        r[0] for r in everything if r[1 + il.keys.index("lead_department")] == "区经科局"
    ]
