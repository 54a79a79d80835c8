"""The public site in a real browser (Debian's Chromium, system CJK fonts):
a reader opens the home page, searches, follows a result to the article and
a credit to the person. Screenshots go to test-artifacts/ for a person to
look at. Select these tests with ``-m browser``, leave them out with
``-m "not browser"``."""

import os
from pathlib import Path

import pytest

from archive.models import Article
from archive.search import index_articles

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def browser():
    # Playwright runs an event loop in this thread; the test's own ORM calls
    # are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def archive(imported_seeds):
    index_articles(Article.objects.values_list("pk", flat=True))


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_then_follow_a_result_and_a_person(live_server, archive, browser):
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


def test_pages_fit_a_phone(live_server, archive, browser):
    page = browser.new_page(viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True)
    article = Article.objects.get(title__startswith="杭州法院开展")
    for path, name in ((f"/articles/{article.pk}/", "article-phone"), ("/issues/2024/", "year-phone")):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
        shot(page, name)
