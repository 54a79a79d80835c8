"""What a Chinese personal name looks like, and what only looks like one.

jieba's ``nr`` tag is no guide on its own: its dictionary tags 嘉善, 高水平 and
安吉 as names and splits 陈春雷 into 陈/春雷. A name here is a surname from
the list below followed by one or two given-name characters, and is only
believed where the text around it says a person stands there (a title before
it, a verb of speaking or attending after it, a credit line, a list of
names). The stop rules below catch what that still lets through.
"""

from __future__ import annotations

import re

from archive.lib.han import HAN_CHARACTER

# Common surnames: the single-character ones cover well over 95% of the
# population; the double ones are rare but unmistakable. 和, 国 and 时 are
# surnames too, but far more often the word after a title ("总理向全国",
# "领导和依靠", "代表时强调"), so they are left out.
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷"
    "侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂"
    "章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁"
    "冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺"
    "楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿狄平计索宣晋相初门"
    "云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危"
    "玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由过习"
)

DOUBLE_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
    "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "南宫", "独孤", "呼延", "钟离",
    "闻人", "申屠", "澹台", "公冶", "太史", "万俟", "东郭", "西门", "百里", "拓跋",
})

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


def surname_length(text: str, start: int = 0) -> int:
    """Length of the surname opening text[start:], 0 when none does."""
    if text[start:start + 2] in DOUBLE_SURNAMES:
        return 2
    if start < len(text) and text[start] in SINGLE_SURNAMES:
        return 1
    return 0


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
