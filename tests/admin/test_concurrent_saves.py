"""Editors saving while others write, each request in its own thread and
connection as under gunicorn: a save waits its turn, and the loser of a race
gets the conflict page, never a 500 "database is locked" (SQLite)."""

import threading
import time

import pytest
from django.test import Client
from django.urls import reverse

from archive.admin import locking as admin_locking
from archive.importer import CREATED, import_file
from archive.importer import writer as import_writer
from archive.models import Article
from tests.admin.forms import form_data
from tests.concurrency import on_disk, run_together
from tests.factories import make_article, make_issue
from tests.paths import SEEDS_DIR

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database(tmp_path):
    with on_disk(tmp_path):
        yield


def editor(django_user_model, name):
    # A superuser: a transactional test's database has lost the groups of
    # the migrations when an earlier one is flushed.
    user = django_user_model.objects.create_superuser(name, password="x")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article(database):
    return make_article(make_issue("saving.txt"), title="平安浙江建设", body="正文。")


def test_the_loser_of_two_simultaneous_saves_gets_the_conflict_page(
    article, django_user_model, monkeypatch
):
    change = reverse("admin:archive_article_change", args=[article.pk])
    clients = [editor(django_user_model, f"editor{n}") for n in (1, 2)]
    data = [form_data(client.get(change)) for client in clients]
    data[0]["title"], data[1]["title"] = "第一位的标题", "第二位的标题"
    # Each save reads the row's version, then takes a moment before it
    # writes: the two reads meet inside the two transactions.
    read = admin_locking.current_version

    def slow_read(*args):
        version = read(*args)
        time.sleep(0.3)
        return version

    monkeypatch.setattr(admin_locking, "current_version", slow_read)

    responses = run_together(*(lambda c=c, d=d: c.post(change, d) for c, d in zip(clients, data)))

    assert not [r for r in responses if isinstance(r, Exception)], responses
    assert sorted(r.status_code for r in responses) == [200, 302]
    loser = next(r for r in responses if r.status_code == 200)
    assert "此文章已被 editor" in str(loser.context["adminform"].form.non_field_errors())
    winner = next(c for c, r in zip(clients, responses) if r.status_code == 302)
    article.refresh_from_db()
    assert article.title == data[clients.index(winner)]["title"]
    assert article.version == 2


def test_a_save_during_an_import_waits_for_it(article, django_user_model, monkeypatch):
    change = reverse("admin:archive_article_change", args=[article.pk])
    client = editor(django_user_model, "editor1")
    data = form_data(client.get(change))
    data["title"] = "编辑在导入时改的标题"
    # The import's transaction for its file stays open a second, and the
    # editor saves in the middle of it.
    writing = threading.Event()
    store = import_writer.store_segmentations

    def slow_store(*args):
        store(*args)
        writing.set()
        time.sleep(1)

    monkeypatch.setattr(import_writer, "store_segmentations", slow_store)

    def save():
        writing.wait(timeout=60)
        return client.post(change, data)

    seed = sorted(SEEDS_DIR.glob("*.txt"))[0]
    outcome, response = run_together(lambda: import_file(seed), save)

    assert not isinstance(response, Exception), response
    assert response.status_code == 302
    assert outcome.status == CREATED
    assert Article.objects.get(pk=article.pk).title == "编辑在导入时改的标题"
