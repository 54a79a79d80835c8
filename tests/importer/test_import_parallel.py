"""``import_issues --workers N``: files are prepared in worker processes and
written by one, and the archive comes out the same whatever the number of
workers: same rows, same ids, same tokens, same mentions, same index."""

import datetime
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from archive.models import Article, Issue, LexiconEntry, Mention, Segmentation
from archive.search import KEYS, TABLE
from bench.generate import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Twenty generated issues: people and organisations recur across them,
    so that names one file teaches the lexicon turn up in later ones."""
    out = tmp_path_factory.mktemp("corpus")
    generate(out, issues=20, seed=6, articles_per_issue=8)
    return out


def archive_rows():
    """Every row of the archive's tables and their history, and the search
    index; times (which differ from run to run) left out."""
    state = {}
    for model in apps.get_app_config("archive").get_models():
        rows = []
        for row in model._base_manager.order_by("pk").values():
            rows.append(
                {
                    name: bytes(value) if isinstance(value, memoryview) else value
                    for name, value in row.items()
                    if not isinstance(value, datetime.datetime) and name != "history_id"
                }
            )
        state[model._meta.label] = rows
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT article_id, key, heading::text, document::text FROM {TABLE} ORDER BY article_id")
        else:
            cursor.execute(f"SELECT rowid, heading, body, credits, labels FROM {TABLE} ORDER BY rowid")
        state["index"] = cursor.fetchall()
    return state


TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def timeless(value):
    """``value`` without the times in it (when a row was written)."""
    if isinstance(value, dict):
        return {
            name: timeless(item)
            for name, item in value.items()
            if not (isinstance(item, str) and TIME.match(item))
        }
    if isinstance(value, list):
        return [timeless(item) for item in value]
    return value


def exported(tmp_path):
    output = tmp_path / "archive.json"
    call_command("export_archive", "--output", str(output))
    return timeless(json.loads(output.read_text(encoding="utf-8")))


def empty_archive():
    """Back to an empty database, ids counting from 1 again."""
    call_command("flush", "--no-input", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {KEYS}")
        else:
            cursor.execute("SELECT sequence_name FROM information_schema.sequences")
            for (sequence,) in cursor.fetchall():
                cursor.execute(f'ALTER SEQUENCE "{sequence}" RESTART WITH 1')


@pytest.mark.django_db(transaction=True)
def test_two_workers_write_the_archive_one_writes(corpus, manage, tmp_path):
    empty_archive()  # ids from 1, whatever the tests before used
    result = manage("import_issues", "--workers", "1", str(corpus))
    assert result.status == 0, result.stderr
    assert "新增 20 期" in result.stdout
    one = archive_rows(), exported(tmp_path)
    # What makes the order of files matter is there to be got right.
    assert Mention.objects.exists()
    assert LexiconEntry.objects.count() > 50
    assert Segmentation.objects.count() == Article.objects.count() > 100

    empty_archive()
    result = manage("import_issues", "--workers", "2", str(corpus))
    assert result.status == 0, result.stderr
    two = archive_rows(), exported(tmp_path)

    assert two[1] == one[1]
    for label, rows in one[0].items():
        assert two[0][label] == rows, label


@pytest.mark.django_db(transaction=True)
def test_a_failing_file_among_good_ones_writes_nothing_of_itself(corpus, manage, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    good = sorted(corpus.glob("gen_*.txt"))[:6]
    for path in good:
        (folder / path.name).write_bytes(path.read_bytes())
    bad = folder / "gen_000003_broken.txt"
    bad.write_bytes(b"\x00\x01\x02 not a page")

    result = manage("import_issues", "--workers", "2", str(folder))

    assert result.status != 0
    assert f"失败 {bad}：" in result.stderr
    assert "新增 6 期" in result.stdout and "失败 1 个" in result.stdout
    assert not Issue.objects.filter(source_name=bad.name).exists()
    assert set(Issue.objects.values_list("source_name", flat=True)) == {path.name for path in good}


@pytest.mark.django_db(transaction=True)
def test_reimporting_an_unchanged_archive_changes_nothing(corpus, manage):
    assert manage("import_issues", "--workers", "2", str(corpus)).status == 0
    before = archive_rows()

    result = manage("import_issues", "--workers", "2", str(corpus))

    assert result.status == 0
    assert "新增 0 期，更新 0 期，未变 20 期" in result.stdout
    assert archive_rows() == before


@pytest.mark.django_db(transaction=True)
def test_a_reimport_counts_as_a_new_version_of_the_articles_it_changes(corpus, manage, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    path = folder / sorted(corpus.glob("gen_*.txt"))[0].name
    text = (corpus / path.name).read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert manage("import_issues", str(folder)).status == 0
    article = Article.objects.filter(issue__source_name=path.name).order_by("position").first()
    assert article.version == 1
    words = article.body.split("\n")[0][:6]
    path.write_text(text.replace(words, "改写的一句", 1), encoding="utf-8")

    assert manage("import_issues", str(folder)).status == 0

    article.refresh_from_db()
    assert "改写的一句" in article.body
    assert article.version == 2  # an editor's form loaded at version 1 is refused
    assert article.history.first().version == 2
