"""Showing what matched: a text with a query's hits marked, whole or cut to
a stretch around the first hit. Text in, pieces out; no database, so the
same marking serves every engine and the JSON results."""

import re
from dataclasses import dataclass


@dataclass
class Excerpt:
    """A stretch of text cut into pieces, each a hit of the query or not."""

    pieces: list  # [(text, is_hit)]
    clipped_start: bool = False
    clipped_end: bool = False

    @property
    def text(self):
        return "".join(text for text, _ in self.pieces)

    @property
    def hits(self):
        """(start, end) of each hit in ``text``."""
        spans, at = [], 0
        for text, hit in self.pieces:
            if hit:
                spans.append((at, at + len(text)))
            at += len(text)
        return spans


def _needles(query):
    """What to mark in a text: the words and phrases as typed, and the
    query's terms that are more than one character (a lone character is
    marked only when it is all the reader asked for)."""
    needles = set(query.words + query.phrases)
    needles.update(term for term in query.terms if len(term) > 1)
    return sorted(needles, key=len, reverse=True)


def _spans(text, query):
    """Merged (start, end) spans of ``text`` that the query's needles cover."""
    spans = []
    for needle in _needles(query):
        spans += [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def excerpt(text, query, length=None, lead=30):
    """``text`` with the query's hits marked; with ``length``, only a stretch
    of that many characters starting a little before the first hit."""
    spans = _spans(text, query)
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - lead, len(text) - length))
        end = start + length
    pieces, at = [], start
    for hit_start, hit_end in spans:
        hit_start, hit_end = max(hit_start, start), min(hit_end, end)
        if hit_start >= hit_end:
            continue
        if hit_start > at:
            pieces.append((text[at:hit_start], False))
        pieces.append((text[hit_start:hit_end], True))
        at = hit_end
    if at < end:
        pieces.append((text[at:end], False))
    return Excerpt(pieces, clipped_start=start > 0, clipped_end=end < len(text))
