"""Credit lines: who wrote an article or took its photographs.

Printed as a role followed by names, several times over ("本报记者 高敏 见习记者
蓝昕宇 通讯员 钟法"), with "摄" closing a photo credit ("通讯员 陈海伟 摄",
"董旭明 倪雁强 孟欣 摄"), or inside the lead ("本报讯(记者 王乃召 通讯员 张磊)").
"""

from __future__ import annotations

import re

from archive.lib.han import HAN

from .records import CREDIT_PHOTO, CREDIT_TEXT, Byline

# Roles as printed. Another paper's reporters are "<paper>记者": 浙江日报记者,
# 新华社记者, 人民日报首席记者.
_RANK = r"(?:首席|特约|见习|实习|驻站)?"
ROLE = re.compile(
    rf"(?:本报{_RANK}(?:记者|摄影记者|通讯员)"
    rf"|[{HAN}]{{1,10}}?(?:日报|晚报|报|新闻社|社|电视台|台|网){_RANK}(?:记者|摄影记者)"
    rf"|{_RANK}(?:摄影记者|记者)|通讯员|实习生|特约撰稿人?|撰稿人?|摄影|编辑)"
)
_NAME = re.compile(rf"[{HAN}]{{2,4}}(?:·[{HAN}]{{1,6}})?")
_PHOTO = re.compile(r"(?:\s|/)*(?:摄影|摄)$")


def parse_byline(line: str) -> list[Byline] | None:
    """The bylines a credit line holds, or None when the line is something else."""
    line = line.strip()
    if not line or len(line) > 60 or "。" in line or "," in line:
        return None
    photo = False
    if match := _PHOTO.search(line):
        photo = True
        line = line[: match.start()]
    tokens = [t for t in re.split(r"[ 、/]+", line) if t]
    if not tokens:
        return None
    credit = CREDIT_PHOTO if photo else CREDIT_TEXT
    bylines: list[Byline] = []
    role = ""
    has_role = False
    for token in tokens:
        role_match = ROLE.match(token)
        if role_match and role_match.end() == len(token):
            if role and not any(b.role == role for b in bylines):
                return None  # a role with no name after it
            role, has_role = token, True
            continue
        if role_match and _NAME.fullmatch(token[role_match.end():]):
            # "本报记者王乃召": role and name printed without a space
            role, has_role = role_match.group(), True
            token = token[role_match.end():]
        if not _NAME.fullmatch(token):
            return None
        bylines.append(Byline(name=token, role=role, credit=credit))
    if not bylines or (role and bylines[-1].role != role):
        return None
    if not has_role and not photo:
        return None  # bare names are not a credit line unless they close with 摄
    return bylines
