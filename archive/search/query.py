"""Asking the index: what a reader typed (``parse_query``), the pages'
questions of it (``Search``: a count, facets, a page of ids, in order), and
the candidates other parts of the archive look for words among
(``containing``, ``headline_candidates``, ``document_candidates``).

The engine's SQL comes from ``backend()``; what is asked, and how the keys
that come back are read (``keys``), is the same on every engine.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection

from archive.lib.segmentation import query_terms
from archive.models import Article

from .backends import BATCH, backend
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
    person_label,
)

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


def planned():
    """Where searches should run: on PostgreSQL, a transaction in which the
    planner is told to use the indexes (see ``PostgresIndex.planned``)."""
    return backend().planned()


class Search:
    """One query under some filters, over the public articles."""

    def __init__(self, query, filters=Filters()):
        self.query = query
        self.filters = filters
        self.empty = bool(query.text) and not query.terms
        # The table to read keys from, and the key's column in it.
        self._table, self._key = backend().source(matching=bool(query.terms or filters.person))

    # The pieces of SQL. ``_where(tier)`` is the condition on index rows,
    # with ``tier`` None (all matches), "headline" or "rest".

    def _match(self, tier):
        label = person_label(self.filters.person) if self.filters.person else None
        return backend().match(self.query.terms, label, tier)

    def _where(self, tier=None):
        conditions, params = self._match(tier)
        key = self._key
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
        return backend().select(columns, self._table, self._where, tier, tail, extra)

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # What the pages ask.

    def count(self):
        if self.empty:
            return 0
        return self._rows(*self._select("COUNT(*)"))[0][0]

    def facets(self, people=10):
        """How the matches divide by year, kind and credited person."""
        if self.empty:
            return Facets(0, [], [], [], False)
        k = self._key
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
        k = self._key
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
    wanted = {}  # candidate id -> the strings it may contain
    for string in dict.fromkeys(strings):
        terms = query_terms(string)
        if not terms:
            continue
        with connection.cursor() as cursor:
            cursor.execute(*backend().articles_matching(terms))
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
    return backend().articles_matching(tuple(terms), headline)


def headline_candidates(words):
    """(sql, params) selecting the ids of the articles, published or not,
    whose headline or credits hold the index terms of every one of
    ``words``: a superset of those holding each word verbatim in one field
    (the terms may be apart). None when a word has no terms to look for."""
    return _candidates(words, headline=True)


def document_candidates(words):
    """``headline_candidates`` for the whole text and credits."""
    return _candidates(words, headline=False)
