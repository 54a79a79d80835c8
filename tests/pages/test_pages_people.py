"""People: the index in pinyin order, and a person's page (credits over
time, the people credited alongside, the articles)."""

import datetime
import json

from archive.lib.pinyin import initial, sort_key
from archive.models import Article, Byline, Event, Mention, Organisation, Participant, Person, Position
from tests.factories import make_issue


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
    with django_assert_max_num_queries(12):
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


def name_in(article, person, status=Mention.Status.AUTOMATIC, start=0):
    return Mention.objects.create(
        article=article, person=person, text=person.name, start=start,
        end=None if start is None else start + len(person.name), status=status,
    )


def test_person_page_positions_events_and_mentions_on_the_seeds(client, imported_seeds):
    person = Person.objects.get(name="王成国")
    committee = Organisation.objects.get(name="浙江省委政法委")
    response = client.get(f"/people/{person.pk}/")
    page = response.content.decode()
    assert '<th scope="row">省委常委、政法委书记</th>' in page
    assert f'<a href="/organisations/{committee.pk}/">浙江省委政法委</a>' in page
    meeting = Event.objects.get(name="全省校园安全工作现场会暨校园安全协同共治体系建设推进会")
    assert (meeting, ["讲话", "出席"]) in response.context["participations"]
    assert f'<a href="/events/{meeting.pk}/">{meeting.name}</a> <span class="count">讲话、出席</span>' in page
    named = Article.objects.filter(mentions__person=person, mentions__start__isnull=False).distinct()
    assert {a.pk for a in response.context["mentioned"].object_list} == {a.pk for a in named}
    for article in named:
        assert f'href="/articles/{article.pk}/"' in page
        assert f'href="/people/{person.pk}/"' in client.get(f"/articles/{article.pk}/").content.decode()
    assert response.context["companions"][0]["person__name"] == "杨青玖"
    assert response.context["companions"][0]["count"] == 3
    data = json.loads(client.get(f"/people/{person.pk}/", {"format": "json"}).content)
    assert {
        "title": "省委常委、政法委书记", "organisation": "浙江省委政法委",
        "organisation_url": f"/organisations/{committee.pk}/", "first_seen": None, "last_seen": None,
    } in data["positions"]
    assert {"event": meeting.pk, "role": "讲话"} in [
        {"event": row["event"]["id"], "role": row["role"]} for row in data["events"]
    ]
    assert {a["id"] for a in data["mentioned"]} == {a.pk for a in named}
    assert data["mentioned_page"]["count"] == named.count()
    assert data["companions"][0] == {
        "id": response.context["companions"][0]["person"], "url": f"/people/{response.context['companions'][0]['person']}/",
        "name": "杨青玖", "events": 3,
    }


def test_people_named_only_in_the_text_have_a_page(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    speaker = Person.objects.create(name="王浩")
    name_in(article, speaker)
    response = client.get(f"/people/{speaker.pk}/")
    assert response.status_code == 200
    assert [a.pk for a in response.context["mentioned"].object_list] == [article.pk]
    assert "署名文章" not in response.content.decode()
    assert [p.name for _, p in client.get("/people/").context["people"]] == ["王浩"]


def test_hidden_and_rejected_mentions_are_not_shown(client, db):
    shown = Article.objects.create(issue=make_issue("a.txt"), position=1, title="公开的新闻")
    withdrawn = Article.objects.create(issue=shown.issue, position=2, title="撤下的新闻", published=False)
    hidden_issue = make_issue("h.txt")
    hidden_issue.published = False
    hidden_issue.save()
    in_hidden = Article.objects.create(issue=hidden_issue, position=1, title="隐藏期的新闻")
    rejected_only = Article.objects.create(issue=make_issue("r.txt"), position=1, title="否决的新闻")
    person = Person.objects.create(name="王浩")
    for article in (shown, withdrawn, in_hidden):
        name_in(article, person)
    name_in(rejected_only, person, status=Mention.Status.REJECTED)
    never = Person.objects.create(name="否决者")
    name_in(shown, never, status=Mention.Status.REJECTED)
    withdrawn_only = Person.objects.create(name="撤稿者")
    name_in(withdrawn, withdrawn_only)
    pages = "".join(
        client.get(path, query).content.decode()
        for path in ("/people/", f"/people/{person.pk}/", f"/articles/{shown.pk}/")
        for query in ({}, {"format": "json"})
    )
    assert "公开的新闻" in pages
    for hidden in ("撤下的新闻", "隐藏期的新闻", "否决的新闻", "否决者", "撤稿者"):
        assert hidden not in pages
    for hidden in (never, withdrawn_only):
        assert client.get(f"/people/{hidden.pk}/").status_code == 404


def test_person_page_costs_the_same_queries_with_every_section_full(client, db, django_assert_max_num_queries):
    issue = make_issue("a.txt", datetime.date(2024, 1, 1))
    person = Person.objects.create(name="王浩")
    for n in range(45):
        article = Article.objects.create(issue=issue, position=n, title=f"第{n}篇")
        credit(article, "王浩", f"同事{n % 7}")
        name_in(article, person)
        other = Person.objects.create(name=f"他人{n % 12}") if n < 12 else Person.objects.get(name=f"他人{n % 12}")
        name_in(article, other, start=10)
        organisation = Organisation.objects.create(name=f"机构{n}")
        Mention.objects.create(article=article, organisation=organisation, text=organisation.name, start=20, end=23)
        Position.objects.create(person=person, title=f"职务{n}", organisation=organisation)
        event = Event.objects.create(name=f"会议{n}", start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
        Mention.objects.create(article=article, event=event, text=event.name, start=30, end=33)
        Participant.objects.create(event=event, person=person, role="讲话")
        Participant.objects.create(event=event, person=other, role="出席")
    # Each list of articles: its links, their dates, the page, its credits.
    with django_assert_max_num_queries(14):
        response = client.get(f"/people/{person.pk}/")
    assert len(response.context["positions"]) == 45
    assert len(response.context["participations"]) == 20 and response.context["more_events"]
    page = response.content.decode()
    assert f'href="/events/?person={person.pk}"' in page
    assert len(response.context["mentioned"].object_list) == 20
    assert len(response.context["companions"]) == 10
    # Two lists page apart, each keeping the other's page.
    later = client.get(f"/people/{person.pk}/", {"page": 2, "mentioned": 3})
    assert len(later.context["mentioned"].object_list) == 5
    later_page = later.content.decode()
    assert 'href="?page=2&amp;mentioned=2"' in later_page
    assert 'href="?mentioned=3&amp;page=3"' in later_page
    assert client.get(f"/people/{person.pk}/", {"mentioned": 4}).status_code == 404



def test_colleagues_of_someone_credited_often_are_counted_on_their_newest_articles(client, db, monkeypatch):
    monkeypatch.setattr("archive.views.public.LISTED", 2)
    for day, partner in [(1, "王甲"), (2, "王甲"), (3, "李乙"), (4, "李乙")]:
        article = Article.objects.create(issue=make_issue(f"{day}.txt", datetime.date(2024, 1, day)), position=1)
        credit(article, "陈海伟", partner)
    person = Person.objects.get(name="陈海伟")
    data = json.loads(client.get(f"/people/{person.pk}/", {"format": "json"}).content)
    assert [(c["name"], c["articles"]) for c in data["colleagues"]] == [("李乙", 2)]
    assert data["colleagues_among_newest"] == 2
    assert [r["count"] for r in data["roles"]] == [4]
    assert "据此人最新的 2 篇署名文章" in client.get(f"/people/{person.pk}/").content.decode()

    monkeypatch.setattr("archive.views.public.LISTED", 4)
    data = json.loads(client.get(f"/people/{person.pk}/", {"format": "json"}).content)
    assert [(c["name"], c["articles"]) for c in data["colleagues"]] == [("李乙", 2), ("王甲", 2)]
    assert data["colleagues_among_newest"] is None


def test_roles_are_the_same_summed_here_or_by_the_database(client, db, monkeypatch):
    """A person credited more often than the list of articles reads has
    their credits summed by the database instead: the same summary."""
    days = [datetime.date(2024, 1, d) for d in (3, 1, 2)] + [None]
    for n, day in enumerate(days):
        article = Article.objects.create(issue=make_issue(f"{n}.txt", day), position=1)
        credit(article, "陈海伟", role="本报记者" if n % 2 else "通讯员")
        if n == 1:
            credit(article, "陈海伟", role="通讯员", credit="photo")
    hidden = Article.objects.create(issue=make_issue("h.txt", datetime.date(2025, 1, 1)), position=1, published=False)
    credit(hidden, "陈海伟", role="特约记者")
    person = Person.objects.get(name="陈海伟")
    summed_here = json.loads(client.get(f"/people/{person.pk}/", {"format": "json"}).content)["roles"]
    monkeypatch.setattr("archive.views.public.SORTED", 1)
    by_database = json.loads(client.get(f"/people/{person.pk}/", {"format": "json"}).content)["roles"]
    assert summed_here == by_database
    assert [(r["role"], r["credit"], r["count"], r["first"], r["last"]) for r in summed_here] == [
        ("本报记者", "text", 2, "2024-01-01", "2024-01-01"),
        ("通讯员", "text", 2, "2024-01-02", "2024-01-03"),
        ("通讯员", "photo", 1, "2024-01-01", "2024-01-01"),
    ]


def test_positions_printed_only_in_withdrawn_articles_are_not_shown(client, db):
    issue = make_issue("a.txt", datetime.date(2024, 7, 25))
    shown = Article.objects.create(issue=issue, position=1, title="公开的新闻")
    withdrawn = Article.objects.create(issue=issue, position=2, title="撤下的新闻", published=False)
    person = Person.objects.create(name="王浩")
    for article, title in ((shown, "省公安厅厅长"), (withdrawn, "省司法厅副厅长")):
        Mention.objects.create(article=article, person=person, text="王浩", titles=title, start=0, end=2)
        Position.objects.create(person=person, title=title, first_issue=issue, last_issue=issue)
    Position.objects.create(person=person, title="编辑添加的职务")  # no page printed it
    data = json.loads(client.get(f"/people/{person.pk}/", {"format": "json"}).content)
    assert {p["title"] for p in data["positions"]} == {"编辑添加的职务", "省公安厅厅长"}
    assert "省司法厅副厅长" not in client.get(f"/people/{person.pk}/").content.decode()
