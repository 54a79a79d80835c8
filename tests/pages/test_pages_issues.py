"""The home page and the issues: by year and month, a calendar of days, the
undated issues apart, and an issue's own page."""

import datetime
import json

import pytest
from django.db.models import Q

from archive.models import Article, Person
from archive.search import index_articles
from tests.factories import make_issue

SEED_DATE = "2024-07-25"  # the one seed with a printed date
UNDATED_SEED = "000_0352cf29d8e7f11b.txt"




def json_of(client, path):
    response = client.get(path, {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_home_shows_counts_latest_issues_and_a_search_box(client, imported_seeds):
    index_articles(Article.objects.values_list("pk", flat=True))
    response = client.get("/")
    page = response.content.decode()
    assert response.context["counts"] == {
        "issues": 5,
        "articles": 21,
        "people": Person.objects.filter(Q(bylines__isnull=False) | Q(mentions__isnull=False)).distinct().count(),
    }
    assert f'href="/issues/{SEED_DATE}/"' in page
    assert "沪苏浙皖深入推进警务一体化高质量发展" in page
    assert 'action="/search/"' in page and '<label for="home-search-q">' in page
    data = json_of(client, "/")
    assert data["counts"]["articles"] == 21
    assert data["latest_issues"][0]["date"] == SEED_DATE


def test_issue_index_by_year_and_month_with_undated_apart(client, imported_seeds):
    page = client.get("/issues/").content.decode()
    assert 'href="/issues/2024/"' in page
    assert 'href="/issues/2024-07/"' in page
    for seed in imported_seeds:
        if seed.issue.date is None:
            assert f'href="/issues/source/{seed.path.name}/"' in page
    data = json_of(client, "/issues/")
    assert data["years"][0]["year"] == 2024
    assert data["years"][0]["months"][6] == {"month": 7, "count": 1}
    assert len(data["undated"]) == 4
    assert all(issue["date"] is None for issue in data["undated"])


def test_undated_issues_are_paginated(client, db):
    for number in range(25):
        make_issue(f"u{number:03}.txt")
    first = client.get("/issues/")
    assert len(first.context["undated"].object_list) == 20
    assert 'href="?page=2"' in first.content.decode()
    assert len(client.get("/issues/?page=2").context["undated"].object_list) == 5
    assert client.get("/issues/?page=3").status_code == 404
    assert client.get("/issues/?page=abc").status_code == 404


def test_year_calendar_links_the_days_with_an_issue(client, imported_seeds):
    page = client.get("/issues/2024/").content.decode()
    assert f'href="/issues/{SEED_DATE}/"' in page
    assert page.count('class="has-issue"') == 1
    assert page.count('<table class="calendar">') == 12
    data = json_of(client, "/issues/2024/")
    assert data["days"] == [{"date": SEED_DATE, "url": f"/issues/{SEED_DATE}/"}]


def test_years_and_months_link_their_neighbours(client, db):
    make_issue("a.txt", datetime.date(2022, 12, 30))
    make_issue("b.txt", datetime.date(2024, 2, 1))
    year = client.get("/issues/2024/").context
    assert (year["previous_year"], year["next_year"]) == (2022, None)
    month = client.get("/issues/2022-12/").context
    assert month["previous_month"] is None
    assert month["next_month"] == datetime.date(2024, 2, 1)


@pytest.mark.parametrize(
    "path", ["/issues/2023/", "/issues/2024-08/", "/issues/2024-13/", "/issues/2024-02-30/", "/issues/2024-07-26/", "/issues/source/nope.txt/"]
)
def test_unknown_dates_and_sources_are_404(client, imported_seeds, path):
    assert client.get(path).status_code == 404


def test_month_lists_its_issues_with_headlines(client, imported_seeds):
    response = client.get("/issues/2024-07/")
    page = response.content.decode()
    assert "第7047期" in page
    assert "省平安办主任会议要求" not in page  # a kicker, not a headline
    assert "高效统筹谋划 靠前协调督导" in page
    assert "跨境网购" not in page  # teasers are page furniture in lists


def test_issue_page_masthead_and_articles_in_reading_order(client, imported_seeds):
    response = client.get(f"/issues/{SEED_DATE}/")
    page = response.content.decode()
    for fact in ("浙江法治报", "2024年7月25日", "星期四", "第7047期", "今日8版", "报头"):
        assert fact in page
    titles = [a.title for a in response.context["articles"]]
    assert titles == list(
        Article.objects.filter(issue__date=SEED_DATE).order_by("position").values_list("title", flat=True)
    )
    assert 'class="kind-label">导读' in page
    assert "杭州互联网法院发布指引,给出答案" in page
    data = json_of(client, f"/issues/{SEED_DATE}/")
    assert [a["position"] for a in data["articles"]] == [1, 2, 3, 4, 5]
    assert data["number"] == 7047 and data["date_source"] == "masthead"


def test_issue_page_shows_captions_and_continuations(client, imported_seeds):
    page = client.get(f"/issues/source/{UNDATED_SEED}/").content.decode()
    assert "桐庐法院执行干警整装待发(右)" in page
    assert "(下转第2版)" in page
    assert "日期不详" in page


def test_two_issues_on_one_date_are_both_offered(client, db):
    day = datetime.date(2001, 5, 8)
    make_issue("x1.txt", day, number=100, titles=["甲报道"])
    make_issue("x2.txt", day, number=101, titles=["乙报道"])
    response = client.get("/issues/2001-05-08/")
    page = response.content.decode()
    assert 'href="/issues/source/x1.txt/"' in page and 'href="/issues/source/x2.txt/"' in page
    assert "甲报道" in page and "乙报道" in page
    assert "乙报道" in client.get("/issues/source/x2.txt/").content.decode()
    assert len(json_of(client, "/issues/2001-05-08/")["issues"]) == 2


def test_issue_page_links_previous_and_next_issue(client, db):
    make_issue("p.txt", datetime.date(2024, 7, 24), titles=["前"])
    make_issue("c.txt", datetime.date(2024, 7, 25), titles=["今"])
    make_issue("n.txt", datetime.date(2024, 7, 26), titles=["后"])
    page = client.get("/issues/2024-07-25/").content.decode()
    assert 'rel="prev" href="/issues/2024-07-24/"' in page
    assert 'rel="next" href="/issues/2024-07-26/"' in page


def test_an_issue_page_costs_the_same_queries_however_many_articles(
    client, db, django_assert_max_num_queries
):
    make_issue("s.txt", datetime.date(2024, 1, 1), titles=["一"] * 3)
    make_issue("l.txt", datetime.date(2024, 1, 2), titles=["二"] * 60)
    for path in ("/issues/2024-01-01/", "/issues/2024-01-02/"):
        with django_assert_max_num_queries(5):
            assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/", "/issues/", "/issues/2024/", "/issues/2024-01/"])
def test_list_pages_cost_the_same_queries_however_many_issues(
    client, db, django_assert_max_num_queries, path
):
    for day in range(1, 29):
        make_issue(f"d{day}.txt", datetime.date(2024, 1, day), titles=["甲", "乙"])
        make_issue(f"u{day}.txt", titles=["丙"])
    with django_assert_max_num_queries(6):
        assert client.get(path).status_code == 200


def test_hostile_text_is_escaped_on_issue_pages(client, db):
    make_issue("<b>evil</b>.txt", datetime.date(2024, 3, 1), titles=["<script>alert(1)</script>"])
    make_issue("<i>undated</i>.txt", titles=["<script>alert(2)</script>"])
    for path in ("/", "/issues/", "/issues/2024-03/", "/issues/2024-03-01/"):
        page = client.get(path).content.decode()
        assert "<script>alert" not in page, path
        assert "<b>evil" not in page and "<i>undated" not in page, path
    assert "&lt;script&gt;alert(1)" in client.get("/issues/2024-03-01/").content.decode()
