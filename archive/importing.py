"""From parser records to rows, one source file per transaction.

A file is known by its name. Importing the same bytes again writes nothing;
importing changed bytes re-parses them and merges, so that nothing an editor
changed is overwritten: a field takes the new parsed value only while it still
holds the value the parser gave last time (the ``parsed`` snapshot). When an
editor's value is kept although the source changed under it, the row gets a
warning so that someone looks at both.
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from archive import pipeline
from archive.extracting import create_people, record_mentions
from archive.inserting import create_with_history
from archive.locking import bump
from archive.models import Article, Byline, Issue, Person
from archive.models.lexicon import lexicon_rows, sync_tokenizer
from archive.lib.parsing import records
from archive.pipeline import (
    ARTICLE_FIELDS,
    CREATED,
    FAILED,
    ISSUE_FIELDS,
    UNCHANGED,
    UPDATED,
    article_values,
)
from archive.search import index_articles, key, person_label, write_index
from archive.segmenting import segment_articles, store_segmentations

# Bylines are compared as one list under this snapshot key.
BYLINES = "bylines"

FIRST_IMPORT = "导入"
REIMPORT = "重新导入"
ARTICLE_GONE = "新源文件中已没有这篇文章；因编辑改过而保留。"


@dataclass
class Outcome:
    """What happened to one path given to the importer."""

    path: Path
    status: str
    reason: str = ""  # why it failed
    issue: records.Issue | None = None  # the parser's reading, when parsed
    notes: list[str] = field(default_factory=list)  # warnings the merge added
    characters: int = 0  # the characters of text segmented

    @property
    def warnings(self):
        found = list(self.issue.warnings) if self.issue else []
        for article in self.issue.articles if self.issue else ():
            found += article.warnings
        return found + self.notes


def find_sources(paths):
    """The files to import from the given files and folders (folders are
    searched for ``*.txt``, recursively, in sorted order), and a failed
    outcome for each path that gives none."""
    files, failures = [], []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                failures.append(Outcome(path, FAILED, "文件夹里没有 .txt 文件"))
            files += found
        elif path.exists():
            files.append(path)
        else:
            failures.append(Outcome(path, FAILED, "路径不存在"))
    # The file name is the issue's key: two files of one name would overwrite
    # each other.
    first_by_name = {}
    unique = []
    for path in files:
        first = first_by_name.setdefault(path.name, path)
        if first is path:
            unique.append(path)
        else:
            failures.append(Outcome(path, FAILED, f"与 {first} 同名；源文件名必须唯一"))
    return unique, failures


def import_file(path, *, dry_run=False):
    """Import one source file in one transaction. With ``dry_run`` the work is
    done and rolled back, so the outcome tells what an import would do."""
    return next(import_files([path], dry_run=dry_run))


def import_files(paths, *, workers=1, dry_run=False):
    """Import source files, each in its own transaction, and yield each one's
    outcome, in order. Files are read, parsed, extracted and segmented by
    ``workers`` processes (``archive.pipeline``) while this process writes;
    the archive comes out the same for any number of workers."""
    paths = list(paths)
    writer = _Writer(dry_run)
    for prepared in pipeline.prepared(paths, writer.snapshot(paths), workers):
        yield writer.write(prepared)


class _Writer:
    """Writes prepared files in order, and keeps what the run taught the
    lexicon so far: the names a file's tokens must keep whole although its
    worker, cutting with the lexicon of the run's start, did not know them."""

    def __init__(self, dry_run):
        self.dry_run = dry_run
        self.learned = set()  # words this run added to the lexicon
        self.by_pair = defaultdict(list)  # their first two characters -> words

    def snapshot(self, paths):
        """What preparing a file depends on, as the database holds it now: a
        few queries, whatever the size of the archive. One file is prepared
        in this process, with its tokenizer brought to the lexicon now; it
        needs no copy of the lexicon (its names the lexicon knows already are
        cut with the tokenizer again, ``_differing``, which costs little for
        one file)."""
        if len(paths) <= 1:
            sync_tokenizer()
            names = [Path(path).name for path in paths]
            known = Issue.objects.filter(source_name__in=names).values_list("source_name", "source_sha256")
            return pipeline.Snapshot(known=dict(known), additions=[], removals=[])
        additions, removals = lexicon_rows()
        return pipeline.Snapshot(
            known=dict(Issue.objects.values_list("source_name", "source_sha256")),
            additions=additions,
            removals=removals,
        )

    def write(self, prepared):
        outcome = Outcome(prepared.path, prepared.status, prepared.reason, prepared.issue)
        if prepared.status in (FAILED, UNCHANGED):
            return outcome
        outcome.characters = prepared.characters
        parsed = prepared.issue
        with transaction.atomic():
            _commit_without_waiting()
            if prepared.status == CREATED:
                issue = Issue(source_name=prepared.path.name, **_issue_values(parsed))
                issue._change_reason = FIRST_IMPORT
            else:
                issue = Issue.objects.defer("source").get(source_name=prepared.path.name)
                outcome.notes += _merge_issue(issue, parsed)
                issue._change_reason = REIMPORT
            issue.source = prepared.data
            issue.source_sha256 = prepared.sha256
            issue.source_encoding = parsed.encoding
            issue.imported_at = timezone.now()
            issue.warnings = list(parsed.warnings) + outcome.notes
            issue.parsed = _issue_snapshot(parsed)
            issue.save()
            if prepared.status == CREATED:
                self._write_new(issue, prepared)
            else:
                outcome.notes += _merge_articles(issue, parsed.articles)
                sync_tokenizer()
                self._learned(record_mentions(issue))
                article_ids = list(issue.articles.values_list("pk", flat=True))
                segment_articles(article_ids)
                index_articles(article_ids)
            if self.dry_run:
                transaction.set_rollback(True)
        return outcome

    def _write_new(self, issue, prepared):
        """The rows of a new issue's articles, from what its worker found."""
        rows, bylines = _create_articles(issue, prepared.issue.articles, FIRST_IMPORT)
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
        labels = defaultdict(list)
        for byline in bylines:
            labels[byline.article_id].append(person_label(byline.person_id))
        write_index(
            {
                row.pk: (
                    key(row.pk, issue.date, row.kind, not (row.published and issue.published)),
                    article.heading,
                    article.body,
                    article.credits,
                    labels[row.pk],
                )
                for row, article in zip(rows, prepared.articles, strict=True)
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


def _issue_values(parsed):
    return {name: getattr(parsed, name) for name in ISSUE_FIELDS}


def _issue_snapshot(parsed):
    return _jsonable(_issue_values(parsed))


def _article_snapshot(parsed):
    return {**_jsonable(article_values(parsed)), BYLINES: _byline_list(parsed.bylines)}


def _byline_list(bylines):
    return [{"name": b.name, "role": b.role, "credit": b.credit} for b in bylines]


def _jsonable(values):
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in values.items()
    }


def _edited(snapshot, current, name):
    """Whether an editor changed ``name`` since the snapshot. A name missing
    from an older snapshot belongs to the parser."""
    return name in snapshot and current[name] != snapshot[name]


def _merge_fields(row, snapshot, current, new_values, new_snapshot, labels):
    """Move ``row`` to the new parsed values wherever no editor changed it;
    return warnings for the editor's values kept although the source changed."""
    notes = []
    for name, new_value in new_values.items():
        if _edited(snapshot, current, name):
            if new_snapshot[name] != snapshot[name]:
                notes.append(
                    f"{labels[name]}：保留编辑的值 {current[name]!r}；"
                    f"新源文件为 {new_snapshot[name]!r}。"
                )
        else:
            setattr(row, name, new_value)
    return notes


def _merge_issue(issue, parsed):
    current = _jsonable({name: getattr(issue, name) for name in ISSUE_FIELDS})
    return _merge_fields(
        issue,
        issue.parsed,
        current,
        _issue_values(parsed),
        _issue_snapshot(parsed),
        _labels(Issue),
    )


def _current_article(article):
    current = _jsonable({name: getattr(article, name) for name in ARTICLE_FIELDS})
    current[BYLINES] = [
        {"name": b.person.name, "role": b.role, "credit": b.credit} for b in article.bylines.all()
    ]
    return current


def _merge_articles(issue, new_articles):
    # Locked until the file's transaction ends, so that the versions counted
    # below are the current ones (an editor saving meanwhile waits).
    old_articles = list(
        issue.articles.select_for_update().prefetch_related(
            Prefetch("bylines", Byline.objects.select_related("person"))
        )
    )
    pairs, gone = _match(old_articles, new_articles)
    labels = _labels(Article)
    notes = []
    changed, rebylined = [], []
    for old, new in pairs:
        snapshot, current = old.parsed, _current_article(old)
        new_snapshot = _article_snapshot(new)
        before = _jsonable({name: getattr(old, name) for name in ARTICLE_FIELDS})
        kept = _merge_fields(old, snapshot, current, article_values(new), new_snapshot, labels)
        if _edited(snapshot, current, BYLINES):
            if new_snapshot[BYLINES] != snapshot[BYLINES]:
                kept.append("署名：保留编辑的署名；新源文件的署名不同。")
        elif current[BYLINES] != new_snapshot[BYLINES]:
            rebylined.append((old, new))
        warnings = list(new.warnings) + kept
        after = _jsonable({name: getattr(old, name) for name in ARTICLE_FIELDS})
        if after != before or old.warnings != warnings or snapshot != new_snapshot:
            old.warnings, old.parsed = warnings, new_snapshot
            changed.append(old)
        notes += [f"「{old}」{note}" for note in kept]

    deleted = []
    for old in gone:
        current = _current_article(old)
        if any(_edited(old.parsed, current, name) for name in current):
            if ARTICLE_GONE not in old.warnings:
                old.warnings = old.warnings + [ARTICLE_GONE]
                changed.append(old)
            notes.append(f"「{old}」{ARTICLE_GONE}")
        else:
            deleted.append(old.pk)

    if changed:
        # A new version each, so that an editor's form loaded before this
        # import is refused instead of overwriting what it changed.
        fields = bump(changed, [*ARTICLE_FIELDS, "warnings", "parsed"])
        bulk_update_with_history(changed, Article, fields, default_change_reason=REIMPORT)
    if deleted:
        Article.objects.filter(pk__in=deleted).delete()
    if rebylined:
        Byline.objects.filter(article__in=[old for old, _ in rebylined]).delete()
        _create_bylines(rebylined, REIMPORT)
    matched = {id(new) for _, new in pairs}
    _create_articles(issue, [new for new in new_articles if id(new) not in matched], REIMPORT)
    return notes


def _match(old_articles, new_articles):
    """Pair old rows with new parsed articles: first by the (kind, title) the
    parser gave, then by its position. Rows an editor added (no snapshot) are
    never paired nor removed. Returns the pairs and the unpaired old rows."""
    imported = [a for a in old_articles if a.parsed]
    by_heading = defaultdict(deque)
    for old in imported:
        by_heading[(old.parsed.get("kind"), old.parsed.get("title"))].append(old)
    pairs, used, unpaired = [], set(), []
    for new in new_articles:
        queue = by_heading[(new.kind, new.title)]
        if queue:
            old = queue.popleft()
            pairs.append((old, new))
            used.add(old.pk)
        else:
            unpaired.append(new)
    by_position = {}
    for old in imported:
        if old.pk not in used:
            by_position.setdefault(old.parsed.get("position"), old)
    for new in unpaired:
        old = by_position.pop(new.position, None)
        if old is not None:
            pairs.append((old, new))
            used.add(old.pk)
    gone = [old for old in imported if old.pk not in used]
    return pairs, gone


def _create_articles(issue, new_articles, reason):
    """Create rows for parsed articles; returns them and their bylines."""
    if not new_articles:
        return [], []
    rows = [
        Article(
            issue=issue,
            warnings=list(new.warnings),
            parsed=_article_snapshot(new),
            **article_values(new),
        )
        for new in new_articles
    ]
    rows = create_with_history(rows, Article, reason)
    return rows, _create_bylines(list(zip(rows, new_articles, strict=True)), reason)


def _create_bylines(pairs, reason):
    """Create the bylines of each (row, parsed article) pair, and the people
    they name who are not yet known. Returns the bylines."""
    names = {b.name for _, new in pairs for b in new.bylines}
    if not names:
        return []
    people = Person.objects.in_bulk(names, field_name="name")
    missing = [Person(name=name) for name in sorted(names - people.keys())]
    if missing:
        created = create_people(missing, reason)
        people.update((person.name, person) for person in created)
    bylines = [
        Byline(
            article=row,
            person=people[b.name],
            role=b.role,
            credit=b.credit,
            position=position,
        )
        for row, new in pairs
        for position, b in enumerate(new.bylines, start=1)
    ]
    create_with_history(bylines, Byline, reason)
    return bylines


def _labels(model):
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    labels[BYLINES] = "署名"
    return labels
