"""Correcting a segmentation in a real browser (Debian's Chromium): an editor
opens the correction page from the article, merges two tokens by clicking
between them, saves, and sees how many other articles changed; a change to
the text itself is refused. Screenshots go to test-artifacts/. Select these
tests with ``-m browser``, leave them out with ``-m "not browser"``."""

import pytest

from archive.models import Article, LexiconEntry, Segmentation
from archive.segmentations import tokens_of
from tests.browser.admin import log_in

pytestmark = pytest.mark.browser

# Marks the gap between the first tokens 平安 and 浙江 of the boxes.
MARK_GAP = """() => {
    const gaps = [...document.querySelectorAll("#segmentation-view .seg-cut")];
    const gap = gaps.find(g => g.previousElementSibling.textContent === "平安"
                             && g.nextElementSibling.textContent === "浙江");
    gap.id = "chosen-gap";
}"""


def words(article):
    return [word for word, _, _ in tokens_of(Article.objects.get(pk=article.pk))[1]]



def test_merge_by_clicking_between_two_tokens_and_save(live_server, imported_seeds, browser, shot, admin_user):
    article = Article.objects.get(title__startswith="以走在前作示范")
    others = [
        a for a in Article.objects.exclude(pk=article.pk)
        if "平安浙江" in "".join(words(a)) and "平安浙江" not in words(a)
    ]
    assert others
    page = log_in(browser, live_server, admin_user)
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    shot(page, "article-change")
    page.get_by_role("link", name="校正分词").click()
    page.wait_for_url(f"**/admin/archive/article/{article.pk}/segmentation/")
    assert page.locator("#segmentation-view .seg-token").count() > 100
    shot(page, "segmentation-before")

    textarea = page.locator("#id_segmented")
    assert "平安浙江" not in textarea.input_value().split()
    page.evaluate(MARK_GAP)
    page.click("#chosen-gap")

    assert "平安浙江" in textarea.input_value().split()
    boxes = page.locator("#segmentation-view .seg-token").all_inner_texts()
    assert boxes.count("平安浙江") == 1
    shot(page, "segmentation-merged")

    page.get_by_role("button", name="保存校正").click()
    message = page.locator("ul.messagelist li.success")
    message.wait_for()
    assert "词库新增：平安浙江" in message.inner_text()
    assert f"已重新分词 {len(others)} 篇文章" in message.inner_text()
    shot(page, "segmentation-saved")

    assert LexiconEntry.objects.get(word="平安浙江").source == "editor"
    assert Segmentation.objects.get(article=article).state == Segmentation.State.EDITOR
    for other in others:
        assert "平安浙江" in words(other)


def test_typing_a_changed_character_is_refused(live_server, imported_seeds, browser, shot, admin_user):
    article = Article.objects.get(title__startswith="以走在前作示范")
    before = Segmentation.objects.get(article=article).lengths
    page = log_in(browser, live_server, admin_user)
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/segmentation/")
    textarea = page.locator("#id_segmented")
    textarea.fill(textarea.input_value().replace("平安", "平凡", 1))

    page.get_by_role("button", name="保存校正").click()

    error = page.locator(".errorlist")
    error.wait_for()
    assert "只能修改分词边界，不能修改文字" in error.inner_text()
    assert "平凡" in textarea.input_value()  # the editor's text is kept to fix
    shot(page, "segmentation-refused")
    assert Segmentation.objects.get(article=article).lengths == before

