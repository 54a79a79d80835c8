"""People: the index in pinyin order, and a person's page (credits over
time, the people credited alongside, the articles)."""

import datetime
import json

from archive.models import Article, Byline, Issue, Person
from archive.pinyin import initial, sort_key


def make_issue(name, date=None):
    return Issue.objects.create(
        source_name=name, source=b"", source_sha256="0" * 64, source_encoding="utf-8", date=date
    )


def credit(article, *names, role="本报记者", credit="text"):
    for position, name in enumerate(names, start=1):
        person, _ = Person.objects.get_or_create(name=name)
        Byline.objects.create(article=article, person=person, role=role, credit=credit, position=position)


def test_pinyin_order_reads_surnames_as_surnames():
    names = ["张三", "曾志", "王乃召", "单雄", "陈春雷", "Alice", "李", "李明", "林"]
    assert sorted(names, key=sort_key) == [
        "Alice", "陈春雷", "李", "李明", "林", "单雄", "王乃召", "曾志", "张三"
    ]
    assert [initial(sort_key(n)) for n in ("曾志", "单雄", "Alice", "123", "·")] == [
        "Z", "S", "A", "#", "#"
    ]


def test_people_get_their_sort_key_however_created(db):
    Person.objects.create(name="曾志")
    Person.objects.bulk_create([Person(name="单雄")])
    assert dict(Person.objects.values_list("name", "sort_key")) == {
        "曾志": sort_key("曾志"),
        "单雄": sort_key("单雄"),
    }


def test_people_index_in_pinyin_order_with_counts(client, db):
    issue = make_issue("a.txt")
    article = Article.objects.create(issue=issue, position=1, title="甲")
    credit(article, "张三", "曾志", "陈春雷")
    response = client.get("/people/")
    assert [p.name for _, p in response.context["people"]] == ["陈春雷", "曾志", "张三"]
    page = response.content.decode()
    assert page.index('id="letter-C"') < page.index('id="letter-Z"')
    data = json.loads(client.get("/people/?format=json").content)
    assert [p["name"] for p in data["people"]] == ["陈春雷", "曾志", "张三"]


def test_people_index_pages_and_letters(client, db, django_assert_max_num_queries):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    credit(article, *(f"王{n:03}" for n in range(150)), "安心")
    with django_assert_max_num_queries(4):
        first = client.get("/people/")
    assert len(first.context["people"]) == 100
    assert first.context["letters"] == ["A", "W"]
    assert len(client.get("/people/?page=2").context["people"]) == 51
    assert client.get("/people/?page=3").status_code == 404
    only_a = client.get("/people/?letter=A")
    assert [p.name for _, p in only_a.context["people"]] == ["安心"]
    w_pages = client.get("/people/?letter=W")
    assert 'href="?letter=W&amp;page=2"' in w_pages.content.decode()


def test_people_credited_only_on_hidden_articles_are_not_shown(client, db):
    hidden_issue = make_issue("h.txt")
    hidden_issue.published = False
    hidden_issue.save()
    credit(Article.objects.create(issue=hidden_issue, position=1, title="甲"), "隐去")
    credit(Article.objects.create(issue=make_issue("w.txt"), position=1, title="乙", published=False), "撤稿")
    credit(Article.objects.create(issue=make_issue("v.txt"), position=1, title="丙"), "公开")
    assert [p.name for _, p in client.get("/people/").context["people"]] == ["公开"]
    for name in ("隐去", "撤稿"):
        assert client.get(f"/people/{Person.objects.get(name=name).pk}/").status_code == 404


def test_person_page(client, imported_seeds):
    person = Person.objects.get(name="王乃召")
    response = client.get(f"/people/{person.pk}/")
    page = response.content.decode()
    assert "<h1>王乃召</h1>" in page
    credited = Article.objects.filter(bylines__person=person).distinct()
    assert {a.pk for a in response.context["articles"]} == {a.pk for a in credited}
    for article in credited:
        assert f'href="/articles/{article.pk}/"' in page
    (role,) = response.context["roles"]
    assert role["role"] == "本报记者" and role["count"] == credited.count()
    assert role["last"] == datetime.date(2024, 7, 25)
    colleague = Person.objects.get(name="王志浩")
    assert response.context["colleagues"][0]["person"] == colleague.pk
    assert response.context["colleagues"][0]["count"] == 2
    assert f'href="/search/?person={person.pk}"' in page
    data = json.loads(client.get(f"/people/{person.pk}/?format=json").content)
    assert data["name"] == "王乃召"
    assert data["colleagues"][0]["name"] == "王志浩"
    assert data["roles"][0]["last"] == "2024-07-25"
    assert {a["id"] for a in data["articles"]} == {a.pk for a in credited}


def test_a_person_credited_twice_on_one_article_lists_it_once(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    credit(article, "陈海伟")
    credit(article, "陈海伟", role="通讯员", credit="photo")
    person = Person.objects.get(name="陈海伟")
    response = client.get(f"/people/{person.pk}/")
    assert len(response.context["articles"]) == 1
    assert len(response.context["roles"]) == 2


def test_person_articles_are_paginated_in_constant_queries(client, db, django_assert_max_num_queries):
    issue = make_issue("a.txt", datetime.date(2024, 1, 1))
    for n in range(45):
        article = Article.objects.create(issue=issue, position=n, title=f"第{n}篇")
        credit(article, "高敏", f"同事{n % 7}")
    person = Person.objects.get(name="高敏")
    with django_assert_max_num_queries(7):
        first = client.get(f"/people/{person.pk}/")
    assert len(first.context["articles"]) == 20
    assert len(first.context["colleagues"]) == 7
    assert len(client.get(f"/people/{person.pk}/?page=3").context["articles"]) == 5
    assert client.get(f"/people/{person.pk}/?page=4").status_code == 404


def test_unknown_person_is_404(client, db):
    assert client.get("/people/424242/").status_code == 404


def test_hostile_names_are_escaped(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    credit(article, "<script>alert(1)</script>")
    person = Person.objects.get()
    for path in ("/people/", f"/people/{person.pk}/", f"/articles/{article.pk}/"):
        page = client.get(path).content.decode()
        assert "<script>alert" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path
