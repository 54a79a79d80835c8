"""Writing the index: an article's terms and key, worked out from its rows
(or by the importer's workers) and written in its database's engine.

Rows follow article deletions by trigger; new and changed text, dates,
credits and publication reach the index through ``index_articles``.
"""

from django.db import connection

from archive.lib.segmentation import search_terms
from archive.models import Article, Byline

from .backends import BATCH, backend
from .keys import key, person_label


def _documents(article_ids):
    """{article id: (key, heading terms, body terms, credit terms, labels)}
    for the articles that exist among ``article_ids``."""
    articles = (
        Article.objects.filter(pk__in=article_ids)
        .select_related("issue")
        .only(*Article.TEXT_FIELDS, "column", "kind", "published", "issue__date", "issue__published")
    )
    credits = {}
    for article_id, person_id, name in Byline.objects.filter(article__in=article_ids).values_list(
        "article_id", "person_id", "person__name"
    ):
        names, labels = credits.setdefault(article_id, ([], []))
        names.append(name)
        labels.append(person_label(person_id))
    documents = {}
    for article in articles:
        hidden = not (article.published and article.issue.published)
        heading = [article.kicker, article.title, article.subtitle, article.deck, article.column]
        names, labels = credits.get(article.pk, ([], []))
        documents[article.pk] = (
            key(article.pk, article.issue.date, article.kind, hidden),
            search_terms("\n".join(heading)),
            search_terms("\n".join([article.body, *article.captions])),
            search_terms("\n".join(names)),
            labels,
        )
    return documents


def index_articles(article_ids):
    """Bring the index up to date for these articles: call after their text,
    credits, publication or kind changed, after their issue's date or
    publication changed, or after they were created. Ids of articles that no
    longer exist are dropped from the index."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        documents = _documents(batch)
        with connection.cursor() as cursor:
            backend().delete(cursor, batch)
        write_index(documents)


def write_index(documents):
    """Add index rows for articles not in the index: ``{article id: (key,
    heading terms, body terms, credit terms, labels)}``, as ``_documents``
    reads them (the importer's workers work them out for new articles)."""
    if not documents:
        return
    with connection.cursor() as cursor:
        backend().insert(cursor, documents)


def remove_articles(article_ids):
    """Take these articles out of the index (deleted rows leave by
    themselves; an article indexed again comes back)."""
    ids = sorted(set(article_ids))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            backend().delete(cursor, ids[start : start + BATCH])
