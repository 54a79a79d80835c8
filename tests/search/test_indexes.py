"""The indexes the public pages are planned around exist after migrating,
on both databases, with their columns: a table rebuild (SQLite remakes a
table for most field changes) must not lose one silently."""

import pytest
from django.db import connection

EXPECTED = {
    "archive_byline": {
        "archive_byline_credits": ["person_id", "article_id", "role", "credit"],
        "archive_byline_people": ["article_id", "person_id"],
    },
    "archive_article": {
        "archive_article_listed": ["id", "issue_id", "position"],
        "archive_article_hidden": ["id"],
    },
    "archive_issue": {
        "archive_issue_listed": ["id", "date", "source_name"],
        "archive_issue_hidden": ["id"],
        "archive_issue_newest": ["date", "source_name"],
    },
    "archive_mention": {
        "archive_shown_person": ["person_id", "article_id"],
        "archive_shown_organisation": ["organisation_id", "article_id"],
        "archive_shown_event": ["event_id", "article_id"],
    },
}


def indexes(table):
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return {name: info["columns"] for name, info in found.items() if info["index"] and not info["primary_key"]}


@pytest.mark.parametrize("table", sorted(EXPECTED))
def test_the_pages_indexes_exist_with_their_columns(db, table):
    found = indexes(table)
    for name, columns in EXPECTED[table].items():
        assert name in found, f"{table} has no index {name}"
        # PostgreSQL lists an index's INCLUDE columns after its keys.
        assert found[name][: len(columns)] == columns


def test_no_credit_key_has_an_index_of_its_own(db):
    """Each key of a credit is the first column of one of the two indexes
    above; an index of the key alone only draws the planner away from
    reading those indexes without the table."""
    assert ["article_id"] not in indexes("archive_byline").values()
    assert ["person_id"] not in indexes("archive_byline").values()
