import datetime
import shutil

from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.importer import (
    CREATED,
    FAILED,
    UNCHANGED,
    UPDATED,
    find_sources,
    import_file,
)
from archive.lexicon import sync_tokenizer
from archive.models import Article, Byline, Issue, Person
from tests.importer.conftest import SEED, rewrite


def history_counts():
    return [m.history.count() for m in (Issue, Article, Person, Byline)]






def test_seeds_import_as_five_issues(imported_seeds):
    assert [o.status for o in imported_seeds] == [CREATED] * 5
    assert Issue.objects.count() == 5
    issue = Issue.objects.get(source_name=SEED)
    assert (issue.number, issue.date, issue.date_source) == (
        7047,
        datetime.date(2024, 7, 25),
        Issue.DateSource.MASTHEAD,
    )
    assert issue.page_count == 8
    assert Article.objects.count() == sum(len(o.issue.articles) for o in imported_seeds)
    first = issue.articles.get(position=1)
    assert first.title == "沪苏浙皖深入推进警务一体化高质量发展"
    assert [(b.person.name, b.role, b.credit) for b in first.bylines.all()] == [
        ("谢佳", "通讯员", "text")
    ]


def test_source_is_kept_byte_for_byte(imported_seeds, seeds_dir):
    for issue in Issue.objects.all():
        data = (seeds_dir / issue.source_name).read_bytes()
        assert bytes(issue.source) == data
        assert issue.source_encoding == "utf-8"
        assert issue.source_text() == data.decode("utf-8")


def test_people_are_shared_between_articles(imported_seeds):
    # 王乃召 signs articles in two issues; he is one person.
    person = Person.objects.get(name="王乃召")
    assert person.bylines.values("article__issue").distinct().count() >= 2


def test_issue_without_masthead_date_needs_review(imported_seeds):
    undated = Issue.objects.get(source_name="000_0352cf29d8e7f11b.txt")
    assert undated.date is None
    assert Issue.objects.needing_review().filter(pk=undated.pk).exists()
    assert not Issue.objects.needing_review().filter(source_name=SEED).exists()


def test_reimport_of_same_bytes_writes_nothing(imported_seeds, seeds_dir):
    stamps = dict(Issue.objects.values_list("source_name", "updated_at"))
    before = history_counts()
    files, _ = find_sources([seeds_dir])
    assert [import_file(path).status for path in files] == [UNCHANGED] * 5
    assert dict(Issue.objects.values_list("source_name", "updated_at")) == stamps
    assert history_counts() == before


def test_import_writes_history_with_a_reason(page, db):
    import_file(page)
    issue = Issue.objects.get()
    assert issue.history.get().history_change_reason == "导入"
    assert Article.history.filter(history_change_reason="导入").count() == issue.articles.count()


def test_failed_parse_writes_nothing(tmp_path, db):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"   \n")
    outcome = import_file(path)
    assert outcome.status == FAILED
    assert outcome.reason
    assert not Issue.objects.exists()
    assert history_counts() == [0, 0, 0, 0]


def test_dry_run_reports_without_writing(page, db):
    outcome = import_file(page, dry_run=True)
    assert outcome.status == CREATED
    assert outcome.issue.number == 7047
    assert not Issue.objects.exists()
    assert not Person.objects.exists()
    assert history_counts() == [0, 0, 0, 0]


def test_changed_file_updates_what_no_editor_touched(page, db):
    import_file(page)
    rewrite(page, ("第7047期", "第7048期"), ("在浙江温州召开", "在浙江杭州召开"))
    outcome = import_file(page)
    assert outcome.status == UPDATED
    issue = Issue.objects.get()
    assert issue.number == 7048
    assert issue.parsed["number"] == 7048
    assert "浙江杭州召开" in issue.articles.get(position=1).body
    assert bytes(issue.source) == page.read_bytes()
    assert issue.history.first().history_change_reason == "重新导入"


def test_editor_changes_survive_reimport_of_changed_file(page, db):
    import_file(page)
    issue = Issue.objects.get()
    issue.date = datetime.date(2024, 7, 26)
    issue.mark_date_as_edited()
    issue.save()
    article = issue.articles.get(position=1)
    article.title = "编辑改过的标题"
    article.save()

    rewrite(page, ("第7047期", "第7048期"), ("在浙江温州召开", "在浙江杭州召开"))
    import_file(page)

    issue.refresh_from_db()
    assert issue.date == datetime.date(2024, 7, 26)
    assert issue.date_source == Issue.DateSource.EDITOR
    assert issue.number == 7048  # the editor did not touch it
    article.refresh_from_db()
    assert article.title == "编辑改过的标题"
    assert "浙江杭州召开" in article.body
    # The source's title did not change, so there is nothing to review.
    assert article.warnings == []


def test_kept_editor_value_is_flagged_when_source_changed_it_too(page, db):
    import_file(page)
    article = Issue.objects.get().articles.get(position=1)
    article.title = "编辑改过的标题"
    article.save()

    rewrite(page, ("沪苏浙皖深入推进警务一体化高质量发展", "沪苏浙皖推进警务一体化"))
    outcome = import_file(page)

    article.refresh_from_db()
    assert article.title == "编辑改过的标题"
    assert article.parsed["title"] == "沪苏浙皖推进警务一体化"  # both are known
    assert any("编辑改过的标题" in w and "沪苏浙皖推进警务一体化" in w for w in article.warnings)
    assert outcome.notes


def test_editor_bylines_survive_reimport(page, db):
    import_file(page)
    article = Issue.objects.get().articles.get(position=1)
    byline = article.bylines.get()
    byline.person = Person.objects.create(name="谢佳佳")
    byline.save()

    rewrite(page, ("在浙江温州召开", "在浙江杭州召开"))
    import_file(page)

    assert [b.person.name for b in article.bylines.all()] == ["谢佳佳"]


def test_articles_gone_from_source_are_removed_unless_edited(page, db):
    import_file(page)
    issue = Issue.objects.get()
    teasers = list(issue.articles.filter(kind="teaser").order_by("position"))
    assert len(teasers) == 2
    teasers[0].title = "编辑改过的导读"
    teasers[0].save()
    added = Article.objects.create(issue=issue, position=99, title="编辑新加的文章")

    text = page.read_text(encoding="utf-8")
    page.write_text(text[: text.index("导读\n")], encoding="utf-8")
    import_file(page)

    remaining = set(issue.articles.values_list("pk", flat=True))
    assert teasers[0].pk in remaining
    assert teasers[1].pk not in remaining
    assert added.pk in remaining
    teasers[0].refresh_from_db()
    assert teasers[0].warnings  # kept, and says why
    added.refresh_from_db()
    assert added.warnings == []


def test_broken_new_version_leaves_existing_issue_untouched(page, db):
    import_file(page)
    issue = Issue.objects.get()
    articles = list(issue.articles.values_list("pk", "title"))
    before = history_counts()

    page.write_bytes(b"\x00\x01\x02 not text")
    outcome = import_file(page)

    assert outcome.status == FAILED
    issue.refresh_from_db()
    assert issue.number == 7047
    assert list(issue.articles.values_list("pk", "title")) == articles
    assert history_counts() == before


def test_import_queries_do_not_grow_with_articles(tmp_path, seeds_dir, db, monkeypatch):
    # The extraction step's queries are bounded in test_entities_import.py.
    monkeypatch.setattr("archive.importer.writer.record_mentions", lambda issue, found=None: None)
    monkeypatch.setattr("archive.derived.record_mentions", lambda issue, articles=None: [])
    sync_tokenizer()  # the lexicon is read once per process, not per import
    counts = []
    for name in ("000_0352cf29d8e7f11b.txt", SEED):  # 3 and 5 articles
        path = tmp_path / name
        shutil.copy(seeds_dir / name, path)
        with CaptureQueriesContext(connection) as queries:
            import_file(path)
        counts.append(len(queries))
    # 25, and on PostgreSQL two more per run: taking and leaving the lock
    # that keeps a second import out.
    budget = 25 + (2 if connection.vendor == "postgresql" else 0)
    assert counts[0] == counts[1] <= budget

    rewrite(path, ("第7047期", "第7048期"), ("在浙江温州召开", "在浙江杭州召开"))
    with CaptureQueriesContext(connection) as queries:
        import_file(path)
    # A re-import goes through archive.derived, as every change does: a few
    # more queries (the issue as stored, its dates), the same for any size.
    assert len(queries) <= budget + 5


def test_find_sources_walks_folders_sorted_and_reports_empty_ones(tmp_path, seeds_dir):
    (tmp_path / "empty").mkdir()
    nested = tmp_path / "nested" / "deeper"
    nested.mkdir(parents=True)
    (nested / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "nested" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "nested" / "skip.pdf").write_text("x", encoding="utf-8")

    files, failures = find_sources(
        [tmp_path / "nested", tmp_path / "empty", tmp_path / "missing.txt"]
    )

    assert [f.name for f in files] == ["a.txt", "b.txt"]
    assert [(f.path.name, f.status) for f in failures] == [
        ("empty", FAILED),
        ("missing.txt", FAILED),
    ]


def test_find_sources_refuses_two_files_of_one_name(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.txt").write_text("x", encoding="utf-8")
    files, failures = find_sources([tmp_path])
    assert files == [tmp_path / "a" / "page.txt"]
    assert failures[0].path == tmp_path / "b" / "page.txt"
    assert "a/page.txt" in failures[0].reason
