"""A NUL character in an address or a query (which PostgreSQL cannot take in
a text) is a page not found or a bad request, never a server error."""

import pytest
from django.urls import reverse

from tests.factories import make_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "path",
    ["/issues/source/a%00b.txt/", "/issues/source/%00/", "/tags/a%00b/", "/people/%00/", "/articles/1%00/"],
)
def test_a_nul_in_the_address_is_not_found(client, path):
    make_issue("ab.txt", published=True)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"q": "法院\x00"},
        {"q": "\x00", "year": "2024"},
        {"page": "1\x00"},
        {"x\x00": "1"},
    ],
)
def test_a_nul_in_a_public_query_is_a_bad_request(client, query):
    assert client.get(reverse("archive:search"), query).status_code == 400


@pytest.mark.parametrize(
    "url, query",
    [
        ("admin:autocomplete", {"app_label": "archive", "model_name": "mention", "field_name": "person"}),
        ("admin:archive_issue_changelist", {}),
        ("admin:archive_person_changelist", {}),
    ],
)
def test_a_nul_in_an_admin_search_is_a_bad_request(admin_client, url, query):
    admin_client.raise_request_exception = False
    key = "term" if url == "admin:autocomplete" else "q"
    assert admin_client.get(reverse(url), {**query, key: "王\x00"}).status_code == 400
