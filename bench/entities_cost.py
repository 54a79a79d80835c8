"""What the extraction step costs an import: people, organisations and
events found in every article and written as rows (archive.importer.mentions), as
a share of the whole import.

Generates front pages with bench/generate.py (or takes the five seed
pages), then imports them all several times in one process, alternately
with the extraction step and without it (archive.importer.writer.record_mentions
replaced by a no-op), each pass in a transaction rolled back at its end so
that every pass starts from the same empty archive and the same lexicon.
The best pass of each kind counts, because the machines are noisy. Within a
pass with extraction, the time spent in archive.lib.extraction.extract itself
(pure Python and jieba) and in teaching the lexicon (archive.segmentations.learn,
which also segments again the articles holding new names) is reported
apart from the rest of the step (finding and writing rows).

    .venv/bin/python bench/entities_cost.py [--issues 100] [--seeds] [--rounds 3]
        [--database postgres://postgres@127.0.0.1:5432/bench_entities]

Without --database a temporary SQLite file is used. A PostgreSQL database
that does not exist is created; never point --database at data you want to
keep.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from _setup import REPO, configure


class Timer:
    """Wraps a function and adds up the time spent in it."""

    def __init__(self, function):
        self.function, self.seconds = function, 0.0

    def __call__(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return self.function(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - began


def one_pass(files, extracting):
    """Import every file in one rolled-back transaction; the seconds it took
    and, with extraction, the seconds spent extracting and teaching."""
    from django.db import transaction

    import archive.importer.mentions
    import archive.importer.writer
    from archive.lexicon import sync_tokenizer

    record_mentions, extract, learn = (
        archive.importer.writer.record_mentions,
        archive.importer.mentions.extract,
        archive.importer.mentions.learn,
    )
    extract_timer, learn_timer, step_timer = Timer(extract), Timer(learn), Timer(record_mentions)
    archive.importer.mentions.extract, archive.importer.mentions.learn = extract_timer, learn_timer
    archive.importer.writer.record_mentions = step_timer if extracting else (lambda issue, found=None: None)
    try:
        sync_tokenizer()  # the lexicon as the empty archive holds it
        began = time.perf_counter()
        with transaction.atomic():
            for path in files:
                outcome = archive.importer.import_file(path)
                if outcome.status == archive.importer.FAILED:
                    raise SystemExit(f"{path}: {outcome.reason}")
            elapsed = time.perf_counter() - began
            transaction.set_rollback(True)
    finally:
        archive.importer.writer.record_mentions = record_mentions
        archive.importer.mentions.extract, archive.importer.mentions.learn = extract, learn
    return elapsed, step_timer.seconds, extract_timer.seconds, learn_timer.seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=100, help="generated issues to import (default 100)")
    parser.add_argument("--seeds", action="store_true", help="import the five seed pages instead")
    parser.add_argument("--rounds", type=int, default=3, help="passes of each kind; the best counts")
    parser.add_argument("--database", help="a database URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-entities-") as folder:
        workdir = Path(folder)
        configure(args.database or f"sqlite:///{workdir / 'archive.sqlite3'}", workdir / "data")
        from django.core.management import call_command

        from archive.importer import find_sources
        from archive.lib.extraction import extract
        from archive.lib.parsing.records import Article
        from archive.lib.segmentation import shared_tokenizer

        call_command("migrate", verbosity=0)
        if args.seeds:
            files, _ = find_sources([REPO / "seeds"])
        else:
            sys.path.insert(0, str(REPO / "bench"))
            from generate import generate

            generate(workdir / "pages", args.issues, args.seed)
            files, _ = find_sources([workdir / "pages"])
        extract(Article(position=1, paragraphs=["王成国出席会议并讲话。"]), tokenizer=shared_tokenizer())

        without, with_ = [], []
        for _ in range(args.rounds):
            without.append(one_pass(files, extracting=False))
            with_.append(one_pass(files, extracting=True))
        base = min(total for total, *_ in without)
        total, step, extracting, teaching = min(with_)
        from archive.models import Article as Row

        print(f"{len(files)} issues; best of {args.rounds} passes each; {os.environ['DATABASE_URL'].split(':')[0]}")
        print(f"import without extraction  {base:8.2f} s")
        print(f"import with extraction     {total:8.2f} s  ({total / base:.2f}x)")
        print(f"  extraction step          {step:8.2f} s  = {step / total:.1%} of the import")
        print(f"    extract() (Python)     {extracting:8.2f} s  = {extracting / total:.1%}")
        print(f"    teaching the lexicon   {teaching:8.2f} s  = {teaching / total:.1%}")
        rows = step - extracting - teaching
        print(f"    rows (find and write)  {rows:8.2f} s  = {rows / total:.1%}")
        print(f"difference of the totals   {total - base:8.2f} s  = {(total - base) / total:.1%} of the import")
        assert not Row.objects.exists()  # every pass was rolled back


if __name__ == "__main__":
    main()
