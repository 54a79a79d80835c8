"""From parser records to rows, one source file per transaction.

A file is known by its name. Importing the same bytes again writes nothing;
importing changed bytes re-parses them and merges, so that nothing an editor
changed is overwritten: a field takes the new parsed value only while it still
holds the value the parser gave last time (the ``parsed`` snapshot). When an
editor's value is kept although the source changed under it, the row gets a
warning so that someone looks at both.
"""

import hashlib
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Prefetch
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from archive.extracting import record_mentions
from archive.models import Article, Byline, Issue, Person
from archive.parsing import ParseError, parse_bytes, records
from archive.search import index_articles
from archive.segmenting import segment_articles

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"

# The fields the parser fills and editors may correct, in the snapshot's order.
ISSUE_FIELDS = ("publication", "number", "date", "date_source", "page_count")
ARTICLE_FIELDS = (
    "page",
    "position",
    "kind",
    "kicker",
    "title",
    "subtitle",
    "deck",
    "column",
    "dateline",
    "date",
    "body",
    "continued_on_page",
    "captions",
)
# Bylines are compared as one list under this snapshot key.
BYLINES = "bylines"

FIRST_IMPORT = "导入"
REIMPORT = "重新导入"
ARTICLE_GONE = "新源文件中已没有这篇文章；因编辑改过而保留。"

# What each integer column holds on every database Django supports, so that
# a file is refused alike on SQLite (which would take 64 bits) and PostgreSQL.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


@dataclass
class Outcome:
    """What happened to one path given to the importer."""

    path: Path
    status: str
    reason: str = ""  # why it failed
    issue: records.Issue | None = None  # the parser's reading, when parsed
    notes: list[str] = field(default_factory=list)  # warnings the merge added

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
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Outcome(path, FAILED, f"无法读取（{error.strerror or error}）")
    sha256 = hashlib.sha256(data).hexdigest()
    issue = Issue.objects.defer("source").filter(source_name=path.name).first()
    if issue is not None and issue.source_sha256 == sha256:
        return Outcome(path, UNCHANGED)
    try:
        parsed = parse_bytes(data)
        _check_numbers(parsed)
    except ParseError as error:
        return Outcome(path, FAILED, str(error))

    with transaction.atomic():
        if issue is None:
            issue = Issue(source_name=path.name, **_issue_values(parsed))
            outcome = Outcome(path, CREATED, issue=parsed)
            issue._change_reason = FIRST_IMPORT
        else:
            outcome = Outcome(path, UPDATED, issue=parsed)
            outcome.notes += _merge_issue(issue, parsed)
            issue._change_reason = REIMPORT
        issue.source = data
        issue.source_sha256 = sha256
        issue.source_encoding = parsed.encoding
        issue.imported_at = timezone.now()
        issue.warnings = list(parsed.warnings) + outcome.notes
        issue.parsed = _issue_snapshot(parsed)
        issue.save()
        if outcome.status == CREATED:
            _create_articles(issue, parsed.articles, FIRST_IMPORT)
        else:
            outcome.notes += _merge_articles(issue, parsed.articles)
        record_mentions(issue)
        article_ids = list(issue.articles.values_list("pk", flat=True))
        segment_articles(article_ids)
        index_articles(article_ids)
        if dry_run:
            transaction.set_rollback(True)
    return outcome


def _check_numbers(parsed):
    """Refuse a page with a number its column cannot hold (a misread 期号 of
    twenty digits), before anything is written."""
    for model, names, rows in (
        (Issue, ISSUE_FIELDS, [parsed]),
        (Article, ARTICLE_FIELDS, parsed.articles),
    ):
        for name in names:
            field = model._meta.get_field(name)
            if not isinstance(field, models.IntegerField):
                continue
            low, high = INTEGER_RANGES[field.get_internal_type()]
            for row in rows:
                value = getattr(row, name)
                if value is not None and not low <= value <= high:
                    raise ParseError(f"{field.verbose_name}超出范围：{value}")


def _issue_values(parsed):
    return {name: getattr(parsed, name) for name in ISSUE_FIELDS}


def _issue_snapshot(parsed):
    return _jsonable(_issue_values(parsed))


def _article_values(parsed):
    values = {name: getattr(parsed, name) for name in ARTICLE_FIELDS}
    values["captions"] = list(parsed.captions)
    return values


def _article_snapshot(parsed):
    return {**_jsonable(_article_values(parsed)), BYLINES: _byline_list(parsed.bylines)}


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
    old_articles = list(
        issue.articles.prefetch_related(
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
        kept = _merge_fields(old, snapshot, current, _article_values(new), new_snapshot, labels)
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
        bulk_update_with_history(
            changed,
            Article,
            [*ARTICLE_FIELDS, "warnings", "parsed"],
            default_change_reason=REIMPORT,
        )
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
    if not new_articles:
        return
    rows = [
        Article(
            issue=issue,
            warnings=list(new.warnings),
            parsed=_article_snapshot(new),
            **_article_values(new),
        )
        for new in new_articles
    ]
    rows = bulk_create_with_history(rows, Article, default_change_reason=reason)
    _create_bylines(list(zip(rows, new_articles, strict=True)), reason)


def _create_bylines(pairs, reason):
    """Create the bylines of each (row, parsed article) pair, and the people
    they name who are not yet known."""
    names = {b.name for _, new in pairs for b in new.bylines}
    if not names:
        return
    people = Person.objects.in_bulk(names, field_name="name")
    missing = [Person(name=name) for name in sorted(names - people.keys())]
    if missing:
        created = bulk_create_with_history(missing, Person, default_change_reason=reason)
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
    bulk_create_with_history(bylines, Byline, default_change_reason=reason)


def _labels(model):
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    labels[BYLINES] = "署名"
    return labels
