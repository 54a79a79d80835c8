"""Adding a mention by selecting its words in the article's text: the page
shows the text the offsets count in, and the row mentions.js fills (text,
start, end) is saved as an editor's mention; a span that does not spell the
text is refused."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from archive.models import Article, Mention, Person
from tests.admin.forms import form_data

pytestmark = pytest.mark.django_db

TITLE = "全省校园安全工作现场会暨校园安全协同共治体系建设推进会召开"


def new_mention_row(data, **fields):
    """``data`` with one more row of the article's mention list, as the
    script adds it."""
    index = int(data["mentions-TOTAL_FORMS"])
    data["mentions-TOTAL_FORMS"] = str(index + 1)
    data.update({f"mentions-{index}-{name}": value for name, value in fields.items()})
    return data


def test_the_page_shows_the_text_mentions_count_in(imported_seeds, admin_client):
    article = Article.objects.get(title=TITLE)
    page = admin_client.get(reverse("admin:archive_article_change", args=[article.pk])).content.decode()
    assert f'<div class="mention-source">{escape(article.text())}</div>' in page
    assert 'data-inline="mentions"' in page
    assert "mentions.js" in page


def test_a_selected_span_is_saved_as_an_editors_mention(imported_seeds, admin_client):
    article = Article.objects.get(title=TITLE)
    person, _ = Person.objects.get_or_create(name="杨青玖")
    Mention.objects.filter(article=article, person=person).delete()
    text = article.text()
    start = text.index("杨青玖")
    change = reverse("admin:archive_article_change", args=[article.pk])
    data = new_mention_row(
        form_data(admin_client.get(change)),
        text="杨青玖", start=start, end=start + 3, person=person.pk, status=Mention.Status.ADDED,
    )

    response = admin_client.post(change, data)

    assert response.status_code == 302
    mention = Mention.objects.get(article=article, person=person)
    assert (mention.start, mention.end, mention.status) == (start, start + 3, Mention.Status.ADDED)


def test_a_span_that_does_not_spell_the_text_is_refused(imported_seeds, admin_client):
    article = Article.objects.get(title=TITLE)
    person, _ = Person.objects.get_or_create(name="杨青玖")
    Mention.objects.filter(article=article, person=person).delete()
    change = reverse("admin:archive_article_change", args=[article.pk])
    data = new_mention_row(
        form_data(admin_client.get(change)), text="杨青玖", start=0, end=3, person=person.pk, status="added"
    )
    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert "不是“杨青玖”" in response.content.decode()
    assert not Mention.objects.filter(article=article, person=person).exists()
