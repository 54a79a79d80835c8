"""Segmenting again in the background, through the real queue: a correction
or a lexicon edit returns with its propagation queued and visibly pending,
the worker (``manage.py db_worker``, run here in-process for one batch) does
it, and the job shows how it ended; a failure shows, and is queued again."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django_tasks_db.models import DBTaskResult

from archive.lexicon import bump_version
from archive.lib.segmentation import spaced
from archive.models import Article, Job, LexiconEntry, Segmentation
from archive.search import index_articles
from archive.segmentations import save_correction, tokens_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(imported_seeds):
    index_articles(Article.objects.values_list("pk", flat=True))
    return imported_seeds


def words(article):
    return [word for word, _, _ in tokens_of(Article.objects.get(pk=article.pk))[1]]


def cut_in_two(string, first):
    """Articles whose text holds ``string`` while their tokens cut it after ``first``."""
    return [a for a in Article.objects.all() if string in a.text() and first in words(a) and string not in words(a)]


def merge_tokens(client, article, first, second):
    """Post the correction page with every ``first second`` merged."""
    url = reverse("admin:archive_article_segmentation", args=[article.pk])
    initial = client.get(url).context["form"].initial
    edited = re.sub(rf"(?<![^ \n]){first} {second}(?![^ \n])", first + second, initial["segmented"])
    return client.post(url, {"segmented": edited, "loaded": initial["loaded"]}, follow=True)


def messages_of(response):
    """The messages shown, as text."""
    return [strip_tags(str(message)) for message in response.context["messages"]]


def entry_page(client, word):
    entry = LexiconEntry.objects.get(word=word)
    return client.get(reverse("admin:archive_lexiconentry_change", args=[entry.pk])).text


def test_a_correction_returns_with_its_propagation_pending_and_the_worker_does_it(
    archive, admin_client, task_queue
):
    article = Article.objects.get(title__startswith="以走在前作示范")
    others = [a for a in cut_in_two("平安浙江", "平安") if a != article]
    assert len(others) >= 2

    response = merge_tokens(admin_client, article, "平安", "浙江")

    job = Job.objects.get()
    (message,) = messages_of(response)
    assert "词库新增：平安浙江" in message
    assert f"含有“平安浙江”的文章将在后台重新分词：后台任务 #{job.pk}，排队中" in message
    assert "平安浙江" in words(article)  # the editor's own article at once
    assert all("平安浙江" not in words(other) for other in others)  # the others later
    assert (job.kind, job.status, job.words, job.article) == ("propagation", "queued", ["平安浙江"], article)
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"
    assert f"后台任务 #{job.pk}</a>：排队中" in entry_page(admin_client, "平安浙江")

    task_queue()

    job.refresh_from_db()
    assert job.status == "done"
    assert job.outcome == f"已重新分词 {len(others)} 篇文章。"
    assert job.done == job.total >= len(others)
    assert job.started_at <= job.finished_at
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    for other in others:
        assert "平安浙江" in words(other)
        assert Segmentation.objects.get(article=other).state == Segmentation.State.AUTO
    assert set(LexiconEntry.objects.get(word="平安浙江").resegmented.all()) == set(others)
    assert "待完成的重新分词" in entry_page(admin_client, "平安浙江")
    assert f"后台任务 #{job.pk}</a>" not in entry_page(admin_client, "平安浙江")
    listed = admin_client.get(reverse("admin:archive_job_changelist"))
    assert "已完成" in listed.text and job.outcome in listed.text
    assert 'http-equiv="refresh"' not in listed.text


def test_a_failed_propagation_shows_as_failed_and_is_queued_again(
    archive, admin_client, task_queue, monkeypatch
):
    article = Article.objects.get(title__startswith="以走在前作示范")
    others = [a for a in cut_in_two("平安浙江", "平安") if a != article]

    def broken(*args, **kwargs):
        raise RuntimeError("数据库连接中断")

    monkeypatch.setattr("archive.tasks.resegment_containing", broken)
    merge_tokens(admin_client, article, "平安", "浙江")
    task_queue()

    job = Job.objects.get()
    assert (job.status, job.outcome) == ("failed", "失败：数据库连接中断")
    assert "RuntimeError" in job.error
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"
    page = admin_client.get(reverse("admin:archive_job_change", args=[job.pk]))
    assert "失败：数据库连接中断" in page.text
    assert all("平安浙江" not in words(other) for other in others)

    monkeypatch.undo()
    admin_client.post(
        reverse("admin:archive_job_changelist"), {"action": "requeue", "_selected_action": [job.pk]}
    )
    job.refresh_from_db()
    assert (job.status, job.outcome, job.error) == ("queued", "", "")
    task_queue()

    job.refresh_from_db()
    assert (job.status, job.outcome) == ("done", f"已重新分词 {len(others)} 篇文章。")
    assert all("平安浙江" in words(other) for other in others)


def test_a_lexicon_edit_returns_at_once_and_its_articles_follow(archive, admin_client, task_queue):
    holders = cut_in_two("枫桥经验", "枫桥")
    assert holders

    response = admin_client.post(
        reverse("admin:archive_lexiconentry_add"),
        {"word": "枫桥经验", "frequency": "", "part_of_speech": "nz", "source": "editor"},
        follow=True,
    )

    assert "将在后台重新分词" in response.text
    assert all("枫桥经验" not in words(article) for article in holders)
    task_queue()
    assert all("枫桥经验" in words(article) for article in holders)
    assert Job.objects.get().outcome == f"已重新分词 {len(holders)} 篇文章。"


def test_resegmenting_the_whole_archive_from_the_admin(archive, admin_client, admin_user, task_queue):
    corrected = Article.objects.get(title__startswith="以走在前作示范")
    save_correction(corrected, spaced(tokens_of(corrected)[1]), admin_user)
    editors = Segmentation.objects.get(article=corrected).lengths
    # A word that reached the lexicon without its articles (a restored
    # backup, a row written by hand): what resegmenting everything is for.
    LexiconEntry.objects.create(word="基层治理", source="import")
    bump_version(reload=True)
    holders = cut_in_two("基层治理", "基层")
    assert holders

    page = admin_client.get(reverse("admin:archive_job_resegment"))
    assert "重新分词全部文章" in page.text
    response = admin_client.post(reverse("admin:archive_job_resegment"), follow=True)

    job = Job.objects.get()
    assert (job.kind, job.status, job.subject) == ("resegment", "queued", "全部文章")
    assert 'http-equiv="refresh"' in response.text  # the job's page follows it
    task_queue()

    job.refresh_from_db()
    assert job.status == "done"
    assert job.done == job.total == Article.objects.count()
    assert all("基层治理" in words(article) for article in holders if article != corrected)
    assert Segmentation.objects.get(article=corrected).lengths == editors


def test_the_job_list_says_when_no_worker_seems_to_run(db, admin_client, task_queue):
    job = Job.objects.create(kind=Job.Kind.RESEGMENT, subject="全部文章")
    listed = admin_client.get(reverse("admin:archive_job_changelist"))
    assert 'http-equiv="refresh"' in listed.text and "排队中" in listed.text
    assert not [m for m in messages_of(listed) if "db_worker" in m]

    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    listed = admin_client.get(reverse("admin:archive_job_changelist"))
    assert [m for m in messages_of(listed) if "db_worker" in m]


@pytest.mark.parametrize("role, resegments", [("编辑", True), ("审校", True), ("只读", False)])
def test_every_role_follows_the_jobs_and_editors_may_resegment(db, client, django_user_model, role, resegments):
    user = django_user_model.objects.create_user("staff", password="password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    job = Job.objects.create(kind=Job.Kind.RESEGMENT, subject="全部文章", status=Job.Status.DONE)

    assert client.get(reverse("admin:archive_job_changelist")).status_code == 200
    assert client.get(reverse("admin:archive_job_change", args=[job.pk])).status_code == 200
    assert client.get(reverse("admin:archive_job_resegment")).status_code == (200 if resegments else 403)
    assert client.post(reverse("admin:archive_job_resegment")).status_code == (302 if resegments else 403)
