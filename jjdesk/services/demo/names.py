"""Fictitious company names for the demo enterprises: prefixes, trade names and reserved words.

Split out of ``demo.enterprises`` so the rules that keep a demo name unique and clearly not a real
firm (disjoint trade-character lists, boundary characters, the reserved-name list) live on their
own. Each (cluster, prefix, form) gets a ``_NameSpace`` that walks its name space in a keyed random
order, so names are unique by construction with constant memory.
"""

from __future__ import annotations

import random
import re

from jjdesk.services.demo.sampling import _Permutation

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
_BRANCHES = tuple(s + "分公司" for s in ("椒江", "海门", "白云", "葭沚", "洪家", "三甲", "下陈", "前所", "章安"))

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

    __slots__ = ("_branch", "_branches", "_key", "_length", "_perm", "_phrases", "_tier", "_used", "form", "prefix")

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
            space = _NameSpace(
                f"jjdesk-demo-name:{self._seed}:{cluster}:{prefix}:{form}", prefix, phrases, form, branches=not sole
            )
            self._spaces[key] = space
        return space.take()
