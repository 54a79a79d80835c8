"""Events: the timeline (by year and month, undated apart) and an event's
page (when, where, who took part in what role, the articles reporting it)."""

import datetime
import json

import pytest

from archive.models import Article, Event, Mention, Participant, Person
from tests.factories import make_issue


def report(article, event, status=Mention.Status.AUTOMATIC):
    return Mention.objects.create(
        article=article, event=event, text=event.name, start=0, end=len(event.name), status=status
    )


def name_in(article, person):
    return Mention.objects.create(article=article, person=person, text=person.name, start=0, end=len(person.name))


def test_event_pages_on_the_seeds(client, imported_seeds):
    meeting = Event.objects.get(name="全省建设更高水平平安浙江工作会议")
    dated = Event.objects.get(name="2024年长三角区域警务一体化领导小组会议")
    index = client.get("/events/")
    page = index.content.decode()
    assert '<h2 id="year-2024">2024年</h2>' in page
    assert "<h3>2024年7月</h3>" in page
    assert '<h2 id="year-undated">日期不详</h2>' in page
    assert page.index(f'href="/events/{dated.pk}/"') < page.index('id="year-undated"') < page.index(
        f'href="/events/{meeting.pk}/"'
    )

    response = client.get(f"/events/{meeting.pk}/")
    page = response.content.decode()
    assert f"<h1>{meeting.name}</h1>" in page
    assert "<dd>杭州</dd>" in page and meeting.date_text in page
    speaker = Person.objects.get(name="王浩")
    assert (speaker, ["出席", "讲话"]) in response.context["participants"]
    assert f'<a href="/people/{speaker.pk}/">王浩</a> <span class="count">出席、讲话</span>' in page
    (article,) = Article.objects.filter(mentions__event=meeting).distinct()
    assert f'href="/articles/{article.pk}/"' in page

    data = json.loads(client.get(f"/events/{meeting.pk}/", {"format": "json"}).content)
    assert data["name"] == meeting.name and data["place"] == "杭州" and data["date"] is None
    assert data["date_text"] == meeting.date_text and data["kind"] == "meeting"
    assert {"person": {"id": speaker.pk, "url": f"/people/{speaker.pk}/", "name": "王浩"}, "role": "讲话"} in data[
        "participants"
    ]
    assert [a["id"] for a in data["articles"]] == [article.pk]
    listed = json.loads(client.get("/events/", {"format": "json"}).content)
    assert listed["events"][0]["date"] == "2024-07-24"

    # The article page links the event; the event page leads back.
    assert f'href="/events/{meeting.pk}/"' in client.get(f"/articles/{article.pk}/").content.decode()


def test_timeline_pages_newest_first_undated_last(client, db, django_assert_max_num_queries):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    for n in range(55):
        report(article, Event.objects.create(name=f"会议{n:02}", start_date=datetime.date(2020 + n % 3, n % 12 + 1, 1)))
    for n in range(5):
        report(article, Event.objects.create(name=f"行动{n}"))
    with django_assert_max_num_queries(3):
        first = client.get("/events/")
    years = [year for year, _ in first.context["timeline"]]
    assert years == [2022, 2021, 2020]
    months = [month for month, _ in first.context["timeline"][0][1]]
    assert months == sorted(months, reverse=True)
    second = client.get("/events/?page=2")
    assert second.context["timeline"][-1][0] is None
    assert [e.name for e in second.context["timeline"][-1][1][0][1]] == [f"行动{n}" for n in range(5)]
    assert sum(len(events) for _, months in second.context["timeline"] for _, events in months) == 10
    assert client.get("/events/?page=3").status_code == 404


def test_a_persons_events(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    person = Person.objects.create(name="王浩")
    name_in(article, person)
    attended, other = Event.objects.create(name="会议甲"), Event.objects.create(name="会议乙")
    for event in (attended, other):
        report(article, event)
    Participant.objects.create(event=attended, person=person, role="讲话")
    response = client.get("/events/", {"person": person.pk})
    assert [e for _, months in response.context["timeline"] for _, events in months for e in events] == [attended]
    assert "<h1><a href=\"/people/%d/\">王浩</a>参加的活动</h1>" % person.pk in response.content.decode()
    assert 'href="?person=%d&amp;page=' % person.pk not in response.content.decode()  # one page only
    assert client.get("/events/", {"person": "abc"}).status_code == 404
    assert client.get("/events/", {"person": "424242"}).status_code == 404


def test_hidden_reports_and_people_are_not_shown(client, db):
    shown = Article.objects.create(issue=make_issue("a.txt"), position=1, title="公开的报道")
    withdrawn = Article.objects.create(issue=shown.issue, position=2, title="撤下的报道", published=False)
    event = Event.objects.create(name="公开的会议", place="杭州")
    report(shown, event)
    report(withdrawn, event)
    hidden_event = Event.objects.create(name="只在撤稿里的会议")
    report(withdrawn, hidden_event)
    rejected_event = Event.objects.create(name="被否决的会议")
    report(shown, rejected_event, status=Mention.Status.REJECTED)
    speaker, secret = Person.objects.create(name="公开者"), Person.objects.create(name="隐去者")
    name_in(shown, speaker)
    name_in(withdrawn, secret)
    for person in (speaker, secret):
        Participant.objects.create(event=event, person=person, role="出席")
    pages = "".join(
        client.get(path, query).content.decode()
        for path in ("/events/", f"/events/{event.pk}/", f"/articles/{shown.pk}/")
        for query in ({}, {"format": "json"})
    )
    assert "公开的会议" in pages and "公开者" in pages and "公开的报道" in pages
    for hidden in ("撤下的报道", "只在撤稿里的会议", "被否决的会议", "隐去者"):
        assert hidden not in pages
    for hidden in (hidden_event, rejected_event):
        assert client.get(f"/events/{hidden.pk}/").status_code == 404


def test_unknown_events_are_404_and_only_get_is_allowed(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    event = Event.objects.create(name="会议")
    report(article, event)
    assert client.get("/events/424242/").status_code == 404
    assert client.get("/events/abc/").status_code == 404
    for path in ("/events/", f"/events/{event.pk}/"):
        assert client.head(path).status_code == 200
        assert client.post(path).status_code == 405
        assert client.delete(path).status_code == 405


def test_hostile_text_is_escaped(client, db):
    article = Article.objects.create(issue=make_issue("a.txt"), position=1, title="甲")
    event = Event.objects.create(name="<script>alert(1)</script>", place="<script>alert(2)</script>", date_text="<b>")
    report(article, event)
    person = Person.objects.create(name="<script>alert(3)</script>")
    name_in(article, person)
    Participant.objects.create(event=event, person=person, role="<script>alert(4)</script>")
    for path in ("/events/", f"/events/{event.pk}/", f"/articles/{article.pk}/", f"/people/{person.pk}/"):
        page = client.get(path).content.decode()
        assert "<script>alert" not in page and "<b>" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path


@pytest.mark.parametrize("size", [2, 45])
def test_an_event_page_costs_the_same_queries_whatever_the_size(client, db, django_assert_max_num_queries, size):
    issue = make_issue("a.txt", datetime.date(2024, 1, 1))
    event = Event.objects.create(name="大会", start_date=datetime.date(2024, 1, 1))
    for n in range(size):
        article = Article.objects.create(issue=issue, position=n, title=f"第{n}篇")
        report(article, event)
        person = Person.objects.create(name=f"人物{n}")
        name_in(article, person)
        Participant.objects.create(event=event, person=person, role="出席")
    with django_assert_max_num_queries(6):
        response = client.get(f"/events/{event.pk}/")
    assert len(response.context["participants"]) == size
    assert len(response.context["articles"]) == min(size, 20)
