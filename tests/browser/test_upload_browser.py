"""Uploading a front page in a real browser (Debian's Chromium): a reviewer
chooses a made-up page, sees the preview, confirms, and follows the import
from queued to done while the worker (run here in-process, as
``manage.py db_worker`` would) imports it. Screenshots go to test-artifacts/."""

import pytest

from archive.models import Issue, Job, UploadedPage
from tests.browser.admin import log_in
from tests.factories import made_up_page

pytestmark = pytest.mark.browser



def test_upload_preview_confirm_and_see_the_import_done(live_server, browser, shot, admin_user, task_queue):
    page = log_in(browser, live_server, admin_user)
    page.goto(live_server.url + "/admin/archive/job/")
    page.get_by_role("link", name="上传版面").click()
    page.wait_for_url("**/admin/archive/job/upload/")
    page.set_input_files(
        "#id_pages",
        [
            {"name": "p9001.txt", "mimeType": "text/plain", "buffer": made_up_page()},
            {"name": "p9002.txt", "mimeType": "text/plain", "buffer": made_up_page(9002, date=None)},
        ],
    )
    shot(page, "upload-chosen")
    page.get_by_role("button", name="预览").click()

    page.wait_for_url("**/preview/")
    headings = page.locator(".import-preview h2").all_inner_texts()
    assert headings == [
        "新增 p9001.txt：第9001期，2031-03-05，文章 2 篇，警告 0 条",
        "新增 p9002.txt：第9002期，日期不详，文章 2 篇，警告 3 条",
    ]
    assert page.get_by_role("cell", name="湖畔镇试行邻里调解新办法").count() == 2
    assert "报头没有日期" in page.locator(".import-preview .warnings").first.inner_text()
    shot(page, "upload-preview")
    assert not Issue.objects.exists()

    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url("**/change/")
    assert "排队中" in page.locator(".field-status_label").inner_text()
    assert "已开始导入 2 个文件" in page.locator("ul.messagelist").inner_text()
    shot(page, "upload-queued")

    task_queue()
    page.reload()

    assert "已完成" in page.locator(".field-status_label").inner_text()
    assert "导入完成：新增 2 期" in page.locator(".field-outcome").inner_text()
    assert "2/2 个文件" in page.locator(".field-progress").inner_text()
    shot(page, "upload-done")
    assert sorted(Issue.objects.values_list("number", flat=True)) == [9001, 9002]
    assert Job.objects.get().status == "done"
    assert not UploadedPage.objects.exists()

    page.goto(live_server.url + "/admin/archive/job/")
    assert "已完成" in page.locator("#result_list").inner_text()
    shot(page, "jobs-list")
