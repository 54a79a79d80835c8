"""The admin's changelists of the big tables: counts that stop counting,
article search through the full-text index, queries that do not grow with
the rows."""

import datetime

import pytest
from django.db import connection

from archive.admin import changelists
from archive.models import Article, Byline, Mention, Person
from archive.search import index_articles
from tests.factories import make_issue

pytestmark = pytest.mark.django_db




def make_articles(issue, count, title="法院新闻", credit=None, start=1):
    articles = []
    for position in range(start, start + count):
        article = Article.objects.create(issue=issue, position=position, title=f"{title}{position}")
        if credit:
            person, _ = Person.objects.get_or_create(name=credit)
            Byline.objects.create(article=article, person=person, role="本报记者", position=1)
            Mention.objects.create(article=article, person=person, text=credit, role="本报记者")
        articles.append(article)
    index_articles([a.pk for a in articles])
    return articles


def listed(response):
    return [row.pk for row in response.context["cl"].result_list]


def test_small_counts_are_exact(admin_client):
    make_articles(make_issue("a.txt", datetime.date(2024, 1, 1)), 5)
    response = admin_client.get("/admin/archive/article/")
    assert response.context["cl"].result_count == 5
    page = response.content.decode()
    assert "约 5" not in page and "超过 5" not in page


def test_big_counts_are_estimated_or_capped(admin_client, monkeypatch):
    monkeypatch.setattr(changelists, "EXACT", 3)
    make_articles(make_issue("a.txt", datetime.date(2024, 1, 1)), 8)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_article")
    response = admin_client.get("/admin/archive/article/")
    paginator = response.context["cl"].paginator
    page = response.content.decode()
    if connection.vendor == "postgresql":
        assert paginator.estimated and paginator.count >= 4
        assert f"约 {paginator.count} 文章" in page
    else:
        assert paginator.capped and paginator.count == 3
        assert "超过 3 文章" in page
    # Pages go as far as the count: two to a page, the second is full on
    # PostgreSQL and holds the third row only on SQLite.
    monkeypatch.setattr("archive.admin.issues.ArticleAdmin.list_per_page", 2)
    second = listed(admin_client.get("/admin/archive/article/?p=2"))
    assert len(second) == (2 if connection.vendor == "postgresql" else 1)


def test_article_search_finds_headlines_names_and_file_names(admin_client):
    issue = make_issue("zj20240725.txt", datetime.date(2024, 7, 25))
    court = Article.objects.create(issue=issue, position=1, title="杭州互联网法院发布指引")
    apart = Article.objects.create(issue=issue, position=2, title="互联网时代的法治与院落")
    hidden = Article.objects.create(issue=issue, position=3, kicker="法院", title="撤稿", published=False)
    credited = Article.objects.create(issue=issue, position=4, title="会议召开")
    other = make_issue("other.txt")
    elsewhere = Article.objects.create(issue=other, position=1, title="无关")
    person = Person.objects.create(name="王乃召")
    Byline.objects.create(article=credited, person=person, role="本报记者", position=1)
    index_articles([court.pk, apart.pk, hidden.pk, credited.pk, elsewhere.pk])

    def search(term):
        return set(listed(admin_client.get("/admin/archive/article/", {"q": term})))

    # Every pair of 互联网法院 is in the second headline, but not the words.
    assert search("互联网法院") == {court.pk}
    assert search("法院") == {court.pk, hidden.pk}
    assert search("王乃召") == {credited.pk}
    assert search("zj20240725") == {court.pk, apart.pk, hidden.pk, credited.pk}
    assert search("zj20240725 王乃召") == {credited.pk}
    assert search("法院 杭州") == {court.pk}
    assert search("量子") == set()


def test_article_search_finds_body_text_and_the_issue_number(admin_client):
    issue = make_issue("zj20240725.txt", datetime.date(2024, 7, 25), number=7047)
    bodied = Article.objects.create(issue=issue, position=1, title="会议召开", body="会上通报了警源治理的进展。")
    numbered = Article.objects.create(issue=issue, position=2, title="另一篇", body="正文。")
    other = make_issue("other.txt", number=7132)
    elsewhere = Article.objects.create(issue=other, position=1, title="无关", body="第7047期的读者来信。")
    index_articles([bodied.pk, numbered.pk, elsewhere.pk])

    def search(term):
        return set(listed(admin_client.get("/admin/archive/article/", {"q": term})))

    assert search("警源治理") == {bodied.pk}
    assert search("治理 会议") == {bodied.pk}
    assert search("7047") == {bodied.pk, numbered.pk, elsewhere.pk}  # the number, and a body that prints it
    assert search("第7132期") == {elsewhere.pk}
    assert search("7132 无关") == {elsewhere.pk}
    assert search("7132 警源治理") == set()


@pytest.mark.parametrize("model", ["article", "byline", "mention", "person"])
def test_changelists_cost_the_same_queries_for_more_rows(admin_client, django_assert_max_num_queries, model):
    issue = make_issue("a.txt", datetime.date(2024, 1, 1))
    make_articles(issue, 3, credit="高敏")
    admin_client.get(f"/admin/archive/{model}/")  # the session, once
    with django_assert_max_num_queries(10) as few:
        assert admin_client.get(f"/admin/archive/{model}/").status_code == 200
    for n in range(40):
        make_articles(issue, 2, credit=f"记者{n}", start=10 + 2 * n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(f"/admin/archive/{model}/").status_code == 200


def test_mention_search_finds_texts_names_and_titles(admin_client):
    issue = make_issue("a.txt", datetime.date(2024, 7, 25))
    # As bare rows: the mentions below are the only ones (no extraction).
    named, titled = Article.objects.bulk_create([
        Article(issue=issue, position=1, title="会议召开", body="省公安厅厅长王成国讲话。"),
        Article(issue=issue, position=2, title="王成国调研", body="高某陪同。"),
    ])
    person = Person.objects.create(name="王成国")
    alias = Person.objects.create(name="高敏")
    spoken = Mention.objects.create(article=named, person=person, text="王成国", start=6, end=9)
    # The printed text differs from the name it points to.
    aliased = Mention.objects.create(article=titled, person=alias, text="高某", start=6, end=8)
    index_articles([named.pk, titled.pk])

    def search(term):
        return set(listed(admin_client.get("/admin/archive/mention/", {"q": term})))

    assert search("王成国") == {spoken.pk, aliased.pk}  # the text; the article's title
    assert search("高敏") == {aliased.pk}  # the person's name only
    assert search("高某") == {aliased.pk}
    assert search("王成国 讲话") == set()  # 讲话 is in no field of a mention
    assert search("量子") == set()
