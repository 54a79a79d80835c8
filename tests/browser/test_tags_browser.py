"""A suggested tag in a real browser (Debian's Chromium): an editor changes
an article's title, clicks two suggested tags and takes one back, and the
page neither reloads nor loses the title; saving keeps both the title and
the tag. The page fits the window: no sideways scrolling to reach a
mention's status. Screenshots go to test-artifacts/."""

import pytest

from archive.models import Article
from tests.browser.admin import log_in

pytestmark = pytest.mark.browser


def test_clicking_a_suggested_tag_keeps_the_unsaved_edits(live_server, imported_seeds, browser, shot, admin_user):
    article = Article.objects.get(title__startswith="全省校园安全工作现场会")
    page = log_in(browser, live_server, admin_user)
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    page.evaluate("window.notReloaded = true")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    status = page.locator("#id_mentions-0-status").bounding_box()
    assert status["x"] + status["width"] <= 1280
    page.fill("#id_title", "全省校园安全现场会（改）")
    first, second = page.locator(".suggested-tag").nth(0), page.locator(".suggested-tag").nth(1)
    word, other = first.get_attribute("data-tag"), second.get_attribute("data-tag")

    first.click()
    second.click()
    second.click()  # changed their mind

    assert page.evaluate("window.notReloaded") is True
    assert page.input_value("#id_title") == "全省校园安全现场会（改）"
    assert page.input_value("#id_new_tags") == word
    assert first.get_attribute("aria-pressed") == "true"
    assert second.get_attribute("aria-pressed") == "false"
    assert not article.tags.exists()  # nothing is saved before the editor saves
    shot(page, "article-tag-chosen")

    page.locator("input[name=_continue]").click()
    page.locator("ul.messagelist li.success").wait_for()
    article.refresh_from_db()
    assert article.title == "全省校园安全现场会（改）"
    assert list(article.tags.values_list("name", flat=True)) == [word]
    assert page.locator(f'.suggested-tag[data-tag="{word}"]').count() == 0
    assert page.locator(f'.suggested-tag[data-tag="{other}"]').count() == 1
    shot(page, "article-tag-saved")
