"""What the extractor hands to the rest of the archive.

Plain dataclasses, like the parser's: extraction runs and is tested without a
database, and the import layer decides how mentions become rows. Offsets
point into ``archive.lib.parsing.records.article_text(article)``; a person or a
paper named only in a byline has none, because bylines are not part of that
text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class Person:
    """One mention of a person."""

    name: str
    titles: str = ""  # position as printed before the name: "省委常委、政法委书记"
    title_after: str = ""  # position printed after the name: "总书记" in "习近平总书记"
    organisation: str = ""  # canonical name of the body the titles belong to: "浙江省委政法委"
    role: str = ""  # 本报记者, 通讯员 … for credits; 说, 表示, 讲话, 主持, 出席, 参加 … in the text
    credit: str = ""  # parsing.records.CREDIT_TEXT or CREDIT_PHOTO for a credit, "" in the text
    start: int | None = None
    end: int | None = None


@dataclass
class Organisation:
    """One mention of an organisation."""

    name: str  # as printed: "省公安厅"
    canonical: str  # "浙江省公安厅"; see organisations.py for the rule
    aliases: tuple[str, ...] = ()  # other forms of the same body: printed in the article, or its official long form
    kind: str = "other"  # one of organisations.KINDS
    parent: str = ""  # canonical name of the body the name shows it belongs to
    start: int | None = None  # None for the paper in a byline ("浙江日报记者")
    end: int | None = None


@dataclass
class Participant:
    name: str
    role: str  # 讲话, 主持, 出席, 参加, 致辞, 陪同, 介绍


@dataclass
class Event:
    """A meeting, forum, campaign, ceremony or press conference the article reports."""

    name: str
    kind: str  # one of events.KINDS
    date_text: str = ""  # as printed: "7月9日至11日", "11日下午"
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None  # the last day of a range, else start_date
    place: str = ""  # as printed after 在: "嘉善", "杭州市萧山区"
    participants: list[Participant] = field(default_factory=list)
    start: int = 0  # the first mention
    end: int = 0


@dataclass
class Extraction:
    persons: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
