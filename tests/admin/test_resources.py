import datetime

import tablib

from archive.models import Article, Byline, Issue, Person
from archive.resources import ArticleResource, BylineResource, IssueResource, PersonResource

SEED = "003_53491b8926f1e68c.txt"


def test_exports_use_natural_keys(imported_seeds):
    issues = IssueResource().export()
    assert issues.headers[0] == "source_name"
    assert SEED in issues["source_name"]
    articles = ArticleResource().export()
    assert set(articles["issue"]) == set(Issue.objects.values_list("source_name", flat=True))
    bylines = BylineResource().export()
    assert "谢佳" in bylines["person"]
    people = set(Person.objects.values_list("name", flat=True))
    assert set(PersonResource().export()["name"]) == people


def test_spreadsheet_date_counts_as_an_editor_date(imported_seeds):
    dataset = tablib.Dataset(headers=["source_name", "date"])
    dataset.append(["000_0352cf29d8e7f11b.txt", "2024-07-12"])
    result = IssueResource().import_data(dataset, raise_errors=True)
    assert not result.has_errors()
    issue = Issue.objects.get(source_name="000_0352cf29d8e7f11b.txt")
    assert issue.date == datetime.date(2024, 7, 12)
    assert issue.date_source == Issue.DateSource.EDITOR
    assert bytes(issue.source)  # the source was not touched


def test_spreadsheet_cannot_add_issues(imported_seeds):
    dataset = tablib.Dataset(headers=["source_name", "number"])
    dataset.append(["new.txt", "1"])
    result = IssueResource().import_data(dataset)
    assert result.has_errors()
    assert not Issue.objects.filter(source_name="new.txt").exists()


def test_byline_import_finds_people_by_name(imported_seeds):
    byline = Byline.objects.select_related("person").first()
    Person.objects.create(name="新同事")
    dataset = tablib.Dataset(headers=["id", "article", "person", "role", "credit", "position"])
    dataset.append([byline.pk, byline.article_id, "新同事", "通讯员", "text", 1])
    result = BylineResource().import_data(dataset, raise_errors=True)
    assert not result.has_errors()
    byline.refresh_from_db()
    assert byline.person.name == "新同事"


def test_article_import_finds_issue_by_source_name(imported_seeds):
    article = Article.objects.first()
    dataset = ArticleResource().export(Article.objects.filter(pk=article.pk))
    dataset.dict = [{**dataset.dict[0], "title": "表格改过的标题"}]
    result = ArticleResource().import_data(dataset, raise_errors=True)
    assert not result.has_errors()
    article.refresh_from_db()
    assert article.title == "表格改过的标题"
