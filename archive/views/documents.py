"""The shapes of the JSON documents the pages publish.

Each function turns rows a view has already loaded into plain data: none of
them queries the database, so a JSON page costs the same queries as its HTML.
Field names follow the models'; URLs are paths on this site.
"""

from archive.models import KIND_LABELS

from .links import article_url, issue_url, person_url


def _date(value):
    return value.isoformat() if value else None


def issue_summary(issue):
    return {
        "url": issue_url(issue),
        "publication": issue.publication,
        "number": issue.number,
        "date": _date(issue.date),
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
        "date": _date(article.date),
        "bylines": [byline(b) for b in article.bylines.all()],
    }


def article_neighbour(neighbour):
    if neighbour is None:
        return None
    return {"id": neighbour.pk, "url": article_url(neighbour.pk), "title": neighbour.title}
