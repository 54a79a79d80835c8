"""Organisations: the index (by name, by kind) and an organisation's page
(aliases, parent and children, people holding positions there, the articles
naming it)."""

import datetime
import json

import pytest

from archive.models import Article, Mention, Organisation, OrganisationAlias, Person, Position
from tests.factories import make_issue


def name_in(article, organisation, status=Mention.Status.AUTOMATIC):
    return Mention.objects.create(
        article=article, organisation=organisation, text=organisation.name, start=0,
        end=len(organisation.name), status=status,
    )


def test_organisation_pages_on_the_seeds(client, imported_seeds):
    province = Organisation.objects.get(name="浙江省委")
    committee = Organisation.objects.get(name="浙江省委政法委")
    index = client.get("/organisations/").content.decode()
    assert f'<a href="/organisations/{province.pk}/">浙江省委</a>' in index

    response = client.get(f"/organisations/{province.pk}/")
    page = response.content.decode()
    assert '<html lang="zh-CN">' in page
    assert "<h1>浙江省委</h1>" in page
    assert "省委" in response.context["aliases"]
    assert f'href="/organisations/{committee.pk}/"' in page
    naming = Article.objects.filter(mentions__organisation=province).distinct()
    assert naming.exists()
    for article in naming:
        assert f'href="/articles/{article.pk}/"' in page

    committee_page = client.get(f"/organisations/{committee.pk}/").content.decode()
    assert f'<a href="/organisations/{province.pk}/">浙江省委</a>' in committee_page
    holder = Person.objects.get(name="王成国")
    assert f'<a href="/people/{holder.pk}/">王成国</a>' in committee_page
    assert "省委常委、政法委书记" in committee_page

    data = json.loads(client.get(f"/organisations/{committee.pk}/", {"format": "json"}).content)
    assert data["name"] == "浙江省委政法委" and data["kind"] == committee.kind
    assert data["parent"] == {"name": "浙江省委", "url": f"/organisations/{province.pk}/"}
    assert {"title": "省委常委、政法委书记", "person": {"id": holder.pk, "url": f"/people/{holder.pk}/", "name": "王成国"},
            "first_seen": None, "last_seen": None} in data["positions"]
    assert data["articles"] and data["page"]["number"] == 1


def test_index_by_kind(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    for name, kind in (("杭州市公安局", "police"), ("杭州市中级人民法院", "court")):
        name_in(article, Organisation.objects.create(name=name, kind=kind))
    assert [o.name for o in client.get("/organisations/?kind=police").context["organisations"]] == ["杭州市公安局"]
    assert len(client.get("/organisations/?kind=nonsense").context["organisations"]) == 2
    data = json.loads(client.get("/organisations/", {"format": "json", "kind": "court"}).content)
    assert [o["name"] for o in data["organisations"]] == ["杭州市中级人民法院"]
    assert data["organisations"][0]["kind_label"] == "法院"


def test_what_hidden_or_rejected_articles_name_is_not_shown(client, db):
    shown = Article.objects.create(issue=make_issue("a.txt"), position=1, title="公开的新闻")
    withdrawn = Article.objects.create(issue=shown.issue, position=2, title="撤下的新闻", published=False)
    hidden_issue = Article.objects.create(issue=make_issue("h.txt", published=False), position=1, title="隐藏期的新闻")
    public = Organisation.objects.create(name="公开机构")
    for article in (shown, withdrawn, hidden_issue):
        name_in(article, public)
    only_hidden = Organisation.objects.create(name="隐藏机构", parent=public)
    name_in(withdrawn, only_hidden)
    name_in(hidden_issue, only_hidden)
    rejected = Organisation.objects.create(name="否决机构", parent=public)
    name_in(shown, rejected, status=Mention.Status.REJECTED)

    pages = "".join(
        client.get(path, query).content.decode()
        for path in ("/organisations/", f"/organisations/{public.pk}/", f"/articles/{shown.pk}/")
        for query in ({}, {"format": "json"})
    )
    assert "公开的新闻" in pages
    for hidden in ("撤下的新闻", "隐藏期的新闻"):
        assert hidden not in pages
    # A child with no public page is named but not linked.
    for child in (only_hidden, rejected):
        assert f"/organisations/{child.pk}/" not in pages
        assert client.get(f"/organisations/{child.pk}/").status_code == 404
    assert [a.pk for a in client.get(f"/organisations/{public.pk}/").context["articles"]] == [shown.pk]


def test_unknown_organisations_are_404_and_only_get_is_allowed(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    organisation = Organisation.objects.create(name="机构")
    name_in(article, organisation)
    assert client.get("/organisations/424242/").status_code == 404
    assert client.get("/organisations/abc/").status_code == 404
    assert client.get("/organisations/?page=9").status_code == 404
    for path in ("/organisations/", f"/organisations/{organisation.pk}/"):
        assert client.head(path).status_code == 200
        assert client.post(path).status_code == 405


def test_hostile_names_are_escaped(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    organisation = Organisation.objects.create(name="<script>alert(1)</script>")
    OrganisationAlias.objects.create(organisation=organisation, name="<script>alert(2)</script>")
    name_in(article, organisation)
    for path in ("/organisations/", f"/organisations/{organisation.pk}/", f"/articles/{article.pk}/"):
        page = client.get(path).content.decode()
        assert "<script>alert" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path


@pytest.mark.parametrize("size", [3, 60])
def test_pages_cost_the_same_queries_whatever_the_size(client, db, django_assert_max_num_queries, size):
    issue = make_issue("a.txt", datetime.date(2024, 1, 1))
    organisation = Organisation.objects.create(name="省公安厅")
    for n in range(size):
        article = Article.objects.create(issue=issue, position=n, title=f"第{n}篇")
        name_in(article, organisation)
        child = Organisation.objects.create(name=f"分局{n}", parent=organisation)
        name_in(article, child)
        person = Person.objects.create(name=f"人物{n}")
        Mention.objects.create(article=article, person=person, text=person.name, start=5, end=9)
        Position.objects.create(person=person, title="局长", organisation=organisation)
    with django_assert_max_num_queries(4):
        client.get("/organisations/")
    with django_assert_max_num_queries(9):
        response = client.get(f"/organisations/{organisation.pk}/")
    assert len(response.context["articles"]) == min(size, 20)
    assert len(response.context["positions"].object_list) == min(size, 50)
    if size > 50:
        second = client.get(f"/organisations/{organisation.pk}/", {"positions": 2, "page": 3})
        assert len(second.context["positions"].object_list) == size - 50
        assert len(second.context["articles"]) == size - 40
        assert 'href="?page=3&amp;positions=1"' in second.content.decode()


# (links sorted here at most, times each article names it): sorted here;
# walked, counted from the links read; walked and counted; walked, with more
# links than articles.
@pytest.mark.parametrize(("sorted_here", "times"), [(5000, 1), (6, 1), (2, 1), (2, 3)])
def test_a_long_list_of_articles_stops_at_the_newest(client, db, monkeypatch, sorted_here, times):
    """Counting and paging every article naming an organisation would read
    them all: the page lists the newest ``LISTED`` and says there are more."""
    monkeypatch.setattr("archive.views.public.LISTED", 5)
    monkeypatch.setattr("archive.views.public.SORTED", sorted_here)
    organisation = Organisation.objects.create(name="省公安厅")
    undated = Article.objects.create(issue=make_issue("z.txt"), position=1, title="无日期")
    articles = [undated]
    for day in range(1, 7):
        issue = make_issue(f"{day}.txt", datetime.date(2024, 1, day))
        articles.append(Article.objects.create(issue=issue, position=1, title=f"一月{day}日"))
    articles.append(
        Article.objects.create(issue=make_issue("h.txt", datetime.date(2024, 2, 1), published=False), position=1)
    )
    for article in articles:
        for _ in range(times):
            name_in(article, organisation)

    response = client.get(f"/organisations/{organisation.pk}/")
    assert [a.title for a in response.context["articles"]] == [f"一月{day}日" for day in range(6, 1, -1)]
    assert "超过 5 篇，这里只列出最新的 5 篇" in response.content.decode()
    assert client.get(f"/organisations/{organisation.pk}/", {"page": 2}).status_code == 404
    data = json.loads(client.get(f"/organisations/{organisation.pk}/", {"format": "json"}).content)
    assert data["page"]["count"] == 5 and data["page"]["capped"] is True

    monkeypatch.setattr("archive.views.public.LISTED", 7)
    response = client.get(f"/organisations/{organisation.pk}/")
    assert [a.title for a in response.context["articles"]][-1] == "无日期"
    assert "超过" not in response.content.decode()
    data = json.loads(client.get(f"/organisations/{organisation.pk}/", {"format": "json"}).content)
    assert data["page"]["count"] == 7 and data["page"]["capped"] is False
