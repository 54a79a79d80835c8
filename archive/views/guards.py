"""Requests refused before any view sees them."""

from django.core.exceptions import BadRequest
from django.http import Http404


class RefuseNulMiddleware:
    """A NUL character in the address or the query string: no page has one,
    and PostgreSQL cannot take one in a text, so a lookup or a search with
    it would end in a server error. The address is not found (404), the
    query is a bad request (400)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404("地址里有空字符（NUL）。")
        if any("\x00" in text for key, values in request.GET.lists() for text in (key, *values)):
            raise BadRequest("查询里有空字符（NUL）。")
        return self.get_response(request)
