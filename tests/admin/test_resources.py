import codecs
import datetime
import re

import pytest
import tablib
from django import forms
from django.urls import reverse

from archive.lib.han import HAN
from archive.models import Article, Byline, Issue, Person
from archive.resources import (
    ArticleResource,
    BylineResource,
    EventResource,
    IssueResource,
    OrganisationResource,
    PersonResource,
    TagResource,
)

SEED = "003_53491b8926f1e68c.txt"


def test_exports_use_natural_keys(imported_seeds):
    issues = IssueResource().export()
    assert issues.headers[0] == "源文件名"
    assert SEED in issues["源文件名"]
    articles = ArticleResource().export()
    assert set(articles["期"]) == set(Issue.objects.values_list("source_name", flat=True))
    bylines = BylineResource().export()
    assert "谢佳" in bylines["人物"]
    people = set(Person.objects.values_list("name", flat=True))
    assert set(PersonResource().export()["姓名"]) == people


@pytest.mark.parametrize(
    "resource",
    [IssueResource, ArticleResource, BylineResource, PersonResource, OrganisationResource, EventResource, TagResource],
)
def test_columns_are_labelled_in_chinese_each_its_own(resource):
    headers = resource().get_export_headers()
    assert len(set(headers)) == len(headers)
    for header in headers:
        assert re.search(f"[{HAN}]", header), header


def test_a_sheet_may_name_its_columns_by_label_or_by_field(imported_seeds):
    article = Article.objects.first()
    labelled = tablib.Dataset(headers=["\ufeff编号", "标题"])
    labelled.append([article.pk, "按中文列名改的标题"])
    assert not ArticleResource().import_data(labelled, raise_errors=True).has_errors()
    article.refresh_from_db()
    assert article.title == "按中文列名改的标题"
    named = tablib.Dataset(headers=["id", "title"])
    named.append([article.pk, "按字段名改的标题"])
    assert not ArticleResource().import_data(named, raise_errors=True).has_errors()
    article.refresh_from_db()
    assert article.title == "按字段名改的标题"


def test_csv_starts_with_a_byte_order_mark(imported_seeds, admin_client):
    url = reverse("admin:archive_person_export")
    form = admin_client.get(url).context["form"]
    csv_choice = next(value for value, label in form.fields["format"].choices if str(label).lower() == "csv")
    fields = {name: "on" for name, field in form.fields.items() if isinstance(field, forms.BooleanField)}
    response = admin_client.post(url, {"format": csv_choice, "resource": 0, **fields})
    assert response.content.startswith(codecs.BOM_UTF8)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig").splitlines()[0] == "姓名,别名,需要复核"


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
    dataset.dict = [{**dataset.dict[0], "标题": "表格改过的标题"}]
    result = ArticleResource().import_data(dataset, raise_errors=True)
    assert not result.has_errors()
    article.refresh_from_db()
    assert article.title == "表格改过的标题"
