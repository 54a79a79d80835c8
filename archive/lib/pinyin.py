"""Chinese names in the order a Chinese index puts them: by pinyin, surname
first, read as a surname (曾 zeng, not ceng; 单 shan, not dan).

The key is stored on the row (``Person.sort_key``) so that a list of people is
an indexed ORDER BY. It is letters and digits only, each syllable padded to
one width, so that any collation orders it the same way: syllable by
syllable, a shorter syllable before a longer one it begins, tone numbers
after the letters.
"""

from pypinyin import Style, lazy_pinyin

MAX_LENGTH = 120
SYLLABLE = 7  # the longest syllable with its tone number: "zhuang1"

# Surnames read otherwise than the character's common reading.
SURNAME_READINGS = {
    "曾": "zeng1",
    "单": "shan4",
    "解": "xie4",
    "查": "zha1",
    "仇": "qiu2",
    "区": "ou1",
    "朴": "piao2",
    "乐": "yue4",
    "覃": "qin2",
    "翟": "zhai2",
    "缪": "miao4",
    "盖": "ge3",
    "召": "shao4",
    "过": "guo1",
    "燕": "yan1",
    "种": "chong2",
    "员": "yun4",
}


def sort_key(name):
    syllables = lazy_pinyin(name, style=Style.TONE3)
    if len(name) > 1 and name[0] in SURNAME_READINGS:
        syllables[0] = SURNAME_READINGS[name[0]]
    parts = []
    for syllable in syllables:
        kept = "".join(c for c in syllable.lower() if c.isascii() and c.isalnum())
        if kept:
            parts.append(kept.ljust(SYLLABLE, "0"))
    return "".join(parts)[:MAX_LENGTH]


def initial(key):
    """The letter a key is filed under; "#" for a key that starts with none."""
    first = key[:1].upper()
    return first if "A" <= first <= "Z" else "#"
