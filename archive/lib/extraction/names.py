"""What a Chinese personal name looks like, and what only looks like one.

jieba's ``nr`` tag is no guide on its own: its dictionary tags 嘉善, 高水平 and
安吉 as names and splits 陈春雷 into 陈/春雷. A name here is a surname of
``archive.lib.parsing.surnames`` followed by one or two given-name characters, and is only
believed where the text around it says a person stands there (a title before
it, a verb of speaking or attending after it, a credit line, a list of
names). The stop rules below catch what that still lets through.
"""

from __future__ import annotations

from archive.lib.han import HAN_CHARACTER
from archive.lib.parsing.surnames import surname_length

# Characters that do not occur in given names but do follow a surname-like
# character in running text: particles, pronouns, measure words, verbs of
# the clause around a name.
NOT_IN_GIVEN_NAME = frozenset(
    "的了在和与及或是等说们个这那此其该各每某也都就又还被把从向对为以于将并已曾要会"
    "上下内外里前后省市县区镇乡村街路号年月日时分秒第次名位人种类项件起批届期"
    "讲表指介认称谈问答出主参席持加去到赴访看听见做办拿用给让使叫请摄报"
    "、，,。；;：:！!？?“”‘’\"'（）()《》<>—－-·…　 \n"
    "0123456789０１２３４５６７８９"
)

# Given names an anonymised party is printed with: 潘某, 王某某, 李女士, 张先生.
ANONYMOUS_GIVEN = ("某某", "某甲", "某乙", "某", "女士", "先生", "小姐", "师傅", "阿姨",
                   "大爷", "大妈", "老汉", "老伯", "大姐", "大哥", "姓", "氏")

# Strings a surname opens that are words, not names, even where a title or
# a list vouches for a name; place names are refused separately.
NOT_NAMES = frozenset({
    "高水平", "平安", "安全", "和平", "文明", "明确", "成功", "成为", "成立", "全面", "全省", "全市", "全国", "全体", "常态", "常委",
    "常务", "应急", "应当", "应该", "万元", "关于", "关键", "金融", "金额", "金名片", "海外", "海洋", "方面", "方式", "方案", "向前",
    "时期", "时间", "时代", "于是", "高度", "高质量", "高效", "高层", "高速", "高峰", "原则", "原告", "包括", "党委", "党组", "党员",
    "国家", "国际", "信访", "信息", "连续", "连日", "华东", "江南", "江北", "南方", "北方", "东方", "西方", "中央", "云端", "司法",
    "管理", "管控", "解决", "解纷", "严格", "严重", "严厉", "戴帽", "梅雨", "雷电", "易发", "苗头", "牛鼻子", "车辆", "车库", "路面",
    "路口", "路段", "路线", "毛孩", "武装", "曾经", "任务", "任何", "任职", "余额", "齐抓", "齐心", "乐队", "乐器", "龙头", "石头",
    "谷歌", "史上", "景区", "景点", "祝贺", "祝福", "沙滩", "华丽", "普通", "普遍", "普及", "来自", "来到", "宣传", "宣读", "宣布",
    "相关", "相互", "初步", "初心", "门口", "门前", "公安", "公益", "公开", "公共", "公布", "公众", "利益", "利用", "展开", "展示",
    "信任", "信心", "富裕", "过程", "过去", "由于", "简化", "简单", "白酒", "温暖", "温馨", "黄金", "花园", "明显", "明年", "尤其",
    "巡查", "毕业", "施工", "施策", "施行", "包容", "计划", "计算", "柏油", "闻讯", "麦田", "燕山",
})


def is_anonymous(name: str) -> bool:
    """潘某, 王某某, 李女士, 张先生: a party the paper chose not to name."""
    if "某" in name:
        return True
    given = name[surname_length(name):]
    return given in ANONYMOUS_GIVEN


def name_lengths(text: str, start: int) -> list[int]:
    """Lengths a name opening at text[start] could have, longest first: the
    surname plus two or one given-name characters that could be a name."""
    surname = surname_length(text, start)
    if not surname:
        return []
    lengths = []
    for given in (2, 1):
        end = start + surname + given
        if end > len(text):
            continue
        chars = text[start + surname:end]
        if all(HAN_CHARACTER.match(c) and c not in NOT_IN_GIVEN_NAME for c in chars):
            lengths.append(surname + given)
    return lengths


def plausible(name: str) -> bool:
    """A string of name shape that is not an anonymised party or a known word."""
    return (
        bool(name_lengths(name, 0))
        and len(name) in name_lengths(name, 0)
        and not is_anonymous(name)
        and name not in NOT_NAMES
        and name[:2] not in NOT_NAMES
    )


def split_run(run: str) -> list[str] | None:
    """Names printed without spaces between them ("王行增王君超"), split so
    that every piece opens with a surname; prefers three-character names.
    None when no split fits."""
    best: dict[int, list[str]] = {len(run): []}
    for start in range(len(run) - 1, -1, -1):
        options = []
        for length in name_lengths(run, start):
            rest = best.get(start + length)
            if rest is not None and not is_anonymous(run[start:start + length]):
                options.append([run[start:start + length], *rest])
        if options:
            best[start] = min(options, key=len)
    return best.get(0)
