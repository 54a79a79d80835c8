"""Spreadsheets that try to do harm: a row the admin's form would refuse is
refused by the import too; a text that a spreadsheet program would run as a
formula is exported as text and comes back as it was; a control character
does not break an XLSX export."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Article
from archive.resources import ArticleResource, IssueResource, escape_formula, unescape_formula
from tests.admin.test_admin_roundtrip import choice, export
from tests.factories import make_article, make_issue

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.invalid/","点这里")'


@pytest.fixture
def article():
    return make_article(make_issue("safety.txt"), title="原来的标题", body="正文。")


def test_an_article_row_with_a_kind_not_among_the_choices_is_refused(article):
    dataset = ArticleResource().export(Article.objects.filter(pk=article.pk))
    dataset.dict = [{**dataset.dict[0], "kind": "<script>alert(1)</script>"}]

    result = ArticleResource().import_data(dataset)

    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert "kind" in invalid.error_dict
    article.refresh_from_db()
    assert article.kind != "<script>alert(1)</script>"


def test_the_admin_import_refuses_it_too(article, admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    url = reverse("admin:archive_article_import")
    form = admin_client.get(url).context["form"]
    upload = f"id,issue,title,kind\n{article.pk},safety.txt,原来的标题,<script>\n".encode()

    preview = admin_client.post(
        url, {"import_file": SimpleUploadedFile("a.csv", upload), "format": choice(form, "format", "csv")}
    )

    assert preview.status_code == 200
    assert preview.context["result"].has_validation_errors()
    assert "confirm_form" not in preview.context


@pytest.mark.parametrize("title", ["csv", "tsv"])
def test_a_formula_is_exported_as_text_and_imported_back_as_it_was(article, admin_client, title, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    article.title = FORMULA
    article.body = "-1 是一个数，+86 是区号，@某人"
    article.save()

    exported = export(admin_client, Article, title).decode("utf-8-sig")

    rows = list(csv.DictReader(io.StringIO(exported), delimiter="\t" if title == "tsv" else ","))
    assert rows[0]["标题"] == "'" + FORMULA
    assert rows[0]["正文"] == "'-1 是一个数，+86 是区号，@某人"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    # Imported back, the texts are as they were: nothing to change.
    result = ArticleResource().import_data(tablib.Dataset().load(exported, format=title))
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["update"] == 0
    article.refresh_from_db()
    assert article.title == FORMULA


def test_an_xlsx_export_has_no_formula_and_survives_a_control_character(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_issue("控制\x01字符\x1b.txt")
    make_article(make_issue("=1+1.txt"), title=FORMULA, body="正文。")

    issues = openpyxl.load_workbook(io.BytesIO(export(admin_client, IssueResource._meta.model, "xlsx"))).active
    articles = openpyxl.load_workbook(io.BytesIO(export(admin_client, Article, "xlsx"))).active

    names = [row[0].value for row in issues.iter_rows(min_row=2)]
    assert "控制\ufffd字符\ufffd.txt" in names
    assert "'=1+1.txt" in names
    cells = [cell for row in [*issues.iter_rows(), *articles.iter_rows()] for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]


@pytest.mark.parametrize(
    "text",
    ["=1+1", "'=1+1", "''@x", "+86", "-", "\tx", "平常的文字", "'引号", "-12", "+3.5", "", "@"],
)
def test_escaping_is_undone_exactly(text):
    assert unescape_formula(escape_formula(text)) == text
