"""The platform enterprise (外综服平台入驻企业), field by field: the one place a field of an enterprise is declared.

Order is form and export order. ``is_demo`` is set by the demo loader only: never typed, exported or imported.
"""

from __future__ import annotations

from jjdesk.services.core.fields import BOOL, CHOICE, CODE, DATE, DECIMAL, MULTI, FieldSpec
from jjdesk.services.core.vocab import CHANNELS, CLUSTERS, ENTERPRISE_TYPES, SERVICES
from jjdesk.services.families import codes
from jjdesk.services.families.field import DEMO_FLAG, MONEY_LIMIT, ZERO, Family, Field, FormGroup

ENTERPRISE_FAMILY = Family(
    entity="enterprise",
    label="企业",
    form_groups=(
        FormGroup("basic", "基本信息", "Basic information"),
        FormGroup("platform", "平台服务", "Platform services"),
        FormGroup("contact", "联系方式", "Contact"),
        FormGroup("business", "经营情况", "Business"),
    ),
    fields=(
        Field(
            FieldSpec("name", "企业名称", required=True, max_len=100),
            "Enterprise name",
            form_group="basic",
            listed=True,
            sample="台州市椒江区瑞丰智能缝制设备有限公司一",
            synonyms=(
                "名称",
                "企业",
                "企业名",
                "企业全称",
                "公司",
                "公司名称",
                "公司全称",
                "单位名称",
                "企业(单位)名称",
            ),
        ),
        Field(
            FieldSpec(
                "credit_code",
                "统一社会信用代码",
                CODE,
                check=codes.check_credit_code,
                stored_form=codes.is_stored_credit_code,
            ),
            "Credit code",
            form_group="basic",
            listed=True,
            sample="91331002MA2MWN5G4W",
            synonyms=("信用代码", "社会信用代码", "统一代码", "统一信用代码", "USCC", "统一社会信用代码证号"),
        ),
        Field(
            FieldSpec(
                "customs_code",
                "海关编码",
                CODE,
                check=codes.check_customs_code,
                stored_form=codes.is_stored_customs_code,
            ),
            "Customs code",
            form_group="basic",
            synonyms=("海关代码", "海关注册编码", "海关注册代码", "海关注册编号", "海关编号", "海关注册号"),
        ),
        Field(
            FieldSpec("enterprise_type", "企业类型", CHOICE, required=True, choices=ENTERPRISE_TYPES),
            "Enterprise type",
            form_group="basic",
            listed=True,
            sample="生产企业",
            synonyms=("类型", "企业性质", "企业类别", "类别"),
        ),
        Field(
            FieldSpec("cluster", "产业集群", CHOICE, choices=CLUSTERS, open_choices=True, max_len=32),
            "Industry cluster",
            form_group="basic",
            listed=True,
            sample="智能马桶/卫浴",
            synonyms=("集群", "行业集群", "所属集群", "所属产业集群"),
        ),
        Field(
            FieldSpec("industry_code", "国民经济行业", CODE, check=codes.check_industry_code),
            "Industry (GB/T 4754)",
            form_group="basic",
            synonyms=("行业代码", "行业", "国民经济行业代码", "国民经济行业分类", "所属行业", "行业分类"),
        ),
        Field(
            FieldSpec("join_date", "入驻日期", DATE, not_future=True),
            "Join date",
            form_group="platform",
            listed=True,
            sample="2021-02-19",
            synonyms=("入驻时间", "加入日期", "加入时间", "入驻平台日期", "入驻平台时间"),
        ),
        Field(
            FieldSpec("services", "使用服务", MULTI, choices=SERVICES, empty=[]),
            "Platform services",
            form_group="platform",
            listed=True,
            sortable=False,
            sample="通关、收汇、退税、融资",
            synonyms=("服务", "服务项目", "服务内容", "使用的服务"),
        ),
        Field(
            FieldSpec("channels", "跨境渠道", MULTI, choices=CHANNELS, open_choices=True, max_len=16, empty=[]),
            "Sales channels",
            form_group="platform",
            listed=True,
            sortable=False,
            sample="速卖通、亚马逊",
            synonyms=("渠道", "平台", "电商平台", "跨境电商平台", "销售渠道", "跨境电商渠道"),
        ),
        Field(
            FieldSpec("contact_name", "联系人", max_len=32),
            "Contact person",
            form_group="contact",
            listed=True,
            sample="欧阳晓峰",
            synonyms=("联系人姓名", "联系人员"),
        ),
        Field(
            FieldSpec("mobile", "手机号码", CODE, check=codes.check_mobile, stored_form=codes.is_stored_mobile),
            "Mobile phone",
            form_group="contact",
            listed=True,
            sample="13857600001",
            # A bare 联系电话 is far more often a mobile today; the preview shows it and the officer can re-map it.
            synonyms=("手机", "手机号", "手机号码", "联系电话(手机)", "联系人手机", "移动电话", "联系电话", "联系方式"),
        ),
        Field(
            FieldSpec("landline", "固定电话", CODE, check=codes.check_landline, stored_form=codes.is_stored_landline),
            "Landline",
            form_group="contact",
            synonyms=("座机", "电话", "固话", "办公电话", "联系电话(座机)", "联系电话(固话)"),
        ),
        Field(
            FieldSpec(
                "registered_capital",
                "注册资本",
                DECIMAL,
                min_value=ZERO,
                max_value=MONEY_LIMIT,
                decimals=2,
                unit="万元",
            ),
            "Registered capital",
            form_group="business",
            synonyms=("注册资金", "注册资本金", "注册资本（金）"),
            snapshot_when_blank=False,  # added in 0007: packs and submissions made before it compare unchanged
        ),
        Field(
            FieldSpec(
                "export_value", "年出口额", DECIMAL, min_value=ZERO, max_value=MONEY_LIMIT, decimals=2, unit="万元"
            ),
            "Annual exports",
            form_group="business",
            listed=True,
            sample="123,456.78",
            total=True,
            synonyms=("出口额", "年出口金额", "出口金额", "出口总额", "年度出口额"),
        ),
        Field(
            FieldSpec("is_listed", "上市企业", BOOL, empty=False),
            "Listed company",
            form_group="business",
            synonyms=("是否上市", "上市", "是否上市企业"),
        ),
        Field(
            FieldSpec("stock_code", "股票代码", max_len=12),
            "Stock code",
            form_group="business",
            synonyms=("证券代码", "上市代码", "股票代号"),
        ),
        Field(
            FieldSpec("notes", "备注", max_len=2000, empty=""),
            "Notes",
            form_group="business",
            synonyms=("说明", "备注说明", "其他说明"),
        ),
        DEMO_FLAG,
    ),
)
