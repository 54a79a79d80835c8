"""What the index needs after every ``migrate``, for ``post_migrate``."""

from django.db import DEFAULT_DB_ALIAS, connections

from .backends import TABLE, backend


def prepare_index(using=DEFAULT_DB_ALIAS, **kwargs):
    """Put back what a migration may have taken from the index, or cannot
    say: on SQLite the delete trigger, on PostgreSQL narrow rows (see each
    backend's ``after_migrate``)."""
    database = connections[using]
    if TABLE not in database.introspection.table_names():
        return
    with database.cursor() as cursor:
        backend(using).after_migrate(cursor)
