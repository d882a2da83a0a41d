"""Deterministic, clearly fictitious enterprises of the Jiaojiang foreign-trade platform (外综服平台).

The demo database, screenshots and the 1,000,000-row benchmark all need data that looks like the
district's real ledger — the right clusters, codes that pass every check, a join curve that matches
the platform's history — without naming any real company. Everything here is derived from one
``random.Random(seed)`` (plus string-seeded helpers), so the same seed always gives the same rows on
every machine and Python version that keeps ``random``'s documented reproducibility.

Uniqueness (names, credit codes, customs codes) is guaranteed *by construction*: every unique field
is drawn from a keyed pseudo-random permutation of its code space, so no set of already-used values
has to be kept and a million rows can be streamed with constant memory.
"""

from __future__ import annotations

import math
import random
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import accumulate, product
from typing import Any, Generic, TypedDict, TypeVar

from jjdesk.services.codes import (
    CREDIT_CHARSET,
    TAIZHOU_DIVISIONS,
    credit_code_check_char,
    org_code_check_char,
)

# The vocabularies are owned by services.vocab; re-exported so demo callers need one import.
from jjdesk.services.vocab import CHANNELS, CLUSTERS, ENTERPRISE_TYPES, SERVICES

__all__ = [
    "CHANNELS",
    "CLUSTERS",
    "ENTERPRISE_TYPES",
    "FIRST_YEAR_END",
    "JOIN_END",
    "JOIN_START",
    "MAX_COUNT",
    "SERVICES",
    "DemoEnterprise",
    "generate_demo_enterprises",
    "iter_demo_enterprises",
]

T = TypeVar("T")

# The platform opened on 2020-05-18 and had 270+ members by April 2021; the demo never goes past
# the end of October 2026.
JOIN_START = date(2020, 5, 18)
FIRST_YEAR_END = date(2021, 4, 30)
JOIN_END = date(2026, 10, 31)

# Above this the customs-code space of one ownership digit (10 areas × 36⁴) could run out; far more
# than any benchmark needs.
MAX_COUNT = 10_000_000


class DemoEnterprise(TypedDict):
    """One generated row: a plain dict at run time, typed so callers' field names are checked."""

    name: str
    credit_code: str
    customs_code: str | None
    enterprise_type: str
    cluster: str | None
    industry_code: str | None
    join_date: date | None  # None: a prospect the officers track that has not joined yet
    services: list[str]  # non-empty, in SERVICES order
    channels: list[str]  # possibly empty, in CHANNELS order
    contact_name: str
    mobile: str | None
    landline: str | None
    export_value: Decimal | None  # 万元, exactly two places
    is_listed: bool
    notes: str
    is_demo: bool


# ---------------------------------------------------------------------------- small helpers


class _Weighted(Generic[T]):
    """A categorical distribution drawn from one ``rng.random()`` value: ``rng.choices`` costs ~1 µs
    per call, which alone would be seconds over a million rows and a dozen fields."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self._items = [item for item, _ in pairs]
        self._cum = list(accumulate(weight for _, weight in pairs))
        self._total = self._cum[-1]

    def pick(self, u: float) -> T:
        """The item for a uniform ``u`` in [0, 1) (the caller's ``rng.random()``)."""
        return self._items[bisect_right(self._cum, u * self._total)]


_MASK64 = (1 << 64) - 1


class _Permutation:
    """A keyed bijection of ``range(n)`` (Feistel network on a square, cycle-walked down to ``n``).

    Drawing ``perm(0), perm(1), …`` visits the whole space in a random-looking order without ever
    repeating, which is how names and codes stay unique with O(1) memory.
    """

    __slots__ = ("_keys", "_side", "n")

    def __init__(self, n: int, rng: random.Random) -> None:
        if n < 1:
            raise ValueError("empty permutation space")
        self.n = n
        self._side = math.isqrt(n - 1) + 1  # side² ≥ n, and only just, so walks are rare
        self._keys = tuple(rng.getrandbits(64) for _ in range(3))  # 3 rounds suffice (Luby–Rackoff)

    def __call__(self, x: int) -> int:
        side = self._side
        while True:
            left, right = divmod(x, side)
            for key in self._keys:
                # Any round function keeps a Feistel network bijective; this one just mixes well.
                h = ((right ^ key) * 0x9E3779B97F4A7C15) & _MASK64
                left, right = right, (left + (h ^ (h >> 29))) % side
            x = left * side + right
            # Cycle walking: x started inside range(n), so following the cycle lands back inside.
            if x < self.n:
                return x


# ---------------------------------------------------------------------------- names

_PREFIXES = ("台州市椒江区", "台州", "浙江", "台州市")

# Industry phrases by cluster (None: a trading company without a product cluster). Phrases must be
# distinct across clusters, or two spaces could produce the same name.
_CLUSTER_PHRASES: dict[str | None, tuple[str, ...]] = {
    "智能缝制设备": ("缝制设备", "缝纫机械", "缝制机械", "缝纫机", "智能缝制科技", "缝制设备科技"),
    "智能马桶/卫浴": ("卫浴", "洁具", "智能坐便器", "卫浴科技", "洁具科技", "智能卫浴"),
    "家电": ("电器", "家电", "电器科技", "小家电", "家用电器", "电器制造"),
    "光电": ("光电", "光学", "光电科技", "光电子", "光电技术"),
    "生物医药": ("医药", "生物科技", "药业", "生物医药", "制药", "医药化工"),
    "汽车零部件": ("汽车部件", "汽配", "汽车零部件", "汽车配件", "汽车零件"),
    "冷链设备": ("冷链设备", "制冷设备", "冷链科技", "制冷科技", "冷柜"),
    "眼镜": ("眼镜", "光学眼镜", "眼镜科技", "眼镜制造"),
    None: ("国际贸易", "贸易", "实业", "供应链管理"),
}

_COMPANY = "有限公司"
_JOINT_STOCK = "股份有限公司"
_IMPORT_EXPORT = "进出口有限公司"
# 个体工商户 (entity type 2) cannot call themselves 公司; these are the usual shop-style forms.
_SOLE_FORMS = ("商行", "经营部")
# Branch suffixes (the parent's name + a Jiaojiang street) only appear once a space is exhausted.
_BRANCHES = tuple(
    s + "分公司" for s in ("椒江", "海门", "白云", "葭沚", "洪家", "三甲", "下陈", "前所", "章安")
)

# 字号 characters. First and second positions come from disjoint lists (no "海海"), and neither list
# contains a character that starts a prefix, phrase or form: then the trade name is exactly the run
# of trade characters after the prefix, so different (prefix, trade, phrase, form, branch) tuples can
# never spell the same string, and uniqueness of the tuple is uniqueness of the name.
_TRADE_FIRST = "海瑞恒嘉锦鸿泓骏瀚晟昊睿卓凯铭澜沐拓禾诺逸朗岳宸帆峻翰沃奕晖钧煜蓝鑫宏盛润泽祥丰耀博启致聚德"
_TRADE_NEXT = "澄岭川驰源霖岚峰屿湾舟航程越途辰宇森茂林泰隆达通昌顺兴康安诚信益邦锐腾扬立尔特普美精"

# Trade names of real companies and brands (Taizhou's own first, then well-known national and
# Zhejiang names, then place names a combination could spell). Any name containing one is skipped,
# whatever its position, so demo data never looks like it is about a real firm.
_RESERVED_TEXT = (
    # asked for explicitly: famous Taizhou / Jiaojiang names
    "杰克 星星 水晶 信质 长鹰 吉利 海正 飞跃 伟星 新界 爱仕达 钱江 苏泊尔 利欧 "
    # more Taizhou firms: sewing, toilets, pharma, auto parts, optics
    "中捷 宝宇 琦星 欧路莎 维卫 九洲 华海 永太 天宇 联化 奥翔 司太立 本立 海翔 银轮 "
    "双环 丰立 大元 君禾 泰隆 星光 方远 东港 明月 康耐特 万安 "
    # national and Zhejiang brands
    "华为 海尔 海信 美的 格力 小米 联想 比亚迪 长城 长安 奇瑞 福耀 恒瑞 复星 九牧 "
    "恒洁 箭牌 惠达 东鹏 科勒 松下 华帝 创维 康佳 长虹 万和 九阳 舜宇 海康 大华 "
    "正泰 德力西 万向 传化 海亮 万丰 华峰 荣盛 恒逸 三花 盾安 奥克斯 方太 公牛 海天 "
    "顺丰 德邦 中通 圆通 申通 韵达 华润 华立 拓普 拓邦 禾川 诺邦 诺泰 诺安 翰宇 "
    "沃尔 沃特 沃森 钧达 蓝特 博腾 博通 博隆 博越 凯越 凯美 凯普 凯立 启辰 卓越 "
    "聚隆 恒立 恒林 恒通 恒顺 恒源 恒隆 恒安 恒邦 恒泰 恒信 海通 海立 海特 海兴 "
    "海达 海源 海隆 海泰 海顺 嘉林 嘉诚 嘉美 嘉益 嘉宇 鸿达 宏达 宏昌 宏源 盛美 "
    "盛通 盛泰 润达 润邦 祥源 丰茂 德尔 德美 德昌 德康 瑞普 瑞达 瑞康 瑞泰 泽达 "
    "博安 博信 海航 卓尔 德信 德隆 聚美 海程 海湾 诺信 海森 瑞信 瑞立 博泰 恒康 "
    "诺诚 德源 海辰 铭普 瀚川 禾信 "
    # place names two trade characters could spell
    "嘉兴 海安 瑞安 瑞昌 德兴 博兴 丰顺 海宁 泰顺 永康"
)
_RESERVED_TRADE_NAMES: frozenset[str] = frozenset(_RESERVED_TEXT.split())
_RESERVED_RE = re.compile("|".join(sorted(_RESERVED_TRADE_NAMES, key=len, reverse=True)))
_RESERVED_MAX = max(map(len, _RESERVED_TRADE_NAMES))

# Characters that may follow a prefix or a trade name; none of them may be a trade character.
_BOUNDARY_CHARS = frozenset(
    "".join(p[0] for p in _PREFIXES)
    + "市椒江区"
    + "".join(ph[0] for phrases in _CLUSTER_PHRASES.values() for ph in phrases)
    + "".join(f[0] for f in (_COMPANY, _JOINT_STOCK, _IMPORT_EXPORT, *_SOLE_FORMS))
)


class _NameSpace:
    """All names ``prefix + trade + phrase + form [+ branch]`` of one (prefix, phrases, form).

    Names are handed out in a keyed random order, tier by tier: 2-character trade names first, then
    the same with a branch suffix, then 3-character trade names, and so on. Each tier is finite and
    the tiers never end, so any count of names terminates and never repeats.
    """

    __slots__ = (
        "_branch", "_branches", "_key", "_length", "_perm", "_phrases", "_tier", "_used", "form", "prefix"
    )

    def __init__(self, key: str, prefix: str, phrases: tuple[str, ...], form: str, branches: bool) -> None:
        self._key = key
        self.prefix, self._phrases, self.form = prefix, phrases, form
        self._branches = _BRANCHES if branches else ()
        self._tier = -1
        self._next_tier()

    def _next_tier(self) -> None:
        self._tier += 1
        if self._branches:
            self._length, self._branch = 2 + self._tier // 2, self._tier % 2 == 1
        else:
            self._length, self._branch = 2 + self._tier, False
        size = len(_TRADE_FIRST) * len(_TRADE_NEXT) ** (self._length - 1) * len(self._phrases)
        if self._branch:
            size *= len(self._branches)
        # A string seed is hashed with SHA-512 by random.seed: stable across processes, unlike hash().
        self._perm = _Permutation(size, random.Random(f"{self._key}#{self._tier}"))
        self._used = 0

    def take(self) -> str:
        while True:
            if self._used == self._perm.n:
                self._next_tier()
            idx = self._perm(self._used)
            self._used += 1
            name = self._decode(idx)
            if name is not None:
                return name

    def _decode(self, idx: int) -> str | None:
        idx, phrase = divmod(idx, len(self._phrases))
        tail = self._phrases[phrase] + self.form
        if self._branch:
            idx, b = divmod(idx, len(self._branches))
            tail += self._branches[b]
        idx, first = divmod(idx, len(_TRADE_FIRST))
        trade = _TRADE_FIRST[first]
        for _ in range(self._length - 1):
            idx, nxt = divmod(idx, len(_TRADE_NEXT))
            if _TRADE_NEXT[nxt] == trade[-1]:
                return None  # "瑞澄澄" reads like a typo
            trade += _TRADE_NEXT[nxt]
        # The fixed pieces hold no reserved word (tested), so only text overlapping the trade name
        # needs checking: a reserved word reaches at most _RESERVED_MAX - 1 characters beyond it.
        reach = _RESERVED_MAX - 1
        if _RESERVED_RE.search(self.prefix[-reach:] + trade + tail[:reach]):
            return None
        return self.prefix + trade + tail


class _NameBook:
    """Lazily created name spaces, one per (cluster phrases, prefix, form)."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._spaces: dict[tuple[str | None, str, str], _NameSpace] = {}

    def take(self, cluster: str | None, prefix: str, form: str) -> str:
        key = (cluster, prefix, form)
        space = self._spaces.get(key)
        if space is None:
            phrases = _CLUSTER_PHRASES[cluster]
            if cluster is None and form == _IMPORT_EXPORT:
                phrases = ("",)  # "台州恒川进出口有限公司": the form already says what they do
            sole = form in _SOLE_FORMS
            space = _NameSpace(f"jjdesk-demo-name:{self._seed}:{cluster}:{prefix}:{form}",
                               prefix, phrases, form, branches=not sole)
            self._spaces[key] = space
        return space.take()


# ---------------------------------------------------------------------------- credit codes


def _credit_tables() -> tuple[list[dict[str, int]], list[dict[str, int]]]:
    """Per-position contributions of each character to the two check sums, read off codes.py.

    ``make_credit_code`` re-validates every code it builds (~38 µs each, most of a 1M-row run).
    Both check characters are a fixed function of a weighted sum (GB 11714: mod 11, GB 32100: mod
    31), so the sums can be accumulated from tables instead. The tables are *measured* from codes.py's
    own check-character functions with single-character probes, so there is still only one
    implementation of the standards; the tests compare the result with ``make_credit_code``.
    """
    org: list[dict[str, int]] = []
    for pos in range(8):
        table = {}
        for c in CREDIT_CHARSET:
            check = org_code_check_char("0" * pos + c + "0" * (7 - pos))
            # check = 11 - (sum mod 11), written "X" for 10 and "0" for 11.
            c9 = 10 if check == "X" else 11 if check == "0" else int(check)
            table[c] = (11 - c9) % 11
        org.append(table)
    credit: list[dict[str, int]] = []
    for pos in range(17):
        table = {}
        for c in CREDIT_CHARSET:
            check = credit_code_check_char("0" * pos + c + "0" * (16 - pos))
            # check = CHARSET[(31 - sum mod 31) mod 31]
            table[c] = (31 - CREDIT_CHARSET.index(check)) % 31
        credit.append(table)
    return org, credit


_ORG_SUM, _CREDIT_SUM = _credit_tables()


def _org_check(total: int) -> str:
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


@cache
def _blocks(alphabet: str, width: int, start: int) -> tuple[list[str], list[int], list[int]]:
    """Every ``width``-character string over ``alphabet`` (index = its big-endian value) with its
    contributions to the two check sums when placed at body position ``start``; turns the per-row
    work into three list lookups."""
    strings, org, credit = [], [], []
    for chars in product(alphabet, repeat=width):
        strings.append("".join(chars))
        org.append(sum(_ORG_SUM[start + i][c] for i, c in enumerate(chars)))
        credit.append(sum(_CREDIT_SUM[8 + start + i][c] for i, c in enumerate(chars)))
    return strings, org, credit


class _CreditCodes:
    """Unique 18-character codes; uniqueness comes from unique organisation-code bodies.

    Old (pre-2015) organisation codes are 8 digits (here led by 1, 5, 6 or 7); newer bodies read
    "MA2" + 5 characters. Only CREDIT_CHARSET is used, because GB 32100 cannot carry I, O, S, V, Z.
    """

    _LEADS = "1567"

    def __init__(self, seed: int) -> None:
        base = len(CREDIT_CHARSET)
        self._perms = {
            False: _Permutation(len(self._LEADS) * 10**7, random.Random(f"jjdesk-demo-org:{seed}:d")),
            True: _Permutation(base**5, random.Random(f"jjdesk-demo-org:{seed}:m")),
        }
        self._used = {False: 0, True: 0}
        self._head_sums: dict[str, int] = {}
        # Digit bodies: lead + 3 + 4 digits; new-style: "MA2" + 2 + 3 characters.
        self._lead = [(c, _ORG_SUM[0][c], _CREDIT_SUM[8][c]) for c in self._LEADS]
        self._d3, self._d4 = _blocks("0123456789", 3, 1), _blocks("0123456789", 4, 4)
        self._m2, self._m3 = _blocks(CREDIT_CHARSET, 2, 3), _blocks(CREDIT_CHARSET, 3, 5)

    def _next_index(self, new_style: bool) -> tuple[bool, int]:
        for style in (new_style, not new_style):  # one style exhausted: borrow from the other
            used = self._used[style]
            if used < self._perms[style].n:
                self._used[style] = used + 1
                return style, self._perms[style](used)
        raise ValueError("演示企业数量超出统一社会信用代码的可用范围")

    def make(self, division: str, entity_type: str, new_style: bool) -> str:
        """Same result as ``make_credit_code(body, division, "9", entity_type)``, ~10× faster."""
        head = "9" + entity_type + division
        head_sum = self._head_sums.get(head)
        if head_sum is None:
            head_sum = self._head_sums[head] = sum(_CREDIT_SUM[i][c] for i, c in enumerate(head))
        style, x = self._next_index(new_style)
        if style:
            hi, lo = divmod(x, len(CREDIT_CHARSET) ** 3)
            a, b = self._m2, self._m3
            body = "MA2" + a[0][hi] + b[0][lo]
            org_total = _MA2_ORG + a[1][hi] + b[1][lo]
            credit_total = head_sum + _MA2_CREDIT + a[2][hi] + b[2][lo]
        else:
            lead, rest = divmod(x, 10**7)
            hi, lo = divmod(rest, 10**4)
            c, lead_org, lead_credit = self._lead[lead]
            a, b = self._d3, self._d4
            body = c + a[0][hi] + b[0][lo]
            org_total = lead_org + a[1][hi] + b[1][lo]
            credit_total = head_sum + lead_credit + a[2][hi] + b[2][lo]
        org = _org_check(org_total)
        credit_total += _CREDIT_SUM[16][org]
        return head + body + org + CREDIT_CHARSET[(31 - credit_total % 31) % 31]


_MA2_ORG = sum(_ORG_SUM[i][c] for i, c in enumerate("MA2"))
_MA2_CREDIT = sum(_CREDIT_SUM[8 + i][c] for i, c in enumerate("MA2"))


# ---------------------------------------------------------------------------- customs codes

_CUSTOMS_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _CustomsCodes:
    """Unique 10-character customs registration codes "3310" + area + ownership + 4 characters.

    Within each (area, ownership) bucket the 10⁴ all-digit sequences are used first, so small demos
    show ordinary all-digit codes, then the alphanumeric ones; a full bucket spills into the next
    area digit.
    """

    # 5th digit, 市内经济区划: 9 其他, 2 经济技术开发区, 3 高新区, 4 保税区 (台州综合保税区).
    _AREA = _Weighted([("9", 86), ("2", 9), ("3", 3), ("4", 2)])
    _SPILL_ORDER = "9234501678"

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._buckets: dict[tuple[str, str], list[Any]] = {}

    def make(self, u: float, ownership: str) -> str:
        """A fresh code; ``u`` (uniform in [0, 1)) picks the area digit."""
        first = self._AREA.pick(u)
        seq = self._next(first, ownership)
        if seq is not None:
            return f"3310{first}{ownership}{seq}"
        for area in self._SPILL_ORDER:
            seq = self._next(area, ownership)
            if seq is not None:
                return f"3310{area}{ownership}{seq}"
        raise ValueError("演示企业数量超出海关编码的可用范围")

    def _next(self, area: str, ownership: str) -> str | None:
        bucket = self._buckets.get((area, ownership))
        if bucket is None:
            r = random.Random(f"jjdesk-demo-customs:{self._seed}:{area}{ownership}")
            bucket = [_Permutation(10**4, r), _Permutation(len(_CUSTOMS_ALNUM) ** 4, r), 0]
            self._buckets[(area, ownership)] = bucket
        digits, alnum, used = bucket
        while True:
            if used < digits.n:
                bucket[2] = used + 1
                return f"{digits(used):04d}"
            k = used - digits.n
            if k >= alnum.n:
                return None
            used += 1
            bucket[2] = used
            x = alnum(k)
            chars = []
            for _ in range(4):
                x, r = divmod(x, len(_CUSTOMS_ALNUM))
                chars.append(_CUSTOMS_ALNUM[r])
            seq = "".join(chars)
            if not seq.isdigit():  # all-digit ones were handed out in the first tier
                return seq


# ---------------------------------------------------------------------------- profiles

# enterprise_type weights 30/12/55/3: the mix the officers described for the platform's members.
_TYPE = _Weighted([("外贸公司", 30), ("三资企业", 12), ("生产企业", 55), ("其他", 3)])

# Jiaojiang's clusters by weight: sewing equipment and smart toilets lead, pharma (外沙 chemical
# park) and home appliances follow.
_CLUSTER = _Weighted([
    ("智能缝制设备", 24), ("智能马桶/卫浴", 16), ("生物医药", 14), ("家电", 12), ("汽车零部件", 12),
    ("冷链设备", 8), ("光电", 7), ("眼镜", 7),
])
_TRADER_WITHOUT_CLUSTER = 0.4  # share of 外贸公司 that trade across clusters
_SOLE_PROPRIETOR_SHARE = 0.4  # share of "其他" that are 个体工商户

# GB/T 4754-2017 classes (verified against the 2017 table): manufacturing codes by cluster.
_MANUFACTURING_CODES: dict[str, _Weighted[str]] = {
    "智能缝制设备": _Weighted([("C3553", 1)]),  # 缝制机械制造
    # 3855 家用清洁卫生电器具制造 covers electronic toilet seats; 3072 卫生陶瓷制品制造 the ceramics.
    "智能马桶/卫浴": _Weighted([("C3855", 6), ("C3072", 4)]),
    # 3854 厨房, 3855 清洁卫生, 3851 制冷, 3853 通风电器具, 3857 家用电力器具专用配件制造
    "家电": _Weighted([("C3854", 35), ("C3855", 15), ("C3851", 15), ("C3853", 15), ("C3857", 20)]),
    "光电": _Weighted([("C3976", 6), ("C4040", 4)]),  # 光电子器件制造; 光学仪器制造
    # Jiaojiang's pharma is mostly APIs: 2710 化学药品原料药, 2720 化学药品制剂, 2761 生物药品制造
    "生物医药": _Weighted([("C2710", 60), ("C2720", 25), ("C2761", 15)]),
    "汽车零部件": _Weighted([("C3670", 1)]),  # 汽车零部件及配件制造
    "冷链设备": _Weighted([("C3464", 8), ("C3851", 2)]),  # 制冷、空调设备制造; 家用制冷电器具制造
    "眼镜": _Weighted([("C3587", 1)]),  # 眼镜制造 (under 358 since the 2017 edition)
}
# Wholesale classes a trading company in a cluster registers under: 5179 其他机械设备及电子产品批发,
# 5135 厨具卫具及日用杂品批发, 5138 日用家电批发, 5151 西药批发, 5172 汽车及零配件批发,
# 5199 其他未列明批发业.
_TRADE_CODE_BY_CLUSTER: dict[str, str] = {
    "智能缝制设备": "F5179", "智能马桶/卫浴": "F5135", "家电": "F5138", "光电": "F5179",
    "生物医药": "F5151", "汽车零部件": "F5172", "冷链设备": "F5179", "眼镜": "F5199",
}
# 5181 贸易代理, 5199 其他未列明批发业, 5179 (machinery), 5174 五金产品批发
_GENERAL_TRADE_CODES = _Weighted([("F5181", 35), ("F5199", 35), ("F5179", 20), ("F5174", 10)])
_NO_INDUSTRY_CODE = 0.03  # not filled in on the form

_FORM_BY_TYPE: dict[str, _Weighted[str]] = {
    "生产企业": _Weighted([(_COMPANY, 85), (_JOINT_STOCK, 15)]),
    "三资企业": _Weighted([(_COMPANY, 95), (_JOINT_STOCK, 5)]),
    "外贸公司": _Weighted([(_IMPORT_EXPORT, 60), (_COMPANY, 40)]),
    "其他": _Weighted([(_COMPANY, 1)]),
}
_SOLE_FORM = _Weighted([(f, 1) for f in _SOLE_FORMS])
_PREFIX_BY_FORM: dict[str, _Weighted[str]] = {
    _COMPANY: _Weighted([("台州市椒江区", 35), ("台州", 25), ("浙江", 25), ("台州市", 15)]),
    _IMPORT_EXPORT: _Weighted([("台州市椒江区", 30), ("台州", 35), ("浙江", 25), ("台州市", 10)]),
    # 股份有限公司 usually register at provincial level.
    _JOINT_STOCK: _Weighted([("浙江", 55), ("台州", 25), ("台州市", 10), ("台州市椒江区", 10)]),
}

# Division in the credit code: 椒江 mostly; some firms registered at city level (331000) or in
# another Taizhou county before moving their business to Jiaojiang.
_OTHER_DIVISIONS = sorted(d for d in TAIZHOU_DIVISIONS if d != "331002")
_DIVISION = _Weighted(
    [("331002", 82), ("331000", 6), *((d, 12 / len(_OTHER_DIVISIONS)) for d in _OTHER_DIVISIONS)]
)
# Share of post-2015 "MA" organisation codes; trading companies are younger on average.
_NEW_STYLE_CODE = {"外贸公司": 0.45, "三资企业": 0.15, "生产企业": 0.2, "其他": 0.4}

# Customs: share without own registration (they declare through the platform), and ownership digit
# (6th position: 1 国有, 2 中外合作, 3 中外合资, 4 外商独资, 5 集体, 6 私营, 7 个体工商户).
_NO_CUSTOMS = {"外贸公司": 0.05, "三资企业": 0.02, "生产企业": 0.22, "其他": 0.5}
_OWNERSHIP: dict[str, _Weighted[str]] = {
    "三资企业": _Weighted([("3", 45), ("4", 45), ("2", 10)]),
    "外贸公司": _Weighted([("6", 92), ("1", 5), ("5", 3)]),
    "生产企业": _Weighted([("6", 92), ("5", 5), ("1", 3)]),
    "其他": _Weighted([("6", 95), ("1", 5)]),
}

# Probability of each service in SERVICES order; averaged over types ≈ 90/75/70/15/30/45 %.
_SERVICE_P: dict[str, tuple[float, ...]] = {
    "外贸公司": (0.96, 0.85, 0.80, 0.12, 0.35, 0.55),
    "三资企业": (0.90, 0.80, 0.75, 0.10, 0.30, 0.40),
    "生产企业": (0.87, 0.70, 0.66, 0.18, 0.28, 0.40),
    "其他": (0.80, 0.55, 0.45, 0.10, 0.15, 0.45),
}
_SERVICE_PAIRS = {t: tuple(zip(SERVICES, p, strict=True)) for t, p in _SERVICE_P.items()}
_ANY_CHANNEL = {"外贸公司": 0.45, "三资企业": 0.10, "生产企业": 0.22, "其他": 0.55}
_CHANNEL_P = (0.35, 0.45, 0.15, 0.65)  # CHANNELS order: 速卖通, 亚马逊, eBay, 阿里巴巴 (国际站)
_CHANNEL_PAIRS = tuple(zip(CHANNELS, _CHANNEL_P, strict=True))

# Export value in 万元: log-normal, median by type, truncated to [5, 200000].
_EXPORT_MEDIAN = {"外贸公司": 650.0, "三资企业": 2500.0, "生产企业": 800.0, "其他": 150.0}
_EXPORT_SIGMA = 1.55
_EXPORT_MIN_CENTS, _EXPORT_MAX_CENTS = 500, 20_000_000
_NO_EXPORT_VALUE = 0.10

# fmt: off
_SURNAME = _Weighted([
    ("陈", 9), ("王", 8), ("林", 7), ("李", 6), ("张", 6), ("郑", 4), ("黄", 4), ("周", 4), ("吴", 4),
    ("徐", 4), ("杨", 4), ("朱", 3), ("金", 3), ("叶", 3), ("潘", 3), ("应", 2), ("蒋", 2), ("罗", 2),
    ("梁", 2), ("卢", 2), ("郭", 2), ("赵", 2), ("蔡", 2), ("许", 2), ("陶", 1), ("毛", 1), ("章", 1),
])
_GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳娟涛明超秀霞平刚英华建国文辉红玲"
    "斌波宇浩凯鹏俊帆晓燕婷雪琳慧佳海林峰鑫琴云坚剑亮荣瑜"
)
# fmt: on
# Founders of well-known Taizhou and national firms: a demo contact must not be one of them.
_RESERVED_PERSON_NAMES = frozenset(
    {"李书福", "叶仙玉", "阮积祥", "马云", "马化腾", "任正非", "雷军", "董明珠"}
)

_MOBILE_PREFIX = _Weighted([
    *((p, 5) for p in ("130", "131", "132", "133", "134", "135", "136", "137", "138", "139")),
    *((p, 4) for p in ("150", "151", "152", "153", "155", "156", "157", "158", "159")),
    *((p, 4) for p in ("180", "181", "182", "183", "184", "185", "186", "187", "188", "189")),
    *((p, 1) for p in ("166", "173", "175", "176", "177", "178", "191", "195", "198", "199")),
])
_NO_MOBILE = 0.05
_NO_LANDLINE = 0.42  # only drawn when a mobile exists, so ≈ 40 % overall
# Taizhou numbers are 8 digits; Jiaojiang exchanges mostly start 88/89/81/82.
_LANDLINE_HEAD = _Weighted([("88", 50), ("89", 20), ("81", 15), ("82", 15)])

_NOTE_SHARE = 0.12


# ---------------------------------------------------------------------------- join dates


def _join_date(i: int, count: int, u: float) -> date | None:
    """Join date of row ``i`` of ``count``, stratified so the shape is exact even for small counts.

    Rows are in join order (as on the platform's member list): 91.7 % in the first year — 275 of
    300, matching "270+ by April 2021" — then 6.3 % spread to October 2026, and the last 2 % are
    prospects that have not joined (None). Within each period the density falls off, because sign-ups
    came in a launch wave and slowed down.
    """
    q = (i + u) / count
    if q < _FIRST_YEAR_SHARE:
        s, start, days, shape = q / _FIRST_YEAR_SHARE, JOIN_START.toordinal(), _FIRST_YEAR_DAYS, 1.6
    elif q < _FIRST_YEAR_SHARE + _LATER_SHARE:
        s = (q - _FIRST_YEAR_SHARE) / _LATER_SHARE
        start, days, shape = _LATER_START, _LATER_DAYS, 1.3
    else:
        return None
    return date.fromordinal(start + min(days - 1, int(days * s**shape)))


_FIRST_YEAR_SHARE = 0.917
_LATER_SHARE = 0.063
_FIRST_YEAR_DAYS = FIRST_YEAR_END.toordinal() - JOIN_START.toordinal() + 1
_LATER_START = FIRST_YEAR_END.toordinal() + 1
_LATER_DAYS = JOIN_END.toordinal() - _LATER_START + 1


# ---------------------------------------------------------------------------- one row


def _contact_name(rng: random.Random) -> str:
    while True:
        given = _GIVEN_CHARS[int(rng.random() * len(_GIVEN_CHARS))]
        if rng.random() < 0.75:
            given += _GIVEN_CHARS[int(rng.random() * len(_GIVEN_CHARS))]
        name = _SURNAME.pick(rng.random()) + given
        if name not in _RESERVED_PERSON_NAMES:
            return name


def _export_value(rng: random.Random, etype: str) -> Decimal | None:
    if rng.random() < _NO_EXPORT_VALUE:
        return None
    mu = math.log(_EXPORT_MEDIAN[etype])
    while True:
        # Truncate by redrawing rather than clamping, so no pile-up at exactly 5.00 or 200000.00.
        cents = round(math.exp(rng.gauss(mu, _EXPORT_SIGMA)) * 100)
        if _EXPORT_MIN_CENTS <= cents <= _EXPORT_MAX_CENTS:
            # Exact two-place Decimal from integer cents; never Decimal(float).
            return Decimal(cents).scaleb(-2)


def _note(rng: random.Random, row: DemoEnterprise) -> str:
    """Mostly empty, like the real ledger; otherwise a remark consistent with the row's facts."""
    join, etype, services = row["join_date"], row["enterprise_type"], row["services"]
    if join is None:
        return "意向企业，尚未入驻平台"
    if rng.random() >= _NOTE_SHARE:
        return ""
    year = join.year + int(rng.random() * (JOIN_END.year - join.year + 1))
    options = ["重点跟踪企业", "出口以欧美市场为主", "出口以东南亚市场为主"]
    if row["customs_code"]:
        options.append("拟申请海关AEO高级认证")
    if row["channels"]:
        options.append(f"{year}年新增跨境电商业务")
    if "信保" in services:
        options.append("已投保出口信用保险短期险")
    if "退税" in services:
        options.append(f"{year}年起通过平台办理出口退税")
    if "融资" in services:
        options.append("已办理出口订单融资")
    if etype == "外贸公司":
        options.append("新设外贸主体，重点培育")
    if join.year <= 2021:
        options.append("受海运费上涨影响，2021年订单有所下降")
    if year >= 2022:
        options.append("RCEP原产地证书需求较多")
    return options[int(rng.random() * len(options))]


def _validate(count: int) -> None:
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError("count 应为整数")
    if count < 0 or count > MAX_COUNT:
        raise ValueError(f"演示企业数量应在 0–{MAX_COUNT} 之间，实为 {count}")


def iter_demo_enterprises(count: int = 300, seed: int = 2021) -> Iterator[DemoEnterprise]:
    """Yield ``count`` demo enterprises lazily, so a 1M-row benchmark never holds them all.

    The arguments are checked here, not at the first ``next()``, so a bad count fails where it is
    passed.
    """
    _validate(count)
    return _rows(count, seed)


def _rows(count: int, seed: int) -> Iterator[DemoEnterprise]:
    rng = random.Random(seed)
    names = _NameBook(seed)
    credit = _CreditCodes(seed)
    customs = _CustomsCodes(seed)
    rand = rng.random
    for i in range(count):
        join = _join_date(i, count, rand())
        etype = _TYPE.pick(rand())
        sole = etype == "其他" and rand() < _SOLE_PROPRIETOR_SHARE
        cluster: str | None = _CLUSTER.pick(rand())
        if etype == "外贸公司" and rand() < _TRADER_WITHOUT_CLUSTER:
            cluster = None

        if sole:
            form, prefix = _SOLE_FORM.pick(rand()), "台州市椒江区"
        else:
            form = _FORM_BY_TYPE[etype].pick(rand())
            prefix = _PREFIX_BY_FORM[form].pick(rand())
        name = names.take(cluster, prefix, form)

        # A name that says 椒江区 was registered in 椒江; 个体工商户 register where they trade.
        division = "331002" if sole or prefix == "台州市椒江区" else _DIVISION.pick(rand())
        new_style = sole or rand() < _NEW_STYLE_CODE[etype]
        credit_code = credit.make(division, "2" if sole else "1", new_style)

        if rand() < _NO_CUSTOMS[etype]:
            customs_code = None
        else:
            customs_code = customs.make(rand(), "7" if sole else _OWNERSHIP[etype].pick(rand()))

        if rand() < _NO_INDUSTRY_CODE:
            industry_code = None
        elif cluster is None:
            industry_code = _GENERAL_TRADE_CODES.pick(rand())
        elif etype == "外贸公司" and rand() < 0.6:
            industry_code = _TRADE_CODE_BY_CLUSTER[cluster]
        elif etype == "外贸公司":
            industry_code = _GENERAL_TRADE_CODES.pick(rand())
        else:
            industry_code = _MANUFACTURING_CODES[cluster].pick(rand())

        # Never empty: a member uses at least one service, and 通关 is the one almost all use.
        services = [s for s, p in _SERVICE_PAIRS[etype] if rand() < p] or [SERVICES[0]]
        channels: list[str] = []
        if rand() < _ANY_CHANNEL[etype]:
            channels = [c for c, p in _CHANNEL_PAIRS if rand() < p] or [CHANNELS[3]]

        mobile = None if rand() < _NO_MOBILE else _MOBILE_PREFIX.pick(rand()) + f"{int(rand() * 10**8):08d}"
        if mobile is not None and rand() < _NO_LANDLINE:
            landline = None  # someone must be reachable: no mobile means a landline
        else:
            landline = f"0576-{_LANDLINE_HEAD.pick(rand())}{int(rand() * 10**6):06d}"

        row: DemoEnterprise = {
            "name": name,
            "credit_code": credit_code,
            "customs_code": customs_code,
            "enterprise_type": etype,
            "cluster": cluster,
            "industry_code": industry_code,
            "join_date": join,
            "services": services,
            "channels": channels,
            "contact_name": _contact_name(rng),
            "mobile": mobile,
            "landline": landline,
            "export_value": _export_value(rng, etype),
            "is_listed": False,
            "notes": "",
            "is_demo": True,
        }
        row["notes"] = _note(rng, row)
        yield row


def generate_demo_enterprises(count: int = 300, seed: int = 2021) -> list[DemoEnterprise]:
    """All ``count`` demo enterprises for ``seed`` as a list; the default is the 300-firm demo."""
    return list(iter_demo_enterprises(count, seed))

