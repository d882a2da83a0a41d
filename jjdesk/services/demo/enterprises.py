"""Deterministic, clearly fictitious enterprises of the Jiaojiang foreign-trade platform (外综服平台).

The demo database, screenshots and the 1,000,000-row benchmark all need data that looks like the
district's real ledger — the right clusters, codes that pass every check, a join curve that matches
the platform's history — without naming any real company. Everything here is derived from one
``random.Random(seed)`` (plus string-seeded helpers), so the same seed always gives the same rows on
every machine and Python version that keeps ``random``'s documented reproducibility.

Uniqueness (names, credit codes, customs codes) is guaranteed *by construction*: every unique field
is drawn from a keyed pseudo-random permutation of its code space, so no set of already-used values
has to be kept and a million rows can be streamed with constant memory.

This module is the public face: the distributions (types, clusters, codes, contacts, join curve)
and the row generator. Company names live in ``demo.names``, credit and customs codes in
``demo.codes``, and the shared seeded helpers in ``demo.sampling``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TypedDict

# The vocabularies are owned by services.core.vocab; re-exported so demo callers need one import.
from jjdesk.services.core.vocab import CHANNELS, CLUSTERS, ENTERPRISE_TYPES, SERVICES
from jjdesk.services.demo.codes import _CreditCodes, _CustomsCodes
from jjdesk.services.demo.names import _COMPANY, _IMPORT_EXPORT, _JOINT_STOCK, _SOLE_FORMS, _NameBook
from jjdesk.services.demo.sampling import _Weighted
from jjdesk.services.families.codes import TAIZHOU_DIVISIONS

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


# ---------------------------------------------------------------------------- profiles

# enterprise_type weights 30/12/55/3: the mix the officers described for the platform's members.
_TYPE = _Weighted([("外贸公司", 30), ("三资企业", 12), ("生产企业", 55), ("其他", 3)])

# Jiaojiang's clusters by weight: sewing equipment and smart toilets lead, pharma (外沙 chemical
# park) and home appliances follow.
_CLUSTER = _Weighted(
    [
        ("智能缝制设备", 24),
        ("智能马桶/卫浴", 16),
        ("生物医药", 14),
        ("家电", 12),
        ("汽车零部件", 12),
        ("冷链设备", 8),
        ("光电", 7),
        ("眼镜", 7),
    ]
)
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
    "智能缝制设备": "F5179",
    "智能马桶/卫浴": "F5135",
    "家电": "F5138",
    "光电": "F5179",
    "生物医药": "F5151",
    "汽车零部件": "F5172",
    "冷链设备": "F5179",
    "眼镜": "F5199",
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
_DIVISION = _Weighted([("331002", 82), ("331000", 6), *((d, 12 / len(_OTHER_DIVISIONS)) for d in _OTHER_DIVISIONS)])
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
_RESERVED_PERSON_NAMES = frozenset({"李书福", "叶仙玉", "阮积祥", "马云", "马化腾", "任正非", "雷军", "董明珠"})

_MOBILE_PREFIX = _Weighted(
    [
        *((p, 5) for p in ("130", "131", "132", "133", "134", "135", "136", "137", "138", "139")),
        *((p, 4) for p in ("150", "151", "152", "153", "155", "156", "157", "158", "159")),
        *((p, 4) for p in ("180", "181", "182", "183", "184", "185", "186", "187", "188", "189")),
        *((p, 1) for p in ("166", "173", "175", "176", "177", "178", "191", "195", "198", "199")),
    ]
)
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
