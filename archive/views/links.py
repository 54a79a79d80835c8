"""Where each thing lives on the public site.

An issue is addressed by its date when it has one and by its source file's
name when it has none (the source name never changes; an editor may still add
a date later, and then the date address is the one pages link to).
"""

from django.urls import reverse


def issue_url(issue):
    if issue.date:
        return day_url(issue.date)
    return reverse("archive:issue_source", args=[issue.source_name])


def day_url(day):
    return reverse("archive:issue_day", args=[day])


def article_url(article_id):
    return reverse("archive:article", args=[article_id])


def person_url(person_id):
    return reverse("archive:person", args=[person_id])


def organisation_url(organisation_id):
    return reverse("archive:organisation", args=[organisation_id])


def event_url(event_id):
    return reverse("archive:event", args=[event_id])


def tag_url(slug):
    return reverse("archive:tag", args=[slug])
