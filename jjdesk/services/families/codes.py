"""Validation of the identifier codes that appear on enterprise ledgers.

Every check returns a ``CodeCheck`` instead of raising, because the UI shows the message
next to the field and keeps the user's text; messages are in Simplified Chinese and name
the field (the caller passes the label it shows on screen).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

__all__ = [
    "CREDIT_CHARSET",
    "INDUSTRY_SECTIONS",
    "TAIZHOU_DIVISIONS",
    "CodeCheck",
    "check_credit_code",
    "check_customs_code",
    "check_industry_code",
    "check_landline",
    "check_mobile",
    "check_org_code",
    "check_postcode",
    "credit_code_check_char",
    "is_blank",
    "is_stored_credit_code",
    "is_stored_customs_code",
    "is_stored_landline",
    "is_stored_mobile",
    "make_credit_code",
    "normalize",
    "org_code_check_char",
    "region_name",
]


class CodeCheck(NamedTuple):
    """Outcome of one field check; ``value`` is what the caller should store when ``ok``.

    A named tuple rather than a frozen dataclass: as immutable, and made in a third of the time — an import
    makes hundreds of thousands."""

    ok: bool
    value: str
    message: str = ""
    detail: str = ""


# Full-width ASCII (U+FF01–U+FF5E) sits at a fixed offset from ASCII; Chinese IMEs produce
# it easily, and users cannot see the difference on screen.
_HALFWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WS = re.compile(r"\s+")


def normalize(s: str | None) -> str:
    """Strip, convert full-width ASCII, drop all whitespace and upper-case, so that what the
    user typed and what we compare are the same string; idempotent."""
    if s is None:
        return ""
    # ``str.split()`` splits on exactly the characters ``\s`` matches (both use Python's isspace), and
    # pure-ASCII text has nothing to translate: same result as a regex over translated text, ~7× faster
    # (an import normalises several codes per row).
    if not s.isascii():
        s = s.translate(_HALFWIDTH)
    return "".join(s.split()).upper()


def is_blank(s: str | None) -> bool:
    """True for None or whitespace-only input (full-width spaces included), so callers can
    decide about required fields before calling a check."""
    return normalize(s) == ""


def _fail(value: str, message: str) -> CodeCheck:
    return CodeCheck(False, value, message)


# --- GB 32100-2015 unified social credit code and GB 11714-1997 organisation code ----------

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# 3**(i-1) mod 31 for positions 1–17; being powers of a primitive root they are pairwise
# distinct, which is what makes adjacent transpositions detectable.
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_BODY = re.compile(r"[0-9A-Z]{8}")

# Registering authority → (name, allowed entity-type codes). Kept as data because GB 32100
# amendments add authorities; extend here, not in the checking code.
_AUTHORITIES: dict[str, tuple[str, str]] = {
    "1": ("机构编制", "1239"),
    "2": ("外交", "19"),
    "3": ("司法行政", "123459"),  # 3: 基层法律服务所
    "4": ("文化", "19"),
    "5": ("民政", "1239"),
    "6": ("旅游", "129"),  # 2: 港澳台地区旅游部门常驻内地（大陆）代表机构
    "7": ("宗教", "129"),
    "8": ("工会", "19"),
    "9": ("市场监管（工商）", "123"),
    "A": ("中央军委改革和编制办公室", "19"),
    "N": ("农业农村", "1239"),  # 3: 乡镇级集体经济组织
    "Y": ("其他", "1"),
}


def credit_code_check_char(first17: str) -> str:
    """Compute the 18th (GB 32100) check character, e.g. to build or repair a code."""
    body = first17.upper()
    if len(body) != 17 or any(c not in CREDIT_CHARSET for c in body):
        raise ValueError(f"需要17位统一社会信用代码字符，收到 {first17!r}")
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(body8: str) -> str:
    """Compute the GB 11714 check character of an 8-character organisation-code body."""
    body = body8.upper()
    if not _ORG_BODY.fullmatch(body):
        raise ValueError(f"组织机构代码本体应为8位数字或大写字母，收到 {body8!r}")
    # int(c, 36) gives digits their value and A=10 … Z=35, exactly the GB 11714 mapping.
    c9 = 11 - sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(c9, str(c9))


_ORG_CHECK_CHARS = "0123456789X0"  # index 11 − (sum mod 11) ∈ 1…11: 10 → X, 11 → 0
# Both weighted sums are powers in disguise, so int() computes them in C. Credit code: weight 3**i (mod 31) at
# position i, and 34 ≡ 3 (mod 31), so reading the 17 characters' values backwards as a base-34 number gives the
# sum mod 31 (_CREDIT_DIGITS writes each character as the base-34 digit of its value, 0–30). Organisation
# code: the weights 3 7 9 10 5 8 4 2 are 2**(8−j) (mod 11) and 35 ≡ 2 (mod 11), so the body read as a base-35
# number (its characters' values, A=10 … Y=34, are base-35 digits already) is half the sum mod 11.
_CREDIT_DIGITS = str.maketrans(CREDIT_CHARSET, "0123456789ABCDEFGHIJKLMNOPQRSTU")
_OUTSIDE_CHARSET = dict.fromkeys(map(ord, CREDIT_CHARSET))  # translate() deletes these: what is left is foreign


def _credit_code_valid(v: str) -> bool:
    """Whether a normalised code passes every check of :func:`check_credit_code` — the same checks, computed
    arithmetically (above) so that the common case (a valid code) costs a fraction of the step-by-step checks.
    Only a code this rejects goes through those, which name the first problem."""
    if len(v) != 18 or v.translate(_OUTSIDE_CHARSET):  # a character outside the charset
        return False
    authority = _AUTHORITIES.get(v[0])
    if authority is None or v[1] not in authority[1] or not v[2:8].isdigit():
        return False
    if v[16] != _ORG_CHECK_CHARS[11 - 2 * int(v[8:16], 35) % 11]:
        return False
    digits = v.translate(_CREDIT_DIGITS)
    return (int(digits[16::-1], 34) + int(digits[17], 34)) % 31 == 0


def is_stored_credit_code(s: str) -> bool:
    """True only for a credit code :func:`check_credit_code` accepts as it is (valid and already normalised)."""
    return _credit_code_valid(s)  # 18 characters of the charset: normalising changes nothing


@functools.lru_cache(maxsize=4096)
def _division_detail(division: str) -> str:
    return region_name(division) or f"行政区划代码 {division}"


def check_credit_code(s: str | None, label: str = "统一社会信用代码") -> CodeCheck:
    """Validate a unified social credit code, reporting the first problem a clerk can fix."""
    v = normalize(s)
    if _credit_code_valid(v):
        return CodeCheck(True, v, detail=_division_detail(v[2:8]))
    return _explain_credit_code(v, label)


def _explain_credit_code(v: str, label: str) -> CodeCheck:
    """The step-by-step checks of a normalised code: the first problem found, or ok."""
    if not v:
        return _fail(v, f"{label}不能为空")
    if len(v) != 18:
        return _fail(v, f"{label}应为18位，实为{len(v)}位")
    for pos, c in enumerate(v, 1):
        if c not in CREDIT_CHARSET:
            return _fail(v, f"{label}第{pos}位字符“{c}”不合法：只能是数字或大写字母（不使用 I、O、S、V、Z）")
    if v[0] not in _AUTHORITIES:
        allowed = "、".join(f"{k}（{n}）" for k, (n, _) in _AUTHORITIES.items())
        return _fail(v, f"{label}第1位登记管理部门代码“{v[0]}”无效：应为 {allowed}")
    auth_name, types = _AUTHORITIES[v[0]]
    if v[1] not in types:
        allowed = "、".join(types)
        return _fail(v, f"{label}第2位机构类别代码“{v[1]}”无效：登记管理部门为{auth_name}时只能是 {allowed}")
    division = v[2:8]
    if not division.isdigit():
        return _fail(v, f"{label}第3–8位行政区划代码应为6位数字，实为 {division}")
    org_expected = org_code_check_char(v[8:16])
    if v[16] != org_expected:
        return _fail(v, f"{label}第9–17位（组织机构代码）校验码错误：应为 {org_expected}，实为 {v[16]}")
    expected = credit_code_check_char(v[:17])
    if v[17] != expected:
        return _fail(
            v,
            f"{label}第18位校验码错误：应为 {expected}，实为 {v[17]}。若确为主管部门发放的早期代码，"
            "可请管理员登记为信用代码例外（设置 → 信用代码例外）",
        )
    return CodeCheck(True, v, detail=_division_detail(division))


def make_credit_code(org_body: str, division: str = "331002", authority: str = "9", entity_type: str = "1") -> str:
    """Build a fully valid credit code (both check characters computed), for demo data."""
    body = org_body.upper()
    if any(c not in CREDIT_CHARSET for c in body):
        # GB 11714 allows I/O/S/V/Z in the body but GB 32100 cannot carry them.
        raise ValueError(f"组织机构代码本体 {org_body!r} 含统一社会信用代码不使用的字符")
    first17 = authority + entity_type + division + body + org_code_check_char(body)
    code = first17 + credit_code_check_char(first17)
    result = check_credit_code(code)
    if not result.ok:
        raise ValueError(result.message)
    return code


def check_org_code(s: str | None, label: str = "组织机构代码") -> CodeCheck:
    """Validate a 9-character organisation code, accepting the printed form XXXXXXXX-X."""
    v = normalize(s)
    if len(v) == 10 and v[8] == "-":
        v = v[:8] + v[9]
    if not v:
        return _fail(v, f"{label}不能为空")
    if len(v) != 9:
        return _fail(v, f"{label}应为9位（可写作 XXXXXXXX-X），实为{len(v)}位")
    if not _ORG_BODY.fullmatch(v[:8]):
        return _fail(v, f"{label}前8位只能是数字或大写字母")
    expected = org_code_check_char(v[:8])
    if v[8] != expected:
        return _fail(v, f"{label}第9位校验码错误：应为 {expected}，实为 {v[8]}")
    return CodeCheck(True, v)


_CUSTOMS = re.compile(r"[0-9]{6}[0-9A-Z]{4}")

# --- Customs registration code -------------------------------------------------------------


def check_customs_code(s: str | None, label: str = "海关编码") -> CodeCheck:
    """Validate a 10-character customs registration code; the detail only states what the
    code structure really tells us."""
    v = s if s is not None and _CUSTOMS.fullmatch(s) else normalize(s)  # already normalised: skip that step
    if not v:
        return _fail(v, f"{label}不能为空")
    if len(v) != 10:
        return _fail(v, f"{label}应为10位，实为{len(v)}位")
    if not v[:6].isdigit() or not v[:6].isascii():
        return _fail(v, f"{label}前6位应为数字")
    if not _CUSTOMS.fullmatch(v):
        return _fail(v, f"{label}第7–10位只能是数字或大写字母")
    notes = []
    if v[:4] == "3310":
        notes.append("注册地：台州")
    if v[5] in "234":
        notes.append("外商投资企业")
    return CodeCheck(True, v, detail="；".join(notes))


# --- Administrative divisions (GB/T 2260) ---------------------------------------------------


def _code_table(text: str) -> dict[str, str]:
    # "11北京市 12天津市 …" keeps the tables one glance wide instead of one entry per line.
    return {item[:2]: item[2:] for item in text.split()}


_PROVINCES = _code_table(
    "11北京市 12天津市 13河北省 14山西省 15内蒙古自治区 21辽宁省 22吉林省 23黑龙江省 31上海市 "
    "32江苏省 33浙江省 34安徽省 35福建省 36江西省 37山东省 41河南省 42湖北省 43湖南省 44广东省 "
    "45广西壮族自治区 46海南省 50重庆市 51四川省 52贵州省 53云南省 54西藏自治区 61陕西省 62甘肃省 "
    "63青海省 64宁夏回族自治区 65新疆维吾尔自治区 71台湾省 81香港特别行政区 82澳门特别行政区"
)
_ZJ_CITIES = _code_table(
    "01杭州市 02宁波市 03温州市 04嘉兴市 05湖州市 06绍兴市 07金华市 08衢州市 09舟山市 10台州市 11丽水市"
)
# Current Taizhou districts/counties only: pickers and demo data must not offer 玉环县
# (331021, became 玉环市 331083 in 2017) or the statistical 市辖区 (331001).
# fmt: off
TAIZHOU_DIVISIONS: dict[str, str] = {
    "331002": "椒江区", "331003": "黄岩区", "331004": "路桥区", "331022": "三门县", "331023": "天台县",
    "331024": "仙居县", "331081": "温岭市", "331082": "临海市", "331083": "玉环市",
}
# Old registrations still carry the retired codes, so decoding keeps them.
# fmt: on
_TAIZHOU_ALL = TAIZHOU_DIVISIONS | {"331001": "市辖区", "331021": "玉环县"}


def region_name(division: str) -> str | None:
    """Decode a 6-digit division code as precisely as our tables allow; when only the
    province (or Zhejiang city) is known the code is appended so nothing is over-claimed."""
    d = normalize(division)
    if not re.fullmatch(r"[0-9]{6}", d) or d[:2] not in _PROVINCES:
        return None
    if d in _TAIZHOU_ALL:
        return "浙江省台州市" + _TAIZHOU_ALL[d]
    prefix = province = _PROVINCES[d[:2]]
    if d[2:] == "0000":
        return province
    if d[:2] == "33" and d[2:4] in _ZJ_CITIES:
        prefix = province + _ZJ_CITIES[d[2:4]]
        if d[4:] == "00":
            return prefix
    return f"{prefix}（{d}）"


# --- Telephone numbers and postcodes --------------------------------------------------------

_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def check_mobile(s: str | None, label: str = "手机号码") -> CodeCheck:
    """Validate a mainland mobile number, tolerating the +86/0086/86 prefixes people paste."""
    if s is not None and _MOBILE.fullmatch(s):  # already in its stored form: nothing to normalise
        return CodeCheck(True, s)
    v = normalize(s).replace("-", "")
    if not v:
        return _fail(v, f"{label}不能为空")
    digits = v
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits.removeprefix(prefix)
            break
    else:
        # A bare 86 is only a country code when it leaves exactly 11 digits behind.
        if len(digits) == 13 and digits.startswith("86"):
            digits = digits[2:]
    if not (digits.isdigit() and digits.isascii()):
        return _fail(v, f"{label}只能包含数字（可带 +86 前缀）")
    if len(digits) != 11:
        return _fail(v, f"{label}应为11位数字，实为{len(digits)}位")
    if not _MOBILE.fullmatch(digits):
        return _fail(v, f"{label}应以 13–19 开头，实为 {digits[:2]}")
    return CodeCheck(True, digits)


# 3-digit area codes are exactly 010 and 02X; all others are 4 digits. Using that rule keeps
# numbers typed without a separator unambiguous (05768888888 → 0576-8888888).
_LANDLINE = re.compile(
    r"\(?(?P<area>010|02[0-9]|0[3-9][0-9]{2})\)?-?(?P<num>[0-9]{7,8})(?:(?:转|-)(?P<ext>[0-9]{1,6}))?"
)


# A landline already in its stored form (area-number[-extension]): _LANDLINE reads it back as itself.
_CANONICAL_LANDLINE = re.compile(r"(010|02[0-9]|0[3-9][0-9]{2})-[2-9][0-9]{6,7}(?:-[0-9]{1,6})?")


# Quick tests for text the checks accept as it is (fields.FieldSpec.stored_form): what a jjdesk export writes.
is_stored_customs_code = _CUSTOMS.fullmatch
is_stored_mobile = _MOBILE.fullmatch
is_stored_landline = _CANONICAL_LANDLINE.fullmatch


def check_landline(s: str | None, label: str = "固定电话") -> CodeCheck:
    """Validate a landline with area code and optional extension, storing one canonical form."""
    if s is not None and (m := _CANONICAL_LANDLINE.fullmatch(s)):  # nothing to normalise (as check_mobile)
        return CodeCheck(True, s, detail="台州" if m[1] == "0576" else "")
    v = normalize(s)
    if not v:
        return _fail(v, f"{label}不能为空")
    m = _LANDLINE.fullmatch(v)
    if m is None:
        if re.fullmatch(r"[2-9][0-9]{6,7}((转|-)[0-9]{1,6})?", v):
            return _fail(v, f"{label}缺少区号，应如 0576-88888888")
        if _MOBILE.fullmatch(v):
            return _fail(v, f"{label}填写的是手机号码，应如 0576-88888888")
        return _fail(v, f"{label}格式不正确，应如 0576-88888888 或 0576-88888888转123")
    area, num, ext = m["area"], m["num"], m["ext"]
    if num[0] in "01":
        return _fail(v, f"{label}区号后的号码不能以 0 或 1 开头，实为 {num}")
    canonical = f"{area}-{num}" + (f"-{ext}" if ext else "")
    return CodeCheck(True, canonical, detail="台州" if area == "0576" else "")


def check_postcode(s: str | None, label: str = "邮政编码") -> CodeCheck:
    """Validate a 6-digit postcode (no mainland postcode starts with 0 or 9)."""
    v = normalize(s)
    if not v:
        return _fail(v, f"{label}不能为空")
    if not (v.isdigit() and v.isascii()):
        return _fail(v, f"{label}只能包含数字")
    if len(v) != 6:
        return _fail(v, f"{label}应为6位数字，实为{len(v)}位")
    if v[0] in "09":
        return _fail(v, f"{label}首位应为 1–8，实为 {v[0]}")
    return CodeCheck(True, v)


# --- GB/T 4754-2017 industry classification --------------------------------------------------

# fmt: off
INDUSTRY_SECTIONS: dict[str, str] = {
    "A": "农、林、牧、渔业", "B": "采矿业", "C": "制造业", "D": "电力、热力、燃气及水生产和供应业",
    "E": "建筑业", "F": "批发和零售业", "G": "交通运输、仓储和邮政业", "H": "住宿和餐饮业",
    "I": "信息传输、软件和信息技术服务业", "J": "金融业", "K": "房地产业", "L": "租赁和商务服务业",
    "M": "科学研究和技术服务业", "N": "水利、环境和公共设施管理业", "O": "居民服务、修理和其他服务业",
    "P": "教育", "Q": "卫生和社会工作", "R": "文化、体育和娱乐业", "S": "公共管理、社会保障和社会组织",
    "T": "国际组织",
}
# Last division (大类) of each section; sections are contiguous from 01, so this suffices.
_SECTION_LAST = dict(zip("ABCDEFGHIJKLMNOPQRST", (5, 12, 43, 46, 50, 52, 60, 62, 65, 69, 70, 72, 75, 79,
                                                  82, 83, 85, 90, 96, 97), strict=True))
# fmt: on


def _section_of(division: int) -> str | None:
    return next((sec for sec, last in _SECTION_LAST.items() if 1 <= division <= last), None)


def check_industry_code(s: str | None, label: str = "国民经济行业") -> CodeCheck:
    """Validate a GB/T 4754-2017 code (C35 / C355 / C3553, or digits only) and make sure the
    division belongs to the section, since mismatches are a common copy-paste error."""
    v = normalize(s)
    if not v:
        return _fail(v, f"{label}不能为空")
    m = re.fullmatch(r"(?P<sec>[A-Z])?(?P<div>[0-9]{2})(?P<rest>[0-9]{0,2})", v)
    if m is None:
        return _fail(v, f"{label}代码格式不正确，应如 C35、C355 或 C3553")
    given = m["sec"]
    if given and given not in INDUSTRY_SECTIONS:
        return _fail(v, f"{label}门类字母应为 A–T，实为 {given}")
    section = _section_of(int(m["div"]))
    if section is None:
        return _fail(v, f"{label}大类 {m['div']} 不存在（有效范围 01–97）")
    if given and given != section:
        belongs, named = INDUSTRY_SECTIONS[section], INDUSTRY_SECTIONS[given]
        return _fail(v, f"{label}门类与大类不符：大类 {m['div']} 属于{belongs}（{section}），不属于{named}（{given}）")
    return CodeCheck(True, section + m["div"] + m["rest"], detail=INDUSTRY_SECTIONS[section])
