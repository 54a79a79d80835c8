"""The archive as one JSON document (format ``newsroom-archive/2``), written
issue by issue so that a large archive streams in constant memory and a
constant number of queries per batch of issues. The keys are documented in
README.md; later formats add keys and never change the meaning of these.

After the issues come the people, organisations and events the articles
name, each once, with what editors curated about them; an article lists the
ones it mentions (rejected mentions left out), each once.

Last come the ``tables`` (``archive.backup.tables``): every row of every
table, history included, from which ``archive.backup.restore`` rebuilds the
archive. The parts before are for reading; that one is the backup.
"""

import json

from django.db import connection, transaction
from django.db.models import F, Prefetch

from archive.lib.dates import iso_date
from archive.lib.extraction.persons import ROLE_ORDER
from archive.models import (
    Article,
    Byline,
    Event,
    Issue,
    Mention,
    Organisation,
    Participant,
    Person,
    Position,
    Segmentation,
    Tag,
)
from archive.segmentations import stored_segmentation, tokens_of

from .tables import write_tables

FORMAT = "newsroom-archive/2"
# Issues (with their articles) read per query.
ISSUES_PER_QUERY = 100


def issues_for_export():
    bylines = Byline.objects.select_related("person").order_by("position", "pk")
    mentions = (
        Mention.objects.exclude(status=Mention.Status.REJECTED)
        .select_related("person", "organisation", "event")
        .order_by(F("start").asc(nulls_first=True), "pk")
    )
    articles = (
        Article.objects.defer("parsed")
        .select_related("segmentation")
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch("bylines", bylines),
            Prefetch("mentions", mentions),
            Prefetch("tags", Tag.objects.order_by("name")),
        )
    )
    return Issue.objects.defer("source", "parsed").prefetch_related(Prefetch("articles", articles))


def issue_dict(issue):
    return {
        "source": issue.source_name,
        "publication": issue.publication,
        "number": issue.number,
        "date": iso_date(issue.date),
        "date_source": issue.date_source or None,
        "page_count": issue.page_count,
        "articles": [article_dict(article) for article in issue.articles.all()],
    }


def article_dict(article):
    return {
        "id": article.pk,
        "page": article.page,
        "position": article.position,
        "kind": article.kind,
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "deck": article.deck,
        "column": article.column,
        "bylines": [
            {"name": byline.person.name, "role": byline.role, "credit": byline.credit}
            for byline in article.bylines.all()
        ],
        "dateline": article.dateline,
        "date": iso_date(article.date),
        "body": article.body,
        "continued_on_page": article.continued_on_page,
        "captions": list(article.captions),
        "warnings": list(article.warnings),
        **mentioned(article.mentions.all()),
        **segmented(article),
        "tags": [tag.name for tag in article.tags.all()],
    }


def segmented(article):
    """An article's "tokens" and whose they are, "auto" or "editor"."""
    stored = stored_segmentation(article)
    text, tokens = tokens_of(article)
    editor = stored is not None and stored.fits(text) and stored.state == Segmentation.State.EDITOR
    return {"tokens": [word for word, _, _ in tokens], "segmentation": "editor" if editor else "auto"}


def mentioned(mentions):
    """An article's "persons", "organisations" and "events", each once, in
    the order first mentioned: a person with the titles printed with the
    name and the weightiest role (讲话 before 出席 before 说, else a credit
    such as 本报记者); an organisation under its longest printed form."""
    persons, organisations, events = {}, {}, {}
    for mention in mentions:
        if mention.person_id is not None:
            entry = persons.setdefault(mention.person_id, {"name": mention.person.name, "titles": [], "role": ""})
            if mention.titles and mention.titles not in entry["titles"]:
                entry["titles"].append(mention.titles)
            if _weight(mention.role) < _weight(entry["role"]):
                entry["role"] = mention.role
        elif mention.organisation_id is not None:
            organisation = mention.organisation
            entry = organisations.setdefault(
                mention.organisation_id,
                {"name": mention.text, "canonical": organisation.name, "kind": organisation.kind},
            )
            if len(mention.text) > len(entry["name"]):
                entry["name"] = mention.text
        else:
            event = mention.event
            events.setdefault(
                mention.event_id, {"name": event.name, "date": iso_date(event.start_date), "place": event.place}
            )
    return {
        "persons": list(persons.values()),
        "organisations": list(organisations.values()),
        "events": list(events.values()),
    }


def _weight(role):
    """Roles of the text in ROLE_ORDER, then credits, then none."""
    if role in ROLE_ORDER:
        return ROLE_ORDER.index(role)
    return len(ROLE_ORDER) if role else len(ROLE_ORDER) + 1


def persons_for_export():
    positions = Position.objects.select_related("organisation").order_by(
        F("first_seen").asc(nulls_last=True), "title", "pk"
    )
    return Person.objects.prefetch_related("aliases", Prefetch("positions", positions))


def person_dict(person):
    return {
        "name": person.name,
        "aliases": [alias.name for alias in person.aliases.all()],
        "needs_review": person.needs_review,
        "positions": [
            {
                "title": position.title,
                "organisation": position.organisation.name if position.organisation else None,
                "first_seen": iso_date(position.first_seen),
                "last_seen": iso_date(position.last_seen),
            }
            for position in person.positions.all()
        ],
    }


def organisations_for_export():
    return Organisation.objects.select_related("parent").prefetch_related("aliases")


def organisation_dict(organisation):
    return {
        "name": organisation.name,
        "aliases": [alias.name for alias in organisation.aliases.all()],
        "kind": organisation.kind,
        "parent": organisation.parent.name if organisation.parent else None,
        "needs_review": organisation.needs_review,
    }


def events_for_export():
    # Not "participants__person": that prefetch asks for the people with one
    # OR per participant, more than SQLite takes for a batch of events.
    participants = Participant.objects.select_related("person")
    # Undated events may share a name: the id settles their order.
    return Event.objects.order_by(*Event._meta.ordering, "pk").prefetch_related(
        Prefetch("participants", participants)
    )


def event_dict(event):
    return {
        "name": event.name,
        "kind": event.kind,
        "date": iso_date(event.start_date),
        "end_date": iso_date(event.end_date),
        "date_text": event.date_text,
        "place": event.place,
        "needs_review": event.needs_review,
        "participants": [
            {"name": participant.person.name, "role": participant.role}
            for participant in event.participants.all()
        ],
    }


def write_archive(stream, issues=None):
    """Write the archive to a text stream, from one snapshot of the database.
    Up to ``tables`` the output is exactly what ``json.dumps(document,
    ensure_ascii=False, indent=2)`` would give, without holding the document
    in memory; each row of a table is one line."""
    if issues is None:
        issues = issues_for_export()
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every query, so that rows and the rows they
            # point at are backed up together while editors work.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        stream.write('{\n  "format": ' + json.dumps(FORMAT))
        for key, rows, to_dict in (
            ("issues", issues, issue_dict),
            ("persons", persons_for_export(), person_dict),
            ("organisations", organisations_for_export(), organisation_dict),
            ("events", events_for_export(), event_dict),
        ):
            stream.write(",\n  " + json.dumps(key) + ": [")
            separator = "\n"
            for row in rows.iterator(chunk_size=ISSUES_PER_QUERY):
                text = json.dumps(to_dict(row), ensure_ascii=False, indent=2)
                stream.write(separator + _indent(text, "    "))
                separator = ",\n"
            stream.write("\n  ]" if separator != "\n" else "]")
        write_tables(stream)
    stream.write("\n}\n")


def _indent(text, prefix):
    return "\n".join(prefix + line for line in text.split("\n"))


