"""The pages for an address that leads nowhere (404) and for a failure of
the server (500), in Chinese, and as JSON for a request that asked for JSON
(``?format=json`` as every page takes it, or an ``Accept`` header that
prefers JSON to HTML). Django's own are bare English pages."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader

from .shortcuts import wants_json

NOT_FOUND = "没有找到这个页面。"
SERVER_ERROR = "服务器出了错，请稍后再试。"


def _json_wanted(request):
    return wants_json(request) or (request.accepts("application/json") and not request.accepts("text/html"))


def _json(status, code, message):
    return JsonResponse(
        {"error": code, "message": message, "status": status},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request, exception=None):
    """``handler404``. The exception's text is not shown: Django's own are
    English, and some name the model looked up."""
    if _json_wanted(request):
        return _json(404, "not_found", NOT_FOUND)
    return render(request, "404.html", {"message": NOT_FOUND, "path": request.path}, status=404)


def server_error(request):
    """``handler500``: no context processors and no database, which may be
    what failed."""
    if _json_wanted(request):
        return _json(500, "server_error", SERVER_ERROR)
    return HttpResponseServerError(loader.get_template("500.html").render({"message": SERVER_ERROR}))
