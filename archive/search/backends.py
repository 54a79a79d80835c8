"""The two engines the index lives in: everything about the index that
differs between SQLite and PostgreSQL, so that the rest of archive.search
asks ``backend()`` and never which database it is on.

SQLite keeps the index in an FTS5 table (``TABLE``) whose rowid is the key,
with columns heading, body, credits and labels of space-joined terms, and
the article id -> key pairs in a small table of their own (``KEYS``): FTS5
cannot look a row up by anything but its rowid. PostgreSQL keeps a table of
article_id, key and two tsvectors with GIN indexes: heading (the headline's
and the credits' terms) and document (all the terms, the credits' and the
people's labels, ``@`` before a label).
"""

import functools
from contextlib import contextmanager, nullcontext

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from .keys import ID_MASK, ID_SHIFT

TABLE = "archive_search"
KEYS = "archive_search_key"  # SQLite: article id -> key
# Article ids per statement when the index is written, or texts read, in rounds.
BATCH = 500


@functools.cache
def backend(using=DEFAULT_DB_ALIAS):
    """The index of the database ``using``, chosen once per database."""
    return {"sqlite": SQLiteIndex, "postgresql": PostgresIndex}[connections[using].vendor]()


def _fts5_quoted(term):
    return '"' + term.replace('"', '""') + '"'


def _lexeme(term):
    """``term`` as a quoted tsquery lexeme."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class _Index:
    def planned(self):
        """A block where searches run as well as they can (see
        ``PostgresIndex.planned``)."""
        return nullcontext()

    def select(self, columns, table, where, tier, tail, extra):
        """(sql, params) selecting ``columns`` from ``table`` for the rows
        that ``where(tier)`` (condition, params) accepts, ``tail`` (order,
        limit) after and ``extra`` its params."""
        condition, params = where(tier)
        return f"SELECT {columns} FROM {table} WHERE {condition} {tail}", [*params, *extra]


class SQLiteIndex(_Index):
    def after_migrate(self, cursor):
        """Put back the trigger that takes deleted articles out of the
        index: a migration rebuilding archive_article drops it with the old
        table (SQLite rebuilds a table to add a column with a default)."""
        cursor.execute(
            f"""
CREATE TRIGGER IF NOT EXISTS archive_search_article_deleted AFTER DELETE ON archive_article
BEGIN
    DELETE FROM {TABLE} WHERE rowid = (SELECT key FROM {KEYS} WHERE article_id = old.id);
    DELETE FROM {KEYS} WHERE article_id = old.id;
END
"""
        )

    def insert(self, cursor, documents):
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, heading, body, credits, labels) VALUES (%s, %s, %s, %s, %s)",
            [
                (row_key, " ".join(heading), " ".join(body), " ".join(credits), " ".join(labels))
                for row_key, heading, body, credits, labels in documents.values()
            ],
        )
        cursor.executemany(
            f"INSERT INTO {KEYS} (article_id, key) VALUES (%s, %s)",
            [(pk, document[0]) for pk, document in documents.items()],
        )

    def delete(self, cursor, ids):
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE rowid IN (SELECT key FROM {KEYS} WHERE article_id IN ({placeholders}))",
            ids,
        )
        cursor.execute(f"DELETE FROM {KEYS} WHERE article_id IN ({placeholders})", ids)

    def source(self, matching):
        """(table, key column) to read keys from: the FTS5 table when there
        is something to match, else the small key table."""
        return (TABLE, "rowid") if matching else (KEYS, "key")

    def match(self, terms, label, tier):
        """([condition], [param]) for rows holding every one of ``terms``
        (in the headline or credits for ``tier`` "headline", anywhere but
        there for "rest") and crediting the person ``label``."""
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

    def articles_matching(self, terms, headline=False):
        """(sql, params) selecting the ids of the articles, published or
        not, holding every one of ``terms`` (in the headline or credits if
        ``headline``)."""
        everything = " AND ".join(_fts5_quoted(t) for t in terms)
        return (
            f"SELECT (rowid >> {ID_SHIFT}) & {ID_MASK} FROM {TABLE} WHERE {TABLE} MATCH %s",
            ["{heading credits} : (" + everything + ")" if headline else everything],
        )


class PostgresIndex(_Index):
    def after_migrate(self, cursor):
        """Keep the index's rows narrow. Counting the matches of a common
        term by year and kind reads the key of every matching row from the
        table itself (a GIN index cannot return it): with the headline's
        terms stored inside each row (some 500 bytes) that is a read of
        most of the table, with them stored aside in TOAST, as the full
        document already is, of a table a fraction the size, which stays in
        memory. Rows take this layout when written; rows written before
        when rewritten (``VACUUM FULL archive_search``, or rebuilding the
        index)."""
        cursor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")

    def insert(self, cursor, documents):
        cursor.executemany(
            f"INSERT INTO {TABLE} (article_id, key, heading, document) "
            "VALUES (%s, %s, array_to_tsvector(%s::text[]), array_to_tsvector(%s::text[]))",
            [
                (
                    pk,
                    row_key,
                    list(dict.fromkeys(heading + credits)),
                    list(dict.fromkeys(heading + body + credits + ["@" + label for label in labels])),
                )
                for pk, (row_key, heading, body, credits, labels) in documents.items()
            ],
        )

    def delete(self, cursor, ids):
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(f"DELETE FROM {TABLE} WHERE article_id IN ({placeholders})", ids)

    @contextmanager
    def planned(self):
        """PostgreSQL's planner does not know that testing a row's tsvector
        means fetching it from TOAST storage, so for a common term it
        prefers reading every row to reading the GIN index; within this
        block it is told to use the indexes (one more query)."""
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
            yield

    def source(self, matching):
        return TABLE, "key"

    def match(self, terms, label, tier):
        # The headline's terms are also the document's: the headline tier
        # asks the heading's index alone. (Testing a heading row by row
        # would fetch it from TOAST, see after_migrate; the rest tier is
        # made in select for the same reason.)
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

    def select(self, columns, table, where, tier, tail, extra):
        if tier != "rest":
            return super().select(columns, table, where, tier, tail, extra)
        # All the matches but the headline's, as a difference of the two
        # indexes' sets of keys (both under the filters).
        condition, params = where(None)
        headline, headline_params = where("headline")
        sql = (
            f"SELECT {columns} FROM (SELECT key FROM {TABLE} WHERE {condition} "
            f"EXCEPT SELECT key FROM {TABLE} WHERE {headline}) AS {TABLE} WHERE TRUE {tail}"
        )
        return sql, [*params, *headline_params, *extra]

    def articles_matching(self, terms, headline=False):
        column = "heading" if headline else "document"
        return (
            f"SELECT article_id FROM {TABLE} WHERE {TABLE}.{column} @@ %s::tsquery",
            [" & ".join(_lexeme(t) for t in terms)],
        )
