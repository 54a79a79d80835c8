"""Events: what an article reports taking place, when, where and with whom.

Reports name their event in a few fixed frames: "X在Y召开/举行", "X召开" (a
headline), "召开/举行/举办/开展 X", and "Z在X上强调". X must end in a word
for a kind of event (推进会, 论坛, 仪式, 发布会, 专项行动, 活动 …); events only
referred to ("落实…大会精神") are left out because no frame fits them.

A name that opens with a quotation ("“公益诉讼守护群众身边安全”新闻发布会")
loses those quotation marks, so that it reads like the other names; quotation
marks inside a name stay as printed. The same event named twice (in the
headline and the lead, in full and as "主题党日活动") is one event.

Dates come from a date printed in the event's sentence, else, for an event
in the headline or the first paragraph, from the article's dateline, which
the parser strips from the lead. Either is completed from the issue date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from archive.lib.parsing.dates import resolve_dateline
from archive.lib.parsing.leads import time_phrase
from archive.lib.parsing.records import Article

from .persons import MEETING, clause_verbs, opens_clause
from .records import Event, Participant, Person
from .trie import alternation

MEETING_KIND = "meeting"
CONFERENCE = "conference"
FORUM = "forum"
CEREMONY = "ceremony"
PRESS_CONFERENCE = "press_conference"
CAMPAIGN = "campaign"
ACTIVITY = "activity"
INSPECTION = "inspection"
KINDS = (MEETING_KIND, CONFERENCE, FORUM, CEREMONY, PRESS_CONFERENCE, CAMPAIGN, ACTIVITY, INSPECTION)

EVENT_WORDS = {
    MEETING_KIND: (
        "会议", "例会", "年会", "推进会", "现场会", "座谈会", "研讨会", "论证会", "听证会", "表彰会",
        "动员会", "部署会", "交流会", "培训会", "报告会", "分析会", "汇报会", "协调会", "调度会",
        "总结会", "启动会", "观摩会", "联席会议", "工作会", "务虚会", "推介会", "恳谈会", "见面会",
        "茶话会", "誓师会", "评审会", "说明会", "洽谈会", "对接会", "联谊会", "分享会", "宣讲会",
        "交办会", "讲评会", "推进大会", "表彰大会", "动员大会",
    ),
    CONFERENCE: ("大会", "博览会", "展览会", "交易会", "代表大会", "博览交易会"),
    FORUM: ("论坛", "分论坛", "峰会", "沙龙"),
    CEREMONY: ("仪式", "典礼", "开幕式", "闭幕式", "颁奖礼", "颁奖典礼", "晚会"),
    PRESS_CONFERENCE: ("新闻发布会", "发布会", "新闻通气会", "通气会", "记者会", "记者招待会"),
    CAMPAIGN: ("专项行动", "行动", "专项斗争", "专项整治", "会战", "攻坚战", "歼灭战", "战役"),
    ACTIVITY: (
        "活动", "主题党日活动", "培训班", "研修班", "比赛", "大赛", "竞赛", "演练", "开放日", "宣传周", "宣传月",
        "马拉松", "越野赛", "锦标赛", "运动会", "展览", "宣传展", "主题展", "图片展", "成果展", "巡展",
    ),
    INSPECTION: ("督查", "抽查", "考核", "检查", "巡查", "调研", "视察", "考察", "走访"),
}
_KIND_OF_WORD = {word: kind for kind, words in EVENT_WORDS.items() for word in words}
_WORD = alternation(_KIND_OF_WORD)

# Names that say "the event" without naming one.
_GENERIC_OPENINGS = ("本次", "此次", "这次", "该", "这场", "这", "那", "本届", "上述", "相关", "有关", "各类", "各种", "一系列", "系列", "多场", "各项")

_STOPS = r",，。;；:：!！?？\n"
_CLAUSE = r"[^" + _STOPS + r" ]"
_TIME_WORDS = r"(?:日前|近日|今天|昨天|今日|昨日|同期|同时|将|于)?"
_PLAIN_VERBS = r"(?:隆重|正式|顺利|已)?(?:召开|举行|举办|开幕|闭幕|启动|开班|落幕|开跑|开赛|鸣枪|完成)"
# "X在Y召开": X opens the clause.
_AT_PLACE = re.compile(
    r"(?P<name>" + _CLAUSE + r"{2,60}?(?:" + _WORD + r")”?)"
    + _TIME_WORDS + r"在(?P<place>" + _CLAUSE + r"{2,20}?)" + _PLAIN_VERBS
)
# "X召开", a headline or a lead without a place.
_HELD = re.compile(
    r"(?P<name>" + _CLAUSE + r"{2,60}?(?:" + _WORD + r")”?)"
    + _TIME_WORDS + _PLAIN_VERBS + r"(?=[" + _STOPS + r" ]|$)"
)
# Both open a clause and end in one of these verbs, which are rare enough
# to look for first.
_HOLDING_VERB = re.compile(r"召开|举行|举办|开幕|闭幕|启动|开班|落幕|开跑|开赛|鸣枪|完成")
_CLAUSE_BREAK = re.compile(r"[" + _STOPS + r" ]")
# "召开/举办/开展 X", and "推进 X" of a campaign.
_HOLDS = re.compile(
    r"(?P<verb>召开|举行|举办|开展|主办|承办|启动|组织|推进)(?!方|单位|者|人|召开|举行|举办|开展)(?:了|好|起|的)?"
    # what the event is for, before its name: "以“…”为主题的", "为期6个月的"
    r"(?:以“[^”]{1,30}”为主题的|为期[^" + _STOPS + r"的]{1,8}的)?"
    r"(?P<name>" + _CLAUSE + r"{2,60}?(?:" + _WORD + r")”?)(?=[" + _STOPS + r"、 ]|$|上|和|并)"
)
# "在X上强调"; or "11月26日,在X上,…", an event the sentence is dated by.
# The name is the longest that fits: "在第二届良渚论坛中外音乐家对话分论坛上".
_AT_EVENT = re.compile(r"在(?P<name>" + _CLAUSE + r"{2,60}(?:" + _WORD + r"))(?:开幕式上|上|期间|中)")
# The next items of a list the held event opens: "开展好A活动、B活动、C工程".
_ITEM = re.compile(r"、(?P<item>[^" + _STOPS + r"、 ]{2,60})")
_ITEM_NAME = re.compile(r".+(?:" + _WORD + r")”?")
_VISIT = re.compile(
    r"(?:在|到|赴)(?P<place>" + _CLAUSE + r"{2,24}?)(?:等地)?(?:调研|视察|考察|走访|督导|检查指导)(?!组|报告|成果|课题)"
)
# A holding verb after one of these plans or calls for an event.
_PLANNED = re.compile(r"(?:将|要|拟|计划|准备|应当|应|须|需要|力争)(?:于[^" + _STOPS + r"]{0,6})?$")
_SPEECH_AFTER = re.compile(r"[,，]?(?:强调|指出|表示|讲话|说|发言|介绍|宣布|致辞|要求)")

DATE = re.compile(
    r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日"
    r"(?:(?:至|到|-|—|~)(?:(?P<month2>\d{1,2})月)?(?P<day2>\d{1,2})日)?"
    r"(?:凌晨|清晨|早晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间|晚)?"
)
_DATE_ONLY = re.compile(r"^\s*" + DATE.pattern + r"\s*[,，]?\s*$")


@dataclass
class _Mention:
    name: str
    start: int
    end: int
    place: str = ""
    quote: str = ""  # the slogan the name quotes, if any


@dataclass
class _Event:
    event: Event
    spans: list[tuple[int, int]] = field(default_factory=list)
    quotes: set[str] = field(default_factory=set)


def find_events(
    article: Article, text: str, persons: list[Person], issue_date: datetime.date | None, headline_end: int
) -> list[Event]:
    """The events text (article_text(article)) reports, in order of first
    mention; headline_end is where its headline stack ends."""
    mentions = _mentions(text, persons)
    events = _merge(mentions)
    reference = issue_date or article.date
    lead_end = headline_end + (len(article.paragraphs[0]) + 1 if article.paragraphs else 0)
    for item in events:
        _date(item, text, article, reference, lead_end)
    _participants(events, text, persons, headline_end)
    return [item.event for item in events]


def _mentions(text: str, persons: list[Person]) -> list[_Mention]:
    found: list[_Mention] = []
    opened = set()
    for verb in _HOLDING_VERB.finditer(text):
        start = _clause_start(text, verb.start())
        if start in opened:
            continue
        if match := _AT_PLACE.match(text, start, verb.end()):
            found.append(_Mention(match["name"], match.start("name"), match.end("name"), match["place"]))
            opened.add(start)
        elif match := _HELD.match(text, start):
            found.append(_Mention(match["name"], match.start("name"), match.end("name")))
            opened.add(start)
    for match in _HOLDS.finditer(text):
        if match["verb"] == "推进" and kind_of(match["name"]) != CAMPAIGN:
            continue  # "推进会", "在深入推进…座谈会上": a name, not a verb before one
        if _PLANNED.search(text, max(0, match.start() - 4), match.start()):
            continue  # "将组织…活动": called for or planned, not reported
        spans = [match.span("name")]
        end = match.end("name")
        while item := _ITEM.match(text, end):
            if _ITEM_NAME.fullmatch(item["item"]):
                spans.append(item.span("item"))
            end = item.end()
        for start, end in spans:
            # "举行视频会议", "开展专项行动": a kind of event, not a named one.
            if end - start >= 6 or text[start] == "“":
                found.append(_Mention(text[start:end], start, end))
    for person in persons:
        # "王某在某市调研", "王某到某县走访": a visit, named by who went where;
        # one per article, the first printed (the headline's when it has one).
        if person.start is not None and (match := _VISIT.match(text, person.end)):
            found.append(_Mention(person.name + match.group(), person.start, match.end(), match["place"]))
            break
    for match in _AT_EVENT.finditer(text):
        sentence_start = _sentence_start(text, match.start())
        opening = text[sentence_start:match.start()]
        if _SPEECH_AFTER.match(text, match.end()) or not opening.strip() or _DATE_ONLY.match(opening):
            found.append(_Mention(match["name"], match.start("name"), match.end("name")))
    result = []
    for mention in found:
        _trim(mention, text, persons)
        if "”“" in mention.name:
            continue  # "“八大工程”“十大行动”": a list of slogans
        mention.quote = _quoted(mention.name)
        mention.name = _unquote(mention.name)
        if len(mention.name) >= 4 and not mention.name.startswith(_GENERIC_OPENINGS) and mention.name not in _KIND_OF_WORD:
            result.append(mention)
    result.sort(key=lambda m: m.start)
    return result


def _trim(mention: _Mention, text: str, persons: list[Person]) -> None:
    """Drop a leading dateline and a description of the person the event
    is for: "牺牲消防员周锦勇遗体告别仪式" -> "周锦勇遗体告别仪式"."""
    date = DATE.match(text, mention.start, mention.end)
    if date and date.end() < mention.end and date.group():
        mention.start = date.end()
        mention.name = text[mention.start:mention.end]
    for person in persons:
        if person.start is not None and mention.start < person.start < mention.end and person.titles:
            if text[mention.start:person.start].endswith(person.titles) and len(person.titles) >= person.start - mention.start:
                mention.start = person.start
                mention.name = text[mention.start:mention.end]


def _unquote(name: str) -> str:
    if name.startswith("“") and "”" in name:
        close = name.index("”")
        return name[1:close] + name[close + 1:]
    return name


def kind_of(name: str) -> str:
    """The kind of event the last word of its name says it is."""
    word = max((word for word in _KIND_OF_WORD if name.endswith(word)), key=len, default="")
    return _KIND_OF_WORD.get(word, ACTIVITY)


def _quoted(name: str) -> str:
    match = re.search(r"“([^”]+)”", name)
    return match.group(1) if match else ""


def _same(mention: _Mention, item: _Event) -> bool:
    """Does mention name the event item already holds? The full name again,
    its tail ("主题党日活动"), one part of a 暨 name, or the same quoted
    slogan ("“执护营商…2024”年中行动" and "“执护营商…2024”年中集中执行专项行动")."""
    name, other = mention.name, item.event.name
    if name == other or other.endswith(name) or name in other.split("暨"):
        return True
    return bool(mention.quote) and mention.quote in item.quotes


def _merge(mentions: list[_Mention]) -> list[_Event]:
    events: list[_Event] = []
    for mention in sorted(mentions, key=lambda m: -len(m.name)):
        for item in events:
            if _same(mention, item):
                item.spans.append((mention.start, mention.end))
                item.event.place = item.event.place or mention.place
                break
        else:
            item = _Event(Event(name=mention.name, kind=kind_of(mention.name), place=mention.place), [(mention.start, mention.end)])
            events.append(item)
        if mention.quote:
            item.quotes.add(mention.quote)
    for item in events:
        item.spans.sort()
        item.event.start, item.event.end = item.spans[0]
    events.sort(key=lambda item: item.event.start)
    return events


def _clause_start(text: str, pos: int) -> int:
    while pos > 0 and not _CLAUSE_BREAK.match(text[pos - 1]):
        pos -= 1
    return pos


def _sentence_start(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] not in "。;；!！?？\n":
        pos -= 1
    return pos


def _sentence_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] not in "。;；!！?？\n":
        pos += 1
    return pos


def _date(item: _Event, text: str, article: Article, reference: datetime.date | None, lead_end: int) -> None:
    event = item.event
    for start, end in item.spans:
        sentence = (_sentence_start(text, start), _sentence_end(text, end))
        match = DATE.search(text, *sentence)
        while match and not match.group():
            match = DATE.search(text, match.end() + 1, sentence[1])
        if match:
            event.date_text = match.group()
            event.start_date, event.end_date = _resolve(match, reference)
            return
    if item.spans[0][0] < lead_end and article.dateline:
        event.date_text = time_phrase(article.dateline)
        match = DATE.match(event.date_text)
        if article.date:
            event.start_date = article.date
            event.end_date = _resolve(match, article.date)[1] if match else article.date
        elif match:
            event.start_date, event.end_date = _resolve(match, reference)


def _resolve(match: re.Match, reference: datetime.date | None) -> tuple[datetime.date | None, datetime.date | None]:
    start = resolve_dateline(match, reference)
    if start is None or not match["day2"]:
        return start, start
    month = int(match["month2"]) if match["month2"] else start.month
    year = start.year + (1 if month < start.month else 0)
    try:
        end = datetime.date(year, month, int(match["day2"]))
    except ValueError:
        return start, start
    return start, end if end >= start else start


def _participants(events: list[_Event], text: str, persons: list[Person], headline_end: int) -> None:
    """People who spoke at, chaired, attended … an event: those in the
    headline belong to the headline's event, the others to the gathering
    named last before them. Campaigns have no participants in this sense."""
    events = [item for item in events if item.event.kind != CAMPAIGN]
    if not events:
        return
    headline = next((item for item in events if item.spans[0][0] < headline_end), events[0])
    starts = {p.start for p in persons if p.start is not None}
    by_end = {p.end: p for p in persons if p.end is not None}
    for person in persons:
        if person.start is None or person.credit or not opens_clause(text, person, by_end):
            continue
        verbs = [verb for verb in clause_verbs(text, person, starts) if verb in MEETING]
        if not verbs and person.role in MEETING:
            verbs = [person.role]
        if not verbs:
            continue
        if person.start < headline_end:
            target = headline
        else:
            before = [item for item in events if any(s <= person.start for s, _ in item.spans)]
            target = max(before, key=lambda item: max(s for s, _ in item.spans if s <= person.start)) if before else events[0]
        for verb in verbs:
            participant = Participant(person.name, verb)
            if participant not in target.event.participants:
                target.event.participants.append(participant)
