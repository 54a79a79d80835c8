"""What editors withdraw (an article, or a whole issue) leaves every public
page, the JSON, the counts and search, and comes back when published again."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db.models import Exists, OuterRef

from archive.models import Article, ArticleTag, Byline, Event, Issue, Mention, Organisation, Person, Tag
from archive.search import index_articles
from archive.views import public
from tests.factories import make_issue

pytestmark = pytest.mark.django_db




@pytest.fixture
def archive():
    shown = make_issue("shown.txt", datetime.date(2024, 7, 25))
    hidden = make_issue("hidden.txt", datetime.date(2024, 7, 26), published=False)
    articles = {
        "public": Article.objects.create(issue=shown, position=1, title="公开的法院新闻", body="法院。"),
        "withdrawn": Article.objects.create(
            issue=shown, position=2, title="撤下的法院新闻", body="法院。", published=False
        ),
        "in_hidden_issue": Article.objects.create(issue=hidden, position=1, title="隐藏期的法院新闻", body="法院。"),
    }
    for name, article in articles.items():
        person = Person.objects.create(name={"public": "甲记者", "withdrawn": "乙记者", "in_hidden_issue": "丙记者"}[name])
        Byline.objects.create(article=article, person=person)
    index_articles(Article.objects.values_list("pk", flat=True))
    return articles


def everything(client, paths):
    return "".join(
        client.get(path).content.decode() + client.get(path, {"format": "json"}).content.decode()
        for path in paths
    )


def test_hidden_articles_and_issues_are_nowhere(client, archive):
    pages = everything(
        client,
        ["/", "/issues/", "/issues/2024/", "/issues/2024-07/", "/issues/2024-07-25/", "/people/",
         "/search/?q=法院", "/search/?q=法院&sort=newest", f"/people/{archive['public'].bylines.get().person_id}/"],
    )
    assert "公开的法院新闻" in pages
    for hidden in ("撤下的法院新闻", "隐藏期的法院新闻", "乙记者", "丙记者"):
        assert hidden not in pages
    assert client.get("/issues/2024-07-26/").status_code == 404
    assert client.get("/issues/source/hidden.txt/").status_code == 404
    for name in ("withdrawn", "in_hidden_issue"):
        assert client.get(f"/articles/{archive[name].pk}/").status_code == 404
        person = archive[name].bylines.get().person_id
        assert client.get(f"/people/{person}/").status_code == 404
    data = json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)
    assert data["total"] == 1
    assert json.loads(client.get("/", {"format": "json"}).content)["counts"] == {
        "issues": 1, "articles": 1, "people": 1
    }


def test_neighbours_skip_hidden_articles_and_issues(client, archive):
    page = client.get(f"/articles/{archive['public'].pk}/").content.decode()
    assert f"/articles/{archive['withdrawn'].pk}/" not in page
    make_issue("later.txt", datetime.date(2024, 7, 27))
    issue_page = client.get("/issues/2024-07-25/").content.decode()
    assert 'href="/issues/2024-07-27/"' in issue_page
    assert "/issues/2024-07-26/" not in issue_page


def test_publishing_again_brings_them_back(client, archive):
    Issue.objects.filter(source_name="hidden.txt").update(published=True)
    Article.objects.filter(pk=archive["withdrawn"].pk).update(published=True)
    assert json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)["total"] == 1
    index_articles(Article.objects.values_list("pk", flat=True))  # update() is no save: nothing follows by itself
    assert json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)["total"] == 3


def test_the_admin_actions_withdraw_and_reindex(admin_client, client, archive):
    response = admin_client.post(
        "/admin/archive/article/",
        {"action": "withdraw", "_selected_action": [archive["public"].pk]},
    )
    assert response.status_code == 302
    assert not Article.objects.get(pk=archive["public"].pk).published
    assert json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)["total"] == 0
    admin_client.post(
        "/admin/archive/issue/",
        {"action": "publish", "_selected_action": [Issue.objects.get(source_name="hidden.txt").pk]},
    )
    data = json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)
    assert [r["title"] for r in data["results"]] == ["隐藏期的法院新闻"]


def test_rebuild_search_index_command(client, archive):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_search")
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM archive_search_key")
    assert json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)["total"] == 0
    call_command("rebuild_search_index", verbosity=0)
    assert json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)["total"] == 1


def test_an_entity_is_public_when_any_public_article_links_it(archive):
    """The lists ask the full question only of what a hidden article links,
    so every mix of hidden, public and rejected links is checked against
    that question asked of every row."""
    public_article, withdrawn, in_hidden_issue = archive["public"], archive["withdrawn"], archive["in_hidden_issue"]
    links = {
        "hidden only": [withdrawn, in_hidden_issue],
        "hidden and public": [withdrawn, public_article],
        "hidden issue and public": [in_hidden_issue, public_article],
        "public only": [public_article],
        "rejected on public": [],
    }
    # Bylines too: 乙 and 丙 are credited only on hidden articles; 丙 now
    # also on the public one (credited first: a credit extracts the
    # article again, which replaces automatic mentions the text lacks).
    Byline.objects.create(article=public_article, person=Person.objects.get(name="丙记者"))
    for number, (name, articles) in enumerate(links.items()):
        person = Person.objects.create(name=f"人{number}")
        organisation = Organisation.objects.create(name=f"机构{number}")
        event = Event.objects.create(name=f"活动{number}")
        tag = Tag.objects.create(name=f"标签{number}")
        for article in articles:
            for entity in ({"person": person}, {"organisation": organisation}, {"event": event}):
                Mention.objects.create(article=article, text=name, **entity)
            ArticleTag.objects.create(tag=tag, article=article)
        if not articles:
            for entity in ({"person": person}, {"organisation": organisation}, {"event": event}):
                Mention.objects.create(
                    article=public_article, text=name, status=Mention.Status.REJECTED, **entity
                )

    def expected(model, linking, links):
        """The rows some link of which is on a public article."""
        public_links = links.filter(article__published=True, article__issue__published=True)
        return {row.pk for row in model.objects.filter(Exists(public_links.filter(**{linking: OuterRef("pk")})))}

    credited = expected(Person, "person", Byline.objects.all())
    named = expected(Person, "person", Mention.objects.exclude(status=Mention.Status.REJECTED))

    assert set(public.people().values_list("pk", flat=True)) == credited | named
    assert set(public.people().values_list("name", flat=True)) == {"甲记者", "丙记者", "人1", "人2", "人3"}
    assert set(public.organisations().values_list("pk", flat=True)) == expected(
        Organisation, "organisation", Mention.objects.exclude(status=Mention.Status.REJECTED)
    )
    assert set(public.organisations().values_list("name", flat=True)) == {"机构1", "机构2", "机构3"}
    assert set(public.events().values_list("pk", flat=True)) == expected(
        Event, "event", Mention.objects.exclude(status=Mention.Status.REJECTED)
    )
    assert set(public.tags().values_list("pk", flat=True)) == expected(Tag, "tag", ArticleTag.objects.all())
    assert set(public.tags().values_list("name", flat=True)) == {"标签1", "标签2", "标签3"}
