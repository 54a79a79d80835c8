"""The public site as a whole, on the imported seeds: every page reachable
from the home page answers, is well-formed Chinese HTML with headings in
order and labelled fields, has its JSON twin, and refuses to be written to."""

import datetime
import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse, set_script_prefix

from archive.models import Article
from archive.search import index_articles
from archive.views import links
from tests.factories import make_issue


@pytest.fixture
def seeds(imported_seeds):
    index_articles(Article.objects.values_list("pk", flat=True))
    return imported_seeds


class PageParser(HTMLParser):
    """What the checks below need from a page: its language, headings in
    document order, links, form fields and their labels."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.headings = []
        self.links = []
        self.fields = []  # (tag, id, type)
        self.labelled = set()
        self.aria_labelled = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        if tag in ("input", "select", "textarea"):
            self.fields.append((tag, attrs.get("id"), attrs.get("type")))
            if attrs.get("aria-label"):
                self.aria_labelled.add(attrs.get("id"))


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def crawl(client, start="/"):
    """Every page of the public site reachable from ``start``: {path: response}."""
    seen, queue = {}, [start]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        if path.startswith("/search/") and path != start:
            continue  # facet links combine without end; test_search covers them
        for href in parse(response).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # the permalink, absolute
            target = parts.path or urlsplit(path).path
            if parts.query:
                target += "?" + parts.query
            if target.startswith(("/admin/", "/static/")) or "format=json" in target:
                continue
            if target not in seen:
                queue.append(target)
    return seen


@pytest.fixture
def site(client, seeds):
    return crawl(client)


def test_every_linked_page_answers(site):
    broken = {path: r.status_code for path, r in site.items() if r.status_code != 200}
    assert broken == {}
    # The crawl reached every kind of page.
    prefixes = ("/issues/20", "/issues/source/", "/articles/", "/people/", "/search/")
    for prefix in prefixes:
        assert any(path.startswith(prefix) for path in site), prefix
    assert sum(path.startswith("/articles/") for path in site) == Article.objects.count()


def test_pages_are_chinese_with_headings_in_order(site):
    for path, response in site.items():
        page = parse(response)
        assert page.lang == "zh-CN", path
        assert page.headings.count(1) == 1, path
        assert page.headings[0] == 1, path
        for before, after in zip(page.headings, page.headings[1:]):
            assert after <= before + 1, (path, page.headings)


def test_every_form_field_is_labelled(site):
    for path, response in site.items():
        page = parse(response)
        for tag, field_id, kind in page.fields:
            if kind == "hidden":
                continue
            assert field_id in page.labelled | page.aria_labelled, (path, tag, field_id)


TITLE = re.compile(r"<title>(.*?)</title>")
CRUMB = re.compile(r'<li><a href="([^"]*)">([^<]*)</a></li>|<li><span aria-current="page">([^<]*)</span></li>')


def title_and_trail(response):
    """A page's title, and its breadcrumbs as [(label, address or None for
    the page itself)] (None when it has none)."""
    page = response.content.decode()
    nav = re.search(r'<nav class="breadcrumbs" aria-label="位置">(.*?)</nav>', page, re.S)
    crumbs = CRUMB.findall(nav[1]) if nav else None
    trail = [(html.unescape(here or label), None if here else href) for href, label, here in crumbs] if nav else None
    return html.unescape(TITLE.search(page)[1]), trail


def test_every_page_is_titled_by_itself_then_the_site_and_shows_where_it_sits(site):
    for path, response in site.items():
        title, trail = title_and_trail(response)
        if path == "/":
            assert (title, trail) == ("浙江法治报档案", None)
            continue
        assert title.endswith(" · 浙江法治报档案") and title.count("浙江法治报档案") == 1, (path, title)
        assert trail[0] == ("首页", "/") and trail[-1][1] is None, (path, trail)
        assert all(address for _, address in trail[:-1]), (path, trail)


def test_titles_and_breadcrumbs_down_the_issues(client, db):
    issue = make_issue("d.txt", datetime.date(2024, 7, 5), titles=["<甲&乙>"])
    undated = make_issue("u.txt", titles=["丙"])

    def seen(path):
        return title_and_trail(client.get(path))

    top = [("首页", "/"), ("报纸", "/issues/")]
    month = [*top, ("2024年", "/issues/2024/"), ("7月", "/issues/2024-07/")]
    assert seen(f"/articles/{issue.articles.get().pk}/") == (
        "<甲&乙> · 浙江法治报 · 浙江法治报档案", [*month, ("5日", "/issues/2024-07-05/"), ("<甲&乙>", None)]
    )
    # A day of one issue is that issue's page.
    assert seen("/issues/2024-07-05/") == ("浙江法治报 2024年7月5日 · 浙江法治报档案", [*month, ("5日", None)])
    assert seen("/issues/2024-07/") == ("2024年7月 · 报纸 · 浙江法治报档案", [*month[:3], ("7月", None)])
    undated_trail = [*top, ("日期不详", "/issues/#undated"), ("u.txt", "/issues/source/u.txt/"), ("丙", None)]
    assert seen(f"/articles/{undated.articles.get().pk}/") == ("丙 · 浙江法治报 · 浙江法治报档案", undated_trail)
    assert seen("/issues/source/u.txt/")[1] == [*undated_trail[:3], ("u.txt", None)]
    assert seen("/people/") == ("人物 · 浙江法治报档案", [("首页", "/"), ("人物", None)])


def test_every_page_has_its_json(client, site):
    for path in site:
        separator = "&" if "?" in path else "?"
        response = client.get(f"{path}{separator}format=json")
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/json"
        assert isinstance(json.loads(response.content), dict)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["/", "/issues/", "/issues/2024-07-25/", "/people/", "/search/?q=法院"]
)
def test_only_get_and_head(client, seeds, method, path):
    assert getattr(client, method)(path).status_code == 405


def test_head_answers_like_get(client, seeds):
    response = client.head("/issues/2024-07-25/")
    assert response.status_code == 200
    assert response.content == b""


def test_stylesheet_is_served_locally(site):
    home = site["/"].content.decode()
    assert "/static/archive/archive.css" in home
    assert "http://" not in home.replace("http://testserver", "")
    assert "https://" not in home


def test_addresses_by_id_are_reversed_addresses_under_any_script_prefix():
    for name, url in [("article", links.article_url), ("person", links.person_url),
                      ("organisation", links.organisation_url), ("event", links.event_url)]:
        assert url(7) == reverse(f"archive:{name}", args=[7])
        day = datetime.date(2024, 7, 25)
        assert links.day_url(day) == reverse("archive:issue_day", args=[day]) == "/issues/2024-07-25/"
        set_script_prefix("/archive/")
        try:
            assert url("12") == reverse(f"archive:{name}", args=[12])
            assert url(12).startswith("/archive/")
        finally:
            set_script_prefix("/")
