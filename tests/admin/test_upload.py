"""Uploading front pages in the admin: a preview of what the parser makes of
them (``import_issues --dry-run``'s work, nothing written), then on
confirmation the import itself in the background, through the real queue;
the uploads are deleted however the import ends."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import strip_tags
from django_tasks_db.models import DBTaskResult

from archive.models import Article, Issue, Job, UploadedPage
from tests.factories import made_up_page

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:archive_job_upload")


def upload(client, *files):
    return client.post(UPLOAD, {"pages": [SimpleUploadedFile(name, data) for name, data in files]})


def preview_url(job):
    return reverse("admin:archive_job_preview", args=[job.pk])


def test_a_preview_shows_issues_articles_and_warnings_and_writes_nothing(admin_client):
    response = upload(admin_client, ("p9001.txt", made_up_page()), ("p9002.txt", made_up_page(9002, date=None)))

    job = Job.objects.get()
    assert response.url == preview_url(job)
    assert (job.kind, job.status, job.subject) == ("import", "preview", "2 个文件：p9001.txt、p9002.txt")
    page = admin_client.get(response.url).text
    assert "新增 p9001.txt：第9001期，2031-03-05，文章 2 篇，警告 0 条" in page
    assert "新增 p9002.txt：第9002期，日期不详，文章 2 篇，警告 3 条" in page
    assert "湖畔镇试行邻里调解新办法" in page and "山区法庭开通巡回审判专线" in page
    assert "报头没有日期" in page
    assert "确认导入" in page
    assert not Issue.objects.exists() and not Article.objects.exists()
    assert sorted(UploadedPage.objects.values_list("name", flat=True)) == ["p9001.txt", "p9002.txt"]


def test_confirming_imports_in_the_background_as_import_issues_does(admin_client, task_queue):
    job = Job.objects.get(pk=upload(admin_client, ("p9001.txt", made_up_page())).url.split("/")[-3])

    confirmed = admin_client.post(preview_url(job), {"confirm": "确认导入"}, follow=True)

    job.refresh_from_db()
    assert job.status == "queued"
    assert "已开始导入 1 个文件：p9001.txt" in strip_tags(confirmed.text)
    assert 'http-equiv="refresh"' in confirmed.text
    assert not Issue.objects.exists()
    task_queue()

    job.refresh_from_db()
    assert job.status == "done"
    assert job.outcome.startswith("导入完成：新增 1 期，更新 0 期，未变 0 期；文章 2 篇，警告 0 条；失败 0 个。")
    assert job.report == ["新增 p9001.txt：第9001期，2031-03-05，文章 2 篇，警告 0 条"]
    assert (job.done, job.total) == (1, 1)
    issue = Issue.objects.get()
    assert (issue.source_name, issue.number, issue.articles.count()) == ("p9001.txt", 9001, 2)
    assert issue.source == made_up_page()
    assert not UploadedPage.objects.exists()
    shown = admin_client.get(reverse("admin:archive_job_change", args=[job.pk])).text
    assert "已完成" in shown and "新增 p9001.txt" in shown

    # The same file again: unchanged, as import_issues says.
    job = Job.objects.get(pk=upload(admin_client, ("p9001.txt", made_up_page())).url.split("/")[-3])
    assert "未变 p9001.txt" in admin_client.get(preview_url(job)).text


def test_a_file_that_fails_fails_the_job_and_leaves_no_upload_behind(admin_client, task_queue):
    files = [("p9001.txt", made_up_page()), ("notes.txt", "今天天气很好，我们去公园散步吧。\n".encode())]
    job = Job.objects.get(pk=upload(admin_client, *files).url.split("/")[-3])
    assert "失败 notes.txt：" in admin_client.get(preview_url(job)).text

    admin_client.post(preview_url(job), {"confirm": "确认导入"})
    task_queue()

    job.refresh_from_db()
    assert job.status == "failed"
    assert "新增 1 期" in job.outcome and "失败 1 个" in job.outcome
    assert any(line.startswith("失败 notes.txt：") for line in job.report)
    assert job.error == ""  # a file that is no page is no crash
    assert Issue.objects.get().source_name == "p9001.txt"  # the good file is in
    assert not UploadedPage.objects.exists()


def test_an_import_that_crashes_leaves_no_upload_behind(admin_client, task_queue, monkeypatch):
    job = Job.objects.get(pk=upload(admin_client, ("p9001.txt", made_up_page())).url.split("/")[-3])
    admin_client.post(preview_url(job), {"confirm": "确认导入"})

    def crash(*args, **kwargs):
        raise OSError("磁盘已满")

    monkeypatch.setattr("archive.tasks.import_files", crash)
    task_queue()

    job.refresh_from_db()
    assert (job.status, job.outcome) == ("failed", "失败：磁盘已满")
    assert "OSError" in job.error
    assert not UploadedPage.objects.exists()
    assert not Issue.objects.exists()


def test_cancelling_a_preview_deletes_the_upload(admin_client):
    job = Job.objects.get(pk=upload(admin_client, ("p9001.txt", made_up_page())).url.split("/")[-3])

    response = admin_client.post(preview_url(job), {"cancel": "取消"}, follow=True)

    assert "已取消导入" in response.text
    assert not Job.objects.exists() and not UploadedPage.objects.exists()


def test_previews_left_unconfirmed_are_deleted_a_day_later(admin_client):
    old = Job.objects.get(pk=upload(admin_client, ("p9001.txt", made_up_page())).url.split("/")[-3])
    Job.objects.filter(pk=old.pk).update(created_at=old.created_at.replace(year=old.created_at.year - 1))

    upload(admin_client, ("p9002.txt", made_up_page(9002)))

    assert not Job.objects.filter(pk=old.pk).exists()
    assert list(UploadedPage.objects.values_list("name", flat=True)) == ["p9002.txt"]


@pytest.mark.parametrize(
    "files, error",
    [
        ([("page.pdf", b"%PDF-1.4")], "page.pdf 不是 .txt 文件"),
        ([("a.txt", made_up_page()), ("a.txt", made_up_page(9002))], "文件名重复：a.txt"),
        ([], "这个字段是必填项"),
    ],
)
def test_what_is_no_front_page_file_is_refused_before_any_preview(admin_client, files, error):
    response = upload(admin_client, *files)
    assert response.status_code == 200
    assert error in response.text
    assert not Job.objects.exists()


def test_only_reviewers_upload(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="password", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 403
    assert "上传版面" not in client.get(reverse("admin:archive_job_changelist")).text

    user.groups.set([Group.objects.get(name="审校")])
    assert client.get(UPLOAD).status_code == 200
    assert "上传版面" in client.get(reverse("admin:archive_job_changelist")).text


def test_confirming_twice_imports_once(admin_client, task_queue):
    job = Job.objects.get(pk=upload(admin_client, ("p9001.txt", made_up_page())).url.split("/")[-3])
    first = admin_client.post(preview_url(job), {"confirm": "确认导入"})
    second = admin_client.post(preview_url(job), {"confirm": "确认导入"})

    assert first.url == second.url == reverse("admin:archive_job_change", args=[job.pk])
    assert DBTaskResult.objects.count() == 1
    task_queue()
    assert Issue.objects.count() == 1
