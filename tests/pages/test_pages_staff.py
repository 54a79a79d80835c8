"""What the public pages add for the archive's staff: a link "编辑" to the
admin page of the article, person, organisation or event shown."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from archive.models import Article, Event, Mention, Organisation, Person

pytestmark = pytest.mark.django_db


def shown(imported_seeds):
    """One public row of each kind with its own page."""
    article = Article.objects.filter(published=True).first()
    person = Person.objects.filter(bylines__article__published=True).first()
    organisation = Organisation.objects.filter(mentions__status=Mention.Status.AUTOMATIC).first()
    event = Event.objects.filter(mentions__status=Mention.Status.AUTOMATIC).first()
    return [
        (f"/articles/{article.pk}/", "article", article),
        (f"/people/{person.pk}/", "person", person),
        (f"/organisations/{organisation.pk}/", "organisation", organisation),
        (f"/events/{event.pk}/", "event", event),
    ]


def test_staff_who_may_change_it_see_a_link_to_its_admin_page(imported_seeds, admin_client):
    for path, model, row in shown(imported_seeds):
        page = admin_client.get(path)
        assert page.status_code == 200, path
        admin_page = reverse(f"admin:archive_{model}_change", args=[row.pk])
        assert f'<p class="edit-link"><a href="{admin_page}"' in page.text, path


def test_readers_and_staff_who_may_only_look_see_no_link(imported_seeds, client, django_user_model):
    pages = shown(imported_seeds)
    for path, _, _ in pages:
        assert "edit-link" not in client.get(path).text, path
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    for path, _, _ in pages:
        assert "edit-link" not in client.get(path).text, path
