"""The shapes of the JSON documents the pages publish.

Each function turns rows a view has already loaded into plain data: none of
them queries the database, so a JSON page costs the same queries as its HTML.
Field names follow the models'; URLs are paths on this site.
"""

from archive.backup.export import mentioned
from archive.lib.dates import iso_date
from archive.models import EVENT_KIND_LABELS, KIND_LABELS, ORGANISATION_KIND_LABELS

from .links import article_url, event_url, issue_url, organisation_url, person_url, tag_url


def issue_summary(issue):
    return {
        "url": issue_url(issue),
        "publication": issue.publication,
        "number": issue.number,
        "date": iso_date(issue.date),
        "page_count": issue.page_count,
        "source_name": issue.source_name,
    }


def person_summary(person):
    return {"id": person.pk, "url": person_url(person.pk), "name": person.name}


def byline(byline):
    return {
        "person": person_summary(byline.person),
        "role": byline.role,
        "credit": byline.credit,
    }


def article_summary(article):
    """An article in a list: its headline, place and credits. Expects the
    bylines to be prefetched."""
    return {
        "id": article.pk,
        "url": article_url(article.pk),
        "kind": article.kind,
        "kind_label": KIND_LABELS.get(article.kind, article.kind),
        "page": article.page,
        "position": article.position,
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "column": article.column,
        "dateline": article.dateline,
        "date": iso_date(article.date),
        "bylines": [byline(b) for b in article.bylines.all()],
    }


def listed_article(article):
    """An article in a list that spans issues."""
    return {**article_summary(article), "issue": issue_summary(article.issue)}


def article_neighbour(neighbour):
    if neighbour is None:
        return None
    return {"id": neighbour.pk, "url": article_url(neighbour.pk), "title": neighbour.title}


def organisation_summary(organisation):
    return {
        "id": organisation.pk,
        "url": organisation_url(organisation.pk),
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": ORGANISATION_KIND_LABELS.get(organisation.kind, organisation.kind),
    }


def event_summary(event):
    """An event under the keys the archive's export gives it ("date" is the
    first day)."""
    return {
        "id": event.pk,
        "url": event_url(event.pk),
        "name": event.name,
        "kind": event.kind,
        "kind_label": EVENT_KIND_LABELS.get(event.kind, event.kind),
        "date": iso_date(event.start_date),
        "end_date": iso_date(event.end_date),
        "date_text": event.date_text,
        "place": event.place,
    }


def tag_summary(tag):
    return {"name": tag.name, "slug": tag.slug, "url": tag_url(tag.slug)}


def named(article):
    """What an article names, as the export lists it ("persons",
    "organisations", "events": each once, in the order first mentioned),
    with each one's id and page here, and its "tags". Expects the mentions
    and tags prefetched (``public.with_named``)."""
    mentions = article.mentions.all()
    found = mentioned(mentions)
    ids = {
        kind: list(dict.fromkeys(getattr(m, f"{kind}_id") for m in mentions if getattr(m, f"{kind}_id")))
        for kind in ("person", "organisation", "event")
    }
    return {
        "persons": [
            {"id": pk, "url": person_url(pk), **entry} for pk, entry in zip(ids["person"], found["persons"])
        ],
        "organisations": [
            {"id": pk, "url": organisation_url(pk), **entry}
            for pk, entry in zip(ids["organisation"], found["organisations"])
        ],
        "events": [
            {"id": pk, "url": event_url(pk), **entry} for pk, entry in zip(ids["event"], found["events"])
        ],
        "tags": [tag_summary(tag) for tag in article.tags.all()],
    }
