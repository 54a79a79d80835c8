"""The full-text index of articles, in each database's own engine.

Neither engine can segment Chinese, so archive.search hands them terms it cut
in Python (archive.lib.segmentation.search_terms), space-joined for SQLite's FTS5
and as a tsvector for PostgreSQL. The index is keyed by article id; a trigger
forgets an article when its row is deleted (or, on PostgreSQL, truncated), so
that deletions need no hook. Writing terms is archive.search.index_articles'.
"""

from django.db import migrations

SQLITE = [
    # Every term is one FTS5 token: the categories cover all that
    # search_terms keeps, and no diacritics are removed behind its back.
    # detail=column, because terms are single tokens and appear once per
    # document: positions would only take space.
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
SQLITE_REVERSE = [
    "DROP TRIGGER archive_search_article_deleted",
    "DROP TABLE archive_search",
]

POSTGRESQL = [
    """
    CREATE TABLE archive_search (
        article_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )
    """,
    "CREATE INDEX archive_search_document ON archive_search USING gin (document)",
    """
    CREATE FUNCTION archive_search_forget() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM archive_search WHERE article_id = OLD.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER archive_search_article_deleted AFTER DELETE ON archive_article
    FOR EACH ROW EXECUTE FUNCTION archive_search_forget()
    """,
    """
    CREATE FUNCTION archive_search_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE archive_search;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER archive_search_articles_truncated AFTER TRUNCATE ON archive_article
    FOR EACH STATEMENT EXECUTE FUNCTION archive_search_forget_all()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER archive_search_articles_truncated ON archive_article",
    "DROP FUNCTION archive_search_forget_all()",
    "DROP TRIGGER archive_search_article_deleted ON archive_article",
    "DROP FUNCTION archive_search_forget()",
    "DROP TABLE archive_search",
]

STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"no full-text index for the {vendor} database")
    _run(schema_editor, STATEMENTS[vendor][0])


def drop(apps, schema_editor):
    _run(schema_editor, STATEMENTS[schema_editor.connection.vendor][1])


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
