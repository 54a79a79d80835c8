"""Time an editor's correction takes to save, and to reach the other
articles, in an archive of 100,000 articles.

The archive is built once per database from the seeds' articles, each copy
with other people's names (every name bench/generate.py finds in the seeds is
replaced by one of a pool of generated names), stored as rows, segmented and
indexed with the archive's own code, and reused by later runs. Rows are
bulk-created rather than imported: the import is measured elsewhere, and here
only the archive's size matters.

Each correction is timed three ways, each inside a transaction that is
rolled back, so that every run starts from the same archive:

- inline: the save as it was before background jobs, the propagation inside
  the editor's request (``save_correction``: store the editor's tokens, teach
  the lexicon; then ``resegment_containing``: find the other articles
  containing the word through the search index, segment them again, record
  them on the lexicon entry);
- queued: the save as the admin makes it now
  (``archive.tasks.correct_segmentation``: the same correction, and the
  propagation queued in the database), until it returns to the editor;
- worker: the queued propagation as the worker runs it (in this process),
  which the editor no longer waits for.

The index lookup is also timed alone. Two corrections: a generated name that
jieba cuts in two (a few dozen articles contain it) and a common term
(枫桥经验, in thousands).

The baseline, measured in the same run, is what finding the same articles
costs without the index: the database scanning every article's text
(``LIKE`` over the text columns). The table gives each time and its ratio to
the scan.

Usage (from the repository root):

    .venv/bin/python bench/segmentation_propagation.py --articles 100000 \\
        --database sqlite:////tmp/bench-propagation/archive.sqlite3
    .venv/bin/python bench/segmentation_propagation.py --articles 100000 \\
        --database postgres://postgres@127.0.0.1:5432/bench_propagation

A PostgreSQL database that does not exist is created. Never point --database
at data you want to keep: the benchmark writes to it.
"""

import argparse
import datetime
import random
import re
import sys
import time
from pathlib import Path

from _setup import REPO, configure

PER_ISSUE = 100
POOL = 20_000  # generated names
COMMON_TERM = "枫桥经验"


def templates():
    """The seeds' articles with a text, and the names they print."""
    from generate import find_names

    from archive.lib.parsing import parse_bytes

    articles = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        articles += parse_bytes(path.read_bytes()).articles
    return [a for a in articles if a.paragraphs], find_names(articles)


def renamed(article, names, rng, pool):
    """The article's text fields with each printed name replaced by a pool name."""
    chosen = {}
    pattern = re.compile("|".join(map(re.escape, names)))

    def replace(text):
        return pattern.sub(lambda m: chosen.setdefault(m[0], rng.choice(pool)), text)

    return {
        "kind": article.kind,
        "kicker": replace(article.kicker),
        "title": replace(article.title),
        "subtitle": replace(article.subtitle),
        "deck": replace(article.deck),
        "body": replace("\n".join(article.paragraphs)),
        "captions": [replace(caption) for caption in article.captions],
    }


def fill(articles, seed):
    """Grow the archive to ``articles`` articles, segmented and indexed."""
    from django.core.management import call_command
    from django.db import connection
    from generate import name_pool

    from archive.models import Article, Issue, Segmentation
    from archive.search import KEYS, TABLE, index_articles
    from archive.segmentations import segment_articles

    call_command("migrate", verbosity=0)
    have = Article.objects.count()
    if have < articles:
        rng = random.Random(seed)
        stories, names = templates()
        pool = name_pool(rng, POOL)
        first = Issue.objects.count()
        issues = Issue.objects.bulk_create(
            Issue(
                source_name=f"bench-propagation-{number:06d}.txt",
                source_sha256="0" * 64,
                source=b"",
                source_encoding="utf-8",
                number=number,
                date=datetime.date(2000, 1, 1) + datetime.timedelta(days=number),
            )
            for number in range(first, first + -(-(articles - have) // PER_ISSUE))
        )
        rows = [
            Article(issue=issues[i // PER_ISSUE], position=i % PER_ISSUE + 1,
                    **renamed(rng.choice(stories), names, rng, pool))
            for i in range(articles - have)
        ]
        Article.objects.bulk_create(rows, batch_size=2000)
        print(f"created {len(rows)} articles", file=sys.stderr)
    missing = list(Article.objects.filter(segmentation__isnull=True).values_list("pk", flat=True))
    if missing:
        started = time.perf_counter()

        def progress(done, total):
            if done % 10_000 < 500 or done == total:
                rate = done / (time.perf_counter() - started)
                print(f"segmented {done}/{total} articles ({rate:.0f}/s)", file=sys.stderr)

        segment_articles(missing, progress=progress)
    indexed = TABLE if connection.vendor == "postgresql" else KEYS  # rows with an article_id
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM archive_article WHERE id NOT IN (SELECT article_id FROM {indexed})")
        unindexed = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(unindexed), 5000):
        index_articles(unindexed[start : start + 5000])
        print(f"indexed {min(start + 5000, len(unindexed))}/{len(unindexed)}", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Article.objects.count(), Segmentation.objects.count()


def merged(text, tokens, word):
    """The editor's spaced text making every ``word`` of ``text`` one token."""
    from archive.lib.segmentation import spaced

    bounds = {0, *(end for _, _, end in tokens)}
    for match in re.finditer(re.escape(word), text):
        bounds -= set(range(match.start() + 1, match.end()))
        bounds |= {match.start(), match.end()}
    cuts = sorted(bounds)
    return spaced([(text[a:b], a, b) for a, b in zip(cuts, cuts[1:])])


def split_name(seed):
    """A generated name that segmentation cuts, contained in a few dozen
    articles, and one of them."""
    from generate import name_pool

    from archive.models import Article
    from archive.search import containing
    from archive.segmentations import tokens_of

    rng = random.Random(seed)
    pool = name_pool(rng, POOL)  # the pool fill() drew from
    for name in random.Random(seed).sample(pool, len(pool)):
        holders = containing([name])
        if not 10 <= len(holders) <= 200:
            continue
        for article in Article.objects.filter(pk__in=holders[:20]):
            text, tokens = tokens_of(article)
            start = text.index(name)
            if not any(a == start and b == start + len(name) for _, a, b in tokens):
                return name, article
    raise SystemExit("no generated name is cut by the segmentation")


def scan(word):
    """Ids of the articles containing ``word``, by scanning every text."""
    from django.db.models import Q

    from archive.models import Article

    found = Q()
    for field in ("kicker", "title", "subtitle", "deck", "body"):
        found |= Q(**{f"{field}__contains": word})
    return list(Article.objects.filter(found).values_list("pk", flat=True))


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def inline_correction(article, edited):
    """The save before background jobs: the propagation in the request."""
    from archive.segmentations import resegment_containing, save_correction

    correction = save_correction(article, edited, None)
    return resegment_containing([*correction.added, *correction.removed], exclude={article.pk})


def run_queued(job):
    """The job's queued task, run as the worker runs it: found by its row,
    called with its arguments. The worker's own loop is left out: it closes
    the connection between tasks, and with it the transaction that lets the
    benchmark roll everything back (its claim and result rows are two small
    writes)."""
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.get(id=job.task_id)
    return queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])


def measure(word, article):
    from django.db import transaction

    from archive import search
    from archive.lexicon import sync_tokenizer
    from archive.models import Article
    from archive.segmentations import tokens_of
    from archive.tasks import correct_segmentation

    sync_tokenizer()
    scan_seconds, scanned = timed(scan, word)
    lookup_seconds, found = timed(search.containing, [word])
    text, tokens = tokens_of(article)
    edited = merged(text, tokens, word)
    with transaction.atomic():
        inline, changed = timed(inline_correction, Article.objects.get(pk=article.pk), edited)
        transaction.set_rollback(True)
    sync_tokenizer()  # the rolled-back lexicon change, undone here rather than in the next save
    with transaction.atomic():
        queued, (_, job) = timed(correct_segmentation, Article.objects.get(pk=article.pk), edited, None)
        worker, _ = timed(run_queued, job)
        job.refresh_from_db()
        assert job.status == "done", (job.status, job.error)
        assert job.outcome == f"已重新分词 {len(changed)} 篇文章。", job.outcome
        transaction.set_rollback(True)
    return {
        "word": word,
        "containing": len(found),
        "scanned": len(scanned),
        "changed": len(changed),
        "inline": inline,
        "queued": queued,
        "worker": worker,
        "lookup": lookup_seconds,
        "scan": scan_seconds,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database", required=True)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-propagation"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    configure(args.database, args.workdir / "data")
    from django.db import connection

    from archive.models import Article

    articles, segmented = fill(args.articles, args.seed)
    name, name_article = split_name(args.seed)
    common_article = next(
        a for a in Article.objects.filter(body__contains=COMMON_TERM).order_by("pk")[:50]
    )
    rows = [measure(name, name_article), measure(COMMON_TERM, common_article)]

    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"database: {connection.vendor}, {articles} articles ({segmented} segmented)")
    print()
    print("| correction | articles containing it | re-segmented | save, inline s | save, queued s | worker s "
          "| index lookup s | scan s (baseline) | inline / scan | queued / scan | worker / scan | lookup / scan |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        scan_seconds = row["scan"]
        print(
            f"| {row['word']} | {row['containing']} | {row['changed']} | {row['inline']:.3f} "
            f"| {row['queued']:.3f} | {row['worker']:.3f} | {row['lookup']:.3f} | {scan_seconds:.3f} "
            f"| {row['inline'] / scan_seconds:.3f} | {row['queued'] / scan_seconds:.3f} "
            f"| {row['worker'] / scan_seconds:.3f} | {row['lookup'] / scan_seconds:.3f} |"
        )


if __name__ == "__main__":
    main()
