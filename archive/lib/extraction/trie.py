"""Word lists as regular expressions that match the longest listed word.

Python's ``re`` tries the branches of ``a|b|c`` one by one at every position,
so a list of a few hundred place names or suffixes as a flat alternation is
slow and prefers whichever branch comes first. Folding the list into a trie
first gives one branch per distinct prefix and makes the longest word win.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex (no capturing groups) matching any of words, longest first."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # The word may stop here; the longer continuations are tried first.
        return "(?:" + body + ")?"
    return body
