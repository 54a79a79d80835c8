"""What the parser hands to the rest of the archive.

Plain dataclasses, no ORM: the parser can be tested and benchmarked alone, and
the importer (``archive.importer``) is the only place that turns these into
rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Article kinds, in the vocabulary the models, the admin and the export share.
NEWS = "news"
INTERVIEW = "interview"
PHOTO = "photo"
TEASER = "teaser"
ADVERTISEMENT = "advertisement"
KINDS = (NEWS, INTERVIEW, PHOTO, TEASER, ADVERTISEMENT)

# Where an issue's date came from.
DATE_FROM_MASTHEAD = "masthead"
DATE_INFERRED = "inferred"
DATE_FROM_EDITOR = "editor"

# What a byline credits.
CREDIT_TEXT = "text"
CREDIT_PHOTO = "photo"


class ParseError(ValueError):
    """The input is not a front page we can read; the message says why."""


@dataclass
class Byline:
    name: str
    role: str = ""  # as printed: 本报记者, 通讯员, 浙江日报记者 … ("" when none is printed)
    credit: str = CREDIT_TEXT


@dataclass
class Article:
    position: int  # reading order on the page, from 1
    kind: str = NEWS
    page: int = 1
    kicker: str = ""  # 引题
    title: str = ""  # 主标题
    subtitle: str = ""  # 副题, including an interview's "——访…" line
    deck: str = ""  # e.g. "王成国讲话 杨青玖主持"
    column: str = ""  # 栏目, lines joined with " / "
    bylines: list[Byline] = field(default_factory=list)
    dateline: str = ""  # e.g. "7月11日下午", without 本报讯
    date: datetime.date | None = None  # the dateline resolved against the issue date
    paragraphs: list[str] = field(default_factory=list)
    continued_on_page: int | None = None  # "(下转2版)" -> 2
    captions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any], bylines: Iterable[Byline] = ()) -> Article:
        """An article from the values of its row's fields (``body`` one
        string, paragraphs joined by line breaks): what extraction reads of
        an article as stored, alike in the import's workers and from a row."""
        body = fields["body"]
        return cls(
            **{name: fields[name] for name in _STORED_AS_IS},
            paragraphs=body.split("\n") if body else [],
            captions=list(fields["captions"]),
            bylines=list(bylines),
        )


# The fields of an Article that a row stores as they are.
_STORED_AS_IS = (
    "position",
    "kind",
    "page",
    "kicker",
    "title",
    "subtitle",
    "deck",
    "column",
    "dateline",
    "date",
    "continued_on_page",
)


# What a line of the source became (SourceLine.role): the article field it
# went to, or what else the parser read it as.
ROLE_MASTHEAD = "masthead"
ROLE_COLUMN = "column"
ROLE_KICKER = "kicker"
ROLE_TITLE = "title"
ROLE_SUBTITLE = "subtitle"
ROLE_DECK = "deck"
ROLE_CREDIT = "credit"
ROLE_LEAD = "lead"  # the first paragraph, opening with the dateline
ROLE_PARAGRAPH = "paragraph"
ROLE_CAPTION = "caption"
ROLE_TEASER = "teaser"
ROLE_ADVERTISEMENT = "advertisement"
ROLE_CONTINUED = "continued"  # "(下转2版)"
ROLE_IGNORED = "ignored"


@dataclass
class SourceLine:
    """A non-blank line of the page's (normalised) text and what it became."""

    number: int  # from 1, counting blank lines too
    text: str
    role: str
    article: int | None = None  # the position of the article it went to


@dataclass
class Issue:
    publication: str = "浙江法治报"
    number: int | None = None  # 期号
    date: datetime.date | None = None
    date_source: str = ""  # DATE_FROM_MASTHEAD, DATE_INFERRED, or "" when unknown
    page_count: int | None = None  # 今日N版
    # The paper and its sites as the masthead prints them ("浙江法治报",
    # "平安浙江网"), [] when it prints neither: whom 本报 speaks for.
    outlets: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str = "utf-8"  # how the source bytes were decoded


def article_text(article: Article) -> str:
    """The text the archive segments, indexes and extracts from: the headline
    stack, the body and the captions, one line each. Offsets of tokens and
    mentions point into this string."""
    lines = [article.kicker, article.title, article.subtitle, article.deck]
    lines += article.paragraphs + article.captions
    return "\n".join(line for line in lines if line)
