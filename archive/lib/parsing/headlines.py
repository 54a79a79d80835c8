"""Headline stacks: 引题 (kicker), 主标题 (title), 副题 (subtitle) and deck.

A stack is printed over up to four lines, or squeezed onto one line with the
parts separated by spaces. Reading it back takes three observations about how
this paper writes headlines:

- a deck names officials and what they did: "王成国讲话 杨青玖主持";
- a kicker leads into what someone said: "王浩在…会议上强调", "省平安办主任会议要求";
- a title may be two short parallel phrases: "筑牢安全发展底线 强化服务效能提升",
  which is one title, not a title and a subtitle;
- a line with a space in it is one title unless its first part is a headline
  on its own: "老人深夜迷路 民警送其回家" (a short hook and its outcome) or
  "男子摔进水沟 多亏民警及时救起" (the second part opens with a connective)
  read as one sentence, "我省县乡两级综治中心 实现矛盾纠纷化解“最多跑一地”"
  as a title and its subtitle;
- a kicker may also set the scene for the title instead of leading into a
  quote: a line of two clauses ("矛盾在哪里,调解到哪里") over a one-clause
  title.
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
# Words that tie a part to the one before it: such a part cannot stand alone
# as a subtitle.
_CONNECTIVE = re.compile(
    r"^(?:多亏|幸亏|好在|却|但|可|竟|终|才|又|还|并|原来|结果|于是|所以|因为|因此|只因|不料|谁知|随后|最终)"
)
# A title is at least this long when it is a headline on its own.
MIN_STANDALONE_TITLE = 10
_CLAUSE_BREAK = re.compile(r"[,;]")


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


def _one_title(parts: list[str]) -> bool:
    """Do the parts of one printed line read as a single title?"""
    first, second = parts[0], parts[1]
    return len(first) < MIN_STANDALONE_TITLE or bool(_CONNECTIVE.match(second))


def _scene_kicker(first: str, second: str) -> bool:
    """Is the first of two lines a kicker that sets the scene: two clauses
    over a one-clause title, neither of them a question or a quote?"""
    return (
        bool(_CLAUSE_BREAK.search(first[1:-1]))
        and not _CLAUSE_BREAK.search(second)
        and first[-1] not in "?!”"
        and first[0] != "“"
    )


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
        kicker = len(parts) >= 2 and is_kicker(parts[0])
        if kicker:
            headline.kicker = parts.pop(0)
        if len(parts) >= 2 and is_interview_subtitle(parts[-1]):
            # "——访…" is the subtitle; all before it is the title.
            headline.subtitle = parts.pop()
            headline.title = " ".join(parts)
        elif len(parts) >= 2 and not kicker and _one_title(parts):
            headline.title = " ".join(parts)
        else:
            parts = _join_parallel(parts)
            headline.title = parts[0]
            headline.subtitle = " ".join(parts[1:])
    elif len(rest) == 2:
        first, second = rest
        if (is_kicker(first) or _scene_kicker(first, second)) and not is_interview_subtitle(second):
            headline.kicker, headline.title = first, second
        else:
            headline.title, headline.subtitle = first, second
    elif rest:
        headline.kicker, headline.title = rest[0], rest[1]
        headline.subtitle = " ".join(rest[2:])
    headline.deck = " ".join(deck)
    return headline
