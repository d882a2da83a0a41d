"""Tests for jjdesk.services.families.codes: known codes, one message per failure kind, and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jjdesk.services.families import codes
from jjdesk.services.families.codes import CREDIT_CHARSET

JACK = "91330000753954968D"  # 杰克科技股份有限公司, a real, public code from Taizhou

# --- strategies ------------------------------------------------------------------------------

# Every authority/entity-type pair the checker accepts.
VALID_PREFIXES = [
    "11",
    "12",
    "13",
    "19",
    "31",
    "32",
    "34",
    "35",
    "39",
    "51",
    "52",
    "53",
    "59",
    "81",
    "89",
    "91",
    "92",
    "93",
    "N1",
    "N2",
    "N9",
    "Y1",
]
OTHER_DIVISIONS = ["331000", "331001", "331021", "330000", "330102", "440300"]
KNOWN_DIVISIONS = [*sorted(codes.TAIZHOU_DIVISIONS), *OTHER_DIVISIONS]

org_bodies = st.text(alphabet=CREDIT_CHARSET, min_size=8, max_size=8)


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(VALID_PREFIXES))
    return codes.make_credit_code(
        draw(org_bodies), draw(st.sampled_from(KNOWN_DIVISIONS)), authority=prefix[0], entity_type=prefix[1]
    )


# --- unified social credit code --------------------------------------------------------------


def test_real_public_code_passes_both_checks() -> None:
    assert codes.org_code_check_char("75395496") == "8"
    assert codes.credit_code_check_char(JACK[:17]) == "D"
    result = codes.check_credit_code(JACK)
    assert result.ok, result.message
    assert result.value == JACK
    assert "浙江省" in result.detail


def test_normalisation_of_fullwidth_lowercase_and_spaces() -> None:
    result = codes.check_credit_code("  ９１３３　００００ 7539 5496 8ｄ ")
    assert result.ok
    assert result.value == JACK


def test_made_code_for_jiaojiang_decodes_region() -> None:
    code = codes.make_credit_code("12345678")
    assert code[:8] == "91331002"
    result = codes.check_credit_code(code)
    assert result.ok
    assert result.detail == "浙江省台州市椒江区"


def test_unknown_division_detail_falls_back_to_code() -> None:
    result = codes.check_credit_code(codes.make_credit_code("12345678", division="000000"))
    assert result.ok
    assert result.detail == "行政区划代码 000000"


@pytest.mark.parametrize(
    ("raw", "fragments"),
    [
        ("", ["统一社会信用代码不能为空"]),
        ("9133000075395496", ["应为18位", "实为16位"]),
        ("91330000I53954968D", ["第9位", "“I”", "I、O、S、V、Z"]),
        ("B1330000753954968D", ["第1位", "“B”", "1（机构编制）", "5（民政）", "9（市场监管（工商））", "Y（其他）"]),
        ("94330000753954968D", ["第2位", "“4”", "市场监管", "1、2、3"]),
        ("Y2330000753954968D", ["第2位", "“2”", "其他", "只能是 1"]),
        ("9133A000753954968D", ["第3–8位", "行政区划", "33A000"]),
        ("91330000753954967D", ["第9–17位", "组织机构代码", "应为 8", "实为 7"]),
        ("91330000753954968X", ["第18位", "应为 D", "实为 X"]),
    ],
)
def test_each_failure_kind_has_its_own_message(raw: str, fragments: list[str]) -> None:
    result = codes.check_credit_code(raw)
    assert not result.ok
    assert result.message.startswith("统一社会信用代码")
    for fragment in fragments:
        assert fragment in result.message


def test_label_is_used_in_messages() -> None:
    assert codes.check_credit_code("123", label="企业信用代码").message.startswith("企业信用代码应为18位")
    assert codes.check_credit_code(None, label="企业信用代码").message == "企业信用代码不能为空"


def test_helpers_reject_bad_input() -> None:
    with pytest.raises(ValueError):
        codes.credit_code_check_char("91330000")
    with pytest.raises(ValueError):
        codes.credit_code_check_char("9133000075395496I")
    with pytest.raises(ValueError):
        codes.org_code_check_char("7539549")
    # GB 11714 allows I/O/S/V/Z but a credit code cannot carry them.
    assert codes.org_code_check_char("I0000000") in "0123456789X"
    with pytest.raises(ValueError):
        codes.make_credit_code("I0000000")
    with pytest.raises(ValueError, match="第2位"):
        codes.make_credit_code("12345678", authority="Y", entity_type="2")


@given(org_bodies, st.sampled_from(KNOWN_DIVISIONS), st.sampled_from(VALID_PREFIXES))
def test_made_codes_always_pass(body: str, division: str, prefix: str) -> None:
    code = codes.make_credit_code(body, division, authority=prefix[0], entity_type=prefix[1])
    result = codes.check_credit_code(code)
    assert result.ok, result.message
    assert result.detail == codes.region_name(division)


@given(credit_codes(), st.integers(0, 17), st.sampled_from(CREDIT_CHARSET))
def test_any_single_substitution_is_detected(code: str, pos: int, char: str) -> None:
    # Weights are non-zero mod the prime 31 and charset indices differ by 1..30, so the change
    # w·(a−b) of the weighted sum is never 0 mod 31: detection is guaranteed, not probable.
    assume(code[pos] != char)
    assert not codes.check_credit_code(code[:pos] + char + code[pos + 1 :]).ok


def test_adjacent_transpositions_are_caught_by_mod31_alone() -> None:
    # Swapping a, b at positions i, i+1 changes Σ w·c by (a−b)(w_{i+1}−w_i). Position 18 takes
    # part with weight 1 (Σ + c18 ≡ 0 mod 31). With 31 prime and 0 < |a−b| ≤ 30 the change is
    # non-zero iff the two weights differ mod 31; they are 3^(i−1) mod 31 and 3 is a primitive
    # root, so all 17 are distinct and none equals 1 except w_1. Checked exhaustively here.
    weights = (*codes._CREDIT_WEIGHTS, 1)
    assert weights[:17] == tuple(pow(3, i, 31) for i in range(17))
    for i in range(8, 17):  # 0-based pairs (9,10) … (17,18)
        for a in range(31):
            for b in range(31):
                if a != b:
                    assert (a - b) * (weights[i + 1] - weights[i]) % 31 != 0


@given(credit_codes(), st.integers(8, 16))
def test_adjacent_swap_in_positions_9_to_18_is_detected(code: str, i: int) -> None:
    assume(code[i] != code[i + 1])
    swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
    assert not codes.check_credit_code(swapped).ok
    # The GB 32100 check on its own catches it (proved above), whatever the mod-11 check does.
    assert codes.credit_code_check_char(swapped[:17]) != swapped[17]


def test_org_check_alone_misses_some_swaps_that_mod31_catches() -> None:
    # '1' (1) and 'C' (12) differ by 11, so GB 11714's mod-11 sum cannot see them trade places;
    # that is why the claim above is made about the mod-31 check only.
    body = "1C000000"
    swapped = "C1000000"
    assert codes.org_code_check_char(body) == codes.org_code_check_char(swapped)
    code = codes.make_credit_code(body)
    bad = code[:8] + swapped + code[16:]
    result = codes.check_credit_code(bad)
    assert not result.ok
    assert "第18位" in result.message


any_text = st.text(alphabet=st.sampled_from("0123456789ABCDXYZabcxyz-+ 　０９ａＺ转()（）"), max_size=24)
ALL_CHECKS = [
    codes.check_credit_code,
    codes.check_org_code,
    codes.check_customs_code,
    codes.check_mobile,
    codes.check_landline,
    codes.check_postcode,
    codes.check_industry_code,
]


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda f: f.__name__)
@given(raw=st.one_of(any_text, credit_codes(), st.text(max_size=20)))
def test_normalisation_is_idempotent(check, raw: str) -> None:
    first = check(raw)
    assert check(first.value) == first


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda f: f.__name__)
def test_blank_input(check) -> None:
    for raw in ("", "   ", "\u3000", None):
        result = check(raw)
        assert not result.ok
        assert result.value == ""
        assert result.message.endswith("不能为空")
    assert check("", label="联系电话").message == "联系电话不能为空"


def test_is_blank() -> None:
    assert codes.is_blank(None)
    assert codes.is_blank(" \u3000\t")
    assert not codes.is_blank(" 0 ")


# --- organisation code -----------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["753954968", "75395496-8", " ７５３９５４９６－８ "])
def test_org_code_accepts_plain_and_hyphenated(raw: str) -> None:
    result = codes.check_org_code(raw)
    assert result.ok
    assert result.value == "753954968"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("75395496", "应为9位"),
        ("7539549-68", "应为9位"),
        ("7539549#8", "前8位"),
        ("753954967", "应为 8，实为 7"),
    ],
)
def test_org_code_failures(raw: str, fragment: str) -> None:
    result = codes.check_org_code(raw, label="机构代码")
    assert not result.ok
    assert result.message.startswith("机构代码")
    assert fragment in result.message


def test_org_code_check_x_and_zero() -> None:
    # Find bodies whose check value is 10 and 11 to exercise the 'X' and '0' mappings.
    seen = {codes.org_code_check_char(f"{n:08d}") for n in range(200)}
    assert {"X", "0"} <= seen
    for n in range(200):
        body = f"{n:08d}"
        assert codes.check_org_code(body + codes.org_code_check_char(body)).ok


# --- customs code ----------------------------------------------------------------------------

CUSTOMS = re.compile(r"[0-9]{6}[0-9A-Z]{4}")


def test_customs_detail() -> None:
    assert codes.check_customs_code("3310234ABC").detail == "注册地：台州；外商投资企业"
    assert codes.check_customs_code("3310961234").detail == "注册地：台州"
    assert codes.check_customs_code("3301931234").detail == "外商投资企业"
    assert codes.check_customs_code("3301961234").detail == ""


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("331096123", "应为10位，实为9位"), ("33109A1234", "前6位"), ("331096123#", "第7–10位")],
)
def test_customs_failures(raw: str, fragment: str) -> None:
    result = codes.check_customs_code(raw)
    assert not result.ok
    assert result.message.startswith("海关编码")
    assert fragment in result.message


@given(st.from_regex(CUSTOMS, fullmatch=True))
def test_customs_regex_matches_pass(raw: str) -> None:
    assert codes.check_customs_code(raw).ok


@given(st.text(alphabet="0123456789ABZaz-# ", max_size=14))
def test_customs_passes_exactly_when_normalised_matches(raw: str) -> None:
    assert codes.check_customs_code(raw).ok == bool(CUSTOMS.fullmatch(codes.normalize(raw)))


# --- region decoding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("division", "name"),
    [
        ("330000", "浙江省"),
        ("331000", "浙江省台州市"),
        ("331001", "浙江省台州市市辖区"),
        ("331002", "浙江省台州市椒江区"),
        ("331003", "浙江省台州市黄岩区"),
        ("331004", "浙江省台州市路桥区"),
        ("331021", "浙江省台州市玉环县"),
        ("331022", "浙江省台州市三门县"),
        ("331023", "浙江省台州市天台县"),
        ("331024", "浙江省台州市仙居县"),
        ("331081", "浙江省台州市温岭市"),
        ("331082", "浙江省台州市临海市"),
        ("331083", "浙江省台州市玉环市"),
        ("330100", "浙江省杭州市"),
        ("331100", "浙江省丽水市"),
        ("330102", "浙江省杭州市（330102）"),
        ("331099", "浙江省台州市（331099）"),
        ("440300", "广东省（440300）"),
        ("650000", "新疆维吾尔自治区"),
        ("710000", "台湾省"),
        ("820000", "澳门特别行政区"),
        ("110101", "北京市（110101）"),
    ],
)
def test_region_name(division: str, name: str) -> None:
    assert codes.region_name(division) == name


@pytest.mark.parametrize("division", ["000000", "990000", "33100", "3310021", "33100A", ""])
def test_region_name_unknown(division: str) -> None:
    assert codes.region_name(division) is None


def test_taizhou_divisions_table() -> None:
    assert codes.TAIZHOU_DIVISIONS["331002"] == "椒江区"
    assert codes.TAIZHOU_DIVISIONS["331083"] == "玉环市"
    assert "331021" not in codes.TAIZHOU_DIVISIONS  # retired 2017; decodable but not pickable
    for code, short in codes.TAIZHOU_DIVISIONS.items():
        assert codes.region_name(code) == "浙江省台州市" + short


# --- mobile ----------------------------------------------------------------------------------

mobiles = st.builds(
    lambda a, rest: "1" + a + rest, st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9)
)


@given(mobiles, st.sampled_from(["", "+86", "86", "0086", "+86 ", "+86-", "0086 "]), st.booleans())
def test_valid_mobiles_pass(number: str, prefix: str, separated: bool) -> None:
    raw = prefix + (f"{number[:3]} {number[3:7]}-{number[7:]}" if separated else number)
    result = codes.check_mobile(raw)
    assert result.ok, result.message
    assert result.value == number


@given(st.text("0123456789", max_size=16).filter(lambda t: len(t) != 10), st.sampled_from(["", "+86"]))
def test_mobiles_of_other_lengths_fail(tail: str, prefix: str) -> None:
    result = codes.check_mobile(prefix + "1" + tail)
    assert not result.ok
    assert "应为11位数字" in result.message


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("12812345678", "应以 13–19 开头，实为 12"), ("2381234567a", "只能包含数字"), ("+8613812", "实为5位")],
)
def test_mobile_failures(raw: str, fragment: str) -> None:
    result = codes.check_mobile(raw, label="联系人手机")
    assert not result.ok
    assert result.message.startswith("联系人手机")
    assert fragment in result.message


# --- landline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "detail"),
    [
        ("0576-88888888", "0576-88888888", "台州"),
        ("0576 88888888", "0576-88888888", "台州"),
        ("057688888888", "0576-88888888", "台州"),
        ("05768888888", "0576-8888888", "台州"),
        ("(0576)88888888", "0576-88888888", "台州"),
        ("（０５７６）８８８８８８８８", "0576-88888888", "台州"),
        ("0576-88888888转123", "0576-88888888-123", "台州"),
        ("0576-88888888 转 123456", "0576-88888888-123456", "台州"),
        ("0576-88888888-8", "0576-88888888-8", "台州"),
        ("010-62345678", "010-62345678", ""),
        ("021 5234567", "021-5234567", ""),
        ("0571-87654321", "0571-87654321", ""),
    ],
)
def test_landline_good(raw: str, value: str, detail: str) -> None:
    result = codes.check_landline(raw)
    assert result.ok, result.message
    assert (result.value, result.detail) == (value, detail)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("88888888", "缺少区号"),
        ("13812345678", "手机号码"),
        ("0576-08888888", "不能以 0 或 1 开头"),
        ("0576-18888888", "不能以 0 或 1 开头"),
        ("0576-888888", "格式不正确"),
        ("0576-888888888", "格式不正确"),
        ("0576-88888888转1234567", "格式不正确"),
        ("0576-88888888#123", "格式不正确"),
        ("576-88888888", "格式不正确"),
    ],
)
def test_landline_bad(raw: str, fragment: str) -> None:
    result = codes.check_landline(raw, label="办公电话")
    assert not result.ok
    assert result.message.startswith("办公电话")
    assert fragment in result.message


# --- postcode --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["318000", " 318000 ", "３１８０００", "100000", "899999"])
def test_postcode_good(raw: str) -> None:
    result = codes.check_postcode(raw)
    assert result.ok
    assert result.value == raw.strip().translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("31800", "应为6位数字，实为5位"),
        ("3180000", "实为7位"),
        ("31800A", "只能包含数字"),
        ("018000", "首位应为 1–8，实为 0"),
        ("918000", "实为 9"),
    ],
)
def test_postcode_bad(raw: str, fragment: str) -> None:
    result = codes.check_postcode(raw)
    assert not result.ok
    assert result.message.startswith("邮政编码")
    assert fragment in result.message


# --- industry code ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "detail"),
    [
        ("C35", "C35", "制造业"),
        ("C355", "C355", "制造业"),
        ("C3553", "C3553", "制造业"),
        ("c 3553", "C3553", "制造业"),
        ("3553", "C3553", "制造业"),
        ("35", "C35", "制造业"),
        ("01", "A01", "农、林、牧、渔业"),
        ("A05", "A05", "农、林、牧、渔业"),
        ("B06", "B06", "采矿业"),
        ("6510", "I6510", "信息传输、软件和信息技术服务业"),
        ("K70", "K70", "房地产业"),
        ("P83", "P83", "教育"),
        ("S96", "S96", "公共管理、社会保障和社会组织"),
        ("T97", "T97", "国际组织"),
    ],
)
def test_industry_good(raw: str, value: str, detail: str) -> None:
    result = codes.check_industry_code(raw)
    assert result.ok, result.message
    assert (result.value, result.detail) == (value, detail)


@pytest.mark.parametrize(
    ("raw", "fragments"),
    [
        ("A35", ["大类 35", "制造业（C）", "农、林、牧、渔业（A）"]),
        ("C44", ["大类 44", "（D）", "（C）"]),
        ("T96", ["大类 96", "（S）"]),
        ("U35", ["A–T", "实为 U"]),
        ("C00", ["大类 00 不存在"]),
        ("98", ["大类 98 不存在"]),
        ("C3", ["格式不正确"]),
        ("C35531", ["格式不正确"]),
        ("CC35", ["格式不正确"]),
    ],
)
def test_industry_bad(raw: str, fragments: list[str]) -> None:
    result = codes.check_industry_code(raw)
    assert not result.ok
    assert result.message.startswith("国民经济行业")
    for fragment in fragments:
        assert fragment in result.message


def test_industry_sections_cover_divisions_01_to_97() -> None:
    assert list(codes.INDUSTRY_SECTIONS) == list("ABCDEFGHIJKLMNOPQRST")
    for division in range(1, 98):
        assert codes.check_industry_code(f"{division:02d}").ok


# --- the table-driven fast path agrees with the step-by-step checks ----------------------------


@given(credit_codes(), st.integers(min_value=0, max_value=17), st.sampled_from(CREDIT_CHARSET + "IOSVZ0a-"))
def test_fast_credit_check_agrees_with_the_explained_checks(code: str, pos: int, ch: str) -> None:
    """Valid codes and every single-character variant of them: the fast path accepts exactly what the
    step-by-step checks accept, so which path runs never changes a result."""
    for v in (code, code[:pos] + ch + code[pos + 1 :], code[:pos] + code[pos + 1 :], code + ch):
        v = codes.normalize(v)
        assert codes._credit_code_valid(v) == codes._explain_credit_code(v, "统一社会信用代码").ok


@given(st.text(alphabet=CREDIT_CHARSET + "IOSVZ", min_size=16, max_size=19))
def test_fast_credit_check_agrees_on_arbitrary_text(text: str) -> None:
    assert codes._credit_code_valid(text) == codes._explain_credit_code(text, "统一社会信用代码").ok


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_normalize_matches_the_regex_definition(text: str) -> None:
    expected = re.sub(r"\s+", "", text.translate(codes._HALFWIDTH)).upper()
    assert codes.normalize(text) == expected


@given(
    st.sampled_from(["010", "021", "029", "0576", "0571", "011", "0200", "05", "0576-"]),
    st.sampled_from(["-", "", "--", " "]),
    st.text("0123456789", min_size=5, max_size=9),
    st.sampled_from(["", "-", "-1", "-123456", "-1234567", "转12"]),
)
def test_landline_in_stored_form_takes_the_short_way_with_the_same_result(area, sep, number, ext):
    """A landline already written as stored (0576-88888888-12) skips normalising; the result is exactly the
    full check's."""
    raw = area + sep + number + ext
    quick = codes.check_landline(raw)
    full = codes.check_landline(" " + raw)  # leading blank: never the stored form, so always the full path
    assert quick == full


_STORED_FORMS = [
    (codes.is_stored_credit_code, codes.check_credit_code),
    (codes.is_stored_customs_code, codes.check_customs_code),
    (codes.is_stored_mobile, codes.check_mobile),
    (codes.is_stored_landline, codes.check_landline),
]


@given(
    st.one_of(
        credit_codes(),
        st.text(alphabet=CREDIT_CHARSET + "abIOZ -（）转+０", max_size=20),
        st.from_regex(r"[0-9]{6}[0-9A-Za-z]{4}", fullmatch=True),
        st.from_regex(r"(\+86)?1[0-9]{10}", fullmatch=True),
        st.from_regex(r"0[0-9]{2,3}-?[0-9]{6,9}(-[0-9]{1,7})?", fullmatch=True),
    )
)
def test_a_code_in_stored_form_is_exactly_what_its_check_accepts_as_is(text: str) -> None:
    """The import skips the full check for text a stored-form test accepts; that is only right when the check
    would accept the very same text unchanged."""
    for stored, check in _STORED_FORMS:
        if stored(text):
            result = check(text)
            assert result.ok and result.value == text, (check.__name__, text, result)


# GB 32100-2015, table 1: 登记管理部门 → the 机构类别 codes it issues.
GB32100 = {
    "1": "1239",  # 机构编制: 机关、事业单位、中央编办直接管理机构编制的群众团体、其他
    "2": "19",  # 外交: 外国常驻新闻机构、其他
    "3": "123459",  # 司法行政: 律师执业机构、公证处、基层法律服务所、司法鉴定机构、仲裁委员会、其他
    "4": "19",  # 文化: 外国在华文化中心、其他
    "5": "1239",  # 民政: 社会团体、民办非企业单位、基金会、其他
    "6": "129",  # 旅游: 外国旅游部门常驻代表机构、港澳台地区旅游部门常驻内地（大陆）代表机构、其他
    "7": "129",  # 宗教: 宗教活动场所、宗教院校、其他
    "8": "19",  # 工会: 基层工会、其他
    "9": "123",  # 工商: 企业、个体工商户、农民专业合作社
    "A": "19",  # 中央军委改革和编制办公室: 军队事业单位、其他
    "N": "1239",  # 农业: 组级、村级、乡镇级集体经济组织、其他
    "Y": "1",  # 其他
}


def test_every_authority_and_type_of_the_standard_and_nothing_else():
    for authority in CREDIT_CHARSET:
        for entity_type in CREDIT_CHARSET:
            body = f"{authority}{entity_type}331002MA2BNPNT{codes.org_code_check_char('MA2BNPNT')}"
            code = body + codes.credit_code_check_char(body)  # every other character right
            accepted = codes.check_credit_code(code).ok
            assert accepted == (entity_type in GB32100.get(authority, "")), (authority, entity_type, code)
    assert codes.check_credit_code("33520000MD31527449").ok  # a 基层法律服务所 in 贵州


def test_a_wrong_check_character_points_to_the_exception_register():
    message = codes.check_credit_code("91330000753954968X").message
    assert "应为 D" in message and "信用代码例外（设置 → 信用代码例外）" in message
