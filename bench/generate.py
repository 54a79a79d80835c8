"""Front pages at the archive's full size, made from the five seed pages.

The paper has printed over 7,000 issues; the repository holds five sample
pages. Import speed, page latency and search have to be measured at the real
size, and the input must stay inside the conventions the parser already reads,
or the benchmark would mostly measure new parsing cases. So every generated
page is made of the seeds' own articles, read once with the archive's parser
and rendered again in the seeds' layout, varied where variation is harmless:
other people's names, other dates, other lengths, other page compositions.

Usage:
    python bench/generate.py --issues 10000 --seed 1 --out /tmp/pages [--articles-per-issue 70]

Each issue draws from its own random.Random seeded with "<seed>:<number>", so
the same --seed gives byte-identical files, and the first N issues of a longer
run are the files of a run with --issues N. manifest.json records, per file,
what the parser must read back: the number of articles and their kinds, and
the issue number, date and page count as printed (null when the masthead
prints none).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from lunardate import LunarDate

from archive.lib.han import HAN
from archive.lib.parsing import dates, parse_bytes
from archive.lib.parsing.decoding import decode, normalise
from archive.lib.parsing.headlines import SURNAMES
from archive.lib.parsing.page import MAX_HEADLINE, MAX_HEADLINE_PART, is_latin_line
from archive.lib.parsing.records import (
    ADVERTISEMENT,
    CREDIT_PHOTO,
    INTERVIEW,
    NEWS,
    PHOTO,
    TEASER,
    Byline,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# The first generated issue; each next issue is the next day and the next number.
FIRST_DATE = datetime.date(1998, 1, 1)
FIRST_NUMBER = 1
# The seed pages without a printed date are read as pages of this year.
REFERENCE_YEAR = 2024

# How often each variation happens. Mastheads: the 003 block with the date,
# the 002 information line alone, or nothing.
MASTHEADS = (("dated", 6), ("info", 3), ("none", 1))
PAGE_COUNTS = (4, 8, 8, 8, 12, 16)
ARTICLES = (3, 6)  # per issue, when --articles-per-issue is not given
TEASERS = 0.25  # an issue ends with a 导读 block
ADVERTISED = 0.15
KEEP = 0.8  # each paragraph after the lead
DUPLICATE = 0.1
BORROW = 0.15  # a paragraph from another article
SHUFFLE = 0.3
TRIM = 0.2  # a paragraph cut to its first sentences
ONE_LINE = 0.45  # a headline printed on one line
DECK_APART = 0.15  # ... with the deck on a line of its own
BROKEN = 0.25  # a paragraph broken mid-word over a blank line
CONTINUED = 0.2  # "(下转N版)"
CONTINUED_INLINE = 0.4  # ... printed at the end of the last paragraph
WIDE_GAP = 0.3  # three blank lines between two articles instead of one

# Generated people: surnames roughly in order of how common they are in
# Zhejiang, drawn with weights falling with that rank.
COMMON_SURNAMES = "王陈张李周吴徐朱刘胡杨黄何沈林金郑叶方蒋钱孙俞潘赵汪吕施章楼应丁邵姚余陆邱傅毛董袁戴夏"
GIVEN = "伟芳敏静丽强磊军洋勇艳杰娟涛明超霞平刚英华玉萍红鹏辉建林波宁斌宇浩凯健俊旭晨博文欣怡婷雪琳晶莉颖倩佳嘉思雨梓若志海荣春立德永新晓振彬峰瑶琪蕾璐露航飞阳天云亮"
PEOPLE = 5000
STAFF = 300  # the first names of the pool write the bylines

# Who is a person in the seeds: the names in credit lines, a name after an
# official title ("政法委书记王成国出席"), and the names listed with them
# ("彭佳学、徐文光、……").
_TITLE = "书记|主任|省长|市长|县长|厅长|局长|院长|庭长|检察长|组长|部长|主席|委员|社长|处长|队长|所长|教授|消防员"
_AFTER = "出席|主持|讲话|说|强调|指出|表示|介绍|参加|等|在|看来|遗体|,|、|。"
_NAME_AFTER_TITLE = re.compile(rf"(?:{_TITLE})(?P<name>[{HAN}]{{2,3}}?)(?={_AFTER})")
_TWO_HAN = re.compile(f"[{HAN}]{{2}}")
_NAME_LIST = re.compile(rf"(?:[{HAN}]{{2,3}}、)+[{HAN}]{{2,3}}(?=[在等,。])")

# A date with its day ("2024年7月24日", "7月24日", "11日"), or a year alone
# ("2024年度", "执行2024”").
_DATE = re.compile(
    r"(?<![\d.])(?:(?P<year>(?:19|20)\d\d)年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日"
    r"|(?<![\d.])(?P<bare>(?:19|20)\d\d)(?=年|”)"
)
_SENTENCE = re.compile(r".+?(?:[。!?]+[”’」』]*|$)")

WEEKDAYS = "一二三四五六日"
LUNAR_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
LUNAR_DAYS = ["初" + d for d in "一二三四五六七八九十"] + ["十" + d for d in "一二三四五六七八九"] + ["二十"]
LUNAR_DAYS += ["廿" + d for d in "一二三四五六七八九"] + ["三十"]
STEMS, BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"
INFO_LINE = (
    "新闻热线:0571-85310548 13857101115 | 国内统一刊号:CN33-0118 邮发代号:31-25 | 邮箱:{email} | "
    "第{number}期 今日{pages}版 | 平安浙江网:www.pazjw.gov.cn"
)
EMAILS = ("zjfbxw@126.com", "zjfzb@126.com")


@dataclass
class Story:
    """A seed article, held in the pieces it is rendered from again."""

    kind: str  # NEWS, INTERVIEW or PHOTO (a photo, or a photo story with a text credit)
    head: list[str]  # kicker, title, subtitle, deck; "" when not printed
    credits: list[Byline]
    lead: str  # the first paragraph, its dateline included
    marked: bool  # the lead opens with 本报讯
    paragraphs: list[str]  # after the lead
    printed: datetime.date  # the seed page's date: the story's dates keep their distance to it
    captions: list[str] = field(default_factory=list)
    column: list[str] = field(default_factory=list)


@dataclass
class Teaser:
    title: str
    subtitle: str
    printed: datetime.date


@dataclass
class Pool:
    stories: list[Story]
    teasers: list[Teaser]
    adverts: list[list[str]]  # an advertisement's lines, its title first
    names: list[str]  # the people the seed articles name


def page_date(issue) -> datetime.date:
    """The date a seed page was printed, or the day after its last dateline."""
    if issue.date:
        return issue.date
    seen = []
    for article in issue.articles:
        match = dates.DATELINE.match(article.dateline + ",")
        if match and match["month"]:
            try:
                seen.append(datetime.date(int(match["year"] or REFERENCE_YEAR), int(match["month"]), int(match["day"])))
            except ValueError:
                continue
    return max(seen) + datetime.timedelta(days=1) if seen else datetime.date(REFERENCE_YEAR, 1, 1)


def find_names(articles) -> list[str]:
    """The people the articles name, longest first (so 王成国 is replaced before 王成)."""
    names = {byline.name for article in articles for byline in article.bylines}
    texts = ["\n".join([a.kicker, a.title, a.subtitle, a.deck, *a.paragraphs]) for a in articles]
    for text in texts:
        names.update(m["name"] for m in _NAME_AFTER_TITLE.finditer(text) if m["name"][0] in SURNAMES)
    for text in texts:
        for match in _NAME_LIST.finditer(text):
            listed = match[0].split("、")
            if names.intersection(listed) and all(name[0] in SURNAMES for name in listed):
                names.update(listed)
    return sorted(names, key=lambda name: (-len(name), name))


def read_pool(seeds: Path) -> Pool:
    pool = Pool([], [], [], [])
    articles = []
    for path in sorted(seeds.glob("*.txt")):
        data = path.read_bytes()
        text = normalise(decode(data)[0])
        issue = parse_bytes(data)
        printed = page_date(issue)
        articles += issue.articles
        for article in issue.articles:
            if article.kind == TEASER:
                pool.teasers.append(Teaser(article.title, article.subtitle, printed))
            elif article.kind == ADVERTISEMENT:
                pool.adverts.append([article.title, *article.paragraphs])
            elif article.paragraphs and article.bylines:
                # (An article with no credit line is found only after a clear
                # break in the page; the seeds have none, and none are made.)
                lead = f"{article.dateline},{article.paragraphs[0]}" if article.dateline else article.paragraphs[0]
                pool.stories.append(Story(
                    kind=article.kind,
                    head=[article.kicker, article.title, article.subtitle, article.deck],
                    credits=article.bylines,
                    lead=lead,
                    marked=bool(re.search(r"本报讯\s*" + re.escape(lead[:8]), text)),
                    paragraphs=article.paragraphs[1:],
                    printed=printed,
                    captions=article.captions,
                    column=article.column.split(" / ") if article.column else [],
                ))
    pool.names = find_names(articles)
    return pool


def name_pool(rng: random.Random, size: int) -> list[str]:
    """Distinct plausible names, surname and one or two given characters."""
    weights = [1 / (rank + 1) for rank in range(len(COMMON_SURNAMES))]
    seen: dict[str, None] = {}
    while len(seen) < size:
        surname = rng.choices(COMMON_SURNAMES, weights)[0]
        seen.setdefault(surname + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2)))))
    return list(seen)


def shift_dates(text: str, printed: datetime.date, days: int) -> str:
    """Move every date the text names by ``days``. A day without its month
    ("10日至11日", "11日下午") takes the month named before it, or, at the
    start, the month of the page it was printed on."""
    # (year, month) of each date before and after the shift, in reading order
    months: list[tuple[tuple[int, int], tuple[int, int]]] = []

    def move(match: re.Match) -> str:
        if match["bare"]:
            year = int(match["bare"])
            return str(year + (printed + datetime.timedelta(days=days)).year - printed.year)
        day = int(match["day"])
        if match["month"]:
            year, month = int(match["year"] or printed.year), int(match["month"])
        elif months:
            year, month = months[-1][0]
        else:
            year, month = printed.year, printed.month
            if day > printed.day:
                year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        try:
            moved = datetime.date(year, month, day) + datetime.timedelta(days=days)
        except ValueError:
            return match[0]
        said_month = bool(match["month"]) or (bool(months) and months[-1][1] != (moved.year, moved.month))
        months.append(((year, month), (moved.year, moved.month)))
        said = f"{moved.month}月{moved.day}日" if said_month else f"{moved.day}日"
        return f"{moved.year}年{said}" if match["year"] else said

    return _DATE.sub(move, text)


def first_sentences(rng: random.Random, paragraph: str) -> str:
    sentences = _SENTENCE.findall(paragraph)
    if len(sentences) < 2:
        return paragraph
    return "".join(sentences[: rng.randint(1, len(sentences) - 1)])


def break_mid_word(rng: random.Random, paragraph: str) -> str:
    """The paragraph broken over a blank line between two characters of a
    word, as a column break falls in print; each half keeps a 。, so neither
    reads as a headline."""
    start, end = paragraph.find("。") + 1, paragraph.rfind("。")
    spots = [i for i in range(start + 1, end) if _TWO_HAN.fullmatch(paragraph, i - 1, i + 1)]
    if not spots:
        return paragraph
    spot = rng.choice(spots)
    return f"{paragraph[:spot]}\n\n{paragraph[spot:]}"


def fits_one_line(line: str) -> bool:
    return len(line) <= MAX_HEADLINE and all(len(part) <= MAX_HEADLINE_PART for part in line.split(" "))


def headline_units(rng: random.Random, head: list[str], one_line: bool = True) -> list[str]:
    """A headline stack on one line, on one line and a deck line, or a line a part."""
    kicker, title, subtitle, deck = head
    parts = [part for part in (kicker, title, subtitle) if part]
    draw = rng.random() if one_line else 1.0
    if draw < ONE_LINE and fits_one_line(line := " ".join(parts + ([deck] if deck else []))):
        return [line]
    if deck and draw < ONE_LINE + DECK_APART and fits_one_line(line := " ".join(parts)):
        return [line, deck]
    return parts + ([deck] if deck else [])


class Variant:
    """One article's people and dates as one generated issue prints them:
    each person the seed names gets another name, the same throughout the
    article."""

    def __init__(self, generator: Generator, rng: random.Random, printed: datetime.date, issue_date: datetime.date):
        self.generator, self.rng = generator, rng
        self.printed, self.days = printed, (issue_date - printed).days
        self.names: dict[str, str] = {}

    def rename(self, name: str, people: list[str]) -> str:
        if name not in self.names:
            taken = set(self.names.values())
            while (new := self.rng.choice(people)) in taken:
                pass
            self.names[name] = new
        return self.names[name]

    def __call__(self, text: str) -> str:
        text = self.generator.mentions.sub(lambda m: self.rename(m[0], self.generator.people), text)
        return shift_dates(text, self.printed, self.days)

    def credit_line(self, credits: list[Byline]) -> str:
        words: list[str] = []
        role = None
        for byline in credits:
            if byline.role != role and byline.role:
                words.append(byline.role)
            role = byline.role
            words.append(self.rename(byline.name, self.generator.staff))
        if credits[0].credit == CREDIT_PHOTO:
            words.append("摄")
        return " ".join(words)


class Generator:
    """The seed pool, read once, and the issues made from it."""

    def __init__(self, seed: int):
        self.seed = seed
        self.pool = read_pool(SEEDS)
        self.mentions = re.compile("|".join(map(re.escape, self.pool.names)))
        self.people = name_pool(random.Random(f"{seed}:names"), PEOPLE)
        self.staff = self.people[:STAFF]
        self.leading = [story for story in self.pool.stories if story.kind != PHOTO]
        self.borrowed = [p for story in self.pool.stories if story.kind == NEWS for p in story.paragraphs]
        self.teasers = [t for t in self.pool.teasers if t.subtitle or not t.title.endswith("?")]
        self.teasers += [
            Teaser(story.head[1], "", story.printed)
            for story in self.leading
            if not story.head[1].endswith("?")
        ]

    def issue(self, index: int, articles_per_issue: int | None = None) -> tuple[str, dict]:
        """The text of the index-th issue (from 0) and its manifest entry."""
        number = FIRST_NUMBER + index
        date = FIRST_DATE + datetime.timedelta(days=index)
        rng = random.Random(f"{self.seed}:{number}")
        pages = rng.choice(PAGE_COUNTS)
        total = articles_per_issue or rng.randint(*ARTICLES)
        teased = rng.randint(1, min(3, total - 1)) if total >= 3 and rng.random() < TEASERS else 0
        # An advertisement never opens the page and never stands just before
        # the 导读 block: after a photo, the parser takes its last lines for a
        # headline there.
        advertised = bool(self.pool.adverts) and total - teased >= 2 + bool(teased) and rng.random() < ADVERTISED
        stories = [rng.choice(self.leading)]
        stories += [rng.choice(self.pool.stories) for _ in range(total - teased - advertised - 1)]
        # Each chunk with whether it ends in a block of short lines (a column,
        # an advertisement): three blank lines after it keep the next headline
        # from joining the block.
        chunks = [(self.story(rng, story, date, pages), bool(story.column)) for story in stories]
        kinds = [story.kind for story in stories]
        if advertised:
            at = rng.randint(1, len(stories) - bool(teased))
            chunks.insert(at, (self.advertisement(rng), True))
            kinds.insert(at, ADVERTISEMENT)
        if teased:
            chunks.append((self.teaser_block(rng, teased, date), False))
            kinds += [TEASER] * teased
        style = rng.choices([s for s, _ in MASTHEADS], [w for _, w in MASTHEADS])[0]
        if style != "none":
            chunks.insert(0, (masthead(rng, style, number, date, pages), False))
        text = "\n\n\n\n" + chunks[0][0]
        for (_, block), (chunk, _) in zip(chunks, chunks[1:]):
            text += ("\n\n\n\n" if block or rng.random() < WIDE_GAP else "\n\n") + chunk
        entry = {
            "number": None if style == "none" else number,
            "date": date.isoformat() if style == "dated" else None,
            "page_count": None if style == "none" else pages,
            "articles": len(kinds),
            "kinds": kinds,
        }
        return text, entry

    def story(self, rng: random.Random, story: Story, date: datetime.date, pages: int) -> str:
        vary = Variant(self, rng, story.printed, date)
        credit = vary.credit_line(story.credits)
        # Captions stand before the article, three blank lines above its headline.
        units = ["\n\n".join(vary(caption) for caption in story.captions) + "\n\n"] if story.captions else []
        if story.kind == PHOTO:
            return "\n\n".join(units + [vary(story.head[1]), vary(story.lead), credit])
        # An interview's headline is stacked, as in the seed: on one line, a
        # title with a space in it hides the "——访" subtitle from the parser.
        units += headline_units(rng, [vary(part) for part in story.head], one_line=story.kind != INTERVIEW)
        units.append(credit)
        body = [("本报讯 " if story.marked else "") + vary(story.lead)]
        body += [vary(paragraph) for paragraph in self.paragraphs(rng, story.paragraphs)]
        if rng.random() < BROKEN:
            at = rng.randrange(len(body))
            body[at] = break_mid_word(rng, body[at])
        if not story.column and rng.random() < CONTINUED:
            mark = f"(下转{rng.randint(2, pages)}版)"
            if rng.random() < CONTINUED_INLINE:
                body[-1] += mark
            else:
                body.append(mark)
        units += body
        if story.column:
            units.append("\n".join(story.column))
        return "\n\n".join(units)

    def paragraphs(self, rng: random.Random, paragraphs: list[str]) -> list[str]:
        """Paragraphs dropped, repeated, borrowed, shuffled and shortened,
        each sentence kept whole."""
        body = [paragraph for paragraph in paragraphs if rng.random() < KEEP]
        if paragraphs and rng.random() < DUPLICATE:
            body.insert(rng.randint(0, len(body)), rng.choice(paragraphs))
        if self.borrowed and rng.random() < BORROW:
            body.insert(rng.randint(0, len(body)), rng.choice(self.borrowed))
        if rng.random() < SHUFFLE:
            rng.shuffle(body)
        return [first_sentences(rng, p) if rng.random() < TRIM else p for p in body]

    def advertisement(self, rng: random.Random) -> str:
        """The first block runs to the first Latin line, as the parser needs;
        the rest is a second block, some of its lines left out."""
        lines = rng.choice(self.pool.adverts)
        split = next((i + 1 for i, line in enumerate(lines) if is_latin_line(line)), len(lines))
        split = max(split, 2)
        rest = [line for line in lines[split:] if rng.random() < KEEP]
        return "\n".join(lines[:split]) + ("\n\n" + "\n".join(rest) if rest else "")

    def teaser_block(self, rng: random.Random, count: int, date: datetime.date) -> str:
        units = ["导读"]
        for teaser in rng.sample(self.teasers, count):
            vary = Variant(self, rng, teaser.printed, date)
            units.append(vary(teaser.title))
            if teaser.subtitle:
                units.append(vary(teaser.subtitle))
        return "\n\n".join(units)


def lunar_text(date: datetime.date) -> str:
    lunar = LunarDate.from_solar_date(date.year, date.month, date.day)
    year = STEMS[(lunar.year - 4) % 10] + BRANCHES[(lunar.year - 4) % 12]
    leap = "闰" if lunar.is_leap_month else ""
    return f"农历{year}年{leap}{LUNAR_MONTHS[lunar.month - 1]}月{LUNAR_DAYS[lunar.day - 1]}"


def masthead(rng: random.Random, style: str, number: int, date: datetime.date, pages: int) -> str:
    """The information line (seed 002), under the 003 block with the date when dated."""
    info = INFO_LINE.format(email=rng.choice(EMAILS), number=number, pages=pages)
    if style == "info":
        return info
    day = f"{date.day}日" if rng.random() < 0.5 else ""  # 003 prints no day: weekday and 农历 fix it
    block = [f"{date.year}年{date.month}月{day}", f"星期{WEEKDAYS[date.weekday()]}", lunar_text(date)]
    block.append("数字报: <http://zjfb.zjol.com.cn>")
    return "浙江法治报\n\n" + "\n".join(block) + "\n\n" + info


def generate(out: Path, issues: int, seed: int, articles_per_issue: int | None = None) -> list[dict]:
    """Write the issues and manifest.json into ``out``; return the manifest's entries."""
    out.mkdir(parents=True, exist_ok=True)
    if (out / "manifest.json").exists() or any(out.glob("gen_*.txt")):
        raise FileExistsError(f"{out} already holds generated pages")
    generator = Generator(seed)
    entries = []
    for index in range(issues):
        text, entry = generator.issue(index, articles_per_issue)
        data = text.encode("utf-8")
        name = f"gen_{index + 1:06d}_{hashlib.sha256(data).hexdigest()[:8]}.txt"
        (out / name).write_bytes(data)
        entries.append({"file": name, **entry})
    manifest = {"seed": seed, "issues": issues, "articles_per_issue": articles_per_issue, "files": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return entries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate front pages in the seeds' format for benchmarks.")
    parser.add_argument("--issues", type=int, required=True, help="how many issues (files) to write")
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same bytes")
    parser.add_argument("--out", type=Path, required=True, help="directory for the files and manifest.json")
    parser.add_argument("--articles-per-issue", type=int, help="articles on every page (default: 3 to 6)")
    args = parser.parse_args(argv)
    if args.issues < 1 or (args.articles_per_issue is not None and args.articles_per_issue < 1):
        parser.error("--issues and --articles-per-issue must be at least 1")
    try:
        entries = generate(args.out, args.issues, args.seed, args.articles_per_issue)
    except FileExistsError as error:
        parser.error(str(error))
    print(f"{len(entries)} issues, {sum(e['articles'] for e in entries)} articles written to {args.out}")


if __name__ == "__main__":
    main()
