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

# Words of more than one character that name no subject: function words, and
# the vocabulary every report of an official paper shares (who met, worked,
# built and strengthened what), which would otherwise top the suggestions of
# any article that uses it often. Single characters (的, 了, 和 …) and tokens
# without a letter (punctuation, numbers) are never keywords anyway.
STOP_WORDS = frozenset(
    """
    我们 你们 他们 她们 它们 自己 大家 这个 那个 这些 那些 这样 那样 这里 那里 这种 其中
    一个 一些 一种 一批 一直 一起 一是 二是 三是 以及 并且 而且 或者 还是 因为 所以 因此
    但是 不过 如果 虽然 然而 同时 此外 另外 其他 其它 进行 通过 没有 可以 已经 正在 就是
    不是 还有 以上 以下 以来 之后 之前 目前 当前 有关 相关 方面 对于 关于 根据 按照 为了
    并不 不断 进一步 切实 全面 积极 认真 坚持 加强 推进 推动 强调 指出 表示 认为 要求
    今年 去年 近日 日前 记者 本报 通讯员
    如何 如今 这位 不能 给出 一年 多个 各类 各项 一系列 期间 时间 当天 昨天 今天 上午 下午
    工作 会议 建设 发展 开展 落实 提升 完善 深化 实施 强化 促进 保障 服务 活动 组织 部门
    单位 领导 重要 重点 主要 问题 情况 任务 措施 机制 体系 能力 水平 质量 效能 高效 有效
    更加 更好 充分 持续 扎实 确保 注重 统筹 协调 围绕 聚焦 突出 取得 实现 形成 打造 构建
    提高 做好 抓好 建立健全 事关 召开 举行 出席 参加 主持 讲话 部署 会上 此次 本次 负责人
    同志 工作人员 群众 人员 社会 各地 各级 全省 全市 全县 全区 全国 我省 我市 我县 我区
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
    to the article's candidate words, so weights of different articles compare.
    The idf is BM25's, ``log(1 + (n_docs - df + 0.5) / (df + 0.5))``: near
    nothing for a word most articles have, however often this one repeats it,
    so the words that set the article apart come first (with the common
    ``log(n / df) + 1`` a word in nine articles of ten still weighed a seventh
    of the rarest, and a frequent 工作 beat the subject). Ties keep the order
    of first appearance.
    """
    counts = Counter(
        word
        for word, _, _ in tokens
        if len(word) > 1 and word not in STOP_WORDS and any(char.isalpha() for char in word)
    )
    length = sum(counts.values())
    weights = [
        (word, count / length * _idf(doc_freq.get(word, 0), n_docs))
        for word, count in counts.items()
    ]
    weights.sort(key=lambda weight: weight[1], reverse=True)
    return weights[:top]


def _idf(documents: int, n_docs: int) -> float:
    # A statistic can run ahead of the count of articles for a moment (both
    # move with every segmentation stored): never more than all of them.
    documents = min(documents, n_docs)
    return log(1 + (n_docs - documents + 0.5) / (documents + 0.5))
