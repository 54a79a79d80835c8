"""Organisations: a place, a body, a suffix that says what kind of unit it is.

Chinese organisation names are built left to right from the place they serve
to the unit ("绍兴市" + "公安局" + "越城区" + "分局"), so the extractor finds a
suffix and walks left to the place that anchors it. Without an anchor a
suffix is usually a generic noun (公安机关, 各级党委, 有关部门), and those
are not organisations; a few national bodies are known by name instead.

Canonical names follow one rule: a leading abbreviation is expanded with the
place it stands for. 省 is always Zhejiang ("省公安厅" -> "浙江省公安厅",
"省委政法委" -> "浙江省委政法委", "团省委" -> "共青团浙江省委"); 市, 县 and
区 are the nearest city, county or district the article named before
("区综治中心" after "杭州市余杭区" -> "余杭区综治中心"), and a mention whose
place cannot be found that way is dropped rather than guessed. Every other
name is canonical as printed. A centre (中心) counts as an organisation only
when a place anchors it ("湖州市毒情监测预警中心"): unanchored, 中心 is as
often a building or a programme as a body.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from archive.lib.han import HAN_CHARACTER

from .gazetteer import CITY_OF, PLACES, PROVINCE
from .records import Organisation
from .trie import alternation
from .vocabulary import Vocabulary

PARTY = "party"
GOVERNMENT = "government"
POLICE = "police"
COURT = "court"
PROCURATORATE = "procuratorate"
FIRE = "fire"
SCHOOL = "school"
MEDIA = "media"
COMPANY = "company"
ASSOCIATION = "association"
OTHER = "other"
KINDS = (PARTY, GOVERNMENT, POLICE, COURT, PROCURATORATE, FIRE, SCHOOL, MEDIA, COMPANY, ASSOCIATION, OTHER)

# Unit suffixes. A party committee ("嘉善县委", "省委") is 委 right after an
# administrative place; the other 委 are listed whole so that titles (常委,
# 政委, 评委) never read as committees.
SUFFIXES = (
    # party
    "政法委", "纪委", "党委", "党工委", "工委", "教育工委", "常委会", "社工部", "社会工作部",
    "组织部", "宣传部", "统战部", "政研室", "网信办", "金融办", "编办", "党校",
    # government
    "人民政府", "政府", "人大", "人大常委会", "政协", "卫健委", "发改委", "经信委", "经贸委",
    "计委", "体委", "科委", "教委", "农委", "建委", "民委", "侨委", "国资委", "住建委",
    "文明委", "综治委", "安委会", "安委办", "平安办", "综治办", "信访办", "外办", "侨办",
    "台办", "农办", "办公厅", "办公室", "厅", "局", "分局", "管委会", "委员会", "领导小组",
    "指挥部", "政治部", "武装部", "人民武装部", "司法所",
    # police, fire
    "派出所", "看守所", "拘留所", "戒毒所", "监狱", "支队", "总队", "大队", "中队", "特警队",
    "警务室", "警务站", "小分队", "警队",
    # courts, procuratorates, and their departments
    "法院", "人民法院", "中院", "法庭", "人民法庭", "审判庭", "检察院", "人民检察院", "分院",
    "立案庭", "执行局",
    # schools, research
    "学校", "大学", "学院", "中学", "小学", "幼儿园", "研究院", "研究所", "科学院",
    # media
    "报社", "日报", "日报社", "晚报", "法治报", "法治报社", "法制报", "法制报社", "商报",
    "青年报", "快报", "早报", "晨报", "公安报", "法院报", "检察报", "电视台", "广播电台", "电台", "通讯社", "出版社", "杂志社", "融媒体中心",
    # companies
    "公司", "有限公司", "总公司", "分公司", "集团", "银行", "分行", "支行",
    # associations
    "协会", "联合会", "学会", "商会", "基金会", "红十字会", "妇联", "侨联", "文联", "残联",
    "工商联", "科协", "总工会", "工会",
    # enterprises
    "厂", "电厂", "发电厂", "电站", "核电站", "油田", "煤矿", "酒店", "饭店", "宾馆", "农场", "林场",
    "合作社", "交易所", "证券交易所",
    # other
    "中心", "医院", "事务所", "律师事务所", "殡仪馆", "军区", "军分区", "警备区", "乐团", "剧团",
    "话剧团", "歌舞团", "艺术团", "交响乐团", "合唱团", "福利院", "敬老院", "养老院", "博物馆",
    "图书馆", "纪念馆", "科技馆", "文化馆", "美术馆", "俱乐部", "研究会", "促进会", "总商会",
    "议会", "村委会", "居委会", "党支部", "党总支", "支部", "办事处", "车队",
)

# Suffixes strong enough to stand without a place: "富润集团", "联想集团".
UNANCHORED = frozenset({
    "公司", "有限公司", "总公司", "集团", "银行", "大学", "学院", "中学", "小学", "医院", "报社",
    "日报", "协会", "研究所", "研究院", "出版社", "电视台", "律师事务所", "乐团", "交响乐团",
    "剧团", "话剧团", "交易所", "证券交易所", "福利院",
    # A police station or a people's tribunal is named after the town or
    # street it serves, which no gazetteer lists: "北港派出所", "柳溪法庭".
    "派出所", "法庭", "人民法庭", "警务室", "警务站", "党支部", "党总支",
    # Papers are named by a brand: "钱塘晚报", "东海快报".
    "晚报", "快报", "早报", "晨报", "商报", "法治报", "法制报", "公安报",
})
# Units named after the town, street or village they serve ("北港派出所",
# "柳溪法庭", "某某村党支部"), which no gazetteer lists: their body is whatever proper noun
# stands before them, however jieba tags it, short of a verb or a particle.
NAMED_BY_LOCALITY = frozenset({"派出所", "法庭", "人民法庭", "警务室", "警务站", "党支部", "党总支"})
_NOT_LOCALITY_TAGS = ("v", "p", "d", "r", "c", "u", "m", "q", "t", "f", "a", "y", "e", "o", "x", "w", "z")
# A single character may be part of a place name ("新", "集") unless it is a
# verb, a direction or a function word ("送上军事法庭").
_NOT_LOCALITY_SINGLE = ("v", "p", "d", "r", "c", "u", "m", "q", "f")
MAX_LOCALITY = 5
# Part-of-speech tags a word of an unanchored name's body may carry (None:
# not in the dictionary, as most brand names are not).
_NOUNISH = frozenset({"n", "nz", "ns", "nt", "nr", "nrt", "nrfg", "j", "eng", "b", None})
# A body that is one word this common is a class: 企业集团, 科技公司, 网络公司.
GENERIC_BODY_FREQUENCY = 5000

# National bodies, known by name rather than built from a place.
KNOWN = {
    "新华社": MEDIA, "中新社": MEDIA, "人民日报": MEDIA, "人民日报社": MEDIA, "光明日报": MEDIA, "经济日报": MEDIA,
    "法治日报": MEDIA, "法制日报": MEDIA, "人民公安报": MEDIA, "人民法院报": MEDIA, "检察日报": MEDIA,
    "中国青年报": MEDIA, "工人日报": MEDIA, "中央电视台": MEDIA, "中央人民广播电台": MEDIA, "央视": MEDIA,
    "国务院": GOVERNMENT, "全国人大": GOVERNMENT, "全国人大常委会": GOVERNMENT,
    "全国政协": GOVERNMENT, "中共中央": PARTY, "党中央": PARTY, "中央军委": GOVERNMENT,
    "中央纪委": PARTY, "中央政法委": PARTY, "中央统战部": PARTY, "中央组织部": PARTY,
    "中央宣传部": PARTY, "中央党校": SCHOOL, "团中央": ASSOCIATION, "共青团中央": ASSOCIATION,
    "团省委": ASSOCIATION, "团市委": ASSOCIATION, "团县委": ASSOCIATION, "团区委": ASSOCIATION,
    "全国妇联": ASSOCIATION, "全国总工会": ASSOCIATION, "全国工商联": ASSOCIATION,
    "最高人民法院": COURT, "最高法": COURT, "最高人民检察院": PROCURATORATE, "最高检": PROCURATORATE,
    "公安部": POLICE, "国家安全部": GOVERNMENT, "司法部": GOVERNMENT, "外交部": GOVERNMENT,
    "国防部": GOVERNMENT, "教育部": GOVERNMENT, "民政部": GOVERNMENT, "财政部": GOVERNMENT,
    "商务部": GOVERNMENT, "应急管理部": GOVERNMENT, "生态环境部": GOVERNMENT,
    "交通运输部": GOVERNMENT, "农业农村部": GOVERNMENT, "文化和旅游部": GOVERNMENT,
    "科技部": GOVERNMENT, "工业和信息化部": GOVERNMENT, "人力资源和社会保障部": GOVERNMENT,
    "自然资源部": GOVERNMENT, "住房和城乡建设部": GOVERNMENT, "水利部": GOVERNMENT,
    "国家卫生健康委": GOVERNMENT, "退役军人事务部": GOVERNMENT, "审计署": GOVERNMENT,
    "海关总署": GOVERNMENT, "国家监委": GOVERNMENT, "中国人民银行": COMPANY,
    "联合国": OTHER, "中国共产党": PARTY, "中国人民解放军": OTHER, "人民解放军": OTHER,
    "武警部队": OTHER,
}

# Words that open a name above the level of a place: "中共浙江省委",
# "中央纪委", "国家统计局". (全国 is not one: "全国中小学幼儿园" is a class.)
NATIONAL = ("中共", "中央", "国家", "中华", "共青团")

_ADMIN = "省市县区"

# Characters that end a walk to the left: particles, prepositions, pronouns,
# quantifiers and verbs that sit between a name and the clause around it.
_STOP = frozenset(
    "的了在和与及或对向把被从由为是等将并也都就又还到给让使以于其这那我你他她它们个"
    "各有不已曾要该此每某据经受获称说请即暨、同至赴"
)
# What may precede a bare 省/市/县/区 that stands for the place itself.
_BEFORE_ABBREVIATION = frozenset("与和及由对向在了是为据经被把从给合到同会请赴至、年度")
# 省级, 市内, 县域 …: the administrative word used as an adjective.
_NOT_AFTER_ABBREVIATION = frozenset("级内外域际属里长")
# An organisation mention right after one of these is a class, not a body:
# 各设区市委政法委, 有关单位.
_GENERIC_BEFORE = ("各级", "各地", "各", "有关", "相关", "部分", "所属", "下属", "全省各", "全市各")
_GENERIC_BODY = frozenset({
    "该", "这家", "一家", "某", "本", "涉案", "案涉", "多家", "各", "其", "此",
    # where, not which: 辖区派出所, 当地法庭
    "辖区", "当地", "属地", "附近", "周边", "基层", "所在地", "就近", "全市", "全省", "全县", "全区",
})

# 大局, 格局, 餐厅, 展厅 …: 局 and 厅 closing an everyday word.
_NOT_BEFORE_UNIT = {"局": frozenset("大格布结当时开全残僵饭赌骗棋政定终出变乱邮"), "厅": frozenset("大餐客展门舞歌")}
# Generic unit words need something between the place and themselves:
# "杭州市中心" is a district, "杭州市毒情监测预警中心" a body.
_NEEDS_BODY = frozenset({"中心", "局", "厅", "委员会", "领导小组", "指挥部", "大队", "中队", "支队", "总队"})

MAX_BODY = 16  # characters walked left from a suffix
# Bodies whose units are all of their own kind: what follows a court or a
# police station and is no court or police is another body, printed next to it.
_OWN_UNITS_ONLY = frozenset({POLICE, COURT, PROCURATORATE})
# A hotline number inside a name (110, 12309), and what a number counts or
# dates instead ("3名", "2024年", "5个").
MIN_NUMBER, MAX_NUMBER = 3, 6
_COUNTED = frozenset("年月日号时点分秒个名万亿千百次件起人家岁元期届天周辆台位项条处所米级")
MAX_UNANCHORED_BODY = 8
MAX_UNIT_BODY = 8

# 三省一市, 全市, 本市, 我省: the administrative word counted or pointed at.
_QUANTIFIERS = frozenset("一二三四五六七八九十两几多各全本该每我")
# 外省委托, 城市委员会 …: words ending in the administrative word, which
# then only looks like a committee.
_WORD_BEFORE_COMMITTEE = {
    "省": frozenset("反节外跨分邻兄友"),
    "市": frozenset("城都超上股楼车夜集门菜早开退闹坊"),
    "县": frozenset("郡州"),
    "区": frozenset("社园景街辖山城市地老新矿灾校片专特政营"),
}
# 局长, 厅长, 部长 …: the unit word opening a title, not closing a name.
_TITLE_AFTER_UNIT = re.compile(r"长(?!期|效|远|江|沙|兴|三角|春|城|治久安|足)")
# A lone 委 is a party committee only right after 省/市/县/区/州 ("嘉善县委");
# that is checked in code, which keeps the pattern a plain word list.
_SUFFIX_RE = re.compile(alternation((*SUFFIXES, "委")))
_COLLECTIVE_RE = re.compile("警方|公安|交警")
# What makes 公安/交警 part of a longer word: 公安局, 公安机关, 交警部门, 公安民警 …
_COLLECTIVE_NOT_BEFORE = re.compile(
    r"(?:局|厅|部|处|科|所|分局|机关|部门|系统|队伍|工作|战线|民警|干警|大队|支队|总队|中队|队|人员|执法|车|岗|学院|院校|报)"
)
_COMMITTEE_PLACE = frozenset("省市县区州")
_ADMIN_RE = re.compile(r"[省市县区]")
_KNOWN_RE = re.compile(alternation(KNOWN))
_PLACE_RE = re.compile(alternation([*PLACES, *NATIONAL]))

# Cities, counties and districts of every province, as jieba's dictionary
# tags them (ns): they anchor a name ("某某县公安局") where the gazetteer,
# which knows Zhejiang's by level, does not; regions and everyday words that
# the dictionary also tags ns (沿海地区, 周边城市, 超市) are not places of one
# level. A two-character county ("某县") is one unless its first character
# reads as a direction or a size ("南县", "大县").
_NOT_ONE_PLACE = (
    "地区", "城市", "都市", "超市", "花市", "军区", "保护区", "边区", "港区", "林区", "市区", "库区", "特区",
)
_NOT_COUNTY_FIRST = frozenset("东西南北中外大小五地同山新旧赤郡镇府田")


@functools.lru_cache(maxsize=4)
def _places_of(vocab: Vocabulary) -> tuple[frozenset[str], int]:
    """The dictionary's places of one administrative level, and the length
    of the longest."""
    places = frozenset(
        word for word, tag in vocab.tags.items()
        if tag == "ns" and word[-1:] in "市县区" and word not in PLACES and not word.endswith(_NOT_ONE_PLACE)
        and (len(word) > 2 or (word[-1] == "县" and word[0] not in _NOT_COUNTY_FIRST))
    )
    return places, max(map(len, places), default=0)


@dataclass
class _Anchor:
    start: int
    end: int
    hard: bool  # nothing to its left belongs to the name


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    parent: _Found | None = None


def kind_of(name: str) -> str:
    """The kind of organisation a name says it is."""
    if name in KNOWN:
        return KNOWN[name]
    if "公安" in name or name.endswith(("派出所", "看守所", "拘留所", "特警队", "警务室", "警务站")) or "交警" in name:
        return POLICE
    if "消防" in name:
        return FIRE
    if "检察" in name:
        return PROCURATORATE
    if name.endswith(("法院", "中院", "法庭", "审判庭")) or "法院" in name:
        return COURT
    if name.endswith(("学校", "大学", "学院", "中学", "小学", "幼儿园", "党校")):
        return SCHOOL
    if name.endswith(("报", "报社", "电视台", "电台", "通讯社", "出版社", "杂志社", "融媒体中心")) or name in ("新华社", "中新社"):
        return MEDIA
    if name.endswith(("公司", "集团", "银行", "分行", "支行", "厂", "电站", "油田", "煤矿", "酒店", "饭店", "宾馆", "交易所", "合作社")):
        return COMPANY
    if name.startswith(("团", "共青团")) or name.endswith(
        ("协会", "联合会", "学会", "商会", "基金会", "红十字会", "妇联", "侨联", "文联", "残联", "工商联", "科协", "工会")
    ):
        return ASSOCIATION
    if any(word in name for word in ("人大", "政府", "政协", "卫健委", "发改委", "国资委", "议会")):
        return GOVERNMENT
    if name.startswith("中共") or any(
        word in name for word in ("省委", "市委", "县委", "区委", "党委", "党工委", "政法委", "纪委", "工委", "党中央")
    ):
        return PARTY
    if name.endswith(("社工部", "社会工作部", "组织部", "宣传部", "统战部", "网信办", "政研室")):
        return PARTY
    if name.endswith(("厅", "局", "办", "办公室", "部", "委", "委员会", "管委会", "领导小组", "指挥部", "司法所", "监狱")):
        return GOVERNMENT
    return OTHER


def find_organisations(text: str, vocab: Vocabulary | None = None) -> list[Organisation]:
    """Organisation mentions in text, in order, with canonical names and
    parents. Without a vocabulary only names anchored on a place are found."""
    anchors = _anchors(text, vocab)
    known = [
        _Found(m.start(), m.end(), KNOWN[m.group()])
        for m in _KNOWN_RE.finditer(text)
        if not (m.group().endswith("部") and text[m.end():m.end() + 1] in ("门", "长"))  # 公安部门, 国防部长
    ]
    found: list[_Found] = []
    ends: dict[int, _Found] = {item.end: item for item in known}
    taken = 0  # text before this offset belongs to a mention already found
    next_known = 0
    for match in _SUFFIX_RE.finditer(text):
        s, e = match.span()
        while next_known < len(known) and known[next_known].start <= s:
            item = known[next_known]
            found.append(item)
            taken = max(taken, item.end)
            next_known += 1
        suffix = match.group()
        if s < taken or (s and text[s - 1] in _NOT_BEFORE_UNIT.get(suffix, ())):
            continue
        if suffix == "委" and (not s or text[s - 1] not in _COMMITTEE_PLACE):
            continue
        if len(suffix) == 1 and _TITLE_AFTER_UNIT.match(text, e):
            continue
        start, parent = _walk_left(text, s, anchors, ends, taken)
        if start is None:
            if vocab is None or suffix not in UNANCHORED:
                continue
            if suffix in NAMED_BY_LOCALITY:
                start = _locality_start(text, s, max(taken, s - MAX_LOCALITY), vocab)
            else:
                start = _unanchored_start(text, s, max(taken, s - MAX_UNANCHORED_BODY), vocab)
            if start is None:
                continue
        if suffix in _NEEDS_BODY and parent is None and not _has_body(text, start, s, anchors):
            continue
        if parent is not None and parent.kind in _OWN_UNITS_ONLY and kind_of(text[start:e]) != parent.kind:
            continue  # "某某法庭某某街道办事处": the next body, not a unit of the court
        if parent is not None and kind_of(text[start:e]) == MEDIA and suffix not in ("报社", "电视台", "电台"):
            continue  # "某局税收快报": a publication of a body, not a unit of it
        if parent is not None:
            found.remove(parent)
        item = _Found(start, e, kind_of(text[start:e]), parent)
        found.append(item)
        ends[e] = item
        taken = e
    found += known[next_known:]
    found += _collective(text, anchors, found)
    found.sort(key=lambda item: item.start)
    return _finish(text, found)


def _collective(text: str, anchors: dict[int, _Anchor], found: list[_Found]) -> list[_Found]:
    """A place's police named collectively ("某市警方", "某县公安", "某市交警"):
    the places right before the word, and no unit word after it (某市公安局
    is found by its suffix, 公安机关 and 交警部门 are classes)."""
    taken = bytearray(len(text))
    for item in found:
        taken[item.start:item.end] = b"\x01" * (item.end - item.start)
    collective = []
    for match in _COLLECTIVE_RE.finditer(text):
        s, e = match.span()
        if any(taken[s:e]) or _COLLECTIVE_NOT_BEFORE.match(text, e):
            continue
        start = s
        while start in anchors and not anchors[start].hard:
            start = anchors[start].start
        if start < s:
            collective.append(_Found(start, e, POLICE))
    return collective


def _anchors(text: str, vocab: Vocabulary | None = None) -> dict[int, _Anchor]:
    """Places that can open an organisation name, by end offset; with a
    vocabulary, the dictionary's places of other provinces too."""
    anchors: dict[int, _Anchor] = {}
    for match in _PLACE_RE.finditer(text):
        anchors[match.end()] = _Anchor(match.start(), match.end(), hard=False)
    for match in _ADMIN_RE.finditer(text):
        index = match.start()
        if index + 1 in anchors:
            continue
        if index + 1 < len(text) and text[index + 1] in _NOT_AFTER_ABBREVIATION:
            continue
        before = text[index - 1] if index else ""
        if not before or not HAN_CHARACTER.match(before) or before in _BEFORE_ABBREVIATION:
            anchors[index + 1] = _Anchor(index, index + 1, hard=True)
        elif (
            text.startswith("委", index + 1)
            and before not in _QUANTIFIERS
            and before not in _ADMIN
            and before not in _WORD_BEFORE_COMMITTEE[match.group()]
        ):
            # "落实省委常委会…": 省委, 市委, 县委 are committees after any verb.
            anchors[index + 1] = _Anchor(index, index + 1, hard=True)
        elif index in anchors and not anchors[index].hard:
            # "鄞州区区委": the place, then the abbreviation of its level.
            anchors[index + 1] = _Anchor(index, index + 1, hard=False)
    if vocab is not None:
        places, longest = _places_of(vocab)
        for match in _ADMIN_RE.finditer(text):
            end = match.end()
            for start in range(max(0, end - longest), end - 1):  # the longest place first
                # only where jieba reads the place as a word: not 三角区 in 长三角区域
                if end not in anchors and text[start:end] in places and vocab.cuts_at(text, start, end):
                    anchors[end] = _Anchor(start, end, hard=False)
    return anchors


def _walk_left(text, s, anchors, ends, taken):
    """Where the name ending in the suffix at s starts, and its parent
    organisation when the name continues one ("绍兴市公安局" + "越城区分局")."""
    pos, start = s, None
    while pos > s - MAX_BODY:
        if pos in ends:
            previous = ends[pos]
            if start is None or start == pos or _continues(text[pos:start]):
                return previous.start, previous
        if pos in anchors and pos > taken - 1 and anchors[pos].start >= taken:
            anchor = anchors[pos]
            start = pos = anchor.start
            if anchor.hard:
                # A hard anchor may still follow an organisation directly:
                # "区委区政府" are two bodies, not one inside the other.
                return start, None
            continue
        if pos <= taken or pos == 0:
            break
        char = text[pos - 1]
        if char in _ADMIN and pos - 1 in ends:
            # "区委区政府": a second body right after the first, named by
            # the same place.
            return pos - 1, None
        if char.isdigit():
            # A unit numbered after its hotline, right after the body or
            # place it serves: "某县公安局110指挥中心", "某某市检察院12309检察服务中心".
            run = pos - 1
            while run and text[run - 1].isdigit():
                run -= 1
            if not (MIN_NUMBER <= pos - run <= MAX_NUMBER and (run in ends or run in anchors)) or text[pos] in _COUNTED:
                break
            pos = run
            continue
        if not HAN_CHARACTER.match(char) or char in _STOP:
            break
        if char in _ADMIN and (pos < 2 or text[pos - 2] in _QUANTIFIERS or not HAN_CHARACTER.match(text[pos - 2])):
            break
        pos -= 1
    return start, None


def _has_body(text: str, start: int, s: int, anchors: dict[int, _Anchor]) -> bool:
    """Is there more than places between start and the suffix at s?"""
    pos = s
    while pos > start and pos in anchors and anchors[pos].start >= start:
        pos = anchors[pos].start
    return pos > start


def _continues(body: str) -> bool:
    """Can body be the own name of a unit under the organisation before it
    ("越城区" of "…公安局越城区分局")? A unit's own name is short."""
    return len(body) <= MAX_UNIT_BODY and not any(char in _STOP for char in body)


def _unanchored_start(text: str, s: int, limit: int, vocab: Vocabulary) -> int | None:
    """Where a name without a place starts ("首都师范大学", "富润集团"): the
    nouns right before the suffix, as jieba's dictionary cuts them."""
    window = text[limit:s]
    tokens = list(vocab.tokenizer.cut(window, HMM=False))
    start = s
    for token in reversed(tokens):
        if not all(HAN_CHARACTER.match(char) for char in token) or token in _STOP or vocab.tag(token) not in _NOUNISH:
            break
        start -= len(token)
    body = text[start:s]
    if len(body) < 2 or body[:1] in _STOP or body in _GENERIC_BODY:
        return None
    if body in tokens[-1:] and vocab.frequency(body) >= GENERIC_BODY_FREQUENCY:
        return None
    return start


def _locality_start(text: str, s: int, limit: int, vocab: Vocabulary) -> int | None:
    """Where the place name of a unit named after its locality starts: the
    Han characters before the suffix, back to punctuation, a particle or a
    word that is no part of a name (a verb, a pronoun, a time word)."""
    run = s
    while run > limit and HAN_CHARACTER.match(text[run - 1]) and text[run - 1] not in _STOP:
        run -= 1
    start = s
    for token in reversed(list(vocab.tokenizer.cut(text[run:s], HMM=False))):
        tag = vocab.tag(token) or "n"
        if tag.startswith(_NOT_LOCALITY_TAGS if len(token) > 1 else _NOT_LOCALITY_SINGLE):
            break
        start -= len(token)
    body = text[start:s]
    if len(body) < 2 or body in _GENERIC_BODY or vocab.frequency(body) >= GENERIC_BODY_FREQUENCY:
        return None
    return start


def _generic(text: str, start: int) -> bool:
    """Is the mention at start a class rather than a body, alone ("有关单位")
    or as an item of a list that opens with one ("各设区市市委社会工作部、
    市委政法委、市信访局")?"""
    if any(text.endswith(word, 0, start) for word in _GENERIC_BEFORE):
        return True
    pos = start
    while pos > 0 and text[pos - 1] == "、":
        item = pos - 1
        while item > 0 and HAN_CHARACTER.match(text[item - 1]):
            item -= 1
            if pos - item > 20:
                return False
        if any(text.startswith(word, item) for word in _GENERIC_BEFORE):
            return True
        pos = item
    return False


def _position(text: str, item: _Found) -> bool:
    """Is the mention a word of a position ("市人大代表", "省委常委",
    "市政协委员") or of a class of bodies ("市、区两级公安局")?"""
    name, after = text[item.start:item.end], text[item.end:item.end + 3]
    if name.endswith(("人大", "政协")) and after.startswith(("代表", "委员")) and not after.startswith("委员会"):
        return True
    if name.endswith("委") and after.startswith("常委") and not after.startswith("常委会"):
        return True
    return any(level in text[item.start:item.end] for level in ("两级", "二级", "三级", "各级"))


def _quoted(text: str, start: int, end: int) -> bool:
    """Is the mention inside quotation marks: the name of an app, a
    programme or an honour ("“某某微法庭”小程序", "“暖心派出所”称号"), not a
    body? (A company in quotation marks is still one.)"""
    opening = text.rfind("“", 0, start)
    return opening >= 0 and "”" not in text[opening:start] and text.startswith("”", end)


def _finish(text: str, found: list[_Found]) -> list[Organisation]:
    places: list[tuple[int, str]] = []  # (end offset, full place name) as printed
    for match in _PLACE_RE.finditer(text):
        entry = PLACES.get(match.group())
        if entry:
            places.append((match.end(), entry[1]))
    mentions: list[tuple[_Found, str, str]] = []  # (found, name, canonical)
    for item in found:
        if _generic(text, item.start) or _position(text, item) or (
            item.kind != COMPANY and _quoted(text, item.start, item.end)
        ):
            continue
        name = text[item.start:item.end]
        canonical = canonical_name(name, _place_before(places, item.start, name))
        if canonical:
            mentions.append((item, name, canonical))
    forms: dict[str, list[str]] = {}
    for _, name, canonical in mentions:
        forms.setdefault(canonical, [])
        if name not in forms[canonical]:
            forms[canonical].append(name)
    result = []
    for item, name, canonical in mentions:
        aliases = [form for form in forms[canonical] if form != name]
        aliases += [form for form in expansions(canonical) if form not in aliases and form != name]
        parent = ""
        if item.parent is not None:
            parent_name = text[item.parent.start:item.parent.end]
            parent = canonical_name(parent_name, _place_before(places, item.start, parent_name))
        result.append(Organisation(
            name=name, canonical=canonical, aliases=tuple(aliases), kind=item.kind,
            parent=parent, start=item.start, end=item.end,
        ))
    return _joint(result)


def _joint(found: list[Organisation]) -> list[Organisation]:
    """A committee and the government of the same level printed as one
    name ("省委省政府", "某县县委县政府"): one mention of both bodies, each
    under the joint name as printed."""
    for first, second in zip(found, found[1:]):
        level = first.name[-2:-1]
        if (
            first.end == second.start
            and first.name.endswith("委")
            and level in _ADMIN
            and second.name in (level + "政府", level + "人民政府")
        ):
            joint = first.name + second.name
            first.name = second.name = joint
            second.start = first.start
            first.end = second.end
    return found


def _place_before(places: list[tuple[int, str]], offset: int, name: str) -> str:
    """The nearest place of the level name's leading abbreviation printed before offset."""
    level = name[1:2] if name.startswith("团") else name[:1]
    if level not in "市县区":
        return ""
    if level == "市":
        # "市公安局某区分局": the city is the one the district inside the name belongs to.
        for match in _PLACE_RE.finditer(name, 1):
            if (city := CITY_OF.get(PLACES[match.group()][1] if match.group() in PLACES else "")):
                return city
    for end, full in reversed(places):
        if end <= offset and full.endswith(level):
            return full
    # None before it: the one place of that level the article names later
    # ("市委…" in a story that says which city only further on).
    later = {full for end, full in places if end > offset and full.endswith(level)}
    return later.pop() if len(later) == 1 else ""


def canonical_name(name: str, place: str = "") -> str:
    """The name with its leading 省/市/县/区 abbreviation expanded; place is
    the city, county or district a leading 市/县/区 stands for. "" when the
    abbreviation cannot be expanded. A place's police named collectively
    ("某市警方", "某县公安") is its public security bureau."""
    if name.endswith(("警方", "公安")) and (entry := PLACES.get(name[:-2])):
        return entry[1] + ("公安厅" if entry[0] == "province" else "公安局")
    if name == "团省委":
        return "共青团" + PROVINCE[:-1] + "省委"
    if name in ("团市委", "团县委", "团区委"):
        return "共青团" + place + "委" if place else ""
    if name.startswith("省") and not name.startswith(PROVINCE):
        return PROVINCE[:-1] + name
    if name[:1] in "市县区":
        return place + name[1:] if place else ""
    return name


def expansions(canonical: str) -> list[str]:
    """The full official forms of a canonical name's short unit words."""
    forms = []
    if canonical.endswith("中院"):
        forms.append(canonical[:-2] + "中级人民法院")
    if canonical.endswith("检察院") and not canonical.endswith("人民检察院"):
        forms.append(canonical[:-3] + "人民检察院")
    return forms


def resolve(name: str, context: str = "") -> str:
    """The canonical name of an organisation printed inside a title, where
    an unanchored unit ("政法委" after "省委常委") belongs to the body named
    before it in the same title. context is that body's canonical name."""
    found = find_organisations(name)
    if found and found[-1].start == 0 and found[-1].end == len(name):
        return found[-1].canonical
    if name in KNOWN:
        return name
    if not any(match.end() == len(name) for match in _SUFFIX_RE.finditer(name)):
        return ""
    if not context:
        return ""
    if kind_of(context) == PARTY and kind_of(name) == PARTY and context.endswith("委"):
        return context + name
    return _place_of(context) + name


def _place_of(canonical: str) -> str:
    """The place a canonical name opens with ("浙江省委" -> "浙江省")."""
    match = _PLACE_RE.match(canonical)
    if not match:
        return ""
    place = match.group()
    entry = PLACES.get(place)
    return entry[1] if entry else place
