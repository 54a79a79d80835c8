"""Production's error pages (DEBUG off, as under the tests): in Chinese,
and JSON for a request that asked for JSON."""

import pytest
from django.test import RequestFactory

from archive.views import errors
from newsroom import urls

pytestmark = pytest.mark.django_db


def test_an_unknown_address_is_a_chinese_page(client):
    response = client.get("/articles/987654/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "没有找到这个页面" in text
    assert "/articles/987654/" in text
    assert "Not Found" not in text


@pytest.mark.parametrize("ask", [{"data": {"format": "json"}}, {"HTTP_ACCEPT": "application/json"}])
def test_an_unknown_address_asked_as_json_is_json(client, ask):
    response = client.get("/people/987654/", **ask)
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "message": errors.NOT_FOUND, "status": 404}


def test_a_browser_asking_for_anything_gets_the_page(client):
    response = client.get("/nowhere/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_is_a_chinese_page_or_json():
    assert urls.handler500 == "archive.views.errors.server_error"
    page = errors.server_error(RequestFactory().get("/articles/1/"))
    assert page.status_code == 500
    assert "服务器出错" in page.content.decode()
    document = errors.server_error(RequestFactory().get("/articles/1/", {"format": "json"}))
    assert document.status_code == 500
    assert document["Content-Type"] == "application/json"
