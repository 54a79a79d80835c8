"""The archive as one JSON document (format ``newsroom-archive/1``), written
issue by issue so that a large archive streams in constant memory and a
constant number of queries per batch of issues. The keys are documented in
README.md; later formats add keys and never change the meaning of these.
"""

import json

from django.db.models import Prefetch

from archive.models import Article, Byline, Issue

FORMAT = "newsroom-archive/1"
BATCH_SIZE = 100


def issues_for_export():
    bylines = Byline.objects.select_related("person").order_by("position", "pk")
    articles = (
        Article.objects.defer("parsed")
        .order_by("position", "pk")
        .prefetch_related(Prefetch("bylines", bylines))
    )
    return Issue.objects.defer("source", "parsed").prefetch_related(Prefetch("articles", articles))


def issue_dict(issue):
    return {
        "source": issue.source_name,
        "publication": issue.publication,
        "number": issue.number,
        "date": _date(issue.date),
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
        "date": _date(article.date),
        "body": article.body,
        "continued_on_page": article.continued_on_page,
        "captions": list(article.captions),
        "warnings": list(article.warnings),
    }


def write_archive(stream, issues=None):
    """Write the archive to a text stream. The output is exactly what
    ``json.dumps(document, ensure_ascii=False, indent=2)`` would give for the
    whole document, without holding it in memory."""
    if issues is None:
        issues = issues_for_export()
    stream.write('{\n  "format": ' + json.dumps(FORMAT) + ',\n  "issues": [')
    separator = "\n"
    for issue in issues.iterator(chunk_size=BATCH_SIZE):
        text = json.dumps(issue_dict(issue), ensure_ascii=False, indent=2)
        stream.write(separator + _indent(text, "    "))
        separator = ",\n"
    stream.write("\n  ]\n}\n" if separator != "\n" else "]\n}\n")


def _indent(text, prefix):
    return "\n".join(prefix + line for line in text.split("\n"))


def _date(value):
    return value.isoformat() if value else None
