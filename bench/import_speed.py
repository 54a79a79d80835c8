"""How fast ``import_issues`` imports, against plain jieba.cut on one core.

Generates a corpus (bench/generate.py) or takes --corpus DIR, and imports it
into a fresh database once per --workers value, each import a
``manage.py import_issues`` process of its own, timed from start to end
(Django's start and jieba's dictionary included), with DEBUG off. In the same run, the
baseline: plain ``jieba.cut`` in this process, on one core, over the same text
the import segments (every article's ``records.article_text``, as the parser
reads it). CPU seconds are those of the import process and its workers
(on a machine shared with other work, a steadier measure than seconds).
Peak memory is the largest sum of the proportional set sizes of
the import process and its workers, sampled every 50 ms. Last, the archive of the last
import is imported again unchanged.

    .venv/bin/python bench/import_speed.py [--issues 500] [--seed 1] [--articles-per-issue K] [--corpus DIR]
        [--workers 1 2] [--database postgres://…/name]

The database default is a SQLite file in a temporary folder, new for each
import; a PostgreSQL database given with --database is emptied before each
import (flush, and the search index). Prints a markdown table for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")


def manage(env, *args):
    subprocess.run([PYTHON, MANAGE, *args], env=env, check=True, stdout=subprocess.DEVNULL)


def resident(pid):
    """Proportional set size (memory shared between forked workers counted
    once) of a process and all its descendants, in bytes."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as status:
                for line in status:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack += map(int, children.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total


def cpu_of_children():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed_import(env, corpus, workers):
    """Seconds, CPU seconds (the import process and its workers) and peak
    resident bytes of one import."""
    cpu = cpu_of_children()
    began = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, MANAGE, "import_issues", "--workers", str(workers), str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, resident(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - began
    out, err = process.communicate()
    if process.returncode:
        raise SystemExit(f"import_issues failed:\n{err}")
    return seconds, cpu_of_children() - cpu, peak, out.strip()


def baseline(corpus):
    """Characters and seconds of plain jieba.cut, one core, over the texts
    the import segments."""
    import jieba

    from archive.importer.prepare import stored_record
    from archive.lib.parsing import parse_bytes, records

    texts = []
    for path in sorted(corpus.rglob("*.txt")):
        for article in parse_bytes(path.read_bytes()).articles:
            texts.append(records.article_text(stored_record(article)))
    jieba.initialize()
    began, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        for _ in jieba.cut(text):
            pass
    return sum(map(len, texts)), time.perf_counter() - began, time.process_time() - cpu


def fresh_database(env, database, folder, run):
    """A URL for an empty, migrated database for one import."""
    if database is None:
        url = f"sqlite:///{folder / f'import-{run}.sqlite3'}"
        manage({**env, "DATABASE_URL": url}, "migrate", "--no-input")
        return url
    env = {**env, "DATABASE_URL": database}
    manage(env, "migrate", "--no-input")
    manage(env, "flush", "--no-input")
    subprocess.run(
        [PYTHON, MANAGE, "shell", "-c",
         "from django.db import connection\n"
         "from archive.search import TABLE\n"
         "connection.cursor().execute(f'DELETE FROM {TABLE}')"],
        env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return database


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=500, help="issues to generate (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--articles-per-issue", type=int, help="articles per generated issue (default: varied)")
    parser.add_argument("--corpus", type=Path, help="import this folder instead of generating one")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run")
    parser.add_argument("--database", help="a PostgreSQL URL to use (default: new SQLite files)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()

    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        folder = Path(folder)
        corpus = args.corpus
        if corpus is None:
            from bench.generate import generate

            corpus = folder / "pages"
            generate(corpus, args.issues, args.seed, args.articles_per_issue)
        files = len(list(corpus.rglob("*.txt")))
        characters, jieba_seconds, jieba_cpu = baseline(corpus)
        # The imports run as in production: with DEBUG on, Django would also
        # keep the text of every query, which costs the writer a third more.
        env = {
            **os.environ,
            "NEWSROOM_DATA_DIR": os.environ.get("NEWSROOM_DATA_DIR", str(ROOT / "data")),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-import-speed",
        }
        rows = []
        for run, workers in enumerate(args.workers):
            url = fresh_database(env, args.database, folder, run)
            seconds, cpu, peak, summary = timed_import({**env, "DATABASE_URL": url}, corpus, workers)
            rows.append((workers, seconds, cpu, peak))
            print(summary, file=sys.stderr)
        again, _, again_peak, summary = timed_import({**env, "DATABASE_URL": url}, corpus, args.workers[-1])
        print(summary, file=sys.stderr)

    vendor = (args.database or "sqlite").split(":")[0]
    jieba_speed = characters / jieba_seconds
    print(f"{files} files, {characters:,} characters of article text; {vendor}; "
          f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print()
    print("| import | seconds | characters/s | vs jieba.cut, 1 core | CPU seconds, all processes | peak memory |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(f"| plain `jieba.cut`, 1 core | {jieba_seconds:.1f} | {jieba_speed:,.0f} | 1.00× | {jieba_cpu:.1f} | |")
    for workers, seconds, cpu, peak in rows:
        speed = characters / seconds
        print(f"| `--workers {workers}` | {seconds:.1f} | {speed:,.0f} | {speed / jieba_speed:.2f}× "
              f"| {cpu:.1f} | {peak / 2**20:,.0f} MiB |")
    print(f"| again, unchanged (`--workers {args.workers[-1]}`) | {again:.1f} | | | | {again_peak / 2**20:,.0f} MiB |")


if __name__ == "__main__":
    main()
