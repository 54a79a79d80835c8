"""Latency of the public pages and of search on an archive of full size.

The archive is built once per database from generated front pages
(bench/generate.py), imported with the archive's own importer and indexed
with archive.search, then reused by later runs (a run with more articles adds
to it). Requests go through Django's test client in this process: the whole
stack of middleware, views, queries and templates, without a network. Each
kind of page is requested with varied arguments; the table gives p50 and p95
per kind, the number of queries a request makes, and the ratio of p95 to the
p50 of a baseline measured in the same run (a 404 that touches no table), so
that figures from machines of other speeds can be compared.

Usage (from the repository root):

    .venv/bin/python bench/pages.py --articles 200000 \\
        --database sqlite:////tmp/bench-pages/archive.sqlite3
    .venv/bin/python bench/pages.py --articles 200000 \\
        --database postgres://postgres@127.0.0.1:5432/bench_pages

A PostgreSQL database that does not exist is created. Never point --database
at data you want to keep: the benchmark writes to it.
"""

import argparse
import math
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parent.parent
# Goals, in milliseconds at p95.
PAGE_GOAL, SEARCH_GOAL = 100, 200
SEARCH_WORDS = [
    "法院",  # very common
    "平安浙江",
    "枫桥经验",
    "互联网法院",
    "公益诉讼",
    "执行 法院",  # two words
    "法",  # one character
    "BANK",  # Latin letters
    "量子引力",  # nothing
]
PHRASES = ['"平安浙江建设"', "“枫桥经验”", '"杭州互联网法院"', '"公益诉讼"']


def configure(database, workdir):
    """Settings for a production-like process on the bench database."""
    os.environ.update(
        DATABASE_URL=database,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="testserver",
        NEWSROOM_DATA_DIR=str(workdir / "data"),
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    sys.path.insert(0, str(REPO))
    if database.startswith("postgres"):
        create_postgres_database(database)
    import django

    django.setup()


def create_postgres_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def fill(articles, per_issue, workdir, seed):
    """Grow the archive to at least ``articles`` articles and index them all."""
    from django.core.management import call_command
    from django.db import connection

    from archive.importing import FAILED, find_sources, import_file
    from archive.models import Article
    from archive.search import KEYS, TABLE, index_articles

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # hashed names, as deployed
    have = Article.objects.count()
    if have < articles:
        issues = math.ceil(articles / per_issue)
        pages = workdir / f"pages-{seed}-{per_issue}-{issues}"
        if not (pages / "manifest.json").exists():
            print(f"generating {issues} issues into {pages}", file=sys.stderr)
            subprocess.run(
                [sys.executable, str(REPO / "bench" / "generate.py"), "--issues", str(issues),
                 "--seed", str(seed), "--out", str(pages), "--articles-per-issue", str(per_issue)],
                check=True,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                stdout=subprocess.DEVNULL,
            )
        files, _ = find_sources([pages])
        started = time.perf_counter()
        for number, path in enumerate(files, start=1):
            if import_file(path).status == FAILED:
                raise SystemExit(f"{path} failed to import")
            if number % 200 == 0:
                rate = number / (time.perf_counter() - started)
                print(f"imported {number}/{len(files)} issues ({rate:.0f}/s)", file=sys.stderr)
    indexed = TABLE if connection.vendor == "postgresql" else KEYS
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM archive_article WHERE id NOT IN (SELECT article_id FROM {indexed})"
        )
        missing = [row[0] for row in cursor.fetchall()]
    started = time.perf_counter()
    for start in range(0, len(missing), 5000):
        index_articles(missing[start : start + 5000])
        done = min(start + 5000, len(missing))
        rate = done / (time.perf_counter() - started)
        print(f"indexed {done}/{len(missing)} articles ({rate:.0f}/s)", file=sys.stderr)
    # Planner statistics for the grown tables, and on PostgreSQL the
    # visibility map that lets counts read indexes only (autovacuum's work
    # on a live server).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def samples(rng, count):
    """The URLs to request, by kind of page."""
    from django.db.models import Count

    from archive.models import Article, Issue, Person

    article_ids = list(Article.objects.values_list("id", flat=True))
    dated = list(Issue.objects.filter(date__isnull=False).values_list("date", flat=True))
    undated = list(Issue.objects.filter(date__isnull=True).values_list("source_name", flat=True))
    people = list(Person.objects.values_list("id", "name"))
    busiest = list(
        Person.objects.annotate(n=Count("bylines")).order_by("-n").values_list("id", flat=True)[:count]
    )
    years = sorted({d.year for d in dated})
    undated_pages = max(1, math.ceil(len(undated) / 50))
    people_pages = max(1, math.ceil(len(people) / 100))

    def pick(values, n=count):
        return [rng.choice(values) for _ in range(n)] if values else []

    def search(**params):
        return "/search/?" + urlencode(params)

    names = [name for _, name in pick(people, 5)]
    return {
        "首页 /": ["/"] * count,
        "报纸 /issues/": [f"/issues/?page={rng.randint(1, undated_pages)}" for _ in range(count)],
        "年 /issues/Y/": [f"/issues/{y}/" for y in pick(years)],
        "月 /issues/Y-M/": [f"/issues/{d:%Y-%m}/" for d in pick(dated)],
        "期 /issues/D/": [f"/issues/{d:%Y-%m-%d}/" for d in pick(dated)],
        "期(无日期)": [f"/issues/source/{s}/" for s in pick(undated)],
        "文章 /articles/N/": [f"/articles/{i}/" for i in pick(article_ids)],
        "文章 JSON": [f"/articles/{i}/?format=json" for i in pick(article_ids)],
        "人物 /people/": [f"/people/?page={rng.randint(1, people_pages)}" for _ in range(count)],
        "人物 /people/N/": [f"/people/{i}/" for i, _ in pick(people)],
        "人物(署名最多)": [f"/people/{i}/" for i in busiest],
        "检索:词": [search(q=q) for q in pick(SEARCH_WORDS)],
        "检索:人名": [search(q=n) for n in pick(names)],
        # A quoted phrase is confirmed against each candidate's text.
        "检索:引号短语": [search(q=q) for q in pick(PHRASES)],
        "检索:按日期": [search(q=q, sort="newest") for q in pick(SEARCH_WORDS)],
        "检索:年份+类型": [search(q=q, year=y, kind="photo") for q, y in zip(pick(SEARCH_WORDS), pick(years))],
        "检索:第2页": [search(q=q, page=2) for q in pick(SEARCH_WORDS)],
        "检索:只筛选": [search(year=y) for y in pick(years)],
    }


def measure(client, urls, status=200):
    """Milliseconds per request; every answer must have ``status``."""
    timings = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != status:
            raise SystemExit(f"{url}: {response.status_code}")
    return timings


def queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, secure=True)
    return len(captured)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--database", required=True, help="sqlite:////path or postgres://…/name")
    parser.add_argument("--articles-per-issue", type=int, default=30)
    parser.add_argument("--samples", type=int, default=60, help="requests per kind of page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-pages"))
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)

    configure(args.database, args.workdir)
    fill(args.articles, args.articles_per_issue, args.workdir, args.seed)

    from django.db import connection
    from django.test import Client

    from archive.models import Article, Issue, Person

    client = Client()
    rng = random.Random(args.seed)
    kinds = samples(rng, args.samples)
    for urls in kinds.values():  # warm caches and connections
        measure(client, urls[:3])
    baseline = statistics.median(measure(client, ["/no-such-page/"] * args.samples, 404))

    print(
        f"\n{connection.vendor}, {Article.objects.count():,} articles, {Issue.objects.count():,} issues, "
        f"{Person.objects.count():,} people; {args.samples} requests per row; "
        f"baseline (404, no query) p50 {baseline:.2f} ms\n"
    )
    print("| page | p50 ms | p95 ms | max ms | queries | p95 / baseline | goal |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for kind, urls in kinds.items():
        if not urls:
            continue
        timings = measure(client, urls)
        p95 = percentile(timings, 95)
        goal = SEARCH_GOAL if kind.startswith("检索") else PAGE_GOAL
        counts = {queries(client, url) for url in urls[:5]}
        print(
            f"| {kind} | {statistics.median(timings):.1f} | {p95:.1f} | {max(timings):.1f} | "
            f"{'–'.join(map(str, sorted(counts)))} | {p95 / baseline:.0f}× | "
            f"{'✓' if p95 < goal else '✗'} < {goal} |"
        )


if __name__ == "__main__":
    main()
