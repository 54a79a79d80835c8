"""What every public view does the same way: answer as HTML or JSON, and
page through a list.

Every public page is also a JSON document (``?format=json``). A view builds
its rows once and hands them both to the template and to the function that
shapes the JSON, so the two readings of a page cannot drift apart.
Pagination lives here too, so that every list pages the same way.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from .public import Newest

JSON = "json"

# The sections of the site, under the names a page's context gives its
# ``section`` (which the navigation marks): the first crumb of the trail
# to any page in one, a link to the section's index.
SECTIONS = {
    "issues": ("报纸", "archive:issues"),
    "people": ("人物", "archive:people"),
    "organisations": ("机构", "archive:organisations"),
    "events": ("活动", "archive:events"),
    "tags": ("标签", "archive:tags"),
    "search": ("检索", "archive:search"),
}

# Every list of articles pages them by this many: a person's, an
# organisation's, an event's and a tag's, and the search results. (An
# issue's page lists all of its articles, in reading order.)
ARTICLES_PER_PAGE = 20


def wants_json(request):
    return request.GET.get("format") == JSON


def respond(request, template, context, data):
    """The page as HTML, or ``data()`` as JSON. ``data`` is a function so that
    an HTML request does not shape JSON it will not send."""
    if wants_json(request):
        return JsonResponse(data(), json_dumps_params={"ensure_ascii": False})
    query = request.GET.copy()
    query["format"] = JSON
    context["json_url"] = f"{request.path}?{query.urlencode()}"
    return render(request, template, context)


def trail(section, *above, here=None):
    """A page's breadcrumbs after the home page's, as (label, address):
    ``section``'s index, the pages ``above`` this one, then this page,
    ``here``, which is not a link. Without ``here`` the last crumb of the
    others is the page itself (a section's index, an issue), and loses its
    link."""
    label, name = SECTIONS[section]
    crumbs = [(label, reverse(name)), *above]
    if here is None:
        return [*crumbs[:-1], (crumbs[-1][0], None)]
    return [*crumbs, (here, None)]


def paginate(request, object_list, per_page, param="page"):
    """The requested page of ``object_list``; 404 for a page that does not
    exist, so that every page address is either right or absent. A page
    with a second list names that list's page with another ``param``."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get(param) or 1)
    except InvalidPage:
        raise Http404("没有这一页。") from None


def page_data(page):
    """Where ``page`` sits in its list, for the JSON. A page of the newest
    articles (``public.Newest``) also says whether that list stopped short
    of them all."""
    data = {
        "number": page.number,
        "pages": page.paginator.num_pages,
        "count": page.paginator.count,
        "has_previous": page.has_previous(),
        "has_next": page.has_next(),
    }
    if isinstance(page.paginator.object_list, Newest):
        data["capped"] = page.paginator.object_list.capped
    return data
