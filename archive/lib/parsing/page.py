"""A front page's text, read back into its articles.

Text extracted from print keeps the page's reading order but loses its layout:
every headline, credit line and paragraph is a line, separated by blank lines,
and the breaks between columns and pages fall wherever they fell, often in the
middle of a word. So the parser reads the page as a run of lines and decides,
with a look ahead of two lines, where each article starts:

- a headline stack (short lines, no 。) followed by a credit line or "本报讯";
- or by one paragraph and a photo credit ("… 摄"): a photo;
- or by one paragraph and a credit line: a photo story ("英雄,走好!");
- or by paragraphs, when a clear break (two blank lines, the start of the page,
  the end of the previous article) stands before it.

Anything else that has no 。 is a paragraph broken by a column break and is
joined to the next line. Photo captions marked "(右)"/"(下)" belong to the next
article; a "导读" block holds teasers; a block of short lines with Latin
lettering is an advertisement; a block of short lines after an article is its
column label.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from archive.lib.han import HAN, has_han

from . import dates
from .bylines import bare_names, parse_byline
from .headlines import is_interview_subtitle, read_stack
from .leads import OWN_SOURCES, is_lead, read_lead, time_phrase
from .records import (
    ADVERTISEMENT,
    CREDIT_PHOTO,
    DATE_FROM_MASTHEAD,
    INTERVIEW,
    PHOTO,
    ROLE_ADVERTISEMENT,
    ROLE_CAPTION,
    ROLE_COLUMN,
    ROLE_CONTINUED,
    ROLE_CREDIT,
    ROLE_DECK,
    ROLE_IGNORED,
    ROLE_KICKER,
    ROLE_LEAD,
    ROLE_MASTHEAD,
    ROLE_PARAGRAPH,
    ROLE_SUBTITLE,
    ROLE_TEASER,
    ROLE_TITLE,
    TEASER,
    Article,
    Byline,
    Issue,
    ParseError,
    SourceLine,
)

PUBLICATIONS = ("浙江法治报", "浙江法制报")

_MASTHEAD_MARK = re.compile(
    r"国内统一刊号|邮发代号|新闻热线|数字报|今日\s*\d+\s*版|^第\s*\d+\s*期$|^(?:星期|周)[一二三四五六日天]$"
    r"|^\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:\s*(?:星期|周)[一二三四五六日天])?$"
    rf"|^(?:{'|'.join(PUBLICATIONS)})$"
)
# A site the masthead names with its address: "某某网:www.example.cn".
_SITE = re.compile(rf"(?<![{HAN}])([{HAN}]{{2,12}}网)\s*:\s*(?:<?https?://|www\.)")
_ISSUE_NUMBER = re.compile(r"第\s*(\d+)\s*期")
_PAGE_COUNT = re.compile(r"今日\s*(\d+)\s*版")
_CONTINUED = re.compile(rf"[(]\s*(?:下)?转(?:第)?\s*(\d+)\s*版\s*[)]|(?<![{HAN}])下转(?:第)?\s*(\d+)\s*版")
_CONTINUED_FROM = re.compile(r"^[(]\s*(?:上)?接(?:第)?\s*\d+\s*版\s*[)]\s*")
_CLOSING_CREDITS = re.compile(r"[(](?P<credits>[^()]{2,60})[)]$")
_CAPTION = re.compile(r"[(](?:(?:左|右|上|下|中|左上|右上|左下|右下)图?|图|组图|资料图|图片)[)]$")
_COLUMN_LABEL = re.compile(
    rf"^[{HAN}]*(?:要闻|快讯|播报|速递|视点|关注|传真|聚焦|观察|直击|纵览|视窗|在线|一线|现场|时评|热点|动态|资讯|专题|专栏)$"
)
_TERMINAL = "。!?…;:)."
_LATIN = re.compile(r"[A-Za-z]")

# Headline lines are short; the longest in the seeds is a one-line stack of
# title, subtitle and deck.
MAX_HEADLINE = 90
MAX_HEADLINE_PART = 40
MAX_COLUMN_LINE = 20
MAX_COLUMN_LABEL = 6
MAX_CAPTION = 30
_CLAUSE_MARKS = ",;:?!。"


@dataclass
class Line:
    text: str
    gap: int  # blank lines before it (the start of the page counts as a wide gap)
    number: int = 0  # in the text, from 1, blank lines counted


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with the blank lines before each, in units of the
    page's own paragraph spacing: some dumps double every blank line, others
    have none, and the parser reads 1 as "next paragraph", 2 or more as "a
    wider break"."""
    lines: list[Line] = []
    gap = 99
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw:
            gap += 1
            continue
        lines.append(Line(raw, gap, number))
        gap = 0
    gaps = Counter(line.gap for line in lines[1:] if line.gap)
    if len(lines) > 4 and sum(gaps.values()) < len(lines) // 10:
        for line in lines[1:]:  # no blank lines: every line is a paragraph
            line.gap = line.gap or 1
    elif gaps:
        unit = gaps.most_common(1)[0][0]
        if unit > 1:
            for line in lines[1:]:
                line.gap = 0 if line.gap < unit else (1 if line.gap == unit else 2)
    return lines


def is_masthead(text: str) -> bool:
    if "。" in text:
        return False
    if "农历" in text and len(text) <= 40 and dates.LUNAR.search(text):
        return True
    return bool(_MASTHEAD_MARK.search(text))


def is_headline_like(text: str) -> bool:
    return (
        "。" not in text
        and len(text) <= MAX_HEADLINE
        and all(len(part) <= MAX_HEADLINE_PART for part in text.split(" "))
        and parse_byline(text) is None
        and not is_lead(text)
        and not _CONTINUED.fullmatch(text)
        and not _CAPTION.search(text)
        and text != "导读"
    )


def is_column_label(text: str) -> bool:
    """A column's name printed over a headline: a few characters ending in a
    column word ("要闻", "法治视点", "一线传真", "记者播报")."""
    return len(text) <= MAX_COLUMN_LABEL and bool(_COLUMN_LABEL.search(text))


def ends_sentence(text: str) -> bool:
    text = text.rstrip("”’」』\"'")
    return bool(text) and text[-1] in _TERMINAL


def continued_page(match: re.Match) -> int:
    return int(match[1] or match[2])


def is_latin_line(text: str) -> bool:
    letters = len(_LATIN.findall(text))
    return letters >= 2 and letters >= 0.6 * len(text.replace(" ", ""))


class Assembler:
    """Walks the lines of a page once, building its articles in reading order."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.articles: list[Article] = []
        self.current: Article | None = None
        self.closed = True  # the previous article has clearly ended
        self.pending_captions: list[str] = []
        self.pending_column = ""
        # What each line became, by line number: the role and the article
        # (read once the page is done, see parse_source).
        self.roles: dict[int, tuple[str, Article | None]] = {}
        self.pending_caption_lines: list[int] = []
        self.pending_column_lines: list[int] = []

    # -- looking ahead ------------------------------------------------------
    def text(self, i: int) -> str:
        return self.lines[i].text if i < len(self.lines) else ""

    def byline_at(self, i: int) -> list[Byline] | None:
        return parse_byline(self.text(i)) if i < len(self.lines) else None

    def names_credit_at(self, i: int) -> list[Byline] | None:
        """Names with no role ("杨小树 翁大河") where a credit line stands:
        right above a lead or the first paragraph of a story."""
        if i >= len(self.lines) or not (names := bare_names(self.text(i))):
            return None
        return names if self.opens_story(i + 1) else None

    def opens_story(self, i: int) -> bool:
        """Does a lead or a paragraph (not another headline) start at line i?"""
        if i >= len(self.lines):
            return False
        text = self.text(i)
        return is_lead(text) or not (is_headline_like(text) or _CONTINUED.fullmatch(text) or _CAPTION.search(text))

    def caption_before_story(self, i: int) -> bool:
        """A one-sentence photo caption printed between two stories, about
        the next one: short, no comma, opening with words of the next
        headline ("老张站在出事的桥头。" above "热心保安:老张下水救人…")."""
        text = self.text(i)
        if len(text) > MAX_CAPTION or not text.endswith("。") or any(mark in text[:-1] for mark in _CLAUSE_MARKS):
            return False
        if is_lead(text) or self.caption_with_credit(self.text(i + 1)):
            return False
        stop = self.stack_at(i + 1)
        if stop is None:
            return False
        headline = "".join(self.text(j) for j in range(i + 1, stop))
        return has_han(text[:2]) and text[:2] in headline

    def caption_with_credit(self, text: str) -> bool:
        """A stand-alone caption that carries its photographer's credit:
        "法官走进村口 本报记者 某某 摄"."""
        parts = text.split(" ")
        for cut in range(1, len(parts)):
            credits = parse_byline(" ".join(parts[cut:]))
            if credits and all(b.credit == CREDIT_PHOTO for b in credits):
                return parse_byline(" ".join(parts[:cut])) is None
        return False

    def is_short(self, i: int) -> bool:
        """A line of a column label or an advertisement."""
        return len(self.text(i)) <= MAX_COLUMN_LINE and is_headline_like(self.text(i))

    def is_advertisement(self, i: int) -> bool:
        """A run of short lines, one of them in Latin letters ("BANK OF CHINA")."""
        run = i
        while run < len(self.lines) and (run == i or self.lines[run].gap <= 1) and self.is_short(run):
            run += 1
        return run - i >= 2 and any(is_latin_line(self.text(j)) for j in range(i, run))

    def block_end(self, i: int) -> int:
        """Index after the block (lines with no blank between them) starting at i."""
        j = i + 1
        while j < len(self.lines) and self.lines[j].gap == 0:
            j += 1
        return j

    def stack_at(self, i: int) -> int | None:
        """If an article's headline stack starts at line i, the index after it."""
        if not is_headline_like(self.text(i)):
            return None
        end = i + 1
        # Lines printed as one block (no blank line between them) hold a
        # whole stack: one that opens a block does not run past it.
        widest = 0 if end < len(self.lines) and self.lines[end].gap == 0 else 1
        while (
            end < len(self.lines)
            and end - i < 4
            and self.lines[end].gap <= widest
            and is_headline_like(self.text(end))
            and not self.names_credit_at(end)
        ):
            end += 1
        # A stack is not followed by another headline-like line: a longer run
        # is teasers or a column, not a headline.
        for stop in range(end, i, -1):
            if self._starts_article(i, stop):
                return stop
        return None

    def _starts_article(self, i: int, end: int) -> bool:
        after = self.text(end)
        if end >= len(self.lines):
            return False
        if credits := self.byline_at(end):
            return credits[0].credit != CREDIT_PHOTO
        if is_lead(after) or self.names_credit_at(end):
            return True
        if is_headline_like(after) or after == "导读" or _CONTINUED.fullmatch(after) or _CAPTION.search(after):
            return False
        # A paragraph follows: a photo (credit after it), a photo story
        # (credit line after it), or an article with no byline.
        following = self.byline_at(end + 1)
        if following:
            return True
        # Otherwise only a clear break makes it a headline rather than the
        # first half of a paragraph split by a column break.
        return self.lines[i].gap >= 2 or self.closed

    # -- building -----------------------------------------------------------
    def mark(self, i: int, role: str, article: Article | None) -> None:
        self.roles[self.lines[i].number] = (role, article)

    def hold_caption(self, i: int) -> None:
        self.pending_captions.append(self.text(i))
        self.pending_caption_lines.append(self.lines[i].number)

    def hold_column(self, column: str, lines: range) -> None:
        self.pending_column = column
        self.pending_column_lines = [self.lines[j].number for j in lines]

    def close(self) -> None:
        if self.current is not None:
            self.articles.append(self.current)
        self.current = None
        self.closed = True

    def open(self, **fields) -> Article:
        self.close()
        article = Article(position=len(self.articles) + 1, **fields)
        article.captions, self.pending_captions = self.pending_captions, []
        article.column, self.pending_column = self.pending_column, ""
        for number in self.pending_caption_lines:
            self.roles[number] = (ROLE_CAPTION, article)
        for number in self.pending_column_lines:
            self.roles[number] = (ROLE_COLUMN, article)
        self.pending_caption_lines, self.pending_column_lines = [], []
        self.current = article
        self.closed = False
        return article

    def add_paragraph(self, text: str) -> None:
        if self.current is None:
            self.open().warnings.append("段落前没有标题")
        paragraphs = self.current.paragraphs
        if paragraphs and not self.closed:
            last = paragraphs[-1]
            if not ends_sentence(last):
                paragraphs[-1] = _join(last, text)
                return
            if len(text) > 2 and text[1] in ",、" and last.endswith(text[0] + "。"):
                # The break repeated the character before it: "…隐患。" + "患,由此…"
                paragraphs[-1] = last[:-1] + text[1:]
                return
        paragraphs.append(text)

    def run(self) -> list[Article]:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        self.close()
        if self.pending_captions and self.articles:
            # Captions after the last story belong to it.
            self.articles[-1].captions += self.pending_captions
            for number in self.pending_caption_lines:
                self.roles[number] = (ROLE_CAPTION, self.articles[-1])
        return self.articles

    def step(self, i: int) -> int:
        text = self.text(i)
        if text == "导读":
            return self.teasers(i + 1)
        end = self.block_end(i)
        short = [j for j in range(i, end) if self.is_short(j)]
        if self.is_advertisement(i):
            return self.advertisement(i)
        if _CAPTION.search(text) and "。" not in text:
            self.hold_caption(i)
            return i + 1
        if match := _CONTINUED.fullmatch(text):
            self.mark(i, ROLE_CONTINUED, self.current)
            if self.current is not None:
                self.current.continued_on_page = continued_page(match)
            self.close()
            return i + 1
        bylines = self.byline_at(i)
        if bylines:
            return self.credit(i, bylines)
        if self.awaiting_credit() and (names := self.names_credit_at(i)):
            self.current.bylines += names
            self.mark(i, ROLE_CREDIT, self.current)
            return i + 1
        if self.caption_with_credit(text) or self.caption_before_story(i):
            # A picture's caption between two stories: it ends the one
            # before and goes with the next.
            self.close()
            self.hold_caption(i)
            return i + 1
        if is_column_label(text) and self.stack_at(i + 1) is not None:
            # "要闻" over a headline: the column, not the headline's kicker.
            self.close()
            self.hold_column(text, range(i, i + 1))
            return i + 1
        stop = self.stack_at(i)
        if stop is not None:
            self.headline(i, stop)
            return stop
        if len(short) == end - i >= 2:
            column = " / ".join(self.text(j) for j in range(i, end))
            if self.current is not None and self.current.paragraphs:
                self.current.column = column
                for j in range(i, end):
                    self.mark(j, ROLE_COLUMN, self.current)
                self.close()
            else:
                self.hold_column(column, range(i, end))
            return end
        self.add_paragraph(text)
        self.mark(i, ROLE_PARAGRAPH, self.current)
        return i + 1

    def headline(self, i: int, stop: int) -> None:
        head = read_stack([self.text(j) for j in range(i, stop)])
        article = self.open(kicker=head.kicker, title=head.title, subtitle=head.subtitle, deck=head.deck)
        if is_interview_subtitle(head.subtitle):
            article.kind = INTERVIEW
        for j in range(i, stop):
            self.mark(j, _stack_role(self.text(j), head), article)

    def awaiting_credit(self) -> bool:
        """Has a headline just opened an article that has no credit and no text yet?"""
        article = self.current
        if article is None or self.closed:
            return False
        return bool(article.title) and not (article.paragraphs or article.bylines)

    def credit(self, i: int, bylines: list[Byline]) -> int:
        article = self.current
        if article is None or self.closed:
            article = self.open()
            article.warnings.append("署名前没有标题")
        self.mark(i, ROLE_CREDIT, article)
        photo = bylines[0].credit == CREDIT_PHOTO
        if self.text(i).startswith("(") and article.paragraphs:
            # "(记者 张三 通讯员 李四)" closing a story.
            article.bylines += bylines
            self.close()
        elif photo or (article.paragraphs and not article.bylines):
            # A credit after the text: a photo, or a photo story.
            article.kind = PHOTO
            article.bylines += bylines
            self.close()
        else:
            article.bylines += bylines
        return i + 1

    def teasers(self, i: int) -> int:
        self.close()
        self.mark(i - 1, ROLE_TEASER, None)  # the "导读" label
        while i < len(self.lines):
            text = self.text(i)
            if not is_headline_like(text) or self.stack_at(i) is not None:
                break
            current = self.current
            if current is not None and current.title.endswith("?") and not current.subtitle and self.lines[i].gap <= 1:
                current.subtitle = text
                self.mark(i, ROLE_SUBTITLE, current)
            else:
                self.mark(i, ROLE_TEASER, self.open(kind=TEASER, title=text))
            i += 1
        self.close()
        return i

    def advertisement(self, i: int) -> int:
        lines: list[str] = []
        start = i
        while i < len(self.lines):
            text = self.text(i)
            if not self.is_short(i) or (lines and self.stack_at(i) is not None):
                break
            lines.append(text)
            i += 1
        article = self.open(kind=ADVERTISEMENT, title=lines[0])
        article.paragraphs = lines[1:]
        for j in range(start, i):
            self.mark(j, ROLE_ADVERTISEMENT, article)
        self.close()
        return i


def _stack_role(text: str, head) -> str:
    """The field a line of a headline stack went to; a one-line stack that
    read_stack split into several counts as its title."""
    if head.kicker and text == head.kicker:
        return ROLE_KICKER
    if head.title and (text in head.title or head.title in text):
        return ROLE_TITLE
    if head.subtitle and text in head.subtitle:
        return ROLE_SUBTITLE
    return ROLE_DECK if head.deck and text in head.deck else ROLE_TITLE


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


def finish_article(article: Article, issue_date) -> None:
    """Lead, dateline and continuation, once every paragraph is in place."""
    paragraphs = article.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if match := _CONTINUED.search(paragraph):
            article.continued_on_page = article.continued_on_page or continued_page(match)
            paragraphs[index] = (paragraph[: match.start()] + paragraph[match.end():]).strip()
    if paragraphs:
        paragraphs[0] = _CONTINUED_FROM.sub("", paragraphs[0])
    article.paragraphs = [p for p in paragraphs if p]
    if not article.paragraphs or article.kind in (TEASER, ADVERTISEMENT):
        return
    last = article.paragraphs[-1]
    if (match := _CLOSING_CREDITS.search(last)) and (credits := parse_byline(match["credits"])):
        # "……。(记者 张三 通讯员 李四)": the story's credits, printed at its end.
        article.bylines += credits
        article.paragraphs[-1] = last[: match.start()].rstrip()
    lead = article.paragraphs[0]
    if found := read_lead(lead):
        if found.credits and (credits := parse_byline(found.credits)):
            article.bylines += credits
        # This paper's own lead says no more than its date; another
        # source's ("新华社北京4月2日电") is kept whole: it names who filed.
        article.dateline = found.date if found.source in OWN_SOURCES else found.printed
        lead = lead[found.end:]
    opening = dates.DATELINE.match(lead)
    if opening and found and found.source not in OWN_SOURCES and not found.date:
        # "某某晚报讯 前天凌晨,": the source, then the time phrase.
        article.dateline += " " + opening["text"]
        lead = lead[opening.end():].lstrip(", ")
    elif opening and not article.dateline:
        article.dateline = opening["text"]
        lead = lead[opening.end():].lstrip(", ")
    elif opening and _same_day(time_phrase(article.dateline), opening):
        # "本报杭州4月2日讯 2日上午,": the lead's date said again, with the hour.
        article.dateline += opening["text"][opening.end("day") + 1 - opening.start():]
        lead = lead[opening.end():].lstrip(", ")
    if article.dateline and (match := dates.DATELINE.match(time_phrase(article.dateline) + ",")):
        article.date = dates.resolve_dateline(match, issue_date)
    article.paragraphs[0] = lead
    article.paragraphs = [p for p in article.paragraphs if p]
    if article.dateline and article.date is None:
        article.warnings.append(f"电头“{article.dateline}”无法换算成日期：本期日期未知")


def _same_day(dateline: str, opening: re.Match) -> bool:
    """Does the time phrase opening a story name the day of the lead's date
    ("3月11日" and "11日上午", or "10月13日" again)?"""
    lead = dates.DATELINE.match(dateline + ",")
    if not lead or not opening["day"] or opening["day2"] or lead["day"] != opening["day"]:
        return False
    return opening["month"] in (None, lead["month"])


def read_masthead(lines: list[Line]) -> tuple[Issue, list[Line]]:
    """The issue's facts from the masthead lines, and the lines that remain."""
    issue = Issue()
    kept: list[Line] = []
    masthead: list[str] = []
    for line in lines:
        if is_masthead(line.text):
            masthead.append(line.text)
            continue
        kept.append(Line(line.text, line.gap if kept else max(line.gap, 99), line.number))
    text = "\n".join(masthead)
    for name in PUBLICATIONS:
        if name in masthead:
            issue.publication = name
            issue.outlets.append(name)
    issue.outlets += [site for site in dict.fromkeys(_SITE.findall(text)) if site not in issue.outlets]
    if match := _ISSUE_NUMBER.search(text):
        issue.number = int(match[1])
    if match := _PAGE_COUNT.search(text):
        issue.page_count = int(match[1])
    found = dates.read_masthead_date(text)
    issue.date, warnings = found.resolve()
    issue.warnings += warnings
    if issue.date:
        issue.date_source = DATE_FROM_MASTHEAD
    elif not found.given:
        issue.warnings.append("报头没有日期：日期留空，待编辑填写")
    return issue, kept


def parse_text(text: str) -> Issue:
    """Parse normalised text (see decoding.normalise) into an Issue."""
    return parse_source(text)[0]


def parse_source(text: str) -> tuple[Issue, list[SourceLine]]:
    """Parse normalised text into an Issue, and say of each non-blank line
    what it became: the same pass, so the two always agree."""
    if not has_han(text):
        raise ParseError("不是报纸版面：没有中文")
    every = split_lines(text)
    issue, lines = read_masthead(every)
    assembler = Assembler(lines)
    articles = assembler.run()
    roles = assembler.roles
    for article in articles:
        finish_article(article, issue.date)
        if article.dateline:
            # The dateline is read off the first paragraph: that line is the lead.
            first = min((n for n, (role, a) in roles.items() if a is article and role == ROLE_PARAGRAPH), default=None)
            if first is not None:
                roles[first] = (ROLE_LEAD, article)
    issue.articles = [a for a in articles if a.title or a.paragraphs or a.bylines]
    for position, article in enumerate(issue.articles, start=1):
        article.position = position
        if not article.title and article.kind != ADVERTISEMENT:
            article.warnings.append("没有找到标题")
    structured = any(a.bylines or a.dateline or a.kind == TEASER for a in issue.articles)
    if not structured and issue.number is None and issue.date is None:
        raise ParseError("不是报纸版面：找不到报头、署名或电头")
    kept = {id(article): article.position for article in issue.articles}
    masthead = {line.number for line in every} - {line.number for line in lines}
    source = []
    for line in every:
        role, article = roles.get(line.number, (ROLE_IGNORED, None))
        if line.number in masthead:
            role = ROLE_MASTHEAD
        elif article is not None and id(article) not in kept:
            role = ROLE_IGNORED  # its article had nothing left to keep
        source.append(SourceLine(line.number, line.text, role, kept.get(id(article))))
    return issue, source
