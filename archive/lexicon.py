"""The shared tokenizer kept in step with the lexicon's rows.

Every change of the lexicon bumps ``LexiconVersion``, one row that each
process compares with the version its shared tokenizer holds before it
segments a batch (``sync_tokenizer``), so a word an editor teaches in the
admin reaches the tokenizer of a ``resegment`` running elsewhere. The version
is a counter and the time of the change: a change rolled back (a dry-run
import) and another process's next change share a number, never a time.
"""

from django.db.models import F
from django.utils import timezone

from archive.lib.segmentation import (
    apply_lexicon,
    reset_lexicon,
    set_lexicon_source,
    shared_tokenizer,
    validate_word,
)
from archive.models import LexiconEntry, LexiconVersion

# The (number, changed_at) of the version the shared tokenizer holds.
_held = None


def current_version():
    row = LexiconVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    return row or (0, None)


def _database_lexicon():
    """The lexicon as ``set_lexicon_source`` wants it, noting its version."""
    global _held
    version = current_version()  # before the entries: a later change shows as a newer version
    additions, removals = lexicon_rows()
    _held = version
    return additions, removals


def lexicon_rows():
    """The lexicon's words to add (word, frequency, part of speech) and to
    remove, as the tokenizer takes them."""
    additions, removals = [], []
    entries = LexiconEntry.objects.values_list("word", "frequency", "part_of_speech", "removed")
    for word, frequency, part_of_speech, removed in entries.iterator(chunk_size=2000):
        try:
            validate_word(word)  # a row written past the model's validation
        except ValueError:
            continue
        if removed:
            removals.append(word)
        else:
            additions.append((word, frequency, part_of_speech or None))
    return additions, removals


def sync_tokenizer():
    """Bring the shared tokenizer to the database's current lexicon: call
    before segmenting a batch. One query when nothing changed. Returns the
    version number it holds."""
    set_lexicon_source(_database_lexicon)
    shared_tokenizer()
    if current_version() != _held:
        reset_lexicon(*_database_lexicon())
    return _held[0]


def bump_version(additions=(), removals=(), *, reload=False):
    """Record that the lexicon changed (inside the changing transaction, which
    holds the version row until it ends) and bring the shared tokenizer up to
    date: by applying ``additions`` and ``removals`` when it held the previous
    version, else, or with ``reload`` (entries were deleted), by reloading the
    whole lexicon. Returns the new version number."""
    global _held
    now = timezone.now()
    # The no-op update takes the row's lock (SQLite: the database's write
    # lock) before the version is read.
    if not LexiconVersion.objects.filter(pk=1).update(number=F("number")):
        LexiconVersion.objects.create(pk=1)
    previous = current_version()
    number = previous[0] + 1
    LexiconVersion.objects.filter(pk=1).update(number=number, changed_at=now)
    if previous == _held and not reload:
        apply_lexicon(additions, removals)
        _held = (number, now)
    else:
        sync_tokenizer()
    return number
