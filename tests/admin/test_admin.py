import datetime

import pytest
from django.urls import reverse

from archive.models import Article, Byline, Issue, Person
from tests.admin.forms import form_data

MODELS = [Issue, Article, Person, Byline]


def url(model, view, *args):
    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_renders_in_few_queries(
    imported_seeds, admin_client, django_assert_max_num_queries, model
):
    with django_assert_max_num_queries(10):
        response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert "浙江法治报档案" in response.text


@pytest.mark.parametrize(
    "query",
    ["review=any", "review=date", "review=warnings", "q=王乃召", "date__year=2024"],
)
def test_issue_filters_render(imported_seeds, admin_client, query):
    response = admin_client.get(url(Issue, "changelist") + "?" + query)
    assert response.status_code == 200


def test_needs_review_filter_lists_undated_issues(imported_seeds, admin_client):
    response = admin_client.get(url(Issue, "changelist") + "?review=date")
    assert "000_0352cf29d8e7f11b.txt" in response.text
    assert "日期不详" in response.text
    assert "003_53491b8926f1e68c.txt" not in response.text


@pytest.mark.parametrize("query", ["warned=yes", "warned=no", "kind__exact=photo", "q=谢佳"])
def test_article_filters_render(imported_seeds, admin_client, query):
    response = admin_client.get(url(Article, "changelist") + "?" + query)
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_object_pages_render(imported_seeds, admin_client, model, view):
    obj = model.objects.first()
    response = admin_client.get(url(model, view, obj.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["import", "export"])
def test_import_export_pages_render(imported_seeds, admin_client, model, view):
    response = admin_client.get(url(model, view))
    assert response.status_code == 200


def test_issue_change_page_shows_source(imported_seeds, admin_client):
    issue = Issue.objects.get(source_name="003_53491b8926f1e68c.txt")
    response = admin_client.get(url(Issue, "change", issue.pk))
    assert "<pre" in response.text
    assert "沪苏浙皖深入推进警务一体化高质量发展" in response.text
    assert issue.source_sha256 in response.text


def test_issues_are_added_by_import_only(imported_seeds, admin_client):
    assert admin_client.get(url(Issue, "add")).status_code == 403


@pytest.mark.parametrize("model", [Article, Person, Byline], ids=lambda m: m.__name__)
def test_add_pages_render(imported_seeds, admin_client, model):
    assert admin_client.get(url(model, "add")).status_code == 200


def test_setting_the_date_in_the_admin_marks_it_as_edited(imported_seeds, admin_client):
    issue = Issue.objects.get(source_name="000_0352cf29d8e7f11b.txt")
    change = url(Issue, "change", issue.pk)
    data = form_data(admin_client.get(change))
    data["date"] = "2024-07-12"

    response = admin_client.post(change, data)

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.date == datetime.date(2024, 7, 12)
    assert issue.date_source == Issue.DateSource.EDITOR
    assert issue.history.first().history_user.username == "admin"


def test_saving_without_changing_the_date_keeps_its_source(imported_seeds, admin_client, seeds_dir):
    issue = Issue.objects.get(source_name="003_53491b8926f1e68c.txt")
    change = url(Issue, "change", issue.pk)
    data = form_data(admin_client.get(change))
    data["number"] = "7050"

    assert admin_client.post(change, data).status_code == 302
    issue.refresh_from_db()
    assert (issue.number, issue.date_source) == (7050, Issue.DateSource.MASTHEAD)
    assert bytes(issue.source) == (seeds_dir / issue.source_name).read_bytes()
