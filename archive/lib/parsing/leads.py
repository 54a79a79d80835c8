"""The lead of a story (电头): who files it, from where, on which day.

This paper prints "本报讯", "本报杭州4月2日讯"; stories it reprints keep their
own: "某某晚报讯", "快报讯", "某某日报杭州4月2日讯", "新华社北京4月2日电",
"中新网浙江新闻4月2日电". Credits may follow in parentheses ("本报讯(记者
王乃召 通讯员 张磊)"). The lead and the date inside it are the dateline's,
never the body's: this paper's own lead gives the dateline its date only
("4月2日"), another source's is kept as printed ("新华社北京4月2日电",
"某某晚报讯 前天凌晨"), since it says who filed the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.lib.han import HAN

# Who files: this paper, "又" (a second item of the same story: "又讯"), or a
# paper, agency, site or station named by its last word.
OWN_SOURCES = ("本报", "又")
_SOURCE = rf"本报|又|[{HAN}]{{1,12}}?(?:报|社|网|台|客户端)"
LEAD = re.compile(
    rf"^(?P<source>{_SOURCE})(?P<place>[{HAN}]{{0,6}}?)(?P<date>\d{{1,2}}月\d{{1,2}}日)?(?P<kind>讯|电)"
    # Another source's lead is followed by a space, credits or nothing;
    # "本报讯" is unmistakable even when the text runs on.
    r"(?:(?<=本报讯)|(?=[\s(【]|$))\s*"
    r"(?:[(【](?P<credits>[^()【】]{2,60})[)】])?\s*"
)


@dataclass
class Lead:
    source: str  # "本报", "新华社", "宁波晚报" …
    place: str  # "杭州", "北京", "" when none is printed
    date: str  # "3月11日", "" when none is printed
    credits: str  # what the parentheses after it hold, "" when none
    printed: str  # the lead as printed, without its credits: "新华社北京4月2日电"
    end: int  # where the story's own text starts


def read_lead(paragraph: str) -> Lead | None:
    """The lead a story's first paragraph opens with, or None."""
    match = LEAD.match(paragraph)
    if match is None:
        return None
    return Lead(
        source=match["source"],
        place=match["place"],
        date=match["date"] or "",
        credits=match["credits"] or "",
        printed=paragraph[: match.end("kind")],
        end=match.end(),
    )


def is_lead(line: str) -> bool:
    """Does the line open with a lead?"""
    return LEAD.match(line) is not None


def time_phrase(dateline: str) -> str:
    """The time phrase of a dateline that may open with another source's
    lead: "新华社北京4月2日电" -> "4月2日", "某某晚报讯 前天凌晨" -> "前天凌晨"."""
    lead = read_lead(dateline)
    if lead is None:
        return dateline
    return dateline[lead.end:].strip() or lead.date
