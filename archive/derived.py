"""What follows from an article's rows, kept in step with them whatever
changed them: one write path.

An article's text, credits, dateline and issue give it derived rows: its
search index row (``archive.search``), its segmentation
(``archive.segmentations``), the mentions and positions extraction finds in
it (``archive.importer.mentions``), the dates its dateline resolves to once
its issue's date is known, and the parser's warnings that no longer hold.
``refresh`` makes them again for some articles; ``changed`` is how a writer
says which articles it changed.

Writers that go through ``Model.save()`` need not say it: the admin's form,
its inlines, a revert from the history (django-simple-history), a
spreadsheet row (django-import-export) and a shell's ``article.save()`` all
end in ``save()``, and libraries' code cannot be made to call a service, so
the signals connected in ``ArchiveConfig.ready`` say it for them
(``article_saving`` and the rest). ``Article``, ``Byline`` and ``Issue``
save in a transaction of their own when none is open, so what follows is
written in the same transaction as the change. Writers in bulk (the import,
a merge, a restore) send no signals and call ``changed`` or ``refresh``.

A unit of work that saves many rows (a request, a spreadsheet, a file's
import) runs inside ``deferred()``: the articles it changes are noted, and
refreshed once, when the block ends, still inside the caller's transaction.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from archive.importer.mentions import record_mentions
from archive.lexicon import sync_tokenizer
from archive.lib.dates import iso_date
from archive.lib.parsing.dates import DATELINE, resolve_dateline
from archive.locking import bump
from archive.models import Article, Byline, ChangeReason, Issue
from archive.search import index_articles
from archive.segmentations import segment_articles, stored_segmentation

# How much of an article's derived data a change reaches: its index row
# alone (publication, credits' names, the issue's publication), or all of it.
INDEX, FULL = 1, 2

# Articles refreshed at a time (a spreadsheet may change thousands).
BATCH = 500

# The article fields whose change reaches the index alone.
INDEX_ONLY = {"published"}

_local = threading.local()


def _pending():
    """{article id: level} noted inside ``deferred()``, or None outside."""
    return getattr(_local, "pending", None)


@contextmanager
def deferred():
    """Note the articles changed inside the block and refresh them once, as
    the block ends without an exception (still inside the caller's
    transaction: open one around the block). Blocks nest; the outermost
    refreshes. Yields an object whose ``discard()`` drops what was noted (a
    dry run that is rolled back)."""
    if _pending() is not None:
        yield _Discard(_local.pending)
        return
    _local.pending = {}
    try:
        yield _Discard(_local.pending)
        while _local.pending:
            noted, _local.pending = _local.pending, {}
            for level in (FULL, INDEX):
                ids = [pk for pk, wanted in noted.items() if wanted == level]
                if ids:
                    _refresh(ids, level)
    finally:
        _local.pending = None


class _Discard:
    """Drops what a block noted, leaving what enclosing blocks noted before."""

    def __init__(self, pending):
        self._noted = pending
        self._before = dict(pending)

    def discard(self):
        self._noted.clear()
        self._noted.update(self._before)


def changed(article_ids, level=FULL):
    """Say that these articles changed: refreshed now, or at the end of the
    enclosing ``deferred()`` block."""
    pending = _pending()
    if pending is None:
        _refresh(article_ids, level)
        return
    for pk in article_ids:
        pending[pk] = max(pending.get(pk, 0), level)


def refresh(article_ids, level=FULL):
    """Make these articles' derived data again now (those inside a
    ``deferred()`` block are then no longer pending). Returns the words the
    lexicon learned from their names."""
    ids = sorted(set(article_ids))
    pending = _pending()
    if pending is not None:
        for pk in ids:
            if pending.get(pk, 0) <= level:
                pending.pop(pk, None)
    return _refresh(ids, level)


def _refresh(article_ids, level):
    ids = sorted(set(article_ids))
    learned = []
    for start in range(0, len(ids), BATCH):
        learned += _refresh_batch(ids[start : start + BATCH], level)
    return learned


def _refresh_batch(ids, level):
    learned = []
    if level == FULL:
        sync_tokenizer()
        by_issue = {}
        for pk, issue_id in Article.objects.filter(pk__in=ids).values_list("pk", "issue_id"):
            by_issue.setdefault(issue_id, []).append(pk)
        for issue in Issue.objects.filter(pk__in=by_issue).defer("source"):
            _resolve_dates(issue, by_issue[issue.pk])
            learned += record_mentions(issue, articles=by_issue[issue.pk])
        segment_articles(_unsegmented(ids))
    index_articles(ids)
    return learned


def _unsegmented(ids):
    """Those of ``ids`` whose stored segmentation was not made of their text."""
    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("segmentation")
        .only(*Article.TEXT_FIELDS, "segmentation__text_digest")
    )
    return [a.pk for a in articles if not ((s := stored_segmentation(a)) and s.fits(a.text()))]


# Resolving dates once the issue's date is known.

# The parser's words (archive.lib.parsing.page, .dates) for a date it could
# not know: warnings that an issue's date, once given, makes untrue.
_ISSUE_DATE_UNKNOWN = ("报头没有日期", "无法确定报头日期", "报头日期不存在")
_ARTICLE_DATE_UNKNOWN = "本期日期未知"


def _resolve_dates(issue, article_ids):
    """With the issue's date known: its warnings that it is unknown go, and
    each article's dateline is resolved again wherever its date is still
    the parser's (an editor's date stays), as the parser would have with
    the date printed; the ``parsed`` snapshot follows, so that a later
    import sees the date as the parser's."""
    if issue.date is None:
        return
    warnings = [w for w in issue.warnings if not w.startswith(_ISSUE_DATE_UNKNOWN)]
    if warnings != issue.warnings:
        issue.warnings = warnings
        bulk_update_with_history([issue], Issue, ["warnings"], default_change_reason=ChangeReason.DATED)
    rows = []
    for article in Article.objects.select_for_update().filter(pk__in=article_ids, dateline__gt=""):
        date = article.date
        parsers = article.parsed.get("date") == iso_date(date) if article.parsed else date is None
        match = DATELINE.match(article.dateline + ",")
        if parsers and match:
            date = resolve_dateline(match, issue.date) or date
        warnings = [w for w in article.warnings if _ARTICLE_DATE_UNKNOWN not in w]
        if (date, warnings) == (article.date, article.warnings):
            continue
        if parsers and article.parsed:
            article.parsed = {**article.parsed, "date": iso_date(date)}
        article.date, article.warnings = date, warnings
        rows.append(article)
    if rows:
        fields = bump(rows, ["date", "warnings", "parsed"])
        bulk_update_with_history(rows, Article, fields, default_change_reason=ChangeReason.DATED)


# The signals (connected in ``ArchiveConfig.ready``).


def _level(old, new, fields):
    """How far a change of ``fields`` from ``old`` to ``new`` values reaches."""
    differing = {name for name in fields if old[name] != new[name]}
    if differing - INDEX_ONLY:
        return FULL
    return INDEX if differing else None


ARTICLE_FIELDS = (*Article.PARSED_FIELDS, "published")
ISSUE_FIELDS = ("date", "published")


def _saving(instance, fields, raw):
    """pre_save: remember the values of ``fields`` as stored, to tell what
    the save changes."""
    if raw or instance._state.adding:
        instance._stored = None
        return
    instance._stored = type(instance)._base_manager.filter(pk=instance.pk).values(*fields).first()


def article_saving(sender, instance, raw=False, **kwargs):
    _saving(instance, ARTICLE_FIELDS, raw)


def article_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    stored = getattr(instance, "_stored", None)
    if created or stored is None:
        level = FULL
    else:
        level = _level(stored, {name: getattr(instance, name) for name in ARTICLE_FIELDS}, ARTICLE_FIELDS)
    if level:
        changed([instance.pk], level)


def issue_saving(sender, instance, raw=False, **kwargs):
    _saving(instance, ISSUE_FIELDS, raw)


def issue_saved(sender, instance, created, raw=False, **kwargs):
    """A new issue has no articles yet; a date reaches all of an issue's
    articles, publication their index rows."""
    stored = getattr(instance, "_stored", None)
    if raw or created or stored is None:
        return
    level = FULL if stored["date"] != instance.date else INDEX if stored["published"] != instance.published else None
    if level:
        changed(list(instance.articles.values_list("pk", flat=True)), level)


def person_saved(sender, instance, raw=False, **kwargs):
    """Credits are indexed by the person's name."""
    if not raw and getattr(instance, "renamed_from", None):
        changed(list(Byline.objects.filter(person=instance).values_list("article_id", flat=True)), INDEX)


def byline_saved(sender, instance, raw=False, **kwargs):
    """Credits are indexed, and extracted (a credited person's mention)."""
    if not raw:
        changed([instance.article_id])


def byline_deleted(sender, instance, **kwargs):
    """A deleted byline may be part of its article's deletion (a cascade),
    which must not find the article's mentions written anew halfway: outside
    ``deferred()`` the article is refreshed once the deletion is committed."""
    if _pending() is None:
        transaction.on_commit(lambda: changed([instance.article_id]))
    else:
        changed([instance.article_id])
