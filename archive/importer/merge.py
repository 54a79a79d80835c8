"""Re-importing a changed page without undoing what editors did.

A field takes the new parsed value only while it still holds the value the
parser gave last time (the row's ``parsed`` snapshot). When an editor's value
is kept although the source changed under it, the row gets a warning so that
someone looks at both.
"""

from collections import defaultdict, deque

from django.db.models import Prefetch
from simple_history.utils import bulk_update_with_history

from archive.locking import bump
from archive.models import Article, Byline, ChangeReason, Issue

from .prepare import article_values
from .rows import BYLINES, article_snapshot, create_articles, create_bylines, issue_snapshot, issue_values, jsonable

ARTICLE_GONE = "新源文件中已没有这篇文章；因编辑改过而保留。"


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


def merge_issue(issue, parsed):
    current = jsonable({name: getattr(issue, name) for name in Issue.PARSED_FIELDS})
    return _merge_fields(
        issue,
        issue.parsed,
        current,
        issue_values(parsed),
        issue_snapshot(parsed),
        _labels(Issue),
    )


def _current_article(article):
    current = jsonable({name: getattr(article, name) for name in Article.PARSED_FIELDS})
    current[BYLINES] = [
        {"name": b.person.name, "role": b.role, "credit": b.credit} for b in article.bylines.all()
    ]
    return current


def merge_articles(issue, new_articles):
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
        new_snapshot = article_snapshot(new)
        before = jsonable({name: getattr(old, name) for name in Article.PARSED_FIELDS})
        kept = _merge_fields(old, snapshot, current, article_values(new), new_snapshot, labels)
        if _edited(snapshot, current, BYLINES):
            if new_snapshot[BYLINES] != snapshot[BYLINES]:
                kept.append("署名：保留编辑的署名；新源文件的署名不同。")
        elif current[BYLINES] != new_snapshot[BYLINES]:
            rebylined.append((old, new))
        warnings = list(new.warnings) + kept
        after = jsonable({name: getattr(old, name) for name in Article.PARSED_FIELDS})
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
        fields = bump(changed, [*Article.PARSED_FIELDS, "warnings", "parsed"])
        bulk_update_with_history(changed, Article, fields, default_change_reason=ChangeReason.REIMPORTED)
    if deleted:
        Article.objects.filter(pk__in=deleted).delete()
    if rebylined:
        Byline.objects.filter(article__in=[old for old, _ in rebylined]).delete()
        create_bylines(rebylined, ChangeReason.REIMPORTED)
    matched = {id(new) for _, new in pairs}
    create_articles(issue, [new for new in new_articles if id(new) not in matched], ChangeReason.REIMPORTED)
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


def _labels(model):
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    labels[BYLINES] = "署名"
    return labels
