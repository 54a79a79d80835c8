"""The archive's one jieba tokenizer, and the lexicon editors teach it.

Loading jieba's dictionary takes about a second and sixty megabytes, so a
process builds one tokenizer, lazily, and every article goes through it; the
lexicon changes it in place rather than rebuilding it, and remembers what it
changed so that going back to jieba's dictionary costs no reload either.

jieba chooses between segmentations by word frequency and guesses unknown words
with an HMM. Neither may overrule an editor. A lexicon word added without a
frequency gets one so large (``lexicon_frequency``) that a segmentation keeping it whole
beats every segmentation cutting through it; jieba's own ``suggest_freq``
only makes a word beat its own pieces, which context easily outweighs (it loses
in half the boundary shifts editors make on the sample pages, 国际 商贸学校 for
one). A removed word leaves the dictionary, and since the HMM may still put it
together, ``segment`` splits it again after the cut.

Segmenting takes no lock, so a text segmented while the lexicon changes may see
part of the change; the lexicon changes when an editor saves a correction, and
the articles it affects are segmented again afterwards anyway.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Iterable
from itertools import accumulate, chain
from pathlib import Path

import jieba

# (word, frequency or None, part-of-speech tag or None), as jieba's add_word takes them.
Addition = tuple[str, int | None, str | None]
LexiconSource = Callable[[], tuple[Iterable[Addition], Iterable[str]]]

# jieba scores a segmentation by the sum of log(frequency / total) over its
# words, so every word of its dictionary scores at most 0 and an unknown
# character -log(total), about -18. A lexicon word's frequency is total times
# 10**143 per character, divided by 10: a bonus of 329 per character less 2.3
# per word. Even a word of two characters gains 656, more than any segmentation
# crossing it could gain by re-cutting up to 18 characters on either side into
# its best words (jieba's longest word has 16 characters). Between lexicon
# words, covering more characters wins, and at equal cover fewer words: a name
# of the lexicon stays whole although its parts are lexicon words too (省委政法委,
# not 省委 政法委). The frequencies are integers beyond a float; jieba takes
# their logarithm, which Python computes exactly, but jieba's suggest_freq would
# overflow.
_ALWAYS_PER_CHARACTER = 10**143


def lexicon_frequency(tk: jieba.Tokenizer, word: str) -> int:
    """The frequency a lexicon word added without one gets."""
    return tk.total * _ALWAYS_PER_CHARACTER ** len(word) // 10


# What jieba joins into words: a block is a run of these characters
# (``jieba.re_han_default``), and jieba cuts each block by itself, so text
# outside a block is never part of a word and a block can be cut again alone.
BLOCK = jieba.re_han_default
WORD_CHARACTER = re.compile(jieba.re_han_default.pattern[1:-2])


# A word of ``article_text`` and where it stands: ``(text, start, end)`` with
# ``text == article_text[start:end]``, the triples jieba.tokenize yields. Plain
# tuples rather than a NamedTuple: the garbage collector stops tracking a plain
# tuple of strings and ints, never a tuple subclass, and tracking every token
# made segment() 15% slower than jieba.cut on a long text (the budget is 10%).
Token = tuple[str, int, int]

jieba.setLogLevel(logging.WARNING)  # not the dictionary-loading chatter on stderr


def data_dir() -> Path:
    """The project's data folder, as newsroom.settings.DATA_DIR finds it."""
    default = Path(__file__).resolve().parents[2] / "data"
    return Path(os.environ.get("NEWSROOM_DATA_DIR", default)).resolve()


def _use_data_dir(tk: jieba.Tokenizer) -> None:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tk.tmp_dir = str(folder)
    tk.cache_file = str(folder / "jieba.cache")


# Plain jieba (jieba.cut, jieba.posseg) caches its dictionary in our data
# folder too, never in /tmp.
_use_data_dir(jieba.dt)

_lock = threading.RLock()
_tokenizer: jieba.Tokenizer | None = None
_source: LexiconSource | None = None
# FREQ entries as jieba's dictionary had them before the lexicon changed them
# (None: the entry did not exist), and the same for POS tags.
_original_freq: dict[str, int | None] = {}
_original_tags: dict[str, str | None] = {}
# Each removed word and the tokens it is cut into instead. Replaced, never
# changed in place, so that segment() can read it without the lock.
_splits: dict[str, tuple[str, ...]] = {}


def set_lexicon_source(source: LexiconSource | None) -> None:
    """Where the shared tokenizer's lexicon comes from when it is built: a
    callable returning ``(additions, removals)``, called under the tokenizer's
    lock. A tokenizer already built keeps its lexicon; use ``reset_lexicon``."""
    global _source
    _source = source


def shared_tokenizer() -> jieba.Tokenizer:
    """The process's shared tokenizer: jieba's dictionary plus the lexicon.

    Change its words only through ``apply_lexicon`` and ``reset_lexicon``:
    jieba's ``add_word`` without a frequency and ``suggest_freq`` would multiply
    the frequencies of lexicon words into numbers beyond a float. For parts of
    speech, ``jieba.posseg.POSTokenizer(shared_tokenizer())`` sees lexicon words.
    """
    global _tokenizer
    tk = _tokenizer
    if tk is None:
        with _lock:
            if _tokenizer is None:
                tk = jieba.Tokenizer()
                _use_data_dir(tk)
                tk.initialize()
                if _source is not None:
                    _apply(tk, *_source())
                _tokenizer = tk
            tk = _tokenizer
    return tk


def segment(text: str) -> list[Token]:
    """Cut ``text`` into tokens that rebuild it exactly: ``jieba.cut`` with the
    HMM on, every whitespace character and punctuation mark a token of its own
    (a CRLF pair one token), removed words split again."""
    words = list(shared_tokenizer().cut(text))
    splits = _splits
    if splits and not splits.keys().isdisjoint(words):
        # splits.get(word, (word,)) for every word, flattened, in C.
        words = list(chain.from_iterable(map(splits.get, words, zip(words))))
    ends = list(accumulate(map(len, words)))
    return list(zip(words, chain((0,), ends), ends))


def validate_word(word: str) -> None:
    """Raise ValueError, in words an editor understands, unless the tokenizer
    can learn ``word``: jieba never makes one token across whitespace or
    punctuation, and a single character needs no teaching."""
    if not isinstance(word, str) or len(word) < 2:
        raise ValueError(f"“{word}”不能作为词条：词条至少要有两个字。")
    if not BLOCK.fullmatch(word):
        raise ValueError(
            f"“{word}”不能作为词条：词条只能由汉字、字母、数字和 +#&._%- 组成，"
            "不能含空格或标点。"
        )


def apply_lexicon(additions: Iterable[Addition] = (), removals: Iterable[str] = ()) -> None:
    """Teach the shared tokenizer.

    An addition without a frequency always comes out as one token, wherever it
    occurs (where two such words overlap, the segmentation keeping more of them
    whole wins); with a frequency it competes like a dictionary word of that
    frequency. A removal never comes out as one token. A later call overrides an
    earlier one for the same word; one call may not both add and remove a word.
    """
    tk = shared_tokenizer()
    with _lock:
        _apply(tk, additions, removals)


def reset_lexicon(additions: Iterable[Addition] = (), removals: Iterable[str] = ()) -> None:
    """Back to jieba's dictionary, then apply the given lexicon: what deleting
    a lexicon entry needs, since jieba cannot tell which frequency a word had
    before the lexicon changed it."""
    global _splits
    tk = shared_tokenizer()
    with _lock:
        for word, freq in _original_freq.items():
            if freq is None:
                tk.FREQ.pop(word, None)
            else:
                tk.FREQ[word] = freq
        for word, tag in _original_tags.items():
            if tag is None:
                tk.user_word_tag_tab.pop(word, None)
            else:
                tk.user_word_tag_tab[word] = tag
        _original_freq.clear()
        _original_tags.clear()
        _splits = {}
        _apply(tk, additions, removals)


def _apply(tk: jieba.Tokenizer, additions: Iterable[Addition], removals: Iterable[str]) -> None:
    global _splits
    additions = list(additions)
    removals = list(removals)
    for word, freq, _ in additions:
        validate_word(word)
        if freq is not None and (not isinstance(freq, int) or freq < 1):
            raise ValueError(f"“{word}”的词频必须是正整数，而不是 {freq!r}。")
    for word in removals:
        validate_word(word)
    both = {word for word, _, _ in additions}.intersection(removals)
    if both:
        raise ValueError(f"同一批词条里既添加又删除了：{'、'.join(sorted(both))}。")

    removed = set(_splits)
    for word in removals:
        _set_freq(tk, word, 0)
        removed.add(word)
    for word, freq, tag in additions:
        _set_freq(tk, word, lexicon_frequency(tk, word) if freq is None else freq)
        removed.discard(word)
        if tag:
            _original_tags.setdefault(word, tk.user_word_tag_tab.get(word))
            tk.user_word_tag_tab[word] = tag
    # How a removed word is cut depends on every other word, so all of them are
    # cut again: by the dictionary alone (the HMM is what may join them), and
    # into characters where even that keeps a removed word whole (jieba runs
    # Latin letters together).
    splits = {}
    for word in removed:
        pieces = tk.lcut(word, HMM=False)
        splits[word] = tuple(chain.from_iterable(
            tuple(piece) if piece in removed else (piece,) for piece in pieces
        ))
    _splits = splits


def _set_freq(tk: jieba.Tokenizer, word: str, freq: int) -> None:
    # jieba's DAG walks prefixes, so like add_word we register each prefix of
    # the word (frequency 0: a prefix, not a word). ``total`` stays jieba's.
    freqs = tk.FREQ
    for end in range(1, len(word)):
        prefix = word[:end]
        if prefix not in freqs:
            _original_freq.setdefault(prefix, None)
            freqs[prefix] = 0
    _original_freq.setdefault(word, freqs.get(word))
    freqs[word] = freq
