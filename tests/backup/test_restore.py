"""Backup and restore: ``export_archive`` then ``import_archive`` into an
empty database gives back the same archive, editors' changes and history
included; a database that is not empty, or a file that is not a whole
backup, is refused without writing anything."""

import gzip
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from simple_history.models import HistoricalChanges

from archive.backup.tables import backed_up_models
from archive.models import Article, LexiconEntry, Mention, Person, Segmentation, Tag
from archive.search import index_articles
from tests.admin.forms import form_data


def admin_url(model, view, *args):
    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def edited_archive(imported_seeds, admin_client):
    """The seeds, indexed, after an editor's day in the admin: a title, a
    segmentation, two people merged, a tag, a mention rejected, a word."""
    index_articles(Article.objects.values_list("pk", flat=True))
    article = Article.objects.filter(kind="news").order_by("pk").first()

    change = admin_url(Article, "change", article.pk)
    data = form_data(admin_client.get(change))
    data["title"] = "沪苏浙皖警务一体化恢复测试标题"
    assert admin_client.post(change, data).status_code == 302

    correction = reverse("admin:archive_article_segmentation", args=[article.pk])
    form = admin_client.get(correction).context["form"]
    data = {name: form[name].value() for name in form.fields}
    edited = re.sub(r"恢复 测试", "恢复测试", data["segmented"], count=1)
    assert edited != data["segmented"]
    corrected = admin_client.post(correction, {**data, "segmented": edited})
    assert corrected.status_code == 302, corrected.context["form"].errors

    people = list(Person.objects.filter(bylines__isnull=False).distinct().order_by("pk")[:2])
    merge = admin_client.post(
        admin_url(Person, "changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [p.pk for p in people],
            "post": "yes",
            "survivor": people[0].pk,
        },
    )
    assert merge.status_code == 302

    data = form_data(admin_client.get(change))
    data["new_tags"] = "警务合作"
    tagged = admin_client.post(change, data)
    assert tagged.status_code == 302

    mention = Mention.objects.order_by("pk").first()
    reject = admin_client.post(
        admin_url(Mention, "changelist"), {"action": "reject", "_selected_action": [mention.pk]}
    )
    assert reject.status_code == 302

    add_word = admin_client.post(
        admin_url(LexiconEntry, "add"),
        {"word": "长三角警务", "source": "editor", "part_of_speech": "nz", "frequency": ""},
    )
    assert add_word.status_code == 302

    assert Segmentation.objects.filter(state="editor").exists()
    assert Tag.objects.filter(name="警务合作").exists()
    assert Mention.objects.get(pk=mention.pk).status == "rejected"
    return article


def history():
    """Every history row of every tracked model: what, when, how, why, who."""
    rows = {}
    for model in backed_up_models():
        if issubclass(model, HistoricalChanges):
            rows[model._meta.label] = [
                (row.history_id, row.history_date, row.history_type, row.history_change_reason,
                 row.history_user.username if row.history_user else None)
                for row in model.objects.select_related("history_user").order_by("history_id")
            ]
    return rows


def empty_the_database():
    if connection.vendor == "postgresql":
        # The test's transaction holds deferred foreign-key checks, which
        # PostgreSQL will not TRUNCATE under: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not any(model.objects.exists() for model in backed_up_models())


def archive_rows():
    return sum(model._base_manager.count() for model in backed_up_models())


def test_export_then_restore_into_an_empty_database_gives_the_same_archive(
    edited_archive, manage, tmp_path, client
):
    backup = tmp_path / "archive.json"
    assert manage("export_archive", "--output", str(backup)).status == 0
    before = backup.read_text(encoding="utf-8")
    history_before = history()
    ids_before = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    assert any(reason == "编辑" for rows in history_before.values() for *_, reason, _ in rows)
    assert any(user == "admin" for rows in history_before.values() for *_, user in rows)

    empty_the_database()
    restored = manage("import_archive", str(backup))

    assert restored.status == 0, restored.stderr
    assert "已恢复" in restored.stdout
    assert "admin" in restored.stdout  # the editor's account, made again, inactive
    assert not get_user_model().objects.get(username="admin").is_active
    again = tmp_path / "again.json"
    manage("export_archive", "--output", str(again))
    assert again.read_text(encoding="utf-8") == before
    assert history() == history_before
    assert list(Article.objects.order_by("pk").values_list("pk", flat=True)) == ids_before

    page = client.get(reverse("archive:article", args=[edited_archive.pk]))
    assert page.status_code == 200 and "沪苏浙皖警务一体化恢复测试标题" in page.text
    found = client.get(reverse("archive:search"), {"q": "恢复测试标题"})
    assert reverse("archive:article", args=[edited_archive.pk]) in found.text


def test_new_rows_after_a_restore_take_new_ids(edited_archive, tmp_path, manage):
    backup = tmp_path / "archive.json"
    manage("export_archive", "--output", str(backup))
    highest = Tag.objects.order_by("-pk").first().pk
    empty_the_database()
    assert manage("import_archive", str(backup)).status == 0
    assert Tag.objects.create(name="恢复后新建").pk > highest


def test_a_compressed_backup_restores(imported_seeds, tmp_path, manage):
    backup = tmp_path / "archive.json.gz"
    manage("export_archive", "--output", str(backup))
    text = gzip.decompress(backup.read_bytes()).decode()
    assert json.loads(text)["format"] == "newsroom-archive/2"
    rows = archive_rows()
    empty_the_database()
    assert manage("import_archive", str(backup)).status == 0
    assert archive_rows() == rows


def test_the_backup_holds_every_table_field_by_field(edited_archive, tmp_path, manage):
    backup = tmp_path / "archive.json"
    manage("export_archive", "--output", str(backup))
    tables = json.loads(backup.read_text(encoding="utf-8"))["tables"]
    assert list(tables) == [model._meta.label_lower for model in backed_up_models()]
    for model in backed_up_models():
        assert len(tables[model._meta.label_lower]) == model._base_manager.count()
    article = next(row for row in tables["archive.article"] if row["id"] == edited_archive.pk)
    assert set(article) == {field.name for field in Article._meta.concrete_fields}
    segmentation = next(row for row in tables["archive.segmentation"] if row["article"] == edited_archive.pk)
    assert (segmentation["state"], segmentation["edited_by"]) == ("editor", "admin")
    assert apps.get_model("archive", "HistoricalArticle")._meta.label_lower in tables


def test_a_database_with_an_archive_is_refused(imported_seeds, tmp_path, manage):
    backup = tmp_path / "archive.json"
    manage("export_archive", "--output", str(backup))
    rows = archive_rows()

    refused = manage("import_archive", str(backup))

    assert refused.status != 0
    assert "只导入到空的档案" in refused.stderr
    assert archive_rows() == rows


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda text: text[: len(text) * 9 // 10], "不完整"),  # cut inside the tables
        (lambda text: text[: len(text) // 3], "不完整"),  # cut before the tables
        (lambda text: text.replace('"format": "newsroom-archive/2"', '"format": "newsroom-archive/1"'), "格式"),
        (lambda text: text.replace('"date": "2024-07-25"', '"date": "2024-13-45"'), "无效"),
        (lambda text: text.replace('"source_encoding":', '"source_charset":', 1), "没有的字段"),
        (lambda text: "不是 JSON", "不是 export_archive"),
        (lambda text: text + "{}", "文档结束后还有内容"),
    ],
    ids=["truncated-tables", "truncated-issues", "old-format", "bad-date", "unknown-field", "not-json", "trailing"],
)
def test_a_spoilt_backup_is_refused_and_writes_nothing(imported_seeds, tmp_path, manage, spoil, message):
    backup = tmp_path / "archive.json"
    manage("export_archive", "--output", str(backup))
    spoilt = tmp_path / "spoilt.json"
    spoilt.write_text(spoil(backup.read_text(encoding="utf-8")), encoding="utf-8")
    empty_the_database()

    refused = manage("import_archive", str(spoilt))

    assert refused.status != 0
    assert "没有导入任何数据" in refused.stderr and message in refused.stderr, refused.stderr
    assert archive_rows() == 0


def test_bytes_that_are_not_utf8_are_refused(db, tmp_path, manage):
    spoilt = tmp_path / "spoilt.json"
    spoilt.write_bytes(b'{"format": "\xff\xfe"}')
    refused = manage("import_archive", str(spoilt))
    assert refused.status != 0 and "UTF-8" in refused.stderr
