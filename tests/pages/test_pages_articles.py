"""An article's page: the printed parts in order, credits linked to people,
its place in the issue, citation tags and block, and its JSON."""

import datetime
import json
from html.parser import HTMLParser

import pytest

from archive.models import Article, Byline, Issue, Person

FIRST_TITLE = "全省校园安全工作现场会暨校园安全协同共治体系建设推进会召开"


class MetaParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "name" in attrs:
            self.meta.append((attrs["name"], attrs.get("content")))


def meta_of(response):
    parser = MetaParser()
    parser.feed(response.content.decode())
    return parser.meta


@pytest.fixture
def dated_article(imported_seeds):
    """The second article of the one dated seed (kicker, subtitle, two reporters)."""
    return Article.objects.get(issue__date=datetime.date(2024, 7, 25), position=2)


def test_article_shows_what_the_page_printed(client, imported_seeds):
    article = Article.objects.get(title=FIRST_TITLE)
    page = client.get(f"/articles/{article.pk}/").content.decode()
    for printed in (
        FIRST_TITLE,
        "以高质量平安校园建设助推高水平平安浙江建设",  # subtitle
        "王成国讲话 杨青玖主持",  # deck
        '<span class="dateline">7月11日下午</span>',
        "本报记者",
        "会议指出,高质量开展校园安全工作",
    ):
        assert printed in page
    for name in ("王乃召", "王志浩"):
        person = Person.objects.get(name=name)
        assert f'<a href="/people/{person.pk}/">{name}</a>' in page
    assert page.count('<p>') >= len(article.body.splitlines())


def test_article_shows_kicker_captions_and_continuation(client, imported_seeds):
    kicked = Article.objects.get(kicker="王成国在湖州调研时强调")
    page = client.get(f"/articles/{kicked.pk}/").content.decode()
    assert '<p class="kicker">王成国在湖州调研时强调</p>' in page
    assert "(下转第2版)" in page
    pictured = Article.objects.get(title__startswith="杭州法院开展")
    page = client.get(f"/articles/{pictured.pk}/").content.decode()
    assert "图片说明" in page and "余杭法院执行干警搜查车库时发现多箱白酒(下)" in page


def test_citation_tags_and_block(client, dated_article):
    response = client.get(f"/articles/{dated_article.pk}/")
    meta = meta_of(response)
    assert ("citation_title", "高效统筹谋划 靠前协调督导") in meta
    assert [c for n, c in meta if n == "citation_author"] == ["王乃召", "王志浩"]
    assert ("citation_date", "2024/07/25") in meta
    assert ("citation_journal_title", "浙江法治报") in meta
    assert ("citation_issue", "7047") in meta
    assert ("citation_firstpage", "1") in meta
    permalink = f"http://testserver/articles/{dated_article.pk}/"
    assert response.context["citation"] == (
        f"王乃召, 王志浩. 高效统筹谋划 靠前协调督导[N]. 浙江法治报, 2024-07-25(1). {permalink}"
    )
    page = response.content.decode()
    assert f'<a href="{permalink}">{permalink}</a>' in page
    assert '<link rel="canonical"' in page


def test_photographers_are_not_cited_as_authors(client, imported_seeds):
    photo = Article.objects.get(title="人机合奏《梁祝》")
    response = client.get(f"/articles/{photo.pk}/")
    assert [c for n, c in meta_of(response) if n == "citation_author"] == []
    assert "董旭明" in response.content.decode()
    assert " 摄</span>" in response.content.decode()


def test_previous_and_next_article_of_the_issue(client, dated_article):
    siblings = {a.position: a for a in Article.objects.filter(issue=dated_article.issue)}
    page = client.get(f"/articles/{dated_article.pk}/").content.decode()
    assert f'rel="prev" href="/articles/{siblings[1].pk}/"' in page
    assert f'rel="next" href="/articles/{siblings[3].pk}/"' in page
    first = client.get(f"/articles/{siblings[1].pk}/").content.decode()
    assert 'rel="prev"' not in first.split('class="neighbours article-neighbours"')[1]
    data = json.loads(client.get(f"/articles/{siblings[5].pk}/", {"format": "json"}).content)
    assert data["next"] is None and data["previous"]["id"] == siblings[4].pk


def test_article_json(client, dated_article):
    data = json.loads(client.get(f"/articles/{dated_article.pk}/?format=json").content)
    assert data["title"] == dated_article.title
    assert data["kicker"] == "省平安办主任会议要求"
    assert [b["person"]["name"] for b in data["bylines"]] == ["王乃召", "王志浩"]
    assert data["issue"] == {
        "url": "/issues/2024-07-25/",
        "publication": "浙江法治报",
        "number": 7047,
        "date": "2024-07-25",
        "page_count": 8,
        "source_name": dated_article.issue.source_name,
    }
    assert data["paragraphs"] == dated_article.body.splitlines()
    assert data["citation"].startswith("王乃召, 王志浩. ")


def test_unknown_article_is_404(client, db):
    assert client.get("/articles/999999/").status_code == 404
    assert client.get("/articles/abc/").status_code == 404


def test_an_article_page_costs_the_same_queries_however_big_the_issue(
    client, db, django_assert_max_num_queries
):
    issue = Issue.objects.create(
        source_name="big.txt", source=b"", source_sha256="0" * 64, source_encoding="utf-8"
    )
    articles = [Article.objects.create(issue=issue, position=n, title=f"第{n}篇") for n in range(1, 80)]
    for n in range(1, 6):
        Byline.objects.create(article=articles[40], person=Person.objects.create(name=f"人{n}"), position=n)
    with django_assert_max_num_queries(5):
        assert client.get(f"/articles/{articles[40].pk}/").status_code == 200


def test_hostile_text_is_escaped_everywhere_on_the_article_page(client, db):
    issue = Issue.objects.create(
        source_name="evil.txt",
        source=b"",
        source_sha256="0" * 64,
        source_encoding="utf-8",
        publication='浙江"><script>alert(0)</script>',
        date=datetime.date(2024, 1, 1),
    )
    article = Article.objects.create(
        issue=issue,
        position=1,
        title='<script>alert(1)</script>"',
        kicker="<b>kicker</b>",
        body="<img src=x onerror=alert(2)>\n第二段",
        captions=["<svg onload=alert(3)>"],
        dateline="<i>7月1日</i>",
    )
    person = Person.objects.create(name='"><script>alert(4)</script>')
    Byline.objects.create(article=article, person=person, role="<u>记者</u>")
    page = client.get(f"/articles/{article.pk}/").content.decode()
    for raw in ("<script>", "<img src=x", "<svg", "<b>kicker", "<i>7月1日", "<u>记者"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in page
    assert 'content="&lt;script&gt;alert(1)&lt;/script&gt;&quot;"' in page
