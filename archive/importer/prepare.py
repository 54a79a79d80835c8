"""The import's work that needs no database: bytes to parsed records, to what
the extraction finds, to tokens and index terms. Worker processes run it;
the writer (``archive.importer.writer``) owns the database and stores the
results. (The models are read here for their columns' ranges only.)

Whatever the database holds that this work depends on is read once, at the
start of a run (``Snapshot``), and every file of the run is prepared against
it, alike in every worker: the sha256 of the files already imported, and the
lexicon, which the shared tokenizer holds when the workers are forked. So a
file's preparation does not depend on which worker made it, nor on the files
before it, and an import with two workers writes what one worker writes. What
does depend on the files before it (names an earlier file of the run taught
the lexicon) the writer settles, in file order.

The tokenizer extracts with the snapshot's lexicon; the tokens are then cut
with the names the file itself is about to teach the lexicon added for the
time of that file (``_also``), so that the writer seldom has to cut anything
again.
"""

import functools
import hashlib
import multiprocessing
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from archive.lib.extraction import Extraction, extract, lexicon_words
from archive.lib.extraction.vocabulary import vocabulary
from archive.lib.parsing import ParseError, parse_bytes, records
from archive.lib.segmentation import (
    counted_words,
    reset_lexicon,
    search_terms,
    segment,
    set_lexicon_source,
    shared_tokenizer,
    validate_word,
)
from archive.lib.segmentation.tokenizer import lexicon_frequency
from archive.models import Article, Issue

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"

# What each integer column holds on every database Django supports, so that
# a file is refused alike on SQLite (which would take 64 bits) and PostgreSQL.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges

# Files handed to the workers ahead of the writer, per worker: enough to keep
# them busy while the writer catches up, few enough that memory stays flat.
AHEAD = 4


@dataclass(frozen=True)
class Snapshot:
    """What the database holds that preparing a file depends on."""

    known: dict  # source file name -> sha256 of the bytes imported
    additions: list  # the lexicon, as ``reset_lexicon`` takes it
    removals: list

    @functools.cached_property
    def lexicon(self):
        """Every lexicon word, kept whole or split."""
        return frozenset(word for word, _, _ in self.additions).union(self.removals)


@dataclass
class PreparedArticle:
    """One new article, worked out: what the extraction found in it, its
    text (``records.article_text``) and token lengths, and its index terms."""

    extraction: Extraction
    text: str
    lengths: list
    words: set  # counted_words of its tokens
    heading: list  # search_terms of kicker, title, subtitle, deck, column
    body: list  # search_terms of body and captions
    credits: list  # search_terms of the bylines' names


@dataclass
class Prepared:
    """One file, worked out as far as it can be without the database."""

    path: Path
    status: str  # CREATED (a new name), UPDATED (other bytes), UNCHANGED or FAILED
    reason: str = ""  # why it failed
    data: bytes = b""
    sha256: str = ""
    issue: records.Issue | None = None
    # For a new issue only (a changed one is merged with what editors did,
    # which only the database knows):
    articles: list = field(default_factory=list)  # PreparedArticle, one per parsed article
    taught: frozenset = frozenset()  # words its tokens were cut with beyond the snapshot's lexicon
    pairs: frozenset = frozenset()  # every two characters in a row of its texts

    @property
    def characters(self):
        """The characters segmented: the articles' text."""
        if self.issue is None:
            return 0
        if self.articles:
            return sum(len(article.text) for article in self.articles)
        return sum(len(records.article_text(article)) for article in self.issue.articles)


def check_numbers(parsed):
    """Refuse a page with a number its column cannot hold (a misread 期号 of
    twenty digits), before anything is written."""
    for model, names, rows in (
        (Issue, Issue.PARSED_FIELDS, [parsed]),
        (Article, Article.PARSED_FIELDS, parsed.articles),
    ):
        for name in names:
            column = model._meta.get_field(name)
            if not isinstance(column, models.IntegerField):
                continue
            low, high = INTEGER_RANGES[column.get_internal_type()]
            for row in rows:
                value = getattr(row, name)
                if value is not None and not low <= value <= high:
                    raise ParseError(f"{column.verbose_name}超出范围：{value}")


def article_values(parsed):
    """The Article row's fields for a parsed article."""
    values = {name: getattr(parsed, name) for name in Article.PARSED_FIELDS}
    values["captions"] = list(parsed.captions)
    return values


def stored_record(parsed):
    """The parsed article as its new row will give it back
    (``Article.as_record``), so that the extraction reads the same in a
    worker as from the row."""
    bylines = [records.Byline(b.name, b.role, b.credit) for b in parsed.bylines]
    return records.Article.from_fields(article_values(parsed), bylines)


# -- in a worker ------------------------------------------------------------

_snapshot = None
_forked = False  # whether this process is a worker, with a tokenizer of its own
_ready = False  # whether the tokenizer holds the snapshot's lexicon


def _start(snapshot, forked):
    global _snapshot, _forked, _ready
    _snapshot, _forked, _ready = snapshot, forked, not forked


def _tokenizer():
    """The shared tokenizer with the snapshot's lexicon. A worker sets its
    own up on the first new file (never from the database), so that
    importing an unchanged archive loads no dictionary."""
    global _ready
    if not _ready:
        set_lexicon_source(None)
        reset_lexicon(_snapshot.additions, _snapshot.removals)
        vocabulary(shared_tokenizer())
        _ready = True
    return shared_tokenizer()


def storable_name(name):
    """Whether a file name can be an issue's key: the database keeps text,
    and a name that is not UTF-8 (bytes the file system gave, read as
    surrogates) is none."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def failure(error):
    """Why a file failed, in one line, from an error nobody foresaw."""
    return f"处理时出错（{type(error).__name__}: {error}）"


def prepare(path):
    """Read, parse and work out one file against the run's snapshot. Whatever
    goes wrong with one file is that file's failure, never the run's."""
    path = Path(path)
    if not storable_name(path.name):
        return Prepared(path, FAILED, "文件名不是 UTF-8 编码，不能作为期的源文件名；请改名后再导入")
    limit = settings.NEWSROOM_MAX_PAGE_BYTES
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        return Prepared(path, FAILED, f"无法读取（{error.strerror or error}）")
    if len(data) > limit:
        return Prepared(
            path, FAILED, f"文件过大：超过 {limit:,} 字节，不像一个版面（上限由 NEWSROOM_MAX_PAGE_BYTES 设定）"
        )
    sha256 = hashlib.sha256(data).hexdigest()
    known = _snapshot.known.get(path.name)
    if known == sha256:
        return Prepared(path, UNCHANGED)
    try:
        parsed = parse_bytes(data)
        check_numbers(parsed)
        prepared = Prepared(path, CREATED if known is None else UPDATED, data=data, sha256=sha256, issue=parsed)
        if known is None:
            _work_out(prepared)
    except ParseError as error:
        return Prepared(path, FAILED, str(error))
    except Exception as error:  # a bug meeting this file's content
        return Prepared(path, FAILED, failure(error))
    return prepared


def _work_out(prepared):
    parsed = prepared.issue
    tokenizer = _tokenizer()
    stored = [stored_record(article) for article in parsed.articles]
    extractions = [extract(record, parsed.date, tokenizer, parsed.outlets) for record in stored]
    texts = [records.article_text(record) for record in stored]
    taught = frozenset(
        word
        for extraction in extractions
        for word, _ in lexicon_words(extraction)
        if word not in _snapshot.lexicon and _learnable(word)
    )
    with _also(tokenizer, taught):
        tokens = [segment(text) for text in texts]
    prepared.taught = taught
    prepared.pairs = frozenset(
        text[start : start + 2] for text in texts for start in range(len(text) - 1)
    )
    for record, extraction, text, cut in zip(stored, extractions, texts, tokens, strict=True):
        heading = [record.kicker, record.title, record.subtitle, record.deck, record.column]
        prepared.articles.append(
            PreparedArticle(
                extraction=extraction,
                text=text,
                lengths=[end - start for _, start, end in cut],
                words=counted_words(cut),
                heading=search_terms("\n".join(heading)),
                body=search_terms("\n".join([record.body, *record.captions])),
                credits=search_terms("\n".join(b.name for b in record.bylines)),
            )
        )


@functools.lru_cache(maxsize=4096)
def _learnable(word):
    try:
        validate_word(word)
    except ValueError:
        return False
    return True


@contextmanager
def _also(tokenizer, words):
    """The tokenizer with ``words`` added as lexicon words (as
    ``apply_lexicon`` adds them) for the time of the block, and as it was
    after."""
    frequencies = tokenizer.FREQ
    before = {}
    for word in words:
        for end in range(1, len(word) + 1):
            before.setdefault(word[:end], frequencies.get(word[:end]))
    for word in words:
        for end in range(1, len(word)):
            frequencies.setdefault(word[:end], 0)
    for word in words:
        frequencies[word] = lexicon_frequency(tokenizer, word)
    try:
        yield
    finally:
        for piece, frequency in before.items():
            if frequency is None:
                del frequencies[piece]
            else:
                frequencies[piece] = frequency


# -- in the writer's process ------------------------------------------------


def prepared(paths, snapshot, workers):
    """Each of ``paths`` prepared, in order. One file is prepared in this
    process, whose tokenizer must hold the snapshot's lexicon; more go to
    ``workers`` processes, a few files ahead of the caller and no more."""
    paths = list(paths)
    if len(paths) <= 1:
        _start(snapshot, forked=False)
        yield from map(prepare, paths)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start, initargs=(snapshot, True)) as pool:
        remaining = iter(paths)
        pending = deque(pool.apply_async(prepare, (path,)) for path in islice(remaining, workers * AHEAD))
        while pending:
            result = pending.popleft().get()
            for path in islice(remaining, 1):
                pending.append(pool.apply_async(prepare, (path,)))
            yield result
