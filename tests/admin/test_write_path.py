"""Whatever path changes an article, what follows from its text (the search
index, the segmentation, the mentions) follows in the same request: the
change form and its inlines, a revert from the history, a spreadsheet, a
shell's ``save()``. Editors' line breaks are stored as ``\\n``."""

import datetime

import pytest
import tablib
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from archive.importer import import_file
from archive.importer.mentions import record_mentions
from archive.models import Article, Byline, Event, Issue, Mention, Person, Position
from archive.resources import ArticleResource, BylineResource, IssueResource
from archive.search import Filters, Search, containing, index_articles, parse_query
from archive.segmentations import segment_articles
from tests.admin.forms import form_data

OLD_BODY = "嘉善县召开防汛工作会议。"
NEW_BODY = "海宁市开展禁毒宣传活动。省公安厅副厅长赵明远出席并讲话。"


def url(model, view, *args):
    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def article(db):
    """A dated article, with what follows from it made as an import would."""
    issue = Issue.objects.create(
        source_name="write.txt", source=b"", source_sha256="0" * 64, source_encoding="utf-8",
        date=datetime.date(2024, 7, 5),
    )
    article = Article.objects.create(issue=issue, position=1, title="防汛会议", body=OLD_BODY)
    Byline.objects.create(article=article, person=Person.objects.create(name="钱塘"), role="本报记者")
    record_mentions(issue)
    segment_articles([article.pk])
    index_articles([article.pk])
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(user)
    return client


def found(words):
    return Search(parse_query(words)).count()


def assert_follows_body(article, body):
    """The index, the segmentation and the mentions are those of ``body``."""
    article = Article.objects.select_related("segmentation").get(pk=article.pk)
    assert article.body == body
    assert article.segmentation.fits(article.text())
    if "禁毒" in body:
        assert found("禁毒") == 1 and found("嘉善") == 0
        assert containing(["赵明远"]) == [article.pk]
        assert Mention.objects.filter(article=article, person__name="赵明远").exists()
        assert Mention.objects.filter(article=article, organisation__name="浙江省公安厅").exists()
    else:
        assert found("嘉善") == 1 and found("禁毒") == 0
        assert not Mention.objects.filter(article=article, person__name="赵明远").exists()
        assert Mention.objects.filter(article=article, event__name="防汛工作会议").exists()


def test_the_change_form_stores_line_breaks_as_newlines_and_refreshes_what_follows(article, editor):
    change = url(Article, "change", article.pk)
    data = form_data(editor.get(change))
    data["body"] = NEW_BODY.replace("。省", "。\r\n省")
    assert editor.post(change, data).status_code == 302
    article.refresh_from_db()
    assert "\r" not in article.body
    assert_follows_body(article, NEW_BODY.replace("。省", "。\n省"))


def test_an_inline_byline_change_reaches_the_index_and_the_mentions(article, editor):
    change = url(Article, "change", article.pk)
    page = editor.get(change)
    data = form_data(page)
    person = Person.objects.create(name="沈西湖")
    data["bylines-0-person"] = person.pk
    assert editor.post(change, data).status_code == 302
    assert found("沈西湖") == 1
    assert found("钱塘") == 0
    assert Mention.objects.filter(article=article, person=person, start__isnull=True).exists()


def test_a_revert_from_the_history_refreshes_what_follows(article, editor):
    change = url(Article, "change", article.pk)
    data = form_data(editor.get(change))
    data["body"] = NEW_BODY
    assert editor.post(change, data).status_code == 302
    assert_follows_body(article, NEW_BODY)

    original = article.history.earliest("history_date")
    revert = url(Article, "simple_history", article.pk, original.history_id)
    assert editor.post(revert, form_data(editor.get(revert))).status_code == 302
    assert_follows_body(article, OLD_BODY)


def test_a_spreadsheet_import_refreshes_what_follows(article):
    dataset = ArticleResource().export(Article.objects.filter(pk=article.pk))
    dataset.dict = [{**dataset.dict[0], "body": NEW_BODY.replace("。省", "。\r\n省")}]
    result = ArticleResource().import_data(dataset, raise_errors=True)
    assert not result.has_errors()
    assert_follows_body(article, NEW_BODY.replace("。省", "。\n省"))


def test_a_spreadsheet_dry_run_changes_nothing(article):
    dataset = ArticleResource().export(Article.objects.filter(pk=article.pk))
    dataset.dict = [{**dataset.dict[0], "body": NEW_BODY}]
    ArticleResource().import_data(dataset, dry_run=True, raise_errors=True)
    assert_follows_body(article, OLD_BODY)


def test_a_spreadsheet_of_bylines_reaches_the_index(article):
    byline = article.bylines.get()
    Person.objects.create(name="沈西湖")
    dataset = tablib.Dataset(headers=["id", "article", "person", "role", "credit", "position"])
    dataset.append([byline.pk, article.pk, "沈西湖", "通讯员", "text", 1])
    assert not BylineResource().import_data(dataset, raise_errors=True).has_errors()
    assert found("沈西湖") == 1 and found("钱塘") == 0


def test_a_shell_save_refreshes_what_follows(article):
    article.body = NEW_BODY
    article.save()
    assert_follows_body(article, NEW_BODY)


def test_withdrawing_in_a_shell_leaves_the_search(article):
    article.published = False
    article.save()
    assert found("防汛") == 0


UNDATED_PAGE = "\n\n".join(
    [
        "浙江法治报",
        "第7050期",
        "海宁开展禁毒宣传活动",
        "本报记者 钱塘",
        "本报讯 7月3日上午,海宁市开展禁毒宣传活动。省公安厅副厅长赵明远出席并讲话。",
    ]
)


@pytest.fixture
def undated(db, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED_PAGE, encoding="utf-8")
    import_file(path)
    issue = Issue.objects.get(source_name="undated.txt")
    article = issue.articles.get()
    assert issue.date is None and article.date is None
    assert issue.warnings and article.warnings  # the parser's "date unknown"
    assert Event.objects.get(name="禁毒宣传活动").start_date is None
    return path, issue


@pytest.fixture
def reviewer(db, django_user_model):
    user = django_user_model.objects.create_user("reviewer", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="审校"))
    client = Client()
    client.force_login(user)
    return client


def assert_dated(issue):
    issue.refresh_from_db()
    article = issue.articles.get()
    assert issue.date == datetime.date(2024, 7, 5)
    assert issue.warnings == [] and article.warnings == []
    assert not Issue.objects.needing_review().exists()
    assert article.date == datetime.date(2024, 7, 3)
    event = Event.objects.get(mentions__article=article)
    assert (event.name, event.start_date) == ("禁毒宣传活动", datetime.date(2024, 7, 3))
    position = Position.objects.get(person__name="赵明远")
    assert position.first_seen == position.last_seen == datetime.date(2024, 7, 5)
    key = Search(parse_query("禁毒"), Filters(start=datetime.date(2024, 7, 1))).count()
    assert key == 1  # the index knows the issue's date


def test_giving_an_issue_its_date_resolves_its_articles(undated, reviewer):
    _, issue = undated
    change = url(Issue, "change", issue.pk)
    data = form_data(reviewer.get(change))
    data["date"] = "2024-07-05"
    assert reviewer.post(change, data).status_code == 302
    assert_dated(issue)
    assert Event.objects.count() == 1


def test_a_date_given_by_spreadsheet_resolves_and_survives_a_reimport(undated):
    path, issue = undated
    dataset = tablib.Dataset(headers=["source_name", "date"])
    dataset.append([issue.source_name, "2024-07-05"])
    assert not IssueResource().import_data(dataset, raise_errors=True).has_errors()
    assert_dated(issue)
    path.write_text(UNDATED_PAGE.replace("出席并讲话", "出席活动并讲话"), encoding="utf-8")
    import_file(path)
    assert_dated(issue)
