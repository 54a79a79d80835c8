"""Parse and extraction quality on real front pages, and on the seeds.

Imports the real pages of the development set (``realpages/pages``) into a
throw-away SQLite database with ``manage.py import_issues``, exports the
archive with ``export_archive`` and scores the export with the set's own
``score.py`` (its gold, its conventions). Then does the same with the five
seed pages (``seeds/``) and scores what their export names against the hand
annotation the tests use (``tests/seed_entities.json``): people by name,
organisations by canonical name, events by name, as
``tests/importer/test_entities_seeds.py`` counts them.

    .venv/bin/python bench/realpages.py [--realpages DIR] [--problems]

DIR defaults to ``../shared/benchmarks/realpages`` beside the checkout; the
pages and the gold are read there and never copied into the project.
``--problems`` also prints score.py's line per problem found. Prints markdown
tables for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REALPAGES = ROOT.parent / "shared" / "benchmarks" / "realpages"
SEEDS = ROOT / "seeds"
SEED_GOLD = ROOT / "tests" / "seed_entities.json"

STRUCTURE = ("articles_p", "articles_r", "articles_f1", "body", "body_strict", "title", "kicker", "bylines",
             "dateline", "continued", "joins", "kind", "issue_meta")
ENTITIES = ("persons", "organisations", "events")


def export_of(pages: Path, workdir: Path) -> Path:
    """Import pages into a new SQLite database in workdir and export it."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{workdir / 'archive.sqlite3'}")
    env.setdefault("DJANGO_DEBUG", "1")
    output = workdir / "export.json"
    for args in (
        ("migrate", "--noinput", "-v0"),
        ("import_issues", str(pages)),
        ("export_archive", "--output", str(output)),
    ):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    return output


def score_realpages(realpages: Path, export: Path, problems: bool) -> dict[str, float]:
    """score.py's metrics, from its summary line."""
    result = subprocess.run(
        [sys.executable, str(realpages / "score.py"), str(export), "--part", "all"],
        check=True, capture_output=True, text=True,
    )
    lines = result.stdout.strip().splitlines()
    if problems:
        print("\n".join(lines[:-1]))
    return {key: float(value) for key, value in (item.split("=") for item in lines[-1].split())}


def score_seeds(export: Path) -> dict[str, float]:
    """Precision, recall and F1 of the seeds' people, organisations and events."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    exported = json.loads(export.read_text(encoding="utf-8"))
    metrics = {}
    for key in ENTITIES:
        field = "canonical" if key == "organisations" else "name"
        hits = found_total = expected_total = 0
        for issue in exported["issues"]:
            expected = set(gold[issue["source"]][key])
            found = {entry[field] for article in issue["articles"] for entry in article[key]}
            hits += len(expected & found)
            found_total += len(found)
            expected_total += len(expected)
        precision = hits / found_total if found_total else 0.0
        recall = hits / expected_total if expected_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        metrics.update({f"{key}_p": precision, f"{key}_r": recall, f"{key}_f1": f1})
    return metrics


def table(title: str, rows: list[tuple[str, str]]) -> str:
    lines = [f"| {title} | value |", "| --- | ---: |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


def entity_rows(metrics: dict[str, float]) -> list[tuple[str, str]]:
    return [
        (f"{key} P / R / F1", " / ".join(f"{metrics[f'{key}_{part}']:.2f}" for part in ("p", "r", "f1")))
        for key in ENTITIES
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realpages", type=Path, default=DEFAULT_REALPAGES, help="the development set's folder")
    parser.add_argument("--problems", action="store_true", help="print score.py's problem lines too")
    options = parser.parse_args()
    realpages = options.realpages.resolve()
    if not (realpages / "score.py").exists():
        sys.exit(f"no development set at {realpages} (give --realpages)")
    with tempfile.TemporaryDirectory(prefix="realpages-") as work:
        work = Path(work)
        (work / "real").mkdir()
        (work / "seeds").mkdir()
        real = score_realpages(realpages, export_of(realpages / "pages", work / "real"), options.problems)
        seeds = score_seeds(export_of(SEEDS, work / "seeds"))
    structure = [(key, f"{real[key]:.2f}") for key in STRUCTURE]
    print(table("realpages: structure", structure))
    print()
    print(table("realpages: entities", entity_rows(real)))
    print()
    print(table("seeds (tests/seed_entities.json)", entity_rows(seeds)))


if __name__ == "__main__":
    main()
