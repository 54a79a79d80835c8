"""People: where the page says a person stands, and who they are there.

A name is believed in structured spots (bylines, credit lines, decks like
"王成国讲话 杨青玖主持", a title printed before it, a list of names closed
by 等/在/出席) and, in running text, only before a verb of speaking or
attending or after a title; once believed, its later occurrences in the
article count too. The title printed before a name is kept as printed, and
the body it belongs to is resolved where the title says which one it is.
"""

from __future__ import annotations

import re

from archive.lib.han import HAN, HAN_CHARACTER
from archive.lib.parsing.bylines import ROLE as CREDIT_ROLE
from archive.lib.parsing.bylines import parse_byline
from archive.lib.parsing.records import ADVERTISEMENT, CREDIT_PHOTO, CREDIT_TEXT, Article

from . import organisations
from .gazetteer import PLACES, PROVINCE
from .names import NOT_NAMES, is_anonymous, name_lengths, plausible, split_run, surname_length
from .records import Person
from .trie import alternation
from .vocabulary import Vocabulary

# Positions printed right before a name, longest first within the trie.
TITLE_WORDS = (
    "书记", "副书记", "常务副书记", "党组书记", "党委书记", "总书记", "常委", "委员", "成员",
    "党组成员", "主任", "副主任", "常务副主任", "主任委员", "主席", "副主席", "省长", "副省长",
    "市长", "副市长", "县长", "副县长", "区长", "副区长", "镇长", "乡长", "村长", "厅长", "副厅长",
    "局长", "副局长", "处长", "副处长", "科长", "部长", "副部长", "院长", "副院长", "庭长",
    "副庭长", "检察长", "副检察长", "所长", "副所长", "队长", "副队长", "大队长", "支队长",
    "总队长", "政委", "教导员", "指导员", "组长", "副组长", "秘书长", "副秘书长", "总理",
    "副总理", "国务委员", "委员长", "副委员长", "董事长", "总经理", "副总经理", "经理", "校长",
    "副校长", "教授", "副教授", "老师", "社长", "总编辑", "台长", "会长", "副会长", "理事长",
    "法官", "检察官", "审判员", "审判长", "民警", "辅警", "警官", "律师", "记者", "通讯员",
    "消防员", "站长", "研究员", "负责人", "监察专员", "纪检组长", "大使", "总统", "首相",
    "司令员", "参谋长", "调解员", "网格员", "人大代表", "党支部书记", "村支书",
    "政治部主任", "主任科员", "审判委员会委员", "一级高级法官", "一级高级检察官", "专职委员",
    "省领导", "市领导", "领导人", "村民", "居民", "农民", "工人", "战士", "学生", "职工", "干部",
    "医生", "护士", "教师", "司机", "党员", "志愿者", "妻子", "丈夫", "儿子", "女儿", "父亲",
    "母亲", "老伴", "爱人",
)
# Verbs printed right before a name in government news: "选举张德江为…".
BEFORE_NAME = ("选举", "任命", "会见", "看望", "慰问", "接见", "宴请", "会晤", "悼念", "缅怀")
# Titles printed after a name: "习近平总书记", "邓小平同志"; 同志 is no position.
NOT_POSITIONS = ("同志",)
AFTER_NAME = ("同志", "总书记", "总理", "副总理", "主席", "委员长", "书记", "省长", "市长", "部长", "院长", "检察长")

# What follows a person who opens a sentence as its subject: "吕晓飞曾经是一位…".
SUBJECT_AFTER = ("曾经", "曾是", "已经", "如今", "一直", "始终", "从小", "是一名", "是一位", "是一个")

SPEECH = ("说", "表示", "强调", "指出", "介绍", "认为", "要求", "透露", "坦言")
MEETING = ("讲话", "致辞", "主持", "出席", "参加", "陪同", "介绍")
# Which role a mention takes when its clause has several: "出席会议并讲话" -> 讲话.
ROLE_ORDER = ("讲话", "致辞", "主持", "出席", "参加", "陪同", "介绍", "强调", "指出", "表示", "要求", "认为", "透露", "坦言", "说")

# A list of names closes with one of these: "…王成国、赵承等", "…安大钧在省主会场参加".
LIST_CLOSERS = ("等", "在", "出席", "参加", "陪同", "分别", "先后", "一同", "共同", "同志", "主持", "讲话", "一行", "为", "和", "与")

# Where the walk left from a title to the start of the position stops.
_TITLE_STOP = frozenset("由在与及是了对向为以经据请让使将把被从到给有如访等说的称即共暨,，。;；:：!！?？“”\"'（）()《》 \n")
_CLAUSE_END = frozenset(",，。;；!！?？\n")
# What else a clause may start right after: a quotation, a colon, a space.
_OPENERS = frozenset(" \u3000“”‘’\"'：:（(）)")
# What joins the names of a list: "彭佳学、徐文光", "王成国和杨青玖".
_LIST_JOINS = frozenset("、和与及")
_SENTENCE_END = frozenset("。;；!！?？\n")

_TITLE_RE = re.compile(alternation(TITLE_WORDS))
_BEFORE_NAME_RE = re.compile(alternation(BEFORE_NAME) + "(?:了)?")
_ROLE_RE = re.compile(alternation(ROLE_ORDER))
_AFTER_NAME_RE = re.compile(alternation(AFTER_NAME))
_SUBJECT_AFTER_RE = re.compile(alternation(SUBJECT_AFTER))
_VERB_AFTER_NAME = re.compile(r"(?:" + alternation((*SPEECH, *MEETING)) + r")")
_KICKER = re.compile(r"在[^,，。;；\n]{1,40}?(?:时|上|中|期间)[,，]?(?:" + alternation(SPEECH) + ")")
# Items of a list of names; an item may carry a note ("钮小明（女）").
_NOTE = rf"(?:[（(][{HAN}]{{1,6}}[）)])?"
_LIST = re.compile(rf"[{HAN}·]{{1,8}}" + _NOTE + rf"(?:、[{HAN}·]{{1,8}}" + _NOTE + r")+")
_ITEM = re.compile(rf"[{HAN}·]+")
# "阿沛·阿旺晋美": a name in the transcription of another language.
_DOTTED = re.compile(rf"[{HAN}]{{1,6}}(?:·[{HAN}]{{1,8}})+")
_SIGNATURE = re.compile(rf"^[{HAN}]{{2,4}}(?: +[{HAN}]{{2,4}})*$", re.MULTILINE)
_PHOTO_ONLY = re.compile(rf"[（(](?P<names>[{HAN}、 ]{{2,20}}?)(?:摄影|摄)[）)]")
_CREDIT = re.compile(
    r"(?:^|(?<=[（( ]))(?P<role>" + CREDIT_ROLE.pattern + r") *"
    rf"(?P<names>[{HAN}][{HAN}、 ]{{1,30}}?) *(?P<photo>摄影|摄)? *(?:报道)?(?=[）)：:]|$)",
    re.MULTILINE,
)
_DECK_ITEM = re.compile(rf"(?P<name>[{HAN}]{{2,4}}?)(?P<verbs>(?:" + alternation(MEETING) + r")+)")

_CLAUSE_OPENING = re.compile(rf"(?<![{HAN}])[{HAN}]")

MAX_TITLE = 40

# How much a name must differ from dictionary words where it stands: in a
# list or a deck not at all; after a title it must not be a common word
# ("领导干部", "书记处"); in running text, no word at all.
LENIENT, TITLED, STRICT = None, 20, 1


def find_persons(article: Article, text: str, vocab: Vocabulary) -> list[Person]:
    """Every person mention: credits first (offsets None), then the text's in order."""
    finder = _Finder(text, vocab)
    finder.credits(signatures=article.kind != ADVERTISEMENT)
    finder.decks(_headline_lines(article))
    finder.titled()
    finder.titled_after()
    finder.lists()
    finder.speakers()
    finder.repeats()
    mentions = sorted(finder.mentions, key=lambda p: p.start)
    _assign_roles(text, mentions)
    credited = [Person(b.name, role=b.role, credit=b.credit) for b in article.bylines]
    return credited + mentions


def headline_span(article: Article) -> int:
    """Where the headline stack ends in article_text(article)."""
    return sum(len(line) + 1 for line in _headline_lines(article))


def _headline_lines(article: Article) -> list[str]:
    return [line for line in (article.kicker, article.title, article.subtitle, article.deck) if line]


class _Finder:
    def __init__(self, text: str, vocab: Vocabulary):
        self.text = text
        self.vocab = vocab
        self.mentions: list[Person] = []
        self.taken = bytearray(len(text))

    # -- bookkeeping -------------------------------------------------------

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def add(self, start: int, end: int, titles: str = "", organisation: str = "", role: str = "", credit: str = "") -> bool:
        if not self.free(start, end):
            return False
        self.taken[start:end] = b"\x01" * (end - start)
        after = _AFTER_NAME_RE.match(self.text, end)
        self.mentions.append(Person(
            name=self.text[start:end], titles=titles, organisation=organisation,
            title_after=after.group() if after and after.group() not in NOT_POSITIONS else "",
            role=role, credit=credit, start=start, end=end,
        ))
        return True

    def name_at(self, start: int, level: int | None) -> int:
        """Length of the name opening at start, 0 when none does; level is
        LENIENT, TITLED or STRICT."""
        text, vocab = self.text, self.vocab
        lengths = name_lengths(text, start)
        if any(is_anonymous(text[start:start + n]) for n in lengths):
            return 0
        for n in lengths:
            name = text[start:start + n]
            if name in NOT_NAMES or name[:2] in NOT_NAMES or name in PLACES:
                continue
            known = vocab.is_name(name)
            if not known and n - surname_length(name) == 2 and n - 1 in lengths:
                # "张华今天": the last character starts the next word.
                if vocab.is_word(text[start + n - 1:start + n + 1], 100):
                    continue
            if level is not None and not known and (
                vocab.is_word(name, level) or (n == 3 and level == STRICT and vocab.is_word(name[:2], 50))
            ):
                continue
            return n
        return 0

    def dotted(self, start: int, n: int) -> int:
        """A name that goes on past a "·" is read whole: "司马义·艾买提"."""
        if self.text[start + n:start + n + 1] == "·":
            match = _DOTTED.match(self.text, start)
            if match and match.group().index("·") == n:
                return match.end() - start
        return n

    def left_bounded(self, start: int) -> bool:
        if start == 0:
            return True
        before = self.text[start - 1]
        return not HAN_CHARACTER.match(before) or bool(self.taken[start - 1])

    # -- sources -----------------------------------------------------------

    def credits(self, signatures: bool) -> None:
        """Credit lines inside the text: captions, the lead's "(记者 王乃召
        通讯员 张磊)", "新华社记者兰红光摄", "（牟健为摄）", and, outside
        advertisements, a line that is nothing but a name (a signature)."""
        offset = 0
        for line in self.text.split("\n"):
            bylines = parse_byline(line)
            if bylines:
                pos = offset
                for byline in bylines:
                    at = self.text.find(byline.name, pos, offset + len(line))
                    if at >= 0:
                        self.add(at, at + len(byline.name), role=byline.role, credit=byline.credit)
                        pos = at + len(byline.name)
            offset += len(line) + 1
        for match in _CREDIT.finditer(self.text):
            credit = CREDIT_PHOTO if match["photo"] else CREDIT_TEXT
            self._credit_names(match.start("names"), match["names"], match["role"], credit)
        for match in _PHOTO_ONLY.finditer(self.text):
            self._credit_names(match.start("names"), match["names"], "", CREDIT_PHOTO)
        for match in _SIGNATURE.finditer(self.text) if signatures else ():
            self._credit_names(match.start(), match.group(), "", CREDIT_TEXT, level=TITLED)

    def _credit_names(self, pos: int, names: str, role: str, credit: str, level: int | None = LENIENT) -> None:
        for piece in re.split(r"([、 ]+)", names):
            if not piece.strip("、 "):
                pos += len(piece)
                continue
            if self.name_at(pos, level) == len(piece):
                found = [piece]
            else:
                found = split_run(piece) if level is LENIENT else None
            for name in found or ():
                self.add(pos, pos + len(name), role=role, credit=credit)
                pos += len(name)
            if not found:
                pos += len(piece)

    def decks(self, lines: list[str]) -> None:
        """Headline lines and their space-separated parts that read
        "NAME讲话", "NAME主持", or "NAME在…强调"."""
        offset = 0
        for line in lines:
            for chunk in re.finditer(r"\S+", line):
                start = offset + chunk.start()
                match = _DECK_ITEM.fullmatch(chunk.group())
                if match and plausible(match["name"]) and match["name"] not in PLACES:
                    self.add(start, start + len(match["name"]))
                    continue
                n = self.name_at(start, LENIENT)
                if n and _KICKER.match(self.text, start + n):
                    self.add(start, start + n)
            offset += len(line) + 1

    def titled(self) -> None:
        """"省委常委、政法委书记王成国", "记者陈祖甲、温红彦", "选举张德江为"."""
        text = self.text
        for match in _TITLE_RE.finditer(text):
            end = match.end()
            n = self.name_at(end, TITLED)
            if not n or not self.free(end, end + n) or self._after_name(match.start()):
                continue
            n = self.dotted(end, n)
            start = self._title_start(match.start())
            titles = text[start:end]
            self.add(end, end + n, titles=titles, organisation=_organisation_of(titles))
            pos = end + n
            while text[pos:pos + 1] == "、":
                n = self.name_at(pos + 1, TITLED)
                if not n:
                    break
                n = self.dotted(pos + 1, n)
                self.add(pos + 1, pos + 1 + n)
                pos += 1 + n
        for match in _BEFORE_NAME_RE.finditer(text):
            n = self.name_at(match.end(), STRICT)
            if n and _boundary_after(text, match.end() + n):
                self.add(match.end(), match.end() + n)

    def titled_after(self) -> None:
        """"贯彻习近平总书记…", "王成国同志": a title printed after a name
        inside a clause, where jieba's cut or its dictionary agrees that a
        name ends there ("有关负责同志" has none)."""
        text = self.text
        for match in _AFTER_NAME_RE.finditer(text):
            for n in (3, 2):
                begin = match.start() - n
                if begin < 0 or not self.free(begin, match.start()) or self.name_at(begin, STRICT) != n:
                    continue
                name = text[begin:match.start()]
                if self.vocab.is_name(name) or self.vocab.cuts_at(text, begin, match.start()):
                    self.add(begin, match.start())
                    break

    def _after_title(self, pos: int) -> bool:
        return any(pos - n >= 0 and _TITLE_RE.fullmatch(self.text, pos - n, pos) for n in range(2, 7))

    def _after_name(self, pos: int) -> bool:
        """Is the title at pos printed after a name ("李鹏总理向全国…")?"""
        for n in (3, 2):
            begin = pos - n
            if begin >= 0 and self.left_bounded(begin) and self.name_at(begin, STRICT) == n:
                return True
        return False

    def _title_start(self, pos: int) -> int:
        text, limit = self.text, max(0, pos - MAX_TITLE)
        while pos > limit and text[pos - 1] not in _TITLE_STOP and not self.taken[pos - 1]:
            pos -= 1
        while pos < len(text) and text[pos] == "、":
            pos += 1
        return pos

    def lists(self) -> None:
        """"彭佳学、徐文光、邱启文、王成国…在省主会场参加": most items
        names, closed by 等/在/出席 … or long enough to be a roll."""
        text = self.text
        for begin, end in _clauses_with(text, "、"):
            for match in _LIST.finditer(text, begin, end):
                self._list(match)

    def _list(self, match: re.Match) -> None:
        text = self.text
        items = [(m.start(), m.end()) for m in _ITEM.finditer(text, match.start(), match.end())]
        spans: list[tuple[int, int] | None] = []
        for index, (begin, end) in enumerate(items):
            spans.append(self._list_item(begin, end, first=index == 0, last=index == len(items) - 1, count=len(items)))
        names = [span for span in spans if span]
        if len(names) < 2 or len(names) * 3 < len(items) * 2 or spans[0] is None:
            return
        last = names[-1][1]
        closed = spans[-1] is not None and (
            last == len(text) or not HAN_CHARACTER.match(text[last]) or any(text.startswith(w, last) for w in LIST_CLOSERS)
        )
        if closed or len(names) >= 3 or self._after_title(names[0][0]):
            for begin, end in names:
                self.add(begin, end)

    def _list_item(self, begin: int, end: int, first: bool, last: bool, count: int) -> tuple[int, int] | None:
        text = self.text
        if "·" in text[begin:end]:
            return (begin, end) if not first and not last and _DOTTED.fullmatch(text, begin, end) else None
        if last:
            n = self.name_at(begin, TITLED)
            return (begin, begin + n) if n else None
        if not first:
            return (begin, end) if self.name_at(begin, TITLED) == end - begin else None
        # The first item may carry the end of the words before it.
        for n in (3, 2, 4):
            start = end - n
            if start < begin or self.name_at(start, TITLED) != n:
                continue
            if start == begin and self.left_bounded(start) or self._after_title(start) or count >= 3:
                return start, end
        return None

    def speakers(self) -> None:
        """"申瑞龙说", "王浩在…会议上强调", "习近平总书记": a name at a
        clause start followed by a verb of speaking or attending, or by a
        title printed after it; and a full name (or one jieba knows) that
        opens a sentence as the subject of "曾经是…", "如今…"."""
        text = self.text
        for match in _CLAUSE_OPENING.finditer(text):
            pos = match.start()
            if self.taken[pos] or not surname_length(text, pos):
                continue
            n = self.name_at(pos, STRICT)
            if not n:
                continue
            end = pos + n
            if _VERB_AFTER_NAME.match(text, end) or _KICKER.match(text, end) or _AFTER_NAME_RE.match(text, end):
                self.add(pos, end)
            elif (
                _SUBJECT_AFTER_RE.match(text, end)
                and (pos == 0 or text[pos - 1] in _SENTENCE_END or text[pos - 1] in "“\"")
                and (n - surname_length(text, pos) == 2 or self.vocab.is_name(text[pos:end]))
            ):
                self.add(pos, end)

    def repeats(self) -> None:
        """Later (and earlier) occurrences of names already believed."""
        text = self.text
        names = sorted({p.name for p in self.mentions if len(p.name) >= 2}, key=len, reverse=True)
        for name in names:
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                if self.free(at, end) and self._stands_alone(at, end):
                    self.add(at, end)
                at = text.find(name, end)

    def _stands_alone(self, start: int, end: int) -> bool:
        text = self.text
        if end < len(text) and HAN_CHARACTER.match(text[end]):
            longer = self.name_at(start, LENIENT)
            if longer > end - start:
                if text[end] in "说在等和与及的是也就都到对向为同率将曾又还则并作赴":
                    return True
                return self.vocab.cuts_at(text, start, end)
        if start > 0 and HAN_CHARACTER.match(text[start - 1]) and not self.taken[start - 1]:
            return self.vocab.cuts_at(text, start, end)
        return True


def _clauses_with(text: str, mark: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses that contain mark, each once."""
    clauses, at = [], text.find(mark)
    while at >= 0:
        start = max(text.rfind(char, 0, at) for char in _CLAUSE_END) + 1
        end = min((i for i in (text.find(char, at) for char in _CLAUSE_END) if i >= 0), default=len(text))
        clauses.append((start, end))
        at = text.find(mark, end)
    return clauses


def _boundary_after(text: str, pos: int) -> bool:
    return pos >= len(text) or not HAN_CHARACTER.match(text[pos]) or text[pos] in "为等和与及在的同"


def _organisation_of(titles: str) -> str:
    """The body a printed position belongs to: the last one its parts name."""
    bodies = title_bodies(titles)
    return bodies[-1][2] if bodies else ""


def title_bodies(titles: str) -> list[tuple[int, int, str, str]]:
    """The bodies the parts of a printed position name, as (start, end,
    canonical name, parent) with offsets into titles: "省委常委、政法委书记"
    -> 政法委 -> 浙江省委政法委 (whose parent is 浙江省委). A part without a
    place ("政法委书记") belongs to the body of the part before it
    ("省委常委"); a committee fused into the title 常委 ("省委常委") names a
    position, not a mention of the body, so it is only that context."""
    context, bodies, offset, named = "", [], 0, False
    for unit in titles.split("、"):
        start, offset = offset, offset + len(unit) + 1
        title = _TITLE_RE.search(unit)
        while title and title.end() != len(unit):
            title = _TITLE_RE.search(unit, title.start() + 1)
        body = unit[: title.start()] if title else unit
        if not body:
            if "省" in unit:
                context = context or PROVINCE
            continue
        canonical = organisations.resolve(body, context)
        if canonical:
            parent = context if named and canonical.startswith(context) and canonical != context else ""
            context, named = canonical, True
            title_after = unit[len(body):]
            fused = body.endswith("委") and title_after.startswith("常委") and not title_after.startswith("常委会")
            if not fused:
                bodies.append((start, start + len(body), canonical, parent))
    return bodies


def clause_verbs(text: str, person: Person, starts: set[int]) -> list[str]:
    """Verbs of speaking or attending in the clause a mention opens, up to
    the next mention: "王成国出席会议并讲话" -> 出席, 讲话."""
    verbs, pos = [], person.end
    while pos < len(text) and text[pos] not in _CLAUSE_END and pos - person.end < 40:
        if pos in starts:
            break
        match = _ROLE_RE.match(text, pos)
        if match:
            verbs.append(match.group())
            pos = match.end()
        else:
            pos += 1
    return verbs


def opens_clause(text: str, person: Person, by_end: dict[int, Person]) -> bool:
    """Is the mention the subject of its clause: nothing but its title, or
    names listed before it ("彭佳学、…、安大钧在省主会场参加"), between the
    clause start and the name? "贯彻习近平总书记…重要讲话精神" is not:
    the verbs after an object are not that person's."""
    pos = person.start - len(person.titles)
    while pos > 0 and text[pos - 1] in _LIST_JOINS and pos - 1 in by_end:
        before = by_end[pos - 1]
        pos = before.start - len(before.titles)
    return pos == 0 or text[pos - 1] in _CLAUSE_END or text[pos - 1] in _OPENERS


def _assign_roles(text: str, mentions: list[Person]) -> None:
    """Each text mention's role, for a mention that is the subject of its
    clause: the verbs in its own clause, or, for names listed clause after
    clause ("胡海峰,…朱巧湘,…李锋等,与…代表参加"), the verb of the first
    clause after them that names nobody."""
    starts = {p.start for p in mentions}
    by_end = {p.end: p for p in mentions}
    roles = {}
    waiting: list[Person] = []
    for person in mentions:
        if person.credit or not opens_clause(text, person, by_end):
            continue
        verbs = clause_verbs(text, person, starts)
        if verbs:
            person.role = min(verbs, key=ROLE_ORDER.index)
            roles[person.start] = person.role
        else:
            waiting.append(person)
    for person, following in reversed(list(zip(mentions, mentions[1:]))):
        # "…林贻影、安大钧在省主会场参加": a list shares its last name's verb.
        if not person.role and not person.credit and text[person.end:following.start] in ("、", "和", "与", "及"):
            person.role = following.role
    for person in waiting:
        if person.role:
            continue
        end = _sentence_end(text, person.end)
        for match in _ROLE_RE.finditer(text, person.end, end):
            if any(person.end <= start < match.start() for start in roles):
                break
            if _clause_unnamed(text, match.start(), starts):
                person.role = match.group()
                break


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(char, pos) for char in _SENTENCE_END) if i >= 0]
    return min(ends, default=len(text))


def _clause_unnamed(text: str, pos: int, starts: set[int]) -> bool:
    begin = pos
    while begin > 0 and text[begin - 1] not in _CLAUSE_END:
        begin -= 1
    return not any(begin <= s < pos for s in starts)
