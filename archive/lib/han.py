"""The Han characters: the one definition every pattern of the archive uses.

CJK Unified Ideographs with extensions A to G, the compatibility ideographs,
and 〇 (the zero of printed dates, 二〇二四年). Rare characters of personal
and place names live in the extensions, so a narrower class would cut such a
name in two.
"""

import re

# The body of a regular-expression character class: ``f"[{HAN}]"``.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

HAN_CHARACTER = re.compile(f"[{HAN}]")


def has_han(text: str) -> bool:
    """Whether ``text`` holds at least one Han character."""
    return HAN_CHARACTER.search(text) is not None
