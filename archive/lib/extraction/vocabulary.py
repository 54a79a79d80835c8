"""What jieba's dictionary knows about a word, and where it would cut.

The extractor does not segment whole articles: patterns find the candidates
and the dictionary only vets them (is "高峰" a word before it is a name?)
or settles where a repeated name ends ("邓小平/理论"). So the cost of
extraction stays a fraction of the segmentation the import does anyway.
jieba loads its dictionary once per process, on first use.
"""

from __future__ import annotations

import functools

import jieba
import jieba.posseg

NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})


class Vocabulary:
    def __init__(self, tokenizer: jieba.Tokenizer):
        tokenizer.check_initialized()
        self.tokenizer = tokenizer
        self.frequencies = tokenizer.FREQ
        if tokenizer is jieba.dt:
            self.tags = jieba.posseg.dt.word_tag_tab
        else:
            self.tags = jieba.posseg.POSTokenizer(tokenizer).word_tag_tab

    def frequency(self, word: str) -> int:
        return self.frequencies.get(word) or 0

    def tag(self, word: str) -> str | None:
        """The word's part of speech: a word added to the tokenizer since
        (the archive's lexicon teaches it names) has its tag in the
        tokenizer's own table."""
        return self.tokenizer.user_word_tag_tab.get(word) or self.tags.get(word)

    def is_name(self, word: str) -> bool:
        return self.tag(word) in NAME_TAGS

    def is_word(self, word: str, min_frequency: int = 1) -> bool:
        """A dictionary word, other than a personal name, at least this common."""
        return self.frequency(word) >= min_frequency and not self.is_name(word)

    def cuts_at(self, text: str, start: int, end: int) -> bool:
        """Does jieba, segmenting the sentence around text[start:end], put
        token boundaries at both start and end?"""
        left = max(0, start - 4)
        window = text[left:end + 4]
        offset, cuts = left, set()
        for token in self.tokenizer.cut(window):
            cuts.add(offset)
            offset += len(token)
        cuts.add(offset)
        return start in cuts and end in cuts


@functools.lru_cache(maxsize=4)
def vocabulary(tokenizer: jieba.Tokenizer | None = None) -> Vocabulary:
    """The vocabulary of a tokenizer, built once; jieba's default one when None."""
    return Vocabulary(tokenizer or jieba.dt)
