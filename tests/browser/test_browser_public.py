"""The public site in a real browser (Debian's Chromium, system CJK fonts):
a reader opens the home page, searches, follows a result to the article and
a credit to the person. Screenshots go to test-artifacts/ for a person to
look at. Select these tests with ``-m browser``, leave them out with
``-m "not browser"``."""

import pytest

from archive.models import Article

pytestmark = pytest.mark.browser


def test_search_then_follow_a_result_and_a_person(live_server, imported_seeds, browser, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "浙江法治报档案"
    shot(page, "home")

    page.get_by_label("检索标题和正文").fill("法院")
    page.get_by_role("button", name="检索").click()
    page.wait_for_url("**/search/?q=*")
    heading = page.locator("#results-heading").inner_text()
    assert heading.startswith("找到") and "法院" in heading
    assert page.locator("ol.results mark").first.inner_text() == "法院"
    shot(page, "search")

    page.locator("ol.results").get_by_role("link", name="杭州法院开展").click()
    page.wait_for_url("**/articles/*/")
    assert page.locator("h1").inner_text().startswith("杭州法院开展")
    assert page.locator("meta[name=citation_journal_title]").get_attribute("content") == "浙江法治报"
    shot(page, "article")

    page.locator(".article__header .bylines").get_by_role("link", name="高敏").click()
    page.wait_for_url("**/people/*/")
    assert page.locator("h1").inner_text() == "高敏"
    assert page.get_by_role("link", name="杭州法院开展", exact=False).count() == 1
    shot(page, "person")


def test_pages_fit_a_phone(live_server, imported_seeds, browser, shot):
    page = browser.new_page(viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True)
    article = Article.objects.get(title__startswith="杭州法院开展")
    for path, name in ((f"/articles/{article.pk}/", "article-phone"), ("/issues/2024/", "year-phone")):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
        shot(page, name)


def test_from_an_article_to_its_event_and_organisation(live_server, imported_seeds, browser, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    article = Article.objects.get(title__startswith="以走在前作示范")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    named = page.get_by_role("region", name="本文涉及")
    shot(page, "article-named")

    named.get_by_role("link", name="全省建设更高水平平安浙江工作会议").click()
    page.wait_for_url("**/events/*/")
    assert page.locator("h1").inner_text() == "全省建设更高水平平安浙江工作会议"
    assert page.get_by_role("link", name="王浩").is_visible()
    assert page.locator(".site-nav [aria-current=page]").inner_text() == "活动"
    shot(page, "event")

    page.go_back()
    named.get_by_role("link", name="浙江省委", exact=True).click()
    page.wait_for_url("**/organisations/*/")
    assert page.locator("h1").inner_text() == "浙江省委"
    children = page.get_by_role("region", name="下级机构")
    assert children.get_by_role("link", name="浙江省委政法委").is_visible()
    shot(page, "organisation")
