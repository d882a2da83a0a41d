"""Demo data: the facts of the 2021 article about Jiaojiang, plus generated platform members marked as demo.

Published figures are stored exactly as published, with their source; nothing derived is stored as if it had
been published (the three export groups' sum is not 出口总额). Real, named companies keep only what is public —
no invented identifiers — and every generated enterprise is flagged ``is_demo``.
"""

from __future__ import annotations

from dataclasses import dataclass

from jjdesk.services.core.actor import SYSTEM, Actor
from jjdesk.services.demo.enterprises import iter_demo_enterprises
from jjdesk.services.records import enterprises, initiatives, statistics
from jjdesk.store import repos
from jjdesk.store.engine import Database
from jjdesk.store.models import Enterprise

BULLETIN_2020 = "《台州市椒江区2020年国民经济和社会发展统计公报》（椒江区统计局，2021年4月）"
ARTICLE = "中国城市报《浙江省台州市椒江区：赋能数字经济 创新驱动产业转型》（2021-05-17）"
ANALYSIS_2021 = "椒江区统计局 2021年经济运行分析"

# (code, name, unit, parent code, decimals, sum group, note)
CATALOGUE: tuple[tuple[str, str, str, str | None, int, str, str], ...] = (
    ("WM", "外贸进出口总额", "亿元", None, 2, "", ""),
    ("WM.CK", "出口总额", "亿元", "WM", 2, "进出口", ""),
    ("WM.CK.WMGS", "外贸公司出口额", "亿元", "WM.CK", 2, "按企业类型", ""),
    ("WM.CK.SZ", "三资企业出口额", "亿元", "WM.CK", 2, "按企业类型", ""),
    ("WM.CK.SCQY", "生产企业出口额", "亿元", "WM.CK", 2, "按企业类型", ""),
    ("WM.CK.YBMY", "一般贸易出口额", "亿元", "WM.CK", 2, "按贸易方式", ""),
    ("WM.CK.JGMY", "加工贸易出口额", "亿元", "WM.CK", 2, "按贸易方式", ""),
    ("WM.CK.SCCG", "市场采购出口额", "亿元", "WM.CK", 2, "按贸易方式", ""),
    ("WM.CK.KJDS", "跨境电商出口额", "亿元", "WM.CK", 2, "按贸易方式", "9610/9710/9810/1210"),
    ("WM.JK", "进口总额", "亿元", "WM", 2, "进出口", ""),
    ("WM.QYS", "外贸实绩企业数", "家", None, 0, "", ""),
    ("SZ.HXZZ", "规上数字经济核心产业制造业增加值", "亿元", None, 2, "", ""),
    ("SZ.HXZB", "数字经济核心产业增加值占全市比重", "%", None, 1, "", "占台州市的比重"),
    ("GDP", "地区生产总值", "亿元", None, 2, "", "增速按可比价计算"),
    ("GDP.1", "第一产业增加值", "亿元", "GDP", 2, "三次产业", ""),
    ("GDP.2", "第二产业增加值", "亿元", "GDP", 2, "三次产业", ""),
    ("GDP.3", "第三产业增加值", "亿元", "GDP", 2, "三次产业", ""),
)

# (code, year, value, reported growth %, source)
FIGURES: tuple[tuple[str, int, str, str | None, str], ...] = (
    ("WM", 2020, "289.84", "5.2", BULLETIN_2020),
    ("WM.CK.WMGS", 2020, "70.88", "10.7", BULLETIN_2020),
    ("WM.CK.SZ", 2020, "36.37", "7.8", BULLETIN_2020),
    ("WM.CK.SCQY", 2020, "161.45", "3.9", BULLETIN_2020),
    ("SZ.HXZZ", 2020, "18.73", None, ARTICLE),
    ("SZ.HXZB", 2020, "40", None, ARTICLE),
    ("GDP", 2021, "752.14", "6.2", ANALYSIS_2021),
    ("GDP.1", 2021, "18.98", "-15.3", ANALYSIS_2021),
    ("GDP.2", 2021, "280.74", "6.4", ANALYSIS_2021),
    ("GDP.3", 2021, "452.43", "7.4", ANALYSIS_2021),
)

# Real companies named in the article: public facts only; codes only where published (domain notes).
NAMED_COMPANIES: tuple[dict, ...] = (
    {
        "name": "杰克科技股份有限公司",
        "credit_code": "91330000753954968D",
        "enterprise_type": "生产企业",
        "cluster": "智能缝制设备",
        "industry_code": "C3553",
        "is_listed": True,
        "stock_code": "603337",
        "notes": "原杰克缝纫机股份有限公司；2021年拟推荐上报省级“未来工厂”。",
    },
    {
        "name": "浙江水晶光电科技股份有限公司",
        "enterprise_type": "生产企业",
        "cluster": "光电",
        "is_listed": True,
        "stock_code": "002273",
        "notes": "“未来工厂”后备培育对象。",
    },
    {
        "name": "浙江星星科技股份有限公司",
        "enterprise_type": "生产企业",
        "cluster": "光电",
        "is_listed": True,
        "notes": "椒江区数字经济领域上市公司之一。",
    },
    {
        "name": "浙江星星冷链集成股份有限公司",
        "enterprise_type": "生产企业",
        "cluster": "冷链设备",
        "notes": "冷链新零售智能无人冷柜市场占有率超60%；“未来工厂”后备培育对象。",
    },
    {
        "name": "信质集团股份有限公司",
        "enterprise_type": "生产企业",
        "cluster": "汽车零部件",
        "is_listed": True,
        "notes": "原长鹰信质科技；“未来工厂”后备培育对象。",
    },
)

_DEPT = "区经科局"
_TASK_FORCE = "数字经济系统建设专班"


def _initiatives(company_ids: dict[str, int]) -> list[tuple[dict, list[dict], list[dict], list[dict]]]:
    """(fields, milestones, indicators, links) of the 2021 programme as the article describes it."""
    jack, crystal = company_ids["杰克科技股份有限公司"], company_ids["浙江水晶光电科技股份有限公司"]
    cold, xinzhi = company_ids["浙江星星冷链集成股份有限公司"], company_ids["信质集团股份有限公司"]
    return [
        (
            {
                "name": "椒江区数字经济系统建设方案",
                "category": "产业大脑",
                "lead_department": _TASK_FORCE,
                "start_date": "2021-02-19",
                "status": "推进中",
                "notes": "2021年重点：产业大脑、未来工厂、资源要素、数字贸易四个方面。",
            },
            [
                {"due_date": "2021-02-19", "text": "组建专门起草小组", "done": True, "done_date": "2021-02-19"},
                {
                    "due_date": "2021-02-26",
                    "text": "形成数字经济系统建设初步方案",
                    "done": True,
                    "done_date": "2021-02-26",
                },
                {
                    "due_date": "2021-03-29",
                    "text": "全区发展改革委员会会议审议通过",
                    "done": True,
                    "done_date": "2021-03-29",
                },
            ],
            [],
            [],
        ),
        (
            {
                "name": "“未来工厂”培育",
                "category": "未来工厂",
                "lead_department": _DEPT,
                "start_date": "2021-03-29",
                "status": "推进中",
                "stage": "未来工厂",
                "tier": "省级",
                "stage_status": "申报",
                "notes": "建立完善“未来工厂”建设机制。",
            },
            [],
            [],
            [
                {"enterprise_id": jack, "role": "推荐"},
                {"enterprise_id": cold, "role": "后备"},
                {"enterprise_id": crystal, "role": "后备"},
                {"enterprise_id": xinzhi, "role": "后备"},
            ],
        ),
        (
            {
                "name": "工业互联网示范平台建设",
                "category": "产业集群",
                "lead_department": _DEPT,
                "start_date": "2021-01-01",
                "status": "推进中",
                "notes": "围绕生物医药、缝制设备等“三千三百”产业集群。",
            },
            [],
            [{"name": "工业互联网示范平台", "unit": "个", "target": "4"}],
            [],
        ),
        (
            {
                "name": "工业技术改造",
                "category": "技术改造",
                "lead_department": _DEPT,
                "start_date": "2019-01-01",
                "due_date": "2020-12-31",
                "status": "已完成",
                "notes": "近两年累计数（截至2021年初）；技改项目“近110个”、机器人“350余台”为约数。",
            },
            [],
            [
                {"name": "工业技改项目", "unit": "个", "actual": "110"},
                {"name": "其中：自动化智能化改造项目", "unit": "个", "actual": "75"},
                {"name": "推广应用工业机器人", "unit": "台", "actual": "350"},
            ],
            [],
        ),
        (
            {
                "name": "数字生活新服务样板县创建",
                "category": "数字贸易",
                "lead_department": _DEPT,
                "start_date": "2021-01-01",
                "due_date": "2022-12-31",
                "status": "推进中",
                "funds": "340",
                "notes": "获2021年度省数字生活新服务样板县创建专项激励资金340万元；2022年建成数字生活新服务先行区。",
            },
            [{"due_date": "2022-12-31", "text": "建成数字生活新服务先行区"}],
            [],
            [],
        ),
        (
            {
                "name": "家电产业集群跨境电商发展试点",
                "category": "数字贸易",
                "lead_department": _DEPT,
                "start_date": "2021-01-01",
                "status": "推进中",
                "funds": "200",
                "notes": "获2021年度省级产业集群跨境电商发展试点培育类专项激励资金200万元。",
            },
            [],
            [],
            [],
        ),
        (
            {
                "name": "新型基础设施建设",
                "category": "新基建",
                "lead_department": _DEPT,
                "start_date": "2021-01-01",
                "status": "推进中",
                "notes": "重点围绕5G网络、大数据中心、工业互联网加大投资。",
            },
            [],
            [],
            [],
        ),
        (
            {
                "name": "台州湾数字经济产业园",
                "category": "产业集群",
                "lead_department": _DEPT,
                "status": "推进中",
                "notes": "规划总用地面积1.05万亩。",
            },
            [],
            [{"name": "规划用地面积", "unit": "万亩", "target": "1.05"}],
            [],
        ),
        (
            {
                "name": "数字经济占GDP比重提升",
                "category": "其他",
                "lead_department": _DEPT,
                "status": "推进中",
                "notes": "力争数字经济占GDP比重达40%。",
            },
            [],
            [{"name": "数字经济占GDP比重", "unit": "%", "target": "40"}],
            [],
        ),
    ]


@dataclass(frozen=True)
class DemoSummary:
    enterprises: int
    initiatives: int
    figures: int


def has_data(db: Database) -> bool:
    """True when any enterprise, initiative or figure exists (demo data is only loaded into an empty ledger)."""
    with db.session() as s:
        return repos.count(s, Enterprise) > 0 or bool(repos.indicators(s))


def load_demo(db: Database, generated: int = 300, actor: Actor = SYSTEM) -> DemoSummary:
    """Fill an empty database with the article's facts and ``generated`` demo platform members.

    All in one transaction: a load that fails or is killed part-way leaves the ledger empty, so it can simply be
    run again (a half-loaded ledger would be refused as "已有数据" and stay half-loaded)."""
    with db.one_transaction() as one:
        if has_data(one):
            raise ValueError("数据库中已有数据，演示数据只能载入空的数据库。")
        return _load(one, generated, actor)


def _load(db: Database, generated: int, actor: Actor) -> DemoSummary:
    for seq, (code, name, unit, parent, decimals, group, note) in enumerate(CATALOGUE):
        statistics.add_indicator(
            db,
            actor,
            {
                "code": code,
                "name": name,
                "unit": unit,
                "parent_code": parent,
                "seq": seq,
                "decimals": decimals,
                "sum_group": group,
                "note": note,
            },
        )
    for code, year, value, growth, source in FIGURES:
        statistics.set_value(db, actor, code, year, {"value": value, "growth": growth, "source": source})
    ids = enterprises.create_many(db, actor, list(NAMED_COMPANIES))
    company_ids = {c["name"]: i for c, i in zip(NAMED_COMPANIES, ids, strict=True)}
    enterprises.create_many(db, actor, list(iter_demo_enterprises(generated)))
    plan = _initiatives(company_ids)
    for fields, milestones, indicators, links in plan:
        initiatives.create(db, actor, {**fields, "is_demo": True}, milestones, indicators, links)
    return DemoSummary(len(NAMED_COMPANIES) + generated, len(plan), len(FIGURES))
