"""From prepared files to rows, one source file per transaction.

A file is known by its name. Importing the same bytes again writes nothing;
importing changed bytes re-parses them and merges (``merge``), so that nothing
an editor changed is overwritten.
"""

import logging
from collections import defaultdict
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

# A module, not its names: archive.derived uses this package's mentions.
from archive import derived
from archive.lexicon import lexicon_rows, sync_tokenizer
from archive.lib.segmentation import search_terms
from archive.locking import one_bulk_writer
from archive.models import ChangeReason, Issue
from archive.search import key, person_label, write_index
from archive.segmentations import store_segmentations

from . import prepare
from .mentions import record_mentions
from .merge import merge_articles, merge_issue
from .prepare import CREATED, FAILED, UNCHANGED
from .rows import create_articles, issue_snapshot, issue_values
from .sources import Outcome

logger = logging.getLogger(__name__)

def import_file(path, *, dry_run=False):
    """Import one source file in one transaction. With ``dry_run`` the work is
    done and rolled back, so the outcome tells what an import would do."""
    [outcome] = import_files([path], dry_run=dry_run)
    return outcome


def import_files(paths, *, workers=1, dry_run=False, waiting=None):
    """Import source files, each in its own transaction, and yield each one's
    outcome, in order. Files are read, parsed, extracted and segmented by
    ``workers`` processes (``archive.importer.prepare``) while this process writes;
    the archive comes out the same for any number of workers. One import (or
    restore) runs at a time: another one running, this one waits for it to
    end before it looks at the archive, calling ``waiting()`` first."""
    paths = list(paths)
    writer = _Writer(dry_run)
    with one_bulk_writer(waiting):
        for prepared in prepare.prepared(paths, writer.snapshot(paths), workers):
            outcome = writer.write(prepared)
            if outcome.status == FAILED:
                logger.info("%s: not imported: %s", outcome.path, outcome.reason)
            else:
                logger.info("%s: %s%s", outcome.path, outcome.status, " (dry run)" if dry_run else "")
            yield outcome


class _Writer:
    """Writes prepared files in order, and keeps what the run taught the
    lexicon so far: the names a file's tokens must keep whole although its
    worker, cutting with the lexicon of the run's start, did not know them."""

    def __init__(self, dry_run):
        self.dry_run = dry_run
        self.learned = set()  # words this run added to the lexicon
        self.by_pair = defaultdict(list)  # their first two characters -> words
        self.taught_by_file = []  # words the file being written added to ``learned``

    def snapshot(self, paths):
        """What preparing a file depends on, as the database holds it now: a
        few queries, whatever the size of the archive. One file is prepared
        in this process, with its tokenizer brought to the lexicon now; it
        needs no copy of the lexicon (its names the lexicon knows already are
        cut with the tokenizer again, ``_differing``, which costs little for
        one file)."""
        if len(paths) <= 1:
            sync_tokenizer()
            names = [name for name in (Path(path).name for path in paths) if prepare.storable_name(name)]
            known = Issue.objects.filter(source_name__in=names).values_list("source_name", "source_sha256")
            return prepare.Snapshot(known=dict(known), additions=[], removals=[])
        additions, removals = lexicon_rows()
        return prepare.Snapshot(
            known=dict(Issue.objects.values_list("source_name", "source_sha256")),
            additions=additions,
            removals=removals,
        )

    def write(self, prepared):
        """Write one prepared file in one transaction. Whatever goes wrong in
        it is that file's failure: nothing of it is written, and the run
        goes on with the next file."""
        outcome = Outcome(prepared.path, prepared.status, prepared.reason, prepared.issue)
        if prepared.status in (FAILED, UNCHANGED):
            return outcome
        self.taught_by_file = []
        try:
            self._write(prepared, outcome)
        except Exception as error:
            logger.info("%s: failed while writing", prepared.path, exc_info=True)
            self._forget(self.taught_by_file)
            return Outcome(prepared.path, FAILED, prepare.failure(error), prepared.issue)
        return outcome

    def _write(self, prepared, outcome):
        outcome.characters = prepared.characters
        parsed = prepared.issue
        with transaction.atomic(), derived.deferred() as noted:
            _commit_without_waiting()
            if prepared.status == CREATED:
                issue = Issue(source_name=prepared.path.name, **issue_values(parsed))
                issue._change_reason = ChangeReason.IMPORTED
            else:
                issue = Issue.objects.defer("source").get(source_name=prepared.path.name)
                outcome.notes += merge_issue(issue, parsed)
                issue._change_reason = ChangeReason.REIMPORTED
            issue.source = prepared.data
            issue.source_sha256 = prepared.sha256
            issue.source_encoding = parsed.encoding
            issue.imported_at = timezone.now()
            issue.warnings = list(parsed.warnings) + outcome.notes
            issue.parsed = issue_snapshot(parsed)
            issue.save()
            if prepared.status == CREATED:
                self._write_new(issue, prepared)
            else:
                outcome.notes += merge_articles(issue, parsed.articles)
                self._learned(derived.refresh(issue.articles.values_list("pk", flat=True)))
            if self.dry_run:
                noted.discard()
                transaction.set_rollback(True)

    def _write_new(self, issue, prepared):
        """The rows of a new issue's articles, from what its worker found."""
        rows, bylines = create_articles(issue, prepared.issue.articles, ChangeReason.IMPORTED)
        found = dict(zip((row.pk for row in rows), prepared.articles, strict=True))
        taught = record_mentions(
            issue,
            found={pk: (article.extraction, article.text) for pk, article in found.items()},
        )
        self._learned(taught)
        store_segmentations(
            {pk: (article.text, article.lengths, article.words) for pk, article in found.items()},
            {pk: self._differing(article.text, prepared) for pk, article in found.items()},
        )
        labels, names = defaultdict(list), defaultdict(list)
        for byline in bylines:
            labels[byline.article_id].append(person_label(byline.person_id))
            names[byline.article_id].append(byline.person.name)
        write_index(
            {
                row.pk: (
                    key(row.pk, issue.date, row.kind, not (row.published and issue.published)),
                    article.heading,
                    article.body,
                    # Credits are indexed by the name of the person credited:
                    # not the printed one where that is an alias.
                    article.credits
                    if names[row.pk] == [b.name for b in parsed.bylines]
                    else search_terms("\n".join(names[row.pk])),
                    labels[row.pk],
                )
                for row, article, parsed in zip(rows, prepared.articles, prepared.issue.articles, strict=True)
            }
        )

    def _learned(self, words):
        """Note the words a file taught the lexicon (none in a dry run, which
        is rolled back)."""
        if self.dry_run or not words:
            return
        for word in words:
            if word not in self.learned:
                self.learned.add(word)
                self.by_pair[word[:2]].append(word)
                self.taught_by_file.append(word)

    def _forget(self, words):
        """Unlearn the words of a file whose transaction was rolled back."""
        for word in words:
            self.learned.discard(word)
            self.by_pair[word[:2]].remove(word)

    def _differing(self, text, prepared):
        """The words in ``text`` that the lexicon holds now and its worker's
        tokenizer did not, or the other way round: the tokens around them
        must be cut again."""
        taught = prepared.taught
        differing = {word for word in taught - self.learned if word in text}
        for pair in prepared.pairs & self.by_pair.keys():
            for word in self.by_pair[pair]:
                if word not in taught and word in text:
                    differing.add(word)
        return differing


def _commit_without_waiting():
    """On PostgreSQL, let this file's transaction end without waiting for its
    write-ahead log to reach the disk: a crash may then lose the last few
    files imported, never half of one, and importing again writes them (a
    file is known by its sha256 only once it is written)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
