"""Indexes that let the public pages stop at the first rows they need.

Mentions: whether a person, an organisation or an event has a mention no
editor rejected, and on which articles, read from a partial index on
(entity, article) without touching the table.

Issues, newest first as the public lists order them (date descending,
undated last, then file name): walking this index, a list of the articles
naming someone reads issues from the newest until it has a page, instead of
reading and sorting every match. PostgreSQL needs NULLS LAST spelled out,
which SQLite refuses in an index and does not need (its NULLs sort lowest,
so last when descending); one index declared on the model cannot say both,
so it is created here per database and is not part of the model's state.

Credits: by person (a person's credits by role, the articles credited to
them) and by article (who shares those bylines), read from the indexes
alone. The model is archive.models.issues.Byline; these two were created
here outside the model's state, which migration 0012 adds them to.
"""

from django.db import migrations, models

# (name, {vendor: CREATE INDEX statement})
INDEXES = [
    (
        "archive_issue_newest",
        {
            "postgresql": "CREATE INDEX archive_issue_newest ON archive_issue (date DESC NULLS LAST, source_name)",
            "sqlite": "CREATE INDEX archive_issue_newest ON archive_issue (date DESC, source_name)",
        },
    ),
    (
        "archive_byline_credits",
        {
            vendor: "CREATE INDEX archive_byline_credits ON archive_byline (person_id, article_id, role, credit)"
            for vendor in ("postgresql", "sqlite")
        },
    ),
    (
        "archive_byline_people",
        {
            vendor: "CREATE INDEX archive_byline_people ON archive_byline (article_id, person_id)"
            for vendor in ("postgresql", "sqlite")
        },
    ),
]


def create_indexes(apps, schema_editor):
    for _, sql in INDEXES:
        if schema_editor.connection.vendor in sql:
            schema_editor.execute(sql[schema_editor.connection.vendor])


def drop_indexes(apps, schema_editor):
    for name, sql in INDEXES:
        if schema_editor.connection.vendor in sql:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def shown(field):
    return models.Index(
        condition=models.Q((f"{field}__isnull", False), models.Q(("status", "rejected"), _negated=True)),
        fields=[field, "article"],
        name=f"archive_shown_{field}",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0008_groups"),
    ]

    operations = [
        *(migrations.AddIndex(model_name="mention", index=shown(field)) for field in ("person", "organisation", "event")),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
