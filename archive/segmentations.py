"""Articles' segmentations as rows: made when articles are imported, corrected
by editors, and made again wherever the lexicon learns something (``learn``).

An editor's segmentation is kept as long as the text it was made of: nothing
automatic overwrites it. When the text itself changes (an editor edits the
article, or a re-import changes it), the tokens no longer fit and the article
is segmented automatically again; what the editor taught is not lost, since
the lexicon holds it and the new segmentation follows it.

A lexicon change reaches the other articles through the search index: the
index gives the articles that may contain an affected word, and their text
decides (``archive.search.containing``), so a correction costs in proportion
to the articles containing the word, not to the size of the archive; and in
those, only the stretches of text around the word are segmented again.

Document frequencies for suggested tags (``TermStatistic``) move with every
stored change, by the difference between the article's old and new words.
"""

import logging
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate

from django.db import transaction
from django.utils import timezone

from archive.lexicon import bump_version, sync_tokenizer
from archive.lib.segmentation import BLOCK, WORD_CHARACTER, correct, counted_words, keywords, segment, validate_word
from archive.locking import Conflict, segmentation_stamp
from archive.models import Article, LexiconEntry, Segmentation, TermStatistic
from archive.search import containing

logger = logging.getLogger(__name__)

# Articles segmented, and their rows written, per transaction.
ARTICLES_PER_BATCH = 500
# Words looked up per query (under SQLite's 999 parameters).
WORDS_PER_QUERY = 500
# The Segmentation fields a new segmentation is compared with.
STORED = ("lengths", "text_digest", "state")

# How many earlier versions of an article to look through for the text an
# outdated segmentation was made of.
HISTORY_DEPTH = 5


def tokens_of(article):
    """The article's text and its tokens: the stored ones while they fit the
    text, else a fresh segmentation (not stored)."""
    text = article.text()
    segmentation = stored_segmentation(article)
    if segmentation is not None and segmentation.fits(text):
        return text, segmentation.tokens(text)
    sync_tokenizer()
    return text, segment(text)


def stored_segmentation(article):
    """The article's Segmentation row, or None (one query unless fetched
    with ``select_related("segmentation")``)."""
    try:
        return article.segmentation
    except Segmentation.DoesNotExist:
        return None


def segment_articles(article_ids, *, progress=None, words=()):
    """Segment these articles with the current lexicon and store what
    changed, a batch per transaction. An editor's segmentation stays while
    its text does. Each of ``words`` (lexicon words that prompted this) gets
    the changed articles containing it on its lexicon entry, and only the
    stretches of text around these words are segmented again where the
    stored tokens fit. Returns the ids of the articles whose tokens changed
    (new ones included). ``progress(done, total)`` is called after each
    batch."""
    ids = sorted(set(article_ids))
    entries = dict(LexiconEntry.objects.filter(word__in=words).values_list("word", "pk")) if words else {}
    changed = []
    for start in range(0, len(ids), ARTICLES_PER_BATCH):
        with transaction.atomic(savepoint=False):
            texts = _segment_batch(ids[start : start + ARTICLES_PER_BATCH], words)
            _note_resegmented(entries, texts)
        changed += texts
        if progress is not None:
            progress(min(start + ARTICLES_PER_BATCH, len(ids)), len(ids))
    return changed


def _segment_batch(ids, words):
    """Segment one batch; ``{article id: text}`` of those that changed."""
    version = sync_tokenizer()
    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("segmentation")
        .only(*Article.TEXT_FIELDS, *(f"segmentation__{name}" for name in STORED))
    )
    rows, changed = [], {}
    delta = Counter()
    for article in articles:
        text = article.text()
        old = stored_segmentation(article)
        fits = old is not None and old.fits(text)
        if fits and old.state == Segmentation.State.EDITOR:
            continue
        if fits and words:
            lengths, change = _around(text, old.token_lengths(), words)
            if change is None:
                continue
            delta.update(change)
        else:
            tokens = segment(text)
            lengths = [end - start for _, start, end in tokens]
            delta.update(counted_words(tokens))
            if fits:
                delta.subtract(counted_words(old.tokens(text)))
            elif old is not None:
                delta.subtract(_old_words(old))
        encoded = Segmentation.encode(lengths)
        if fits and old.lengths == encoded:
            continue
        rows.append(
            Segmentation(
                article_id=article.pk,
                lengths=encoded,
                text_digest=Segmentation.digest(text),
                lexicon_version=version,
            )
        )
        changed[article.pk] = text
    # New rows and replaced ones alike: an automatic segmentation, no editor.
    Segmentation.objects.bulk_create(
        rows,
        batch_size=ARTICLES_PER_BATCH,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["lengths", "text_digest", "state", "edited_by", "edited_at", "lexicon_version"],
    )
    TermStatistic.add(delta)
    return changed


def store_segmentations(segmented, differing):
    """Store the segmentations of new articles cut elsewhere (the import's
    workers, with the lexicon as it was when the import began):
    ``{article id: (text, token lengths, counted words)}``. The blocks of
    text holding one of ``differing[article id]`` (words that the lexicon and
    the tokenizer that cut it disagree on) are cut again here, so that what is
    stored is what ``segment`` gives with the lexicon now."""
    version = sync_tokenizer()
    rows, delta = [], Counter()
    for article_id, (text, lengths, words) in segmented.items():
        again = differing.get(article_id)
        if again:
            lengths, change = _around(text, lengths, again)
            if change is not None:
                ends = list(accumulate(lengths))
                words = counted_words((text[end - n : end], 0, 0) for n, end in zip(lengths, ends))
        delta.update(words)
        rows.append(
            Segmentation(
                article_id=article_id,
                lengths=Segmentation.encode(lengths),
                text_digest=Segmentation.digest(text),
                lexicon_version=version,
            )
        )
    Segmentation.objects.bulk_create(rows, batch_size=ARTICLES_PER_BATCH)
    TermStatistic.add(delta)


def _blocks(text, words):
    """The (start, end) of each block of ``text`` (a run of the characters
    jieba joins into words) that contains one of ``words``, in order."""
    found = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            start = at
            while start and WORD_CHARACTER.match(text, start - 1):
                start -= 1
            found.add((start, BLOCK.match(text, at).end()))
            at = text.find(word, at + 1)
    return sorted(found)


def _around(text, lengths, words):
    """Segment again the blocks of ``text`` containing one of ``words``,
    given the token ``lengths`` it has: jieba segments each block by itself,
    so this is what segmenting the whole text would give, at the cost of the
    blocks alone. Returns the new lengths and the change in the article's
    counted words (``{word: +1 or -1}``), or None for the change when the
    tokens stay as they were."""
    ends = list(accumulate(lengths))
    new_lengths, old_words, new_words, at, same = [], set(), set(), 0, True
    for start, end in _blocks(text, words):
        first, last = bisect_right(ends, start), bisect_left(ends, end)
        pieces = segment(text[start:end])
        piece_lengths = [b - a for _, a, b in pieces]
        if piece_lengths != lengths[first : last + 1]:
            same = False
            old_words.update(text[ends[k] - lengths[k] : ends[k]] for k in range(first, last + 1))
            new_words.update(word for word, _, _ in pieces)
        new_lengths += lengths[at:first]
        new_lengths += piece_lengths
        at = last + 1
    if same:
        return lengths, None
    new_lengths += lengths[at:]
    new_ends = list(accumulate(new_lengths))
    change = {}
    for word in counted_words((word, 0, 0) for word in old_words - new_words):
        if not _has_token(text, new_ends, word):
            change[word] = -1
    for word in counted_words((word, 0, 0) for word in new_words - old_words):
        if not _has_token(text, ends, word):
            change[word] = 1
    return new_lengths, change


def _has_token(text, ends, word):
    """Whether the segmentation ending its tokens at ``ends`` has ``word``
    as a token somewhere in ``text``."""
    at = text.find(word)
    while at >= 0:
        k = bisect_right(ends, at)
        if (at == 0 or ends[k - 1] == at) and ends[k] == at + len(word):
            return True
        at = text.find(word, at + 1)
    return False


def _old_words(segmentation):
    """The counted words of a segmentation whose text has changed since,
    from the earlier version of the article it was made of (none found:
    nothing to take back)."""
    history = Article.history.filter(id=segmentation.article_id).order_by("-history_date")
    for earlier in history[:HISTORY_DEPTH]:
        text = earlier.instance.text()
        if segmentation.fits(text):
            return counted_words(segmentation.tokens(text))
    return set()


def resegment_containing(words, *, exclude=(), progress=None):
    """Segment again every article whose text contains one of ``words``,
    except those in ``exclude``; editors' segmentations stay. Each word's
    lexicon entry records the articles whose tokens changed. Returns their
    ids."""
    words = list(dict.fromkeys(words))
    skip = set(exclude)
    found = [pk for pk in containing(words) if pk not in skip]
    changed = segment_articles(found, progress=progress, words=words)
    logger.info("%d words: %d articles contain one, %d segmented anew", len(words), len(found), len(changed))
    return changed


def resegment(words=None, *, progress=None):
    """What ``manage.py resegment`` does: segment again every article, or
    (``words``) those containing one of the words. Returns the ids of the
    articles whose tokens changed."""
    if words:
        return resegment_containing(words, progress=progress)
    return segment_articles(Article.objects.values_list("pk", flat=True), progress=progress)


def _note_resegmented(entries, texts):
    """Add the articles of ``texts`` to the ``{word: lexicon entry id}``
    entries of the words they contain."""
    Through = LexiconEntry.resegmented.through
    links = [
        Through(lexiconentry_id=entry_id, article_id=article_id)
        for article_id, text in texts.items()
        for word, entry_id in entries.items()
        if word in text
    ]
    Through.objects.bulk_create(links, batch_size=ARTICLES_PER_BATCH, ignore_conflicts=True)


def save_correction(article, edited, user, *, loaded=None):
    """Store an editor's correction of the article's segmentation (``edited``
    as ``archive.lib.segmentation.correct`` reads it) and teach the lexicon
    what it says. The other articles containing the affected words
    (``correction.added`` and ``correction.removed``) are left to the caller:
    ``resegment_containing`` them, or ``archive.tasks.correct_segmentation``,
    which queues that in the same transaction.

    ``loaded`` is the ``archive.locking.segmentation_stamp`` of the
    segmentation the editor corrected: when the stored one is no longer it
    (another editor's correction, an automatic segmentation since), raises
    ``archive.locking.Conflict`` and stores nothing. None (a caller
    correcting the tokens it has just read) skips the check.

    Raises ``archive.lib.segmentation.CorrectionError`` when the text was changed.
    Returns the ``Correction``.
    """
    segmentation = stored_segmentation(article)
    text, tokens = tokens_of(article)
    correction = correct(text, tokens, edited)
    now = timezone.now()
    with transaction.atomic():
        if loaded is not None:
            stored = Segmentation.objects.select_for_update().filter(article=article).first()
            if segmentation_stamp(stored) != loaded:
                raise Conflict(stored)
        if segmentation is None:
            old_words = set()
            segmentation = Segmentation(article=article)
        elif segmentation.fits(text):
            old_words = counted_words(tokens)
        else:
            old_words = _old_words(segmentation)
        segmentation.lengths = Segmentation.encode([end - start for _, start, end in correction.tokens])
        segmentation.text_digest = Segmentation.digest(text)
        segmentation.state = Segmentation.State.EDITOR
        segmentation.edited_by = user
        segmentation.edited_at = now
        segmentation.lexicon_version = sync_tokenizer()
        segmentation.save()
        delta = Counter(counted_words(correction.tokens))
        delta.subtract(old_words)
        TermStatistic.add(delta)

        words = [*correction.added, *correction.removed]
        if not words:
            return correction
        entries = LexiconEntry.objects.in_bulk(words, field_name="word")
        for word in words:
            entry = entries.setdefault(word, LexiconEntry(word=word))
            entry.source = LexiconEntry.Source.EDITOR
            entry.removed = word in correction.removed
            entry.frequency = None
            entry.article = article
            entry.changed_by = user
            entry.changed_at = now
            entry.save()
        bump_version([entries[word].addition() for word in correction.added], correction.removed)
    return correction


def suggested_tags(article, top=10):
    """The article's best keywords by TF-IDF against this archive's own
    document frequencies, as ``(word, weight, documents)``."""
    _, tokens = tokens_of(article)
    candidates = counted_words(tokens)
    frequencies = dict(
        TermStatistic.objects.filter(word__in=candidates).values_list("word", "documents")
    )
    total = Segmentation.objects.count()
    return [
        (word, weight, frequencies.get(word, 0))
        for word, weight in keywords(tokens, frequencies, total, top)
    ]


def learn(words: Iterable[tuple[str, str]], source, *, user=None):
    """Teach the lexicon ``(word, part of speech)`` pairs that must each come
    out as one token, and segment again the articles containing the new ones.

    Idempotent: a word the lexicon has, to keep whole or to split, stays as it
    is, so a name found again never overrules an editor. A word the tokenizer
    cannot learn (one character; a space or punctuation inside, as in
    阿依古丽·买买提) is passed over. A few queries however many words. Returns
    the entries created.
    """
    wanted = {}
    for word, part_of_speech in words:
        try:
            validate_word(word)
        except ValueError:
            continue
        wanted.setdefault(word, part_of_speech or "")
    known = set()
    names = list(wanted)
    for start in range(0, len(names), WORDS_PER_QUERY):
        known.update(
            LexiconEntry.objects.filter(word__in=names[start : start + WORDS_PER_QUERY]).values_list(
                "word", flat=True
            )
        )
    now = timezone.now()
    created = [
        LexiconEntry(
            word=word, part_of_speech=pos, source=source, changed_by=user, changed_at=now
        )
        for word, pos in wanted.items()
        if word not in known
    ]
    if not created:
        return []
    LexiconEntry.objects.bulk_create(created, batch_size=WORDS_PER_QUERY)
    bump_version([entry.addition() for entry in created])
    resegment_containing([entry.word for entry in created])
    return created


def forget_segmentation(sender, instance, **kwargs):
    """A deleted segmentation (its article deleted) leaves the statistics.
    For ``pre_delete`` of Segmentation, connected in ``ArchiveConfig.ready``."""
    article = Article.objects.filter(pk=instance.article_id).only(*Article.TEXT_FIELDS).first()
    if article is not None:
        text = article.text()
        if instance.fits(text):
            TermStatistic.add({word: -1 for word in counted_words(instance.tokens(text))})
