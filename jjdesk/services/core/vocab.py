"""The fixed vocabularies of the domain, in one place for validation, forms, filters, import and export.

Domain terms the officers own are stored as the Chinese words themselves. Program states (review status,
roles, value basis) are stored as codes; their Chinese labels live here so every client shows the same words.
"""

from __future__ import annotations

from datetime import date

ENTERPRISE_TYPES = ("外贸公司", "三资企业", "生产企业", "其他")
CLUSTERS = ("智能缝制设备", "智能马桶/卫浴", "家电", "光电", "生物医药", "汽车零部件", "冷链设备", "眼镜")
SERVICES = ("通关", "收汇", "退税", "融资", "信保", "物流")
CHANNELS = ("速卖通", "亚马逊", "eBay", "阿里巴巴")

INITIATIVE_CATEGORIES = ("产业大脑", "未来工厂", "资源要素", "数字贸易", "新基建", "技术改造", "产业集群", "其他")
INITIATIVE_STATUSES = ("未启动", "推进中", "已完成", "已暂停", "已取消")
FACTORY_STAGES = ("数字化车间", "智能工厂", "未来工厂")  # Zhejiang's factory ladder, lowest first
FACTORY_TIERS = ("县级", "市级", "省级")
STAGE_STATUSES = ("申报", "入库培育", "在建", "评估", "认定", "未通过")
LINK_ROLES = ("推荐", "后备", "参与", "牵头", "承建")

REVIEW_STATUS = {"draft": "草稿", "submitted": "待审核", "approved": "已审核", "returned": "已退回"}
ROLES = {"entry": "录入员", "reviewer": "审核员", "admin": "管理员"}
VALUE_BASIS = {"preliminary": "初步核算", "final": "最终核实"}

# The foreign-trade service platform opened in May 2020; earlier join dates are suspect.
PLATFORM_OPENED = date(2020, 5, 1)


def label_of(mapping: dict[str, str], code: str | None) -> str:
    """The Chinese label of a stored code, or the code itself when it is unknown (never an empty cell)."""
    if code is None:
        return ""
    return mapping.get(code, code)


def code_of(mapping: dict[str, str], text: str) -> str | None:
    """Accept either a code or its Chinese label (as typed in a form or a spreadsheet)."""
    text = text.strip()
    if text in mapping:
        return text
    for code, label in mapping.items():
        if label == text:
            return code
    return None
