"""Terms for the full-text index, and for the search box.

The index holds characters, not words: every Han character, every pair of
adjacent Han characters, and runs of letters and digits whole. An index of
words would go stale whenever an editor teaches the lexicon, and would hide 法院
inside a one-token 人民法院 or 杭州互联网法院. A query becomes terms the same way,
and an article containing the query has all of the query's terms. The converse
is nearly always true, but not quite: 浙江, 江法 and 法治 can occur apart without
浙江法治, so a caller that must be exact checks candidates against the text.

Both sides are compared after NFKC and case folding, so ＣＮ３３ finds cn33.
"""

from __future__ import annotations

import re
import unicodedata

from archive.lib.han import HAN

# A run of Han characters, or a run of other letters and digits.
_RUNS = re.compile(f"(?P<han>[{HAN}]+)|[^\\W_{HAN}]+")
# A run of letters and digits is indexed and queried by its first characters
# only: engines cap a term's size (PostgreSQL at 2,047 bytes), and a longer run
# is a pasted hash or URL, found well enough by its beginning.
LONGEST_TERM = 100


def search_terms(text: str) -> list[str]:
    """The index terms of ``text``, each once, in order of appearance."""
    terms: dict[str, None] = {}
    for run in _RUNS.finditer(_normalized(text)):
        chars = run.group()
        if run.lastgroup == "han":
            terms[chars[0]] = None
            for i in range(1, len(chars)):
                terms[chars[i]] = None
                terms[chars[i - 1:i + 1]] = None
        else:
            terms[chars[:LONGEST_TERM]] = None
    return list(terms)


def query_terms(query: str) -> list[str]:
    """The terms an article must all have to contain ``query``: the pairs of
    adjacent Han characters (a single Han character stands for itself), and
    whole runs of letters and digits. Empty when the query holds nothing
    searchable, such as only punctuation."""
    terms: dict[str, None] = {}
    for run in _RUNS.finditer(_normalized(query)):
        chars = run.group()
        if run.lastgroup == "han" and len(chars) > 1:
            for i in range(1, len(chars)):
                terms[chars[i - 1:i + 1]] = None
        else:
            terms[chars[:LONGEST_TERM]] = None
    return list(terms)


def _normalized(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()
