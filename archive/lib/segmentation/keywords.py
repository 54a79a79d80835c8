"""Keywords weighed by this archive's own statistics.

jieba.analyse ranks words against document frequencies from a general corpus,
where 平安, 政法 and 枫桥经验 are rare and so look important in every article of
a legal newspaper. Here the caller passes how many of the archive's articles
contain each word, so what distinguishes an article is measured against the
other articles of the same paper.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from math import log

from .tokenizer import Token

# Words of more than one character that carry no subject. Single characters
# (的, 了, 和 …) and tokens without a letter (punctuation, numbers) are never
# keywords anyway.
STOP_WORDS = frozenset(
    """
    我们 你们 他们 她们 它们 自己 大家 这个 那个 这些 那些 这样 那样 这里 那里 这种 其中
    一个 一些 一种 一批 一直 一起 一是 二是 三是 以及 并且 而且 或者 还是 因为 所以 因此
    但是 不过 如果 虽然 然而 同时 此外 另外 其他 其它 进行 通过 没有 可以 已经 正在 就是
    不是 还有 以上 以下 以来 之后 之前 目前 当前 有关 相关 方面 对于 关于 根据 按照 为了
    并不 不断 进一步 切实 全面 积极 认真 坚持 加强 推进 推动 强调 指出 表示 认为 要求
    今年 去年 近日 日前 记者 本报 通讯员
    """.split()
)


_LETTER = re.compile(r"[^\W\d_]")

# A longer "word" is a run of letters or digits jieba could not cut (a URL,
# a pasted hash), never a keyword.
LONGEST_COUNTED_WORD = 64


def counted_words(tokens: Iterable[Token]) -> set[str]:
    """The words of a segmentation that count for document frequencies: the
    ones that could be keywords (more than one character and at most
    LONGEST_COUNTED_WORD, a letter in them)."""
    words = {word for word, _, _ in tokens if 1 < len(word) <= LONGEST_COUNTED_WORD}
    return {word for word in words if _LETTER.search(word)}


def keywords(
    tokens: Iterable[Token], doc_freq: Mapping[str, int], n_docs: int, top: int = 10
) -> list[tuple[str, float]]:
    """The ``top`` words of an article by TF-IDF, best first, with weights.

    ``doc_freq`` maps a word to the number of the archive's ``n_docs`` articles
    containing it; a word it lacks counts as in none. Term frequency is relative
    to the article's candidate words, and idf is smoothed as
    ``log((1 + n_docs) / (1 + df)) + 1``, so weights of different articles
    compare. Ties keep the order of first appearance.
    """
    counts = Counter(
        word
        for word, _, _ in tokens
        if len(word) > 1 and word not in STOP_WORDS and any(char.isalpha() for char in word)
    )
    length = sum(counts.values())
    weights = [
        (word, count / length * (log((1 + n_docs) / (1 + doc_freq.get(word, 0))) + 1))
        for word, count in counts.items()
    ]
    weights.sort(key=lambda weight: weight[1], reverse=True)
    return weights[:top]
