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
or 法院 in a large archive, is narrowed by year or kind, not counted). Best
matches first means: all the query in the headline or the credits, then the
rest, newest first within each. The people credited most are counted among
the newest matches (``SAMPLE``). A quoted phrase is looked up as its
characters and pairs (every article holding the phrase has them all: the
candidates), then confirmed against the text of the candidates a page shows;
the count is exact when the candidates are few enough to read them all
(``CONFIRM``), else estimated from the newest ``CONFIRM``.

This package is the public API; its rooms: ``backends`` (all that differs
between SQLite and PostgreSQL, the engine chosen once), ``keys`` (the key's
layout), ``indexing`` (writing rows), ``query`` (asking), ``excerpts``
(marking hits in a text) and ``management`` (the ``post_migrate`` hook).
"""

from .backends import KEYS, TABLE
from .excerpts import Excerpt, excerpt
from .indexing import index_articles, remove_articles, write_index
from .keys import DATE_SHIFT, ID_MASK, ID_SHIFT, KIND_MASK, key, person_label
from .management import prepare_index
from .query import (
    BEST,
    CONFIRM,
    COUNT_LIMIT,
    NEWEST,
    OLDEST,
    SAMPLE,
    Facets,
    Filters,
    Query,
    Search,
    containing,
    document_candidates,
    headline_candidates,
    parse_query,
    planned,
)

__all__ = [
    "BEST",
    "CONFIRM",
    "COUNT_LIMIT",
    "DATE_SHIFT",
    "Excerpt",
    "Facets",
    "Filters",
    "ID_MASK",
    "ID_SHIFT",
    "KEYS",
    "KIND_MASK",
    "NEWEST",
    "OLDEST",
    "Query",
    "SAMPLE",
    "Search",
    "TABLE",
    "containing",
    "document_candidates",
    "excerpt",
    "headline_candidates",
    "index_articles",
    "key",
    "parse_query",
    "person_label",
    "planned",
    "prepare_index",
    "remove_articles",
    "write_index",
]
