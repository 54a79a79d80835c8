"""Where each thing lives on the public site.

An issue is addressed by its date when it has one and by its source file's
name when it has none (the source name never changes; an editor may still add
a date later, and then the date address is the one pages link to).

A person, organisation or event merged into another keeps its address: it
leads to the survivor's (``follows_merges``).
"""

import datetime
from functools import wraps

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import get_script_prefix, get_urlconf, reverse

from archive.models import Merged


def issue_url(issue):
    if issue.date:
        return day_url(issue.date)
    return reverse("archive:issue_source", args=[issue.source_name])


def _reversed(name, sample, text):
    """The function giving the address of the view ``name`` for one
    argument. A list page links hundreds of things, and Django's
    ``reverse`` costs about a tenth of a millisecond each time: it runs
    once per URL configuration and script prefix, for ``sample`` (a value
    no row has), and ``text(value)`` takes the sample's place."""
    known = {}

    def url(value):
        where = (get_urlconf(), get_script_prefix())
        if where not in known:
            known[where] = reverse(name, args=[sample]).split(text(sample))
        head, tail = known[where]
        return f"{head}{text(value)}{tail}"

    return url


def _by_id(name):
    return _reversed(name, 987654321987, lambda pk: str(int(pk)))


day_url = _reversed("archive:issue_day", datetime.date(1111, 11, 11), datetime.date.isoformat)


article_url = _by_id("archive:article")
person_url = _by_id("archive:person")
organisation_url = _by_id("archive:organisation")
event_url = _by_id("archive:event")


def tag_url(slug):
    return reverse("archive:tag", args=[slug])


def follows_merges(kind):
    """For the page of one ``kind`` ("person", "organisation", "event") by
    id: the address of a row merged away answers 301 with the survivor's,
    the query kept (``?format=json`` stays JSON). Asked only when the page
    is not found, so found pages cost nothing more."""
    url_of = {"person": person_url, "organisation": organisation_url, "event": event_url}[kind]

    def decorate(view):
        @wraps(view)
        def answer(request, pk, *args, **kwargs):
            try:
                return view(request, pk, *args, **kwargs)
            except Http404:
                survivor = Merged.survivor(kind, pk)
                if survivor is None:
                    raise
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(url_of(survivor) + (f"?{query}" if query else ""))

        return answer

    return decorate
