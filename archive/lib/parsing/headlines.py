"""Headline stacks: 引题 (kicker), 主标题 (title), 副题 (subtitle) and deck.

A stack is printed over up to four lines, or squeezed onto one line with the
parts separated by spaces. Reading it back takes three observations about how
this paper writes headlines:

- a deck names officials and what they did: "王成国讲话 杨青玖主持";
- a kicker leads into what someone said: "王浩在…会议上强调", "省平安办主任会议要求";
- a title may be two short parallel phrases: "筑牢安全发展底线 强化服务效能提升",
  which is one title, not a title and a subtitle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.lib.han import HAN

# SURNAMES stays importable from here for bench/generate.py.
from .surnames import SURNAMES, surname_length  # noqa: F401

_DECK_VERBS = "讲话|主持|出席|参加|致辞|发言|作报告|部署|批示|宣讲|颁奖|会见|陪同|出席并讲话|主持并讲话"
_DECK_PART = re.compile(rf"^(?P<name>[{HAN}]{{2,4}}?)(?:{_DECK_VERBS})$")
_KICKER_END = re.compile(r"(?:强调|要求|指出|提出|表示|认为|寄语|希望|时说|透露|宣布|部署)$")
_INTERVIEW = re.compile(r"^[—-]{1,2}\s*(?:访|专访|对话)")


@dataclass
class Headline:
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    deck: str = ""


def is_deck_part(part: str) -> bool:
    match = _DECK_PART.match(part)
    if not match:
        return False
    return surname_length(match["name"]) > 0


def is_deck_line(line: str) -> bool:
    parts = line.split()
    return bool(parts) and all(is_deck_part(part) for part in parts)


def is_kicker(text: str) -> bool:
    return len(text) >= 5 and bool(_KICKER_END.search(text))


def is_interview_subtitle(text: str) -> bool:
    return bool(_INTERVIEW.match(text))


def _parallel(a: str, b: str) -> bool:
    return len(a) <= 10 and len(b) <= 10 and abs(len(a) - len(b)) <= 1


def _join_parallel(parts: list[str]) -> list[str]:
    joined: list[str] = []
    for part in parts:
        if joined and " " not in joined[-1] and _parallel(joined[-1], part):
            joined[-1] += " " + part
        else:
            joined.append(part)
    return joined


def read_stack(lines: list[str]) -> Headline:
    """Assign the lines of a headline stack to kicker, title, subtitle, deck."""
    deck = [line for line in lines if is_deck_line(line)]
    rest = [line for line in lines if not is_deck_line(line)]
    headline = Headline()
    if len(rest) == 1:
        parts = rest[0].split(" ")
        while len(parts) > 1 and is_deck_part(parts[-1]):
            deck.insert(0, parts.pop())
        if len(parts) >= 2 and is_kicker(parts[0]):
            headline.kicker = parts.pop(0)
        if len(parts) >= 2 and is_interview_subtitle(parts[-1]):
            # "——访…" is the subtitle; all before it is the title.
            headline.subtitle = parts.pop()
            headline.title = " ".join(parts)
        else:
            parts = _join_parallel(parts)
            headline.title = parts[0]
            headline.subtitle = " ".join(parts[1:])
    elif len(rest) == 2:
        first, second = rest
        if is_kicker(first) and not is_interview_subtitle(second):
            headline.kicker, headline.title = first, second
        else:
            headline.title, headline.subtitle = first, second
    elif rest:
        headline.kicker, headline.title = rest[0], rest[1]
        headline.subtitle = " ".join(rest[2:])
    headline.deck = " ".join(deck)
    return headline
