"""Curating people, organisations, events and mentions in the admin,
through the test client as an editor would."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from archive.models import Article, Event, Mention, Organisation, Person, Position
from tests.admin.forms import form_data

MODELS = [Person, Organisation, Event, Mention]


def url(model, view, *args):
    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("query", ["", "?needs_review__exact=1", "?q=王"])
def test_changelists_render_in_few_queries(imported_seeds, admin_client, django_assert_max_num_queries, model, query):
    if model is Mention and "needs_review" in query:
        query = "?status__exact=automatic"
    with django_assert_max_num_queries(10):
        response = admin_client.get(url(model, "changelist") + query)
    assert response.status_code == 200


def test_needs_review_filter(imported_seeds, admin_client):
    response = admin_client.get(url(Person, "changelist") + "?needs_review__exact=1")
    assert "吕晓飞" in response.text
    assert "王成国" not in response.text


def test_search_finds_aliases(imported_seeds, admin_client):
    response = admin_client.get(url(Organisation, "changelist") + "?q=省公安厅")
    assert "浙江省公安厅" in response.text


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_object_pages_render(imported_seeds, admin_client, model, view):
    assert admin_client.get(url(model, view, model.objects.first().pk)).status_code == 200


@pytest.mark.parametrize("model", [Person, Organisation, Event], ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["import", "export", "add"])
def test_import_export_and_add_pages_render(imported_seeds, admin_client, model, view):
    assert admin_client.get(url(model, view)).status_code == 200


def test_a_person_page_lists_mentions_articles_and_positions(imported_seeds, admin_client):
    person = Person.objects.get(name="王成国")
    page = admin_client.get(url(Person, "change", person.pk)).text
    assert "省委常委、政法委书记" in page  # a position
    assert "全省校园安全工作现场会暨校园安全协同共治体系建设推进会召开" in page  # an article
    assert f"?person__id__exact={person.pk}" in page  # all mentions, where they are rejected
    assert f"全部 {person.mentions.count()} 条提及" in page
    listed = admin_client.get(url(Mention, "changelist") + f"?person__id__exact={person.pk}")
    assert listed.status_code == 200
    assert len(listed.context["cl"].result_list) == person.mentions.count()


def test_organisation_and_event_pages_list_what_names_them(imported_seeds, admin_client):
    police = Organisation.objects.get(name="浙江省公安厅")
    page = admin_client.get(url(Organisation, "change", police.pk)).text
    assert "杨青玖" in page  # holds a position there
    assert "我省检察公益诉讼守护群众身边的安全" not in page
    assert "高效统筹谋划 靠前协调督导" in page
    event = Event.objects.get(name="全省建设更高水平平安浙江工作会议")
    page = admin_client.get(url(Event, "change", event.pk)).text
    assert "安大钧" in page  # a participant
    assert "以走在前作示范的自觉建设更高水平平安浙江" in page


@pytest.mark.parametrize(
    "field, term, found", [("person", "王成", "王成国"), ("organisation", "省公安厅", "浙江省公安厅"), ("event", "论坛", "第二届良渚论坛中外音乐家对话分论坛")]
)
def test_mentions_autocomplete_their_entities(imported_seeds, admin_client, field, term, found):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "archive", "model_name": "mention", "field_name": field, "term": term},
    )
    assert response.status_code == 200
    assert found in [result["text"] for result in response.json()["results"]]


def test_merge_asks_for_the_survivor_then_merges(imported_seeds, admin_client):
    survivor, other = Person.objects.get(name="王成国"), Person.objects.get(name="王成")
    selected = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [survivor.pk, other.pk]}
    confirmation = admin_client.post(url(Person, "changelist"), selected)
    assert confirmation.status_code == 200
    assert "确认合并" in confirmation.text and "王成国" in confirmation.text and "记为它的别名" in confirmation.text
    assert Person.objects.filter(name="王成").exists()  # nothing happens before the confirmation

    done = admin_client.post(url(Person, "changelist"), {**selected, "post": "yes", "survivor": survivor.pk})
    assert done.status_code == 302
    assert not Person.objects.filter(name="王成").exists()
    assert survivor.aliases.filter(name="王成").exists()
    assert Position.objects.filter(person=survivor, title="省委副书记").exists()


def test_merge_needs_two(imported_seeds, admin_client):
    person = Person.objects.get(name="王成")
    response = admin_client.post(
        url(Person, "changelist"), {"action": "merge_selected", ACTION_CHECKBOX_NAME: [person.pk]}, follow=True
    )
    assert "请至少选择两项再合并" in response.text


def test_merging_events_through_the_admin(imported_seeds, admin_client):
    events = Event.objects.filter(name__endswith="活动").order_by("pk")[:2]
    survivor, other = events
    response = admin_client.post(
        url(Event, "changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [survivor.pk, other.pk], "post": "yes", "survivor": survivor.pk},
    )
    assert response.status_code == 302
    assert not Event.objects.filter(pk=other.pk).exists()


def test_mark_reviewed(imported_seeds, admin_client):
    person = Person.objects.get(name="吕晓飞")
    admin_client.post(url(Person, "changelist"), {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [person.pk]})
    person.refresh_from_db()
    assert not person.needs_review
    assert person.history.first().history_user.username == "admin"


def test_reject_from_the_mention_list(imported_seeds, admin_client):
    mention = Mention.objects.filter(person__name="吕晓飞").first()
    response = admin_client.post(
        url(Mention, "changelist"), {"action": "reject", ACTION_CHECKBOX_NAME: [mention.pk]}
    )
    assert response.status_code == 302
    mention.refresh_from_db()
    assert mention.status == Mention.Status.REJECTED
    assert mention.history.first().history_user.username == "admin"


def test_reject_and_add_on_the_article_page(imported_seeds, admin_client):
    article = Article.objects.get(title="高效统筹谋划 靠前协调督导")
    change = url(Article, "change", article.pk)
    page = admin_client.get(change)
    assert "提及的人物、机构和活动" in page.text
    data = form_data(page)
    forms = int(data["mentions-TOTAL_FORMS"])
    wrong = next(i for i in range(forms) if data.get(f"mentions-{i}-text") == "省委常委会")
    data[f"mentions-{wrong}-status"] = Mention.Status.REJECTED
    # A missing mention: the event the meeting carried out, without offsets.
    event = Event.objects.create(name="全省深入实施“八八战略”强力推进创新深化改革攻坚开放提升工作例会")
    data.update({
        "mentions-TOTAL_FORMS": str(forms + 1),
        f"mentions-{forms}-event": str(event.pk),
        f"mentions-{forms}-text": "全省深入实施“八八战略”强力推进创新深化改革攻坚开放提升工作例会",
        f"mentions-{forms}-status": Mention.Status.ADDED,
    })

    response = admin_client.post(change, data)

    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    assert Mention.objects.get(article=article, text="省委常委会").status == Mention.Status.REJECTED
    added = Mention.objects.get(article=article, event=event)
    assert added.status == Mention.Status.ADDED
    assert article.text()[added.start:added.end] == added.text


def test_an_automatic_mention_an_editor_corrects_becomes_theirs(imported_seeds, admin_client):
    article = Article.objects.get(title="高效统筹谋划 靠前协调督导")
    change = url(Article, "change", article.pk)
    data = form_data(admin_client.get(change))
    row = next(
        i for i in range(int(data["mentions-TOTAL_FORMS"])) if data.get(f"mentions-{i}-text") == "卫中强"
    )
    data[f"mentions-{row}-role"] = "主持"
    assert admin_client.post(change, data).status_code == 302
    mention = Mention.objects.get(article=article, text="卫中强")
    assert (mention.role, mention.status) == ("主持", Mention.Status.ADDED)


def test_a_span_must_spell_the_text(imported_seeds, admin_client):
    article = Article.objects.get(title="高效统筹谋划 靠前协调督导")
    person = Person.objects.get(name="卫中强")
    response = admin_client.post(
        url(Mention, "add"),
        {"article": article.pk, "person": person.pk, "text": "卫中强", "start": 0, "end": 3, "status": "added"},
    )
    assert response.status_code == 200
    assert "不是“卫中强”" in response.text
    response = admin_client.post(
        url(Mention, "add"), {"article": article.pk, "person": person.pk, "text": "卫中强", "status": "added"}
    )
    assert response.status_code == 302
    added = Mention.objects.filter(article=article, person=person).order_by("-pk").first()
    assert article.text()[added.start:added.end] == "卫中强"


def test_a_mention_names_one_entity(imported_seeds, admin_client):
    article = Article.objects.first()
    response = admin_client.post(url(Mention, "add"), {"article": article.pk, "text": "某", "status": "added"})
    assert response.status_code == 200
    assert "一条提及只指向一个人物、机构或活动" in response.text
