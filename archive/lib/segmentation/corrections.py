"""Editors correct a segmentation by editing it as text.

The editor sees the tokens separated by spaces (``spaced``) and may only move
the spaces: deleting one merges two words, typing one splits a word. So that a
space the editor types is never mistaken for one of the article's, the
article's own whitespace shows as ␣, except line breaks, which stay line breaks
and separate words by themselves. Whatever whitespace the editor types, other
than a line break, separates words (a full-width space or a tab as well as a
space); a browser sends line breaks as CRLF, which counts as one line break.

Whitespace and punctuation stay tokens of their own, as jieba cuts them,
whether or not the editor puts spaces around them: the tokenizer could never
produce a word containing them, so a "merge" across them would be a word the
lexicon cannot learn.

A correction teaches the lexicon in both directions. A token the editor merged
is added, even when jieba's dictionary knows it, because the automatic
segmentation did not choose it. A token the editor split is removed. A piece of
a split token is added only when the dictionary does not know it: known words
come through by themselves once the split word is gone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .tokenizer import WORD_CHARACTER, Token, shared_tokenizer

SHOWN_WHITESPACE = "␣"

_HIDDEN_WHITESPACE = re.compile(r"[^\S\n]")  # whitespace other than a line break
# An editor can cut between two characters jieba joins into words; everything
# else is a token by itself, a CRLF pair being one token as in jieba.
_UNITS = re.compile(WORD_CHARACTER.pattern + r"+|\r\n|.", re.S)
_CONTEXT = 8  # characters either side of a difference in an error message


class CorrectionError(ValueError):
    """The edited segmentation is not the article's text; the message, for the
    editor, says where it differs."""


@dataclass(frozen=True)
class Correction:
    tokens: list[Token]
    added: tuple[str, ...]  # words the lexicon should learn, in order of appearance
    removed: tuple[str, ...]  # words that must not be one token any more


def spaced(tokens: Sequence[Token]) -> str:
    """The segmentation as the editor sees and edits it."""
    parts: list[str] = []
    for word, _, _ in tokens:
        shown = _HIDDEN_WHITESPACE.sub(SHOWN_WHITESPACE, word)
        if parts and not (parts[-1].endswith("\n") or shown.startswith("\n")):
            parts.append(" ")
        parts.append(shown)
    return "".join(parts)


def correct(text: str, tokens: Sequence[Token], edited: str) -> Correction:
    """Read the editor's ``edited`` version of ``spaced(tokens)``.

    Raise CorrectionError if it changes the text rather than the boundaries.
    """
    if "".join(word for word, _, _ in tokens) != text or any(
        text[start:end] != word for word, start, end in tokens
    ):
        raise ValueError("the tokens do not rebuild the text")
    bounds = {0, *(unit.end() for unit in _UNITS.finditer(text))}
    bounds.update(
        cut
        for cut in _editor_cuts(text, edited)
        if cut and WORD_CHARACTER.match(text[cut - 1]) and WORD_CHARACTER.match(text[cut])
    )
    new_bounds = sorted(bounds)
    new_tokens = [(text[start:end], start, end) for start, end in zip(new_bounds, new_bounds[1:])]

    old_spans = {(start, end) for _, start, end in tokens}
    old_bounds = sorted({0, *(end for _, _, end in tokens)})
    new_spans = {(start, end) for _, start, end in new_tokens}
    freq = shared_tokenizer().FREQ
    added: dict[str, None] = {}
    for word, start, end in new_tokens:
        if len(word) > 1 and (start, end) not in old_spans:
            if _crosses(old_bounds, start, end) or not freq.get(word):
                added[word] = None
    removed: dict[str, None] = {}
    for word, start, end in tokens:
        if len(word) > 1 and (start, end) not in new_spans and _crosses(new_bounds, start, end):
            removed[word] = None

    both = added.keys() & removed.keys()
    if both:
        words = "、".join(f"“{word}”" for word in added if word in both)
        raise CorrectionError(
            f"{words}在一处是一个词，在另一处又被拆开了；同一个词只能有一种分法。"
        )
    return Correction(new_tokens, tuple(added), tuple(removed))


def _crosses(bounds: list[int], start: int, end: int) -> bool:
    """Whether a boundary lies strictly inside start..end."""
    after = bisect_right(bounds, start)
    return after < len(bounds) and bounds[after] < end


def _editor_cuts(text: str, edited: str) -> set[int]:
    """The positions in ``text`` before which the editor put a separator."""
    edited = edited.replace("\r\n", "\n")
    cuts = set()
    i, n = 0, len(edited)
    for j, char in enumerate(text):
        start = i
        while i < n and edited[i] != "\n" and edited[i].isspace():
            i += 1
        if i > start:
            cuts.add(j)
        shown = SHOWN_WHITESPACE if char != "\n" and char.isspace() else char
        if i == n or edited[i] != shown:
            raise _difference(text, j, edited, i)
        i += 1
    while i < n and edited[i] != "\n" and edited[i].isspace():
        i += 1
    if i < n:
        raise CorrectionError(
            f"只能修改分词边界，不能修改文字：修改稿末尾多出了“{_typed(edited[i:])}”。"
        )
    return cuts


def _difference(text: str, j: int, edited: str, i: int) -> CorrectionError:
    if i == len(edited):
        before = _shown(text[max(0, j - _CONTEXT):j])
        rest = _shown(text[j:j + _CONTEXT])
        detail = f"修改稿在“{before}”之后就结束了，原文后面还有“{rest}”"
    else:
        detail = (
            f"原文是“{_marked(text, j, _shown)}”，修改稿是“{_marked(edited, i, _typed)}”"
        )
    return CorrectionError(f"只能修改分词边界，不能修改文字：第{j + 1}个字处，{detail}。")


def _marked(s: str, i: int, show: Callable[[str], str]) -> str:
    before = s[max(0, i - _CONTEXT):i]
    after = s[i + 1:i + 1 + _CONTEXT]
    return f"{show(before)}【{show(s[i])}】{show(after)}"


def _shown(text: str) -> str:
    """Part of the article's text as the editor sees it."""
    return _typed(_HIDDEN_WHITESPACE.sub(SHOWN_WHITESPACE, text))


def _typed(edited: str) -> str:
    """Part of the editor's version, line breaks made visible."""
    return edited.replace("\n", "↵")
