"""Tags: the index with each tag's count of public articles, and a tag's
page (its articles, newest first)."""

import datetime
import json

import pytest

from archive.models import Article, Tag
from archive.views import public as public_views
from tests.factories import make_issue


def test_tag_pages_on_the_seeds(client, imported_seeds):
    tag = Tag.objects.create(name="校园安全", description="学校与周边的安全。")
    tagged = list(Article.objects.filter(title__contains="校园"))
    assert tagged
    tag.articles.add(*tagged)
    assert tag.slug == "校园安全"
    index = client.get("/tags/").content.decode()
    url = "/tags/%E6%A0%A1%E5%9B%AD%E5%AE%89%E5%85%A8/"
    assert f'<a href="{url}" rel="tag">校园安全</a> <span class="count">{len(tagged)} 篇</span>' in index
    page = client.get(url).content.decode()
    assert "<h1>校园安全</h1>" in page and "学校与周边的安全。" in page
    for article in tagged:
        assert f'href="/articles/{article.pk}/"' in page
        assert f'href="{url}" rel="tag"' in client.get(f"/articles/{article.pk}/").content.decode()
    data = json.loads(client.get(url, {"format": "json"}).content)
    assert data["name"] == "校园安全" and data["slug"] == "校园安全" and data["url"] == url
    assert {a["id"] for a in data["articles"]} == {a.pk for a in tagged}
    listed = json.loads(client.get("/tags/", {"format": "json"}).content)
    assert listed["tags"] == [{"name": "校园安全", "slug": "校园安全", "url": url, "articles": len(tagged), "capped": False}]
    article = json.loads(client.get(f"/articles/{tagged[0].pk}/", {"format": "json"}).content)
    assert article["tags"] == [{"name": "校园安全", "slug": "校园安全", "url": url}]


def test_counts_and_pages_leave_hidden_articles_out(client, db):
    shown = make_issue("a.txt", datetime.date(2024, 1, 2))
    public = [Article.objects.create(issue=shown, position=n, title=f"公开{n}") for n in range(3)]
    withdrawn = Article.objects.create(issue=shown, position=9, title="撤下的", published=False)
    hidden_issue = make_issue("h.txt", published=False)
    in_hidden = Article.objects.create(issue=hidden_issue, position=1, title="隐藏期的")
    # Hidden twice over: counted out once.
    both = Article.objects.create(issue=hidden_issue, position=2, title="隐藏期的撤稿", published=False)
    tag, secret = Tag.objects.create(name="公开标签"), Tag.objects.create(name="只在撤稿上")
    tag.articles.add(*public, withdrawn, in_hidden, both)
    secret.articles.add(withdrawn, in_hidden)
    Tag.objects.create(name="空标签")
    response = client.get("/tags/")
    assert [(t.name, t.count) for t in response.context["tags"]] == [("公开标签", 3)]
    pages = "".join(
        client.get(path, query).content.decode()
        for path in ("/tags/", f"/tags/{tag.slug}/", f"/articles/{public[0].pk}/")
        for query in ({}, {"format": "json"})
    )
    for hidden in ("撤下的", "隐藏期的", "只在撤稿上", "空标签"):
        assert hidden not in pages
    assert client.get(f"/tags/{secret.slug}/").status_code == 404


def test_a_tags_articles_newest_first_in_pages(client, db, django_assert_max_num_queries):
    tag = Tag.objects.create(name="反诈")
    for day in range(1, 26):
        issue = make_issue(f"{day}.txt", datetime.date(2024, 3, day))
        tag.articles.add(Article.objects.create(issue=issue, position=1, title=f"3月{day}日"))
    undated = Article.objects.create(issue=make_issue("undated.txt"), position=1, title="日期不详")
    tag.articles.add(undated)
    with django_assert_max_num_queries(5):
        first = client.get(f"/tags/{tag.slug}/")
    assert [a.title for a in first.context["articles"]][:2] == ["3月25日", "3月24日"]
    last = client.get(f"/tags/{tag.slug}/?page=2")
    assert [a.title for a in last.context["articles"]][-1] == "日期不详"
    assert client.get(f"/tags/{tag.slug}/?page=3").status_code == 404


@pytest.mark.parametrize("size", [2, 250])
def test_the_index_costs_the_same_queries_whatever_the_size(client, db, django_assert_max_num_queries, size):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    tags = Tag.objects.bulk_create(Tag(name=f"标签{n:03}", slug=f"tag-{n:03}") for n in range(size))
    article.tags.add(*tags)
    with django_assert_max_num_queries(3):  # hidden articles, tags, the page of them counted
        response = client.get("/tags/")
    assert len(response.context["tags"]) == min(size, 200)
    if size > 200:
        assert len(client.get("/tags/?page=2").context["tags"]) == size - 200


def test_unknown_tags_are_404_and_only_get_is_allowed(client, db):
    tag = Tag.objects.create(name="标签")
    tag.articles.add(Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲"))
    assert client.get("/tags/no-such-tag/").status_code == 404
    for path in ("/tags/", f"/tags/{tag.slug}/"):
        assert client.head(path).status_code == 200
        assert client.post(path).status_code == 405


def test_hostile_text_is_escaped(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    tag = Tag.objects.create(name="<script>alert(1)</script>", description="<script>alert(2)</script>")
    tag.articles.add(article)
    for path in ("/tags/", f"/tags/{tag.slug}/", f"/articles/{article.pk}/"):
        page = client.get(path).content.decode()
        assert "<script>alert" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path


def test_counts_stop_past_the_listed_articles_whatever_is_hidden(client, db, monkeypatch):
    monkeypatch.setattr(public_views, "LISTED", 3)
    shown, hidden = make_issue("a.txt", datetime.date(2024, 1, 2)), make_issue("h.txt", published=False)
    many, three = Tag.objects.create(name="多"), Tag.objects.create(name="三")
    public = [Article.objects.create(issue=shown, position=n, title=f"公开{n}") for n in range(4)]
    withdrawn = [Article.objects.create(issue=hidden, position=n, title=f"隐藏{n}") for n in range(3)]
    many.articles.add(*public, *withdrawn)
    three.articles.add(*public[:3], *withdrawn)
    listed = {t["name"]: t for t in client.get("/tags/", {"format": "json"}).json()["tags"]}
    assert (listed["多"]["articles"], listed["多"]["capped"]) == (3, True)
    assert (listed["三"]["articles"], listed["三"]["capped"]) == (3, False)
    page = client.get("/tags/").content.decode()
    assert "3 多篇" in page and "3 篇" in page
