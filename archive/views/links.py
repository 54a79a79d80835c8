"""Where each thing lives on the public site.

An issue is addressed by its date when it has one and by its source file's
name when it has none (the source name never changes; an editor may still add
a date later, and then the date address is the one pages link to).
"""

import datetime

from django.urls import get_script_prefix, get_urlconf, reverse


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
