"""Tests for jjdesk.services.demo.enterprises: every field passes the real checkers, uniqueness holds
at benchmark scale, the distributions look like the platform's, and the output is reproducible."""

from __future__ import annotations

import hashlib
import random
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jjdesk.services.demo import codes as demo_codes
from jjdesk.services.demo import enterprises as demo
from jjdesk.services.demo import names as demo_names
from jjdesk.services.demo import sampling
from jjdesk.services.demo.enterprises import (
    CHANNELS,
    CLUSTERS,
    ENTERPRISE_TYPES,
    FIRST_YEAR_END,
    JOIN_END,
    JOIN_START,
    MAX_COUNT,
    SERVICES,
    generate_demo_enterprises,
    iter_demo_enterprises,
)
from jjdesk.services.families.codes import (
    check_credit_code,
    check_customs_code,
    check_industry_code,
    check_landline,
    check_mobile,
    make_credit_code,
)

KEYS = {
    "name",
    "credit_code",
    "customs_code",
    "enterprise_type",
    "cluster",
    "industry_code",
    "join_date",
    "services",
    "channels",
    "contact_name",
    "mobile",
    "landline",
    "export_value",
    "is_listed",
    "notes",
    "is_demo",
}
PREFIXES = ("台州市椒江区", "台州市", "台州", "浙江")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return generate_demo_enterprises(2000, seed=2021)


def _digest(items: list[dict]) -> str:
    return hashlib.sha256(repr(items).encode()).hexdigest()


# --- reproducibility -----------------------------------------------------------------------------


def test_same_seed_same_rows_and_iter_matches_list() -> None:
    first = generate_demo_enterprises(500, seed=7)
    assert generate_demo_enterprises(500, seed=7) == first
    assert list(iter_demo_enterprises(500, seed=7)) == first


def test_different_seed_different_rows() -> None:
    a, b = generate_demo_enterprises(300, seed=1), generate_demo_enterprises(300, seed=2)
    assert a != b
    assert {r["name"] for r in a} != {r["name"] for r in b}
    assert {r["credit_code"] for r in a} != {r["credit_code"] for r in b}


def test_output_does_not_depend_on_string_hash_randomisation() -> None:
    # Nothing may go through hash(): a demo database built on one machine must match another's.
    code = (
        "import hashlib; from jjdesk.services.demo.enterprises import generate_demo_enterprises as g; "
        "print(hashlib.sha256(repr(g(300)).encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[3]
    expected = _digest(generate_demo_enterprises())
    for hash_seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)},
        )
        assert out.stdout.strip() == expected


def test_default_is_300_rows_seed_2021() -> None:
    assert generate_demo_enterprises() == generate_demo_enterprises(300, 2021)
    assert len(generate_demo_enterprises()) == 300


# --- arguments -------------------------------------------------------------------------------------


def test_count_edges() -> None:
    assert generate_demo_enterprises(0) == []
    assert len(generate_demo_enterprises(1)) == 1
    with pytest.raises(ValueError):
        generate_demo_enterprises(-1)
    with pytest.raises(ValueError):
        iter_demo_enterprises(MAX_COUNT + 1)  # refused where it is called, before any row is made
    with pytest.raises(TypeError):
        generate_demo_enterprises(3.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        generate_demo_enterprises(True)


def test_exported_vocabularies_are_tuples() -> None:
    for vocab in (ENTERPRISE_TYPES, CLUSTERS, SERVICES, CHANNELS):
        assert isinstance(vocab, tuple) and vocab
    assert ENTERPRISE_TYPES == ("外贸公司", "三资企业", "生产企业", "其他")
    assert SERVICES == ("通关", "收汇", "退税", "融资", "信保", "物流")
    assert CHANNELS == ("速卖通", "亚马逊", "eBay", "阿里巴巴")


# --- every field of 2,000 rows -----------------------------------------------------------------------


def test_shape_and_fixed_fields(rows: list[dict]) -> None:
    for r in rows:
        assert set(r) == KEYS
        assert r["is_listed"] is False and r["is_demo"] is True
        assert isinstance(r["notes"], str) and len(r["notes"]) <= 200
        assert r["enterprise_type"] in ENTERPRISE_TYPES


def test_credit_codes_valid_unique_and_equal_to_make_credit_code(rows: list[dict]) -> None:
    codes = [r["credit_code"] for r in rows]
    assert len(set(codes)) == len(codes)
    for code in codes:
        result = check_credit_code(code)
        assert result.ok, (code, result.message)
        assert result.value == code
        # The fast path must agree with the reference builder exactly.
        assert make_credit_code(code[8:16], code[2:8], authority=code[0], entity_type=code[1]) == code
        assert code[:2] in ("91", "92")
    divisions = Counter(c[2:8] for c in codes)
    assert divisions["331002"] / len(codes) > 0.8
    assert "331000" in divisions
    body_digits = sum(c[8:16].isdigit() for c in codes) / len(codes)
    assert 0.6 < body_digits < 0.85  # mostly old all-digit organisation codes


def test_names_unique_plausible_and_free_of_reserved_words(rows: list[dict]) -> None:
    names = [r["name"] for r in rows]
    assert len(set(names)) == len(names)
    for r in rows:
        name = r["name"]
        assert name.startswith(PREFIXES)
        assert not any(word in name for word in demo_names._RESERVED_TRADE_NAMES), name
        assert len(name) <= 100
        if name.endswith(("商行", "经营部")):
            assert r["enterprise_type"] == "其他" and r["credit_code"][1] == "2"
        else:
            assert name.endswith("公司") and r["credit_code"][1] == "1"
        phrases = demo_names._CLUSTER_PHRASES[r["cluster"]]
        assert any(p in name for p in phrases) or (r["cluster"] is None and "进出口" in name), name
        if name.startswith("台州市椒江区"):
            assert r["credit_code"][2:8] == "331002"


def test_customs_codes_valid_unique_and_consistent(rows: list[dict]) -> None:
    present = [r for r in rows if r["customs_code"] is not None]
    assert 0.10 < 1 - len(present) / len(rows) < 0.20
    codes = [r["customs_code"] for r in present]
    assert len(set(codes)) == len(codes)
    for r in present:
        code = r["customs_code"]
        assert re.fullmatch(r"3310\d{2}[0-9A-Z]{4}", code)
        result = check_customs_code(code)
        assert result.ok and result.value == code
        if r["enterprise_type"] == "三资企业":
            assert code[5] in "234"
        else:
            assert code[5] not in "234"


def test_contacts_valid(rows: list[dict]) -> None:
    for r in rows:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", r["contact_name"])
        assert r["mobile"] is not None or r["landline"] is not None  # someone is reachable
        if r["mobile"] is not None:
            assert re.fullmatch(r"1[3-9]\d{9}", r["mobile"])
            assert check_mobile(r["mobile"]).value == r["mobile"]
        if r["landline"] is not None:
            assert re.fullmatch(r"0576-8\d{7}", r["landline"])
            result = check_landline(r["landline"])
            assert result.ok and result.value == r["landline"]
    n = len(rows)
    assert 0.02 < sum(r["mobile"] is None for r in rows) / n < 0.09
    assert 0.33 < sum(r["landline"] is None for r in rows) / n < 0.47


def test_industry_codes_valid_and_match_the_cluster(rows: list[dict]) -> None:
    for r in rows:
        code = r["industry_code"]
        if code is None:
            continue
        result = check_industry_code(code)
        assert result.ok and result.value == code, code
        if r["enterprise_type"] == "外贸公司" or r["cluster"] is None:
            assert code.startswith("F51")
        else:
            assert code in demo._MANUFACTURING_CODES[r["cluster"]]._items
    makers = [r for r in rows if r["enterprise_type"] != "外贸公司"]
    sewing = {r["industry_code"] for r in makers if r["cluster"] == "智能缝制设备"}
    assert sewing <= {"C3553", None}


def test_every_table_code_passes_the_checker() -> None:
    tables = [*demo._MANUFACTURING_CODES.values(), demo._GENERAL_TRADE_CODES]
    codes = {c for t in tables for c in t._items} | set(demo._TRADE_CODE_BY_CLUSTER.values())
    for code in codes:
        assert check_industry_code(code).ok, code


def test_join_dates_within_bounds_and_in_order(rows: list[dict]) -> None:
    dates = [r["join_date"] for r in rows]
    joined = [d for d in dates if d is not None]
    assert all(JOIN_START <= d <= JOIN_END for d in joined)
    assert joined == sorted(joined)  # member-list order
    first_none = dates.index(None)
    assert all(d is None for d in dates[first_none:])  # prospects come last
    assert all(r["notes"] == "意向企业，尚未入驻平台" for r in rows[first_none:])
    assert 0.90 < sum(d <= FIRST_YEAR_END for d in joined) / len(rows) < 0.93


def test_services_and_channels_canonical(rows: list[dict]) -> None:
    for r in rows:
        assert r["services"], r
        assert r["services"] == [s for s in SERVICES if s in r["services"]]
        assert r["channels"] == [c for c in CHANNELS if c in r["channels"]]
    share = {s: sum(s in r["services"] for r in rows) / len(rows) for s in SERVICES}
    targets = {"通关": 0.90, "收汇": 0.75, "退税": 0.70, "融资": 0.15, "信保": 0.30, "物流": 0.45}
    for s, target in targets.items():
        assert abs(share[s] - target) < 0.05, (s, share[s])


def test_export_values_exact_two_places(rows: list[dict]) -> None:
    values = [r["export_value"] for r in rows if r["export_value"] is not None]
    assert 0.06 < 1 - len(values) / len(rows) < 0.14
    for v in values:
        assert isinstance(v, Decimal)
        assert v.as_tuple().exponent == -2
        assert Decimal("5") <= v <= Decimal("200000")
    values.sort()
    median = values[len(values) // 2]
    assert Decimal(500) < median < Decimal(1300)
    assert values[-1] > 10 * median  # a few big exporters


def test_type_and_cluster_distribution(rows: list[dict]) -> None:
    n = len(rows)
    share = Counter(r["enterprise_type"] for r in rows)
    assert 0.25 < share["外贸公司"] / n < 0.35
    assert 0.08 < share["三资企业"] / n < 0.16
    assert 0.50 < share["生产企业"] / n < 0.60
    assert 0.01 < share["其他"] / n < 0.06
    for r in rows:
        assert r["cluster"] in CLUSTERS or (r["cluster"] is None and r["enterprise_type"] == "外贸公司")
    assert Counter(r["cluster"] for r in rows).most_common(1)[0][0] == "智能缝制设备"


# --- the default 300-firm demo ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [2021, 1, 99])
def test_default_demo_has_270_members_by_april_2021(seed: int) -> None:
    rows = generate_demo_enterprises(300, seed)
    assert sum(1 for r in rows if r["join_date"] and r["join_date"] <= FIRST_YEAR_END) >= 270
    assert min(r["join_date"] for r in rows if r["join_date"]) >= JOIN_START


# --- scale --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_uniqueness_at_200k() -> None:
    names, credit, customs = set(), set(), set()
    n, n_customs = 200_000, 0
    for r in iter_demo_enterprises(n, seed=5):
        names.add(r["name"])
        credit.add(r["credit_code"])
        if r["customs_code"] is not None:
            customs.add(r["customs_code"])
            n_customs += 1
    assert len(names) == n
    assert len(credit) == n
    assert len(customs) == n_customs
    assert any("分公司" in name for name in names)  # the branch tier really was reached


# --- building blocks ----------------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=3000), st.integers(min_value=0, max_value=2**32))
@settings(max_examples=60, deadline=None)
def test_permutation_is_a_bijection(n: int, seed: int) -> None:
    perm = sampling._Permutation(n, random.Random(seed))
    assert sorted(perm(i) for i in range(n)) == list(range(n))


def test_name_construction_is_unambiguous() -> None:
    first, nxt = set(demo_names._TRADE_FIRST), set(demo_names._TRADE_NEXT)
    assert len(first) == len(demo_names._TRADE_FIRST) and len(nxt) == len(demo_names._TRADE_NEXT)
    assert first.isdisjoint(nxt)
    assert (first | nxt).isdisjoint(demo_names._BOUNDARY_CHARS)
    phrases = [p for ps in demo_names._CLUSTER_PHRASES.values() for p in ps]
    assert len(phrases) == len(set(phrases))
    assert set(demo_names._CLUSTER_PHRASES) == {*CLUSTERS, None}
    assert set(demo._MANUFACTURING_CODES) == set(CLUSTERS) == set(demo._TRADE_CODE_BY_CLUSTER)


def test_fixed_name_pieces_hold_no_reserved_word() -> None:
    # _NameSpace only checks text overlapping the trade name; this covers the rest.
    forms = ("有限公司", "股份有限公司", "进出口有限公司", *demo_names._SOLE_FORMS)
    pieces = [
        *demo_names._PREFIXES,
        *(p + f for ps in demo_names._CLUSTER_PHRASES.values() for p in (*ps, "") for f in forms),
    ]
    pieces += [f + b for f in forms for b in demo_names._BRANCHES]
    for piece in pieces:
        assert not demo_names._RESERVED_RE.search(piece), piece


def test_reserved_names_are_skipped() -> None:
    assert {"杰克", "星星", "水晶", "爱仕达", "苏泊尔", "利欧"} <= demo_names._RESERVED_TRADE_NAMES
    space = demo_names._NameSpace("t", "浙江", ("电器",), "有限公司", branches=True)
    taken = [space.take() for _ in range(len(demo_names._TRADE_FIRST) * len(demo_names._TRADE_NEXT))]
    assert all(not demo_names._RESERVED_RE.search(name) for name in taken)
    assert "浙江海信电器有限公司" not in taken


def test_name_space_tiers_never_repeat_and_never_stop() -> None:
    base = len(demo_names._TRADE_FIRST) * len(demo_names._TRADE_NEXT)
    space = demo_names._NameSpace("t", "台州", ("光电",), "有限公司", branches=True)
    names = [space.take() for _ in range(base * (1 + len(demo_names._BRANCHES)) + 500)]
    assert len(set(names)) == len(names)
    assert any(n.endswith("分公司") for n in names)
    assert any(len(n) == len("台州") + 3 + len("光电有限公司") for n in names)  # 3-character 字号
    # Sole proprietors have no branches: they go straight to longer trade names.
    sole = demo_names._NameSpace("s", "台州市椒江区", ("眼镜",), "商行", branches=False)
    names = [sole.take() for _ in range(base + 200)]
    assert len(set(names)) == len(names) and not any("分公司" in n for n in names)


def test_customs_bucket_uses_digits_first_then_letters() -> None:
    codes = demo_codes._CustomsCodes(3)
    taken = [codes.make(0.0, "6") for _ in range(10_050)]  # u = 0 always picks area 9
    assert len(set(taken)) == len(taken)
    assert all(c.startswith("331096") for c in taken)
    assert all(c[6:].isdigit() for c in taken[:10_000])
    assert not any(c[6:].isdigit() for c in taken[10_000:])


def test_credit_styles_borrow_when_one_is_exhausted() -> None:
    codes = demo_codes._CreditCodes(4)
    codes._perms[True] = sampling._Permutation(3, random.Random(0))
    made = [codes.make("331002", "1", new_style=True) for _ in range(5)]
    assert [c[8:10] == "MA" for c in made] == [True, True, True, False, False]
    assert all(check_credit_code(c).ok for c in made)
    codes._perms[False] = sampling._Permutation(2, random.Random(0))
    with pytest.raises(ValueError):
        for _ in range(5):
            codes.make("331002", "1", new_style=False)


def test_join_curve_edges() -> None:
    assert demo._join_date(0, 300, 0.0) == JOIN_START
    assert demo._join_date(299, 300, 0.999999) is None
    last_member = demo._join_date(293, 300, 0.999999)
    assert last_member is not None and last_member <= JOIN_END
    assert demo._join_date(0, 1, 0.9999) is None  # a lone row can be a prospect
    assert demo._join_date(274, 300, 0.999) <= FIRST_YEAR_END < date(2021, 5, 1)
