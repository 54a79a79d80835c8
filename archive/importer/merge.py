"""Re-importing a changed page without undoing what editors did.

A field takes the new parsed value only while it still holds the value the
parser gave last time (the row's ``parsed`` snapshot). When an editor's value
is kept although the source changed under it, the row gets a warning so that
someone looks at both.
"""

import json
from collections import defaultdict, deque

from django.db.models import Prefetch
from simple_history.utils import bulk_update_with_history

from archive.locking import bump
from archive.models import Article, ArticleTag, Byline, ChangeReason, Issue, Mention, Segmentation

from .prepare import article_values
from .rows import BYLINES, article_snapshot, create_articles, create_bylines, issue_snapshot, issue_values, jsonable

ARTICLE_GONE = "新源文件中已没有这篇文章；因编辑改过而保留。"
ARTICLE_UNSURE = "新源文件中的「{title}」可能是这篇文章，但不能确定是同一篇；因编辑改过而保留原样，未合并，请核对。"
NEW_UNSURE = "可能与已有的「{title}」是同一篇文章（那篇因编辑改过而未合并），请核对。"


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
    pairs, gone, unsure = _match(old_articles, new_articles)
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

    deleted, flagged = [], {}
    touched = _touched_by_editors(gone)
    maybe = {old.pk: new for old, new, _ in unsure}
    for old in gone:
        if old.pk not in touched:
            deleted.append(old.pk)
            continue
        warning = ARTICLE_GONE
        if old.pk in maybe:
            # Not guessed: both stay, each flagged, for an editor to decide.
            new = maybe[old.pk]
            warning = ARTICLE_UNSURE.format(title=new.title or "无标题")
            flagged.setdefault(id(new), []).append(NEW_UNSURE.format(title=old))
        if warning not in old.warnings:
            old.warnings = [w for w in old.warnings if w != ARTICLE_GONE] + [warning]
            changed.append(old)
        notes.append(f"「{old}」{warning}")

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
    create_articles(
        issue, [new for new in new_articles if id(new) not in matched], ChangeReason.REIMPORTED, flagged
    )
    return notes


def _touched_by_editors(articles):
    """The ids of those of ``articles`` holding an editor's work: a field or
    the credits changed, a tag, a mention added or rejected, a corrected
    segmentation, a withdrawal."""
    ids = [old.pk for old in articles]
    touched = {old.pk for old in articles if not old.published}
    for old in articles:
        current = _current_article(old)
        if any(_edited(old.parsed, current, name) for name in current):
            touched.add(old.pk)
    touched.update(ArticleTag.objects.filter(article__in=ids).values_list("article_id", flat=True))
    curated = Mention.objects.filter(article__in=ids).exclude(status=Mention.Status.AUTOMATIC)
    touched.update(curated.values_list("article_id", flat=True))
    corrected = Segmentation.objects.filter(article__in=ids, state=Segmentation.State.EDITOR)
    touched.update(corrected.values_list("article_id", flat=True))
    return touched


# Pairing old rows with the new page's articles by what they say.
# A pair is sure when its likeness (0 to 1) is at least SURE and beats every
# other candidate of either side by MARGIN.
SURE = 0.5
MARGIN = 0.15
# Below this, two articles are not taken for one at all.
MAYBE = 0.3
# Weights of the parts compared: the text, the headline, the credits.
WEIGHTS = {"text": 0.6, "heading": 0.3, "credits": 0.1}
# More candidate pairs than this (a page of thousands of items) are paired
# only where identical.
MAX_COMPARED = 250_000


def _parts(values, bylines):
    """What is compared of an article: character pairs of its text and
    headline, and the names it credits."""
    heading = "\n".join(values.get(name) or "" for name in ("kicker", "title", "subtitle"))
    text = "\n".join([values.get("body") or "", *(values.get("captions") or [])])
    return {
        "text": _pairs(text),
        "heading": _pairs(heading),
        "credits": frozenset(b["name"] for b in bylines),
    }


def _pairs(text):
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset(text)


def _likeness(a, b):
    """Dice's coefficient of each part both have, weighted."""
    total = weight = 0.0
    for part, share in WEIGHTS.items():
        if a[part] or b[part]:
            total += share * 2 * len(a[part] & b[part]) / (len(a[part]) + len(b[part]))
            weight += share
    return total / weight if weight else 0.0


def _match(old_articles, new_articles):
    """Pair old rows with new parsed articles by content: first those the
    parser read identically, then by the likeness of text, headline and
    credits where it is sure (position plays no part: an item inserted above
    moves every other one). Rows an editor added (no snapshot) are never
    paired nor removed. Returns the pairs, the unpaired old rows, and the
    unsure pairs ``(old, new, likeness)``: the likeliest counterpart of an
    unpaired old row that was not likely enough to be taken for it."""
    imported = [a for a in old_articles if a.parsed]
    snapshots = {id(new): article_snapshot(new) for new in new_articles}

    def same(snapshot):
        fields = {name: snapshot.get(name) for name in (*Article.PARSED_FIELDS, BYLINES) if name != "position"}
        return json.dumps(fields, ensure_ascii=False, sort_keys=True)

    identical = defaultdict(deque)
    for old in imported:
        identical[same(old.parsed)].append(old)
    pairs, unpaired_new = [], []
    for new in new_articles:
        queue = identical[same(snapshots[id(new)])]
        if queue:
            pairs.append((queue.popleft(), new))
        else:
            unpaired_new.append(new)
    paired = {old.pk for old, _ in pairs}
    unpaired_old = [old for old in imported if old.pk not in paired]
    unsure = []
    if unpaired_old and unpaired_new and len(unpaired_old) * len(unpaired_new) <= MAX_COMPARED:
        olds = [_parts(old.parsed, old.parsed.get(BYLINES, [])) for old in unpaired_old]
        news = [_parts(snapshots[id(new)], snapshots[id(new)][BYLINES]) for new in unpaired_new]
        scores = [[_likeness(o, n) for n in news] for o in olds]
        candidates = sorted(
            ((score, i, j) for i, row in enumerate(scores) for j, score in enumerate(row) if score >= MAYBE),
            reverse=True,
        )
        taken_old, taken_new = set(), set()
        for score, i, j in candidates:
            if i in taken_old or j in taken_new:
                continue
            rival = max(
                [s for k, s in enumerate(scores[i]) if k != j] + [scores[k][j] for k in range(len(olds)) if k != i],
                default=0.0,
            )
            if score >= SURE and score - rival >= MARGIN:
                pairs.append((unpaired_old[i], unpaired_new[j]))
                taken_old.add(i)
                taken_new.add(j)
        for i, old in enumerate(unpaired_old):
            if i in taken_old:
                continue
            likely = [(scores[i][j], j) for j in range(len(news)) if j not in taken_new and scores[i][j] >= MAYBE]
            if likely:
                score, j = max(likely)
                unsure.append((old, unpaired_new[j], score))
    paired = {old.pk for old, _ in pairs}
    gone = [old for old in imported if old.pk not in paired]
    return pairs, gone, unsure


def _labels(model):
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    labels[BYLINES] = "署名"
    return labels
