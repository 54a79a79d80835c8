"""Credit lines: who wrote an article or took its photographs.

Printed as a role followed by names, several times over ("本报记者 高敏 见习记者
蓝昕宇 通讯员 钟法"), with "摄" closing a photo credit ("通讯员 陈海伟 摄",
"董旭明 倪雁强 孟欣 摄"), "文/摄" or "文/图" closing the credit of a writer who
also took the pictures, "文 A 摄 B" splitting the two, "图/X" or "摄影 X"
opening a photo credit, in parentheses ("(记者 张三 通讯员 李四)"), or inside
the lead ("本报讯(记者 王乃召 通讯员 张磊)").

Some papers print names with no role at all ("杨小树 翁大河"). Such a line
reads as a credit only where the page's layout says so (right under a
headline, above the story), which the page reader decides: ``bare_names``
only says whether the line could be one.
"""

from __future__ import annotations

import re

from archive.lib.han import HAN

from .records import CREDIT_PHOTO, CREDIT_TEXT, Byline
from .surnames import surname_length

# Roles as printed: a rank or a medium before 记者 (首席记者, 全媒体记者), a
# posting (本报驻台州记者), and another paper's or agency's reporters
# ("<paper>记者": 浙江日报记者, 新华社记者, 人民日报首席记者).
_RANK = r"(?:首席|特约|见习|实习|驻站|资深|全媒体|融媒体|新媒体)*"
_POSTED = rf"(?:驻[{HAN}]{{1,6}}?)?"
_PAPER = rf"[{HAN}]{{1,10}}?(?:日报|晚报|早报|晨报|快报|报|新闻社|社|电视台|台|网|客户端)"
ROLE = re.compile(
    rf"(?:(?:本报|{_PAPER})?{_POSTED}{_RANK}(?:摄影记者|记者|通讯员)"
    r"|通讯员|实习生|特约撰稿人?|撰稿人?|摄影|编辑)"
)
# Roles whose names are credited for pictures.
_PHOTO_ROLES = ("摄影", "摄影记者")
_NAME = re.compile(rf"[{HAN}]{{2,4}}(?:·[{HAN}]{{1,6}})?")
# What closes a credit line: "摄" (photographs), "文/摄" and "文/图" (text and
# photographs by the same people, credited as writers), "报道".
_CLOSING = re.compile(r"(?:\s|/)*(?:(?P<both>文\s*/\s*(?:摄|图)|图\s*/\s*文|图文)|(?P<photo>摄影|摄)|报道)$")
# Single-character markers before names: "文 张三 摄 李四", "图/李四".
_MARKERS = {"文": CREDIT_TEXT, "图": CREDIT_PHOTO, "摄": CREDIT_PHOTO}
MAX_CREDIT_LINE = 60


def parse_byline(line: str) -> list[Byline] | None:
    """The bylines a credit line holds, or None when the line is something else."""
    line = line.strip()
    if line[:1] == "(" and line[-1:] == ")":
        line = line[1:-1].strip()
    if not line or len(line) > MAX_CREDIT_LINE or "。" in line or "," in line:
        return None
    closing = None
    if match := _CLOSING.search(line):
        closing = CREDIT_TEXT if match["both"] else CREDIT_PHOTO if match["photo"] else None
        line = line[: match.start()]
    tokens = [t for t in re.split(r"[ 、/]+", line) if t]
    if not tokens:
        return None
    bylines: list[Byline] = []
    role, marker = "", None  # the role printed last; the credit a "文"/"图"/"摄" set
    marked = False
    waiting = False  # a role or marker printed with no name after it yet
    for token in tokens:
        if token in _MARKERS:
            if waiting and role:
                return None
            role, marker, marked, waiting = "", _MARKERS[token], True, True
            continue
        role_match = ROLE.match(token)
        if role_match and role_match.end() == len(token):
            if waiting and role:
                return None  # a role with no name after it
            if not waiting:
                marker = None  # "图/本报记者 李四" keeps the marker; a new group does not
            role, waiting = token, True
            continue
        if role_match and _NAME.fullmatch(token[role_match.end():]):
            # "本报记者王乃召": role and name printed without a space
            role = role_match.group()
            token = token[role_match.end():]
        if not _NAME.fullmatch(token):
            return None
        credit = closing or (CREDIT_PHOTO if role in _PHOTO_ROLES else marker) or CREDIT_TEXT
        bylines.append(Byline(name=token, role=role, credit=credit))
        waiting = False
    if not bylines or waiting:
        return None
    if closing is None and not marked and not any(b.role for b in bylines):
        return None  # bare names are not a credit line by themselves
    return bylines


def bare_names(line: str) -> list[Byline] | None:
    """Bylines with no role ("杨小树 翁大河", "奚一鸣"): a line of one to four
    names, each opening with a surname. Whether it is a credit line is the
    layout's call."""
    tokens = line.split()
    if not 1 <= len(tokens) <= 4 or not all(_is_name(token) for token in tokens):
        return None
    return [Byline(name=token) for token in tokens]


def _is_name(token: str) -> bool:
    """A surname and one or two given-name characters."""
    surname = surname_length(token)
    return bool(surname) and 1 <= len(token) - surname <= 2 and bool(_NAME.fullmatch(token))
