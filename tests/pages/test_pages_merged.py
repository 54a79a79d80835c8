"""The public address of a person, organisation or event merged into
another leads to the survivor (301), in one step however many merges
followed, and keeps its query."""

import pytest

from archive.merging import merge_events, merge_organisations, merge_people
from archive.models import Event, Merged, Organisation, Person

pytestmark = pytest.mark.django_db


def public(model, client, prefix, count):
    """``count`` rows with a public page, and their ids (a merge deletes the
    rows merged away, and a deleted row forgets its id)."""
    rows = [row for row in model.objects.order_by("pk") if client.get(f"/{prefix}/{row.pk}/").status_code == 200]
    assert len(rows) >= count
    return rows[:count], [row.pk for row in rows[:count]]


def test_a_merged_persons_address_leads_to_the_survivor(imported_seeds, client):
    (first, second, third), (a, b, c) = public(Person, client, "people", 3)
    merge_people(second, [first])

    response = client.get(f"/people/{a}/")
    assert response.status_code == 301
    assert response["Location"] == f"/people/{b}/"
    assert client.get(f"/people/{a}/", {"format": "json"})["Location"] == f"/people/{b}/?format=json"

    merge_people(third, [second])
    for gone in (a, b):
        response = client.get(f"/people/{gone}/")
        assert (response.status_code, response["Location"]) == (301, f"/people/{c}/")
    assert client.get(f"/people/{c}/").status_code == 200
    assert set(Merged.objects.values_list("kind", "merged_id", "survivor_id")) == {("person", a, c), ("person", b, c)}


def test_merged_organisations_and_events_lead_to_theirs(imported_seeds, client):
    (kept, gone), (kept_id, gone_id) = public(Organisation, client, "organisations", 2)
    merge_organisations(kept, [gone])
    response = client.get(f"/organisations/{gone_id}/")
    assert (response.status_code, response["Location"]) == (301, f"/organisations/{kept_id}/")

    (kept, gone), (kept_id, gone_id) = public(Event, client, "events", 2)
    merge_events(kept, [gone])
    response = client.get(f"/events/{gone_id}/")
    assert (response.status_code, response["Location"]) == (301, f"/events/{kept_id}/")


def test_an_id_never_merged_is_still_not_found(imported_seeds, client):
    person = Person.objects.order_by("-pk").first()
    assert client.get(f"/people/{person.pk + 1000}/").status_code == 404
    # An event id that happens to be a merged person's is not redirected.
    (first, second), (gone, _) = public(Person, client, "people", 2)
    merge_people(second, [first])
    if not Event.objects.filter(pk=gone).exists():
        assert client.get(f"/events/{gone}/").status_code == 404
