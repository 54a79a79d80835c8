"""New rows of parsed articles and their bylines, and the ``parsed``
snapshot each imported row keeps of what the parser gave it."""

import datetime

from archive.lib.dates import iso_date
from archive.models import Article, Byline, Issue, Person, PersonAlias

from .bulk import create_with_history
from .mentions import create_people, find_by_name
from .prepare import article_values

# Bylines are compared as one list under this snapshot key.
BYLINES = "bylines"


def issue_values(parsed):
    return {name: getattr(parsed, name) for name in Issue.PARSED_FIELDS}


def issue_snapshot(parsed):
    return jsonable(issue_values(parsed))


def article_snapshot(parsed):
    return {**jsonable(article_values(parsed)), BYLINES: _byline_list(parsed.bylines)}


def _byline_list(bylines):
    return [{"name": b.name, "role": b.role, "credit": b.credit} for b in bylines]


def jsonable(values):
    return {
        name: iso_date(value) if isinstance(value, datetime.date) else value
        for name, value in values.items()
    }


def create_articles(issue, new_articles, reason, flagged=None):
    """Create rows for parsed articles; returns them and their bylines.
    ``flagged`` adds warnings: ``{id(parsed article): [warning]}``."""
    if not new_articles:
        return [], []
    flagged = flagged or {}
    rows = [
        Article(
            issue=issue,
            warnings=[*new.warnings, *flagged.get(id(new), [])],
            parsed=article_snapshot(new),
            **article_values(new),
        )
        for new in new_articles
    ]
    rows = create_with_history(rows, Article, reason)
    return rows, create_bylines(list(zip(rows, new_articles, strict=True)), reason)


def create_bylines(pairs, reason):
    """Create the bylines of each (row, parsed article) pair, and the people
    they name who are not yet known by name or alias (a merged-away or
    former name credits the person it now belongs to). Returns the bylines."""
    names = {b.name for _, new in pairs for b in new.bylines}
    if not names:
        return []
    people = find_by_name(Person, PersonAlias, "person", names)
    missing = [Person(name=name) for name in sorted(names - people.keys())]
    if missing:
        created = create_people(missing, reason)
        people.update((person.name, person) for person in created)
    bylines = [
        Byline(
            article=row,
            person=people[b.name],
            role=b.role,
            credit=b.credit,
            position=position,
        )
        for row, new in pairs
        for position, b in enumerate(new.bylines, start=1)
    ]
    create_with_history(bylines, Byline, reason)
    return bylines
