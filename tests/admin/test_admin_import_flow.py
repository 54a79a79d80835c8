"""The admin's spreadsheet import in its two requests, preview then confirm,
as two server processes would serve them: the uploaded file is kept in media
storage between them, not in one process's temp folder or memory."""

import tempfile

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.models import Person

pytestmark = pytest.mark.django_db

FOLDER = "django-import-export"  # where MediaStorage keeps the uploads


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def csv_format(response):
    choices = response.context["form"].fields["format"].choices
    return next(value for value, label in choices if label.lower() == "csv")


def test_confirm_in_a_second_process_reads_the_upload_from_media(
    media_root, admin_user, admin_client, monkeypatch, tmp_path
):
    Person.objects.create(name="谢佳")
    upload = "name\n谢佳\n王乃召\n".encode()

    form = admin_client.get(reverse("admin:archive_person_import"))
    preview = admin_client.post(
        reverse("admin:archive_person_import"),
        {
            "import_file": SimpleUploadedFile("people.csv", upload, "text/csv"),
            "format": csv_format(form),
        },
    )

    assert preview.status_code == 200
    assert "王乃召" in preview.text  # the dry-run preview lists the new row
    assert list(Person.objects.values_list("name", flat=True)) == ["谢佳"]
    confirm = preview.context["confirm_form"].initial
    stored = media_root / FOLDER / confirm["import_file_name"]
    assert stored.read_bytes() == upload

    # Another process: its own temp folder and an empty local cache.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "other-process-tmp"))
    caches["default"].clear()
    other = Client()
    other.force_login(admin_user)
    done = other.post(reverse("admin:archive_person_process_import"), confirm)

    assert done.status_code == 302
    assert sorted(Person.objects.values_list("name", flat=True)) == ["王乃召", "谢佳"]
    added = Person.objects.get(name="王乃召")
    assert added.history.get().history_user == admin_user
    assert not stored.exists()  # removed once imported


def test_a_spreadsheet_larger_than_the_limit_is_refused(media_root, admin_client, settings):
    settings.NEWSROOM_MAX_SPREADSHEET_BYTES = 1000
    upload = ("name\n" + "".join(f"人物{n}\n" for n in range(300))).encode()
    assert len(upload) > 1000

    form = admin_client.get(reverse("admin:archive_person_import"))
    response = admin_client.post(
        reverse("admin:archive_person_import"),
        {"import_file": SimpleUploadedFile("people.csv", upload, "text/csv"), "format": csv_format(form)},
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["import_file"]
    assert "文件过大" in error and "请分成几个文件导入" in error
    assert not (media_root / FOLDER).exists() or not any((media_root / FOLDER).iterdir())
    assert not Person.objects.exists()
