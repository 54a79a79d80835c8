"""The full-text index keyed by what the public pages sort and count by.

Each row of the index is keyed by a 64-bit number that holds the issue's date,
the article's id, whether it is hidden and its kind (``archive.search.key``).
Ordering by key is ordering by date, a date range is a key range, and counts by
year and kind read only keys: the engines answer all three from the index
alone, however many articles match, without touching the article rows.

On SQLite the key is the FTS5 rowid, and a small table maps article ids to
keys so that an article's row can be found and replaced. On PostgreSQL the
key is a column beside two tsvectors (all terms, and the headline's and
credits' terms). The index starts empty: ``manage.py rebuild_search_index``
fills it for the articles already in the database.
"""

from django.db import migrations

SQLITE = [
    # Gone already if a migration since 0002 rebuilt archive_article (SQLite
    # rebuilds a table to add a column with a default, dropping its triggers):
    # archive.search.ensure_triggers puts it back after every migrate.
    "DROP TRIGGER IF EXISTS archive_search_article_deleted",
    "DROP TABLE archive_search",
    # Every term is one FTS5 token: the categories cover all that
    # search_terms keeps, and no diacritics are removed behind its back.
    # Positions are kept (detail=full): without them FTS5 re-reads every
    # matching document to tell which column a term is in.
    """
    CREATE VIRTUAL TABLE archive_search USING fts5(
        heading, body, credits, labels,
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    )
    """,
    "CREATE TABLE archive_search_key (article_id INTEGER PRIMARY KEY, key INTEGER NOT NULL)",
    """
    CREATE TRIGGER IF NOT EXISTS archive_search_article_deleted AFTER DELETE ON archive_article
    BEGIN
        DELETE FROM archive_search
        WHERE rowid = (SELECT key FROM archive_search_key WHERE article_id = old.id);
        DELETE FROM archive_search_key WHERE article_id = old.id;
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS archive_search_article_deleted",
    "DROP TABLE archive_search_key",
    "DROP TABLE archive_search",
    """
    CREATE VIRTUAL TABLE archive_search USING fts5(
        heading, body, credits,
        detail=column,
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    )
    """,
    """
    CREATE TRIGGER archive_search_article_deleted AFTER DELETE ON archive_article
    BEGIN
        DELETE FROM archive_search WHERE rowid = old.id;
    END
    """,
]

POSTGRESQL = [
    "TRUNCATE archive_search",
    "ALTER TABLE archive_search ADD COLUMN key bigint NOT NULL",
    "ALTER TABLE archive_search ADD COLUMN heading tsvector NOT NULL",
    "CREATE INDEX archive_search_key ON archive_search (key)",
    "CREATE INDEX archive_search_heading ON archive_search USING gin (heading)",
]
POSTGRESQL_REVERSE = [
    "TRUNCATE archive_search",
    "DROP INDEX archive_search_heading",
    "DROP INDEX archive_search_key",
    "ALTER TABLE archive_search DROP COLUMN heading",
    "ALTER TABLE archive_search DROP COLUMN key",
]

STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, STATEMENTS[schema_editor.connection.vendor][0])


def backwards(apps, schema_editor):
    _run(schema_editor, STATEMENTS[schema_editor.connection.vendor][1])


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_published")]

    operations = [migrations.RunPython(forwards, backwards)]
