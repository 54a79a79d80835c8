"""Every model the admin moves through spreadsheets survives the round trip:
export it from the admin, import the file back through the admin, and the
dry-run preview shows nothing new or changed; confirming it changes neither
the rows nor their history."""

import pytest
from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.admin import ImportMixin
from simple_history.models import HistoricalChanges

from archive.backup.tables import backed_up_models, plain
from archive.models import Article, Tag

FORMATS = ["csv", "xlsx"]
SPREADSHEET_ADMINS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ImportMixin) and model._meta.app_label == "archive"
    ),
    key=lambda model: model._meta.model_name,
)


def test_the_models_editors_move_through_spreadsheets_are_covered():
    names = {model._meta.model_name for model in SPREADSHEET_ADMINS}
    assert {"issue", "article", "byline", "person", "organisation", "event", "lexiconentry", "tag"} <= names


@pytest.fixture
def archive(imported_seeds, settings, tmp_path):
    """The seeds and a few tags; uploads kept in a media folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    articles = list(Article.objects.order_by("pk")[:3])
    Tag.objects.create(name="校园安全", description="学校与周边").articles.add(*articles[:2])
    Tag.objects.create(name="警务合作").articles.add(articles[2])
    return imported_seeds


def snapshot():
    """Every archive row, history included, field by field."""
    return {
        model._meta.label: [
            tuple(plain(value) for value in row)
            for row in model._base_manager.order_by("pk").values_list(
                *(field.attname for field in model._meta.concrete_fields)
            )
        ]
        for model in backed_up_models()
    }


def history_count():
    return sum(model.objects.count() for model in backed_up_models() if issubclass(model, HistoricalChanges))


def problems(result):
    """What a result reports, for a failing assertion to show."""
    return (
        [error.error for error in result.base_errors]
        + [[str(e.error) for e in row.errors] for row in result.rows if row.errors]
        + [(row.number, row.error_dict) for row in result.invalid_rows]
        + [(row.import_type, row.diff) for row in result.rows if row.import_type in ("new", "update")]
    )


def choice(form, field, title):
    return next(value for value, label in form.fields[field].choices if str(label).lower() == title)


def export(client, model, title):
    url = reverse(f"admin:archive_{model._meta.model_name}_export")
    form = client.get(url).context["form"]
    data = {"format": choice(form, "format", title), "resource": 0}
    data.update({name: "on" for name, field in form.fields.items() if isinstance(field, forms.BooleanField)})
    response = client.post(url, data)
    assert response.status_code == 200 and response.get("Content-Disposition"), response
    return response.content


@pytest.mark.parametrize("title", FORMATS)
@pytest.mark.parametrize("model", SPREADSHEET_ADMINS, ids=lambda model: model._meta.model_name)
def test_export_then_import_changes_nothing(archive, admin_client, model, title):
    rows = model._base_manager.count()
    assert rows, f"no {model._meta.model_name} rows to round-trip"
    exported = export(admin_client, model, title)
    before, histories = snapshot(), history_count()

    url = reverse(f"admin:archive_{model._meta.model_name}_import")
    form = admin_client.get(url).context["form"]
    preview = admin_client.post(
        url,
        {
            "import_file": SimpleUploadedFile(f"export.{title}", exported),
            "format": choice(form, "format", title),
            "resource": 0,
        },
    )

    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.totals["new"] == result.totals["update"] == result.totals["delete"] == 0, problems(result)
    assert not result.has_errors() and not result.has_validation_errors(), problems(result)
    assert result.totals["skip"] == rows
    assert "confirm_form" in preview.context
    assert snapshot() == before

    done = admin_client.post(
        reverse(f"admin:archive_{model._meta.model_name}_process_import"),
        preview.context["confirm_form"].initial,
    )

    assert done.status_code == 302
    assert snapshot() == before
    assert history_count() == histories
