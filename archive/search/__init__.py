"""Full-text search over articles: keeping the index, and asking it.

Neither SQLite nor PostgreSQL can cut Chinese into words, so the archive cuts
it in Python (``archive.lib.segmentation.search_terms``: characters, character
pairs, runs of letters and digits) and gives each engine terms it only has to
match verbatim: FTS5 over space-joined terms on SQLite, tsvectors built from
lexemes on PostgreSQL (no text-search parser in between). The same cutting
applied to a query gives terms that every article containing the query has,
so 法院 finds 人民法院 and 杭州互联网法院.

Each index row is keyed by a number that holds the issue's date, the
article's id, whether the public may see it and its kind (``key``), so that
the pages' questions are answered from the index alone, at a cost that does
not grow with the number of matches where it can be helped: newest or oldest
first is key order, a date range is a key range, counts by year and kind
read keys only, and stop at ``COUNT_LIMIT`` matches (a query that common, 法
or 法院 in a large archive, is narrowed by year or kind, not counted). Best matches first means: all the query in the headline or
the credits, then the rest, newest first within each. The people credited
most are counted among the newest matches (``SAMPLE``). A quoted phrase is
looked up as its characters and pairs (every article holding the phrase has
them all: the candidates), then confirmed against the text of the candidates
a page shows; the count is exact when the candidates are few enough to read
them all (``CONFIRM``), else estimated from the newest ``CONFIRM``.

Rows follow article deletions by trigger; new and changed text, dates,
credits and publication reach the index through ``index_articles``.
"""

import datetime
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from archive.models import Article, Byline
from archive.lib.segmentation import query_terms, search_terms

from .excerpts import Excerpt, excerpt
from .keys import (
    DATE_SHIFT,
    DATED,
    HIDDEN,
    ID_MASK,
    ID_SHIFT,
    KIND_CODES,
    KIND_MASK,
    KINDS_BY_CODE,
    OTHER_KIND,
    dated_between,
    key,
    person_label,
)

TABLE = "archive_search"
KEYS = "archive_search_key"  # SQLite: article id -> key
BATCH = 500
# The people facet counts credits among this many newest matches.
SAMPLE = 2000
# The text fields a phrase is looked for in.
PHRASE_FIELDS = ("kicker", "title", "subtitle", "deck", "body")
# Candidates for a quoted phrase whose text is read to count its matches.
CONFIRM = 200
# Matches are counted (and divided by year and kind) up to this many; a
# query that matches more says "more than" and leaves dividing to filters.
COUNT_LIMIT = 20_000

# "…", “…” and 「…」 quote a phrase.
_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」')


def _postgresql():
    return connection.vendor == "postgresql"


# Keeping the index.

# Deleted articles leave the index by trigger (see migration 0006).
SQLITE_TRIGGER = f"""
CREATE TRIGGER IF NOT EXISTS archive_search_article_deleted AFTER DELETE ON archive_article
BEGIN
    DELETE FROM {TABLE} WHERE rowid = (SELECT key FROM {KEYS} WHERE article_id = old.id);
    DELETE FROM {KEYS} WHERE article_id = old.id;
END
"""


def ensure_triggers(using="default", **kwargs):
    """Put back the SQLite trigger that a migration rebuilding
    archive_article dropped with the old table (SQLite rebuilds a table to
    add a column with a default). For ``post_migrate``."""
    from django.db import connections

    database = connections[using]
    if database.vendor != "sqlite" or TABLE not in database.introspection.table_names():
        return
    with database.cursor() as cursor:
        cursor.execute(SQLITE_TRIGGER)


def ensure_narrow_rows(using="default", **kwargs):
    """On PostgreSQL, keep the index's rows narrow. Counting the matches
    of a common term by year and kind reads the key of every matching row
    from the table itself (a GIN index cannot return it): with the
    headline's terms stored inside each row (some 500 bytes) that is a read
    of most of the table, with them stored aside in TOAST, as the full
    document already is, of a table a fraction the size, which stays in
    memory. Rows take this layout when written; rows written before when
    rewritten (``VACUUM FULL archive_search``, or rebuilding the index).
    For ``post_migrate``."""
    from django.db import connections

    database = connections[using]
    if database.vendor != "postgresql" or TABLE not in database.introspection.table_names():
        return
    with database.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")


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
            _delete(cursor, batch)
        write_index(documents)


def write_index(documents):
    """Add index rows for articles not in the index: ``{article id: (key,
    heading terms, body terms, credit terms, labels)}``, as ``_documents``
    reads them (the importer's workers work them out for new articles)."""
    if not documents:
        return
    with connection.cursor() as cursor:
        if _postgresql():
            cursor.executemany(
                f"INSERT INTO {TABLE} (article_id, key, heading, document) "
                "VALUES (%s, %s, array_to_tsvector(%s::text[]), array_to_tsvector(%s::text[]))",
                [
                    (
                        pk,
                        row_key,
                        list(dict.fromkeys(heading + credits)),
                        list(dict.fromkeys(heading + body + credits + ["@" + l for l in labels])),
                    )
                    for pk, (row_key, heading, body, credits, labels) in documents.items()
                ],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, heading, body, credits, labels) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (row_key, " ".join(heading), " ".join(body), " ".join(credits), " ".join(labels))
                    for row_key, heading, body, credits, labels in documents.values()
                ],
            )
            cursor.executemany(
                f"INSERT INTO {KEYS} (article_id, key) VALUES (%s, %s)",
                [(pk, document[0]) for pk, document in documents.items()],
            )


def remove_articles(article_ids):
    """Take these articles out of the index (deleted rows leave by
    themselves; an article indexed again comes back)."""
    ids = sorted(set(article_ids))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            _delete(cursor, ids[start : start + BATCH])


def _delete(cursor, ids):
    if not ids:
        return
    placeholders = ", ".join(["%s"] * len(ids))
    if _postgresql():
        cursor.execute(f"DELETE FROM {TABLE} WHERE article_id IN ({placeholders})", ids)
        return
    cursor.execute(
        f"DELETE FROM {TABLE} WHERE rowid IN "
        f"(SELECT key FROM {KEYS} WHERE article_id IN ({placeholders}))",
        ids,
    )
    cursor.execute(f"DELETE FROM {KEYS} WHERE article_id IN ({placeholders})", ids)


# Reading a query.


@dataclass(frozen=True)
class Query:
    """What a reader typed, read as words and "quoted phrases"."""

    text: str
    words: tuple[str, ...]
    phrases: tuple[str, ...]

    @property
    def terms(self):
        """The index terms every matching article has."""
        found = {}
        for part in self.words + self.phrases:
            found.update(dict.fromkeys(query_terms(part)))
        return tuple(found)

    def __bool__(self):
        return bool(self.terms)


def parse_query(text):
    text = text.strip()
    phrases = tuple(
        phrase.strip()
        for match in _PHRASE.finditer(text)
        if (phrase := next(group for group in match.groups() if group is not None)).strip()
    )
    words = tuple(_PHRASE.sub(" ", text).split())
    return Query(text, words, phrases)


def _fts5_quoted(term):
    return '"' + term.replace('"', '""') + '"'


def _lexeme(term):
    """``term`` as a quoted tsquery lexeme."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


# Asking the index.


@dataclass(frozen=True)
class Filters:
    start: datetime.date | None = None  # issue dates, inclusive
    end: datetime.date | None = None
    kind: str | None = None
    person: int | None = None  # credited


@dataclass
class Facets:
    total: int
    years: list  # [{"year": 2024 or None, "count": n}], newest first, unknown last
    kinds: list  # [{"kind": "news", "count": n}], most first
    people: list  # [{"person": id, "name": str, "count": n}], most first
    people_sampled: bool  # counted among the SAMPLE newest matches only
    exact: bool = True  # else the counts are estimates (a phrase's, see Search.facets)
    capped: bool = False  # more than COUNT_LIMIT matches: total is that, and no counts by part


NEWEST, OLDEST, BEST = "newest", "oldest", "best"


@contextmanager
def planned():
    """Where searches should run. PostgreSQL's planner does not know that
    testing a row's tsvector means fetching it from TOAST storage, so for a
    common term it prefers reading every row to reading the GIN index; within
    this block it is told to use the indexes (one more query, on PostgreSQL
    only)."""
    if not _postgresql():
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


class Search:
    """One query under some filters, over the public articles."""

    def __init__(self, query, filters=Filters()):
        self.query = query
        self.filters = filters
        self.empty = bool(query.text) and not query.terms

    # The pieces of SQL. ``_where(tier)`` is the condition on index rows,
    # with ``tier`` None (all matches), "headline" or "rest".

    @property
    def _key(self):
        return "key" if _postgresql() else "rowid"

    def _source(self):
        """The table to read keys from: on SQLite the FTS5 table when there
        is something to match, else the small key table."""
        if _postgresql() or self.query.terms or self.filters.person:
            return TABLE
        return KEYS

    def _match(self, tier):
        terms = self.query.terms
        label = person_label(self.filters.person) if self.filters.person else None
        if _postgresql():
            # The headline's terms are also the document's: the headline
            # tier asks the heading's index alone. (Testing a heading row by
            # row would fetch it from TOAST, see ensure_narrow_rows; the rest
            # tier is made in _select for the same reason.)
            conditions, params = [], []
            lexemes = [_lexeme(t) for t in terms] if tier != "headline" else []
            lexemes += [_lexeme("@" + label)] if label else []
            if lexemes:
                conditions.append(f"{TABLE}.document @@ %s::tsquery")
                params.append(" & ".join(lexemes))
            if tier == "headline" and terms:
                conditions.append(f"{TABLE}.heading @@ %s::tsquery")
                params.append(" & ".join(_lexeme(t) for t in terms))
            return conditions, params
        parts = []
        if terms:
            everything = " AND ".join(_fts5_quoted(t) for t in terms)
            if tier == "headline":
                parts.append("{heading credits} : (" + everything + ")")
            elif tier == "rest":
                parts.append(f"(({everything}) NOT {{heading credits}} : ({everything}))")
            else:
                parts.append(f"({everything})")
        if label:
            parts.append("{labels} : " + _fts5_quoted(label))
        if not parts:
            return [], []
        return [f"{TABLE} MATCH %s"], [" AND ".join(parts)]

    def _where(self, tier=None):
        conditions, params = self._match(tier)
        key = self._key if self._source() == TABLE else "key"
        conditions.append(f"({key} & {HIDDEN}) = 0")
        if self.filters.start or self.filters.end:  # a date range leaves out the undated
            conditions.append(f"{key} BETWEEN %s AND %s")
            params += dated_between(self.filters.start, self.filters.end)
        if self.filters.kind:
            conditions.append(f"({key} & {KIND_MASK}) = %s")
            params.append(KIND_CODES.get(self.filters.kind, OTHER_KIND))
        return " AND ".join(conditions), params

    def _confirmed(self, ids):
        """Those of ``ids`` whose text holds every quoted phrase, case aside
        (each phrase within one field)."""
        phrases = [phrase.casefold() for phrase in self.query.phrases]
        texts = Article.objects.filter(pk__in=ids).values_list("pk", *PHRASE_FIELDS)
        return {
            pk
            for pk, *fields in texts
            if all(any(phrase in field.casefold() for field in fields) for phrase in phrases)
        }

    def _select(self, columns, tier=None, tail="", extra=()):
        if tier == "rest" and _postgresql():
            # All the matches but the headline's, as a difference of the
            # two indexes' sets of keys (both under the filters).
            where, params = self._where()
            headline, headline_params = self._where("headline")
            sql = (
                f"SELECT {columns} FROM (SELECT key FROM {TABLE} WHERE {where} "
                f"EXCEPT SELECT key FROM {TABLE} WHERE {headline}) AS {TABLE} WHERE TRUE {tail}"
            )
            return sql, [*params, *headline_params, *extra]
        where, params = self._where(tier)
        sql = f"SELECT {columns} FROM {self._source()} WHERE {where} {tail}"
        return sql, [*params, *extra]

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _key_column(self):
        return self._key if self._source() == TABLE else "key"

    # What the pages ask.

    def count(self):
        if self.empty:
            return 0
        return self._rows(*self._select("COUNT(*)"))[0][0]

    def facets(self, people=10):
        """How the matches divide by year, kind and credited person."""
        if self.empty:
            return Facets(0, [], [], [], False)
        k = self._key_column()
        # The keys of all the matches, or of COUNT_LIMIT + 1 (in no order) of
        # too many to count: counts by part and the newest are worked out
        # from them, with no second pass over the matches.
        keys = [row[0] for row in self._rows(*self._select(k, tail=f"LIMIT {COUNT_LIMIT + 1}"))]
        if len(keys) > COUNT_LIMIT:
            return Facets(COUNT_LIMIT, [], [], [], False, exact=not self.query.phrases, capped=True)
        keys.sort(reverse=True)
        share, estimated = 1, False
        if self.query.phrases and keys:
            # These are candidates: read the newest.
            confirmed = self._confirmed([(key >> ID_SHIFT) & ID_MASK for key in keys[:CONFIRM]])
            if len(keys) <= CONFIRM:  # all read: keep those holding the phrases
                keys = [key for key in keys if (key >> ID_SHIFT) & ID_MASK in confirmed]
            else:  # as many in every part as among the newest
                share, estimated = len(confirmed) / CONFIRM, True
        parts = Counter(((key >> DATE_SHIFT) // 10000, key & KIND_MASK) for key in keys)
        rows = [(year, code, round(count * share)) for (year, code), count in parts.items()]
        newest = [(key >> ID_SHIFT) & ID_MASK for key in keys[:SAMPLE]]
        years, kinds = {}, {}
        for year, code, count in rows:
            if not count:
                continue
            years[year or None] = years.get(year or None, 0) + count
            kind = KINDS_BY_CODE.get(code, "")
            kinds[kind] = kinds.get(kind, 0) + count
        total = sum(years.values())
        credited = self._rows(
            "SELECT b.person_id, p.name, COUNT(DISTINCT b.article_id) FROM archive_byline b "
            "JOIN archive_person p ON p.id = b.person_id "
            f"WHERE b.article_id IN ({', '.join(['%s'] * len(newest))}) GROUP BY b.person_id, p.name "
            f"ORDER BY 3 DESC, 2 LIMIT {int(people)}",
            newest,
        ) if total else []
        return Facets(
            total=total,
            years=[
                {"year": year, "count": count}
                for year, count in sorted(years.items(), key=lambda i: (i[0] is None, -(i[0] or 0)))
            ],
            kinds=[
                {"kind": kind, "count": count}
                for kind, count in sorted(kinds.items(), key=lambda i: (-i[1], i[0]))
            ],
            people=[{"person": pk, "name": name, "count": count} for pk, name, count in credited],
            people_sampled=len(keys) > SAMPLE,
            exact=not estimated,
        )

    def _tiers(self, order):
        """(tier, extra condition on the key, direction) in the order the
        pages list them."""
        if order == BEST and self.query.terms:
            return [("headline", "", "DESC"), ("rest", "", "DESC")]
        if order == OLDEST:
            return [(None, f">= {DATED}", "ASC"), (None, f"< {DATED}", "ASC")]
        return [(None, "", "DESC")]

    def page(self, order, offset, limit):
        """Ids of the matching articles from ``offset`` on, at most
        ``limit`` of them, in ``order`` (BEST, NEWEST or OLDEST)."""
        if self.empty:
            return []
        if not self.query.phrases:
            return self._candidates(order, offset, limit)
        # Read candidates in order until enough hold the phrases: usually
        # once, as most do.
        found, start, size = [], 0, offset + limit
        while True:
            candidates = self._candidates(order, start, size)
            confirmed = self._confirmed(candidates)
            found += [pk for pk in candidates if pk in confirmed]
            if len(found) >= offset + limit or len(candidates) < size:
                return found[offset : offset + limit]
            start, size = start + size, size * 2

    def _candidates(self, order, offset, limit):
        """``page`` for the index's terms, quoted phrases read as words."""
        k = self._key_column()
        found = []
        for tier, bound, direction in self._tiers(order):
            if len(found) >= limit:
                break
            extra = f"AND {k} {bound}" if bound else ""
            if offset:
                # Skip a whole tier by its count rather than by reading it
                # (counted as far as the offset).
                tier_rows, params = self._select("1", tier, f"{extra} LIMIT {offset + 1}")
                count = self._rows(f"SELECT COUNT(*) FROM ({tier_rows}) AS tier", params)[0][0]
                if offset >= count:
                    offset -= count
                    continue
            rows = self._rows(
                *self._select(
                    f"({k} >> {ID_SHIFT}) & {ID_MASK}",
                    tier,
                    f"{extra} ORDER BY {k} {direction} LIMIT %s OFFSET %s",
                    (limit - len(found), offset),
                )
            )
            offset = 0
            found += [row[0] for row in rows]
        return found


def containing(strings):
    """The ids of the articles whose text (``Article.text()``) contains one of ``strings`` verbatim, published or not:
    the index gives the candidates, their text decides."""
    if _postgresql():
        select, condition = f"SELECT article_id FROM {TABLE}", f"{TABLE}.document @@ %s::tsquery"
    else:
        select = f"SELECT (rowid >> {ID_SHIFT}) & {ID_MASK} FROM {TABLE}"
        condition = f"{TABLE} MATCH %s"
    wanted = {}  # candidate id -> the strings it may contain
    for string in dict.fromkeys(strings):
        terms = query_terms(string)
        if not terms:
            continue
        if _postgresql():
            param = " & ".join(_lexeme(t) for t in terms)
        else:
            param = " AND ".join(_fts5_quoted(t) for t in terms)
        with connection.cursor() as cursor:
            cursor.execute(f"{select} WHERE {condition}", [param])
            for (pk,) in cursor.fetchall():
                wanted.setdefault(pk, []).append(string)
    ids = sorted(wanted)
    found = []
    for start in range(0, len(ids), BATCH):
        articles = Article.objects.filter(pk__in=ids[start : start + BATCH]).only(*Article.TEXT_FIELDS)
        for article in articles:
            text = article.text()
            if any(string in text for string in wanted[article.pk]):
                found.append(article.pk)
    return found


def _candidates(words, headline):
    terms = {}
    for word in words:
        found = query_terms(word)
        if not found:
            return None
        terms.update(dict.fromkeys(found))
    if _postgresql():
        column = "heading" if headline else "document"
        return (
            f"SELECT article_id FROM {TABLE} WHERE {column} @@ %s::tsquery",
            [" & ".join(_lexeme(t) for t in terms)],
        )
    everything = " AND ".join(_fts5_quoted(t) for t in terms)
    return (
        f"SELECT (rowid >> {ID_SHIFT}) & {ID_MASK} FROM {TABLE} WHERE {TABLE} MATCH %s",
        ["{heading credits} : (" + everything + ")" if headline else everything],
    )


def headline_candidates(words):
    """(sql, params) selecting the ids of the articles, published or not,
    whose headline or credits hold the index terms of every one of
    ``words``: a superset of those holding each word verbatim in one field
    (the terms may be apart). None when a word has no terms to look for."""
    return _candidates(words, headline=True)


def document_candidates(words):
    """``headline_candidates`` for the whole text and credits."""
    return _candidates(words, headline=False)
