"""New rows and their history rows, written by the import in few statements.

``simple_history.utils.bulk_create_with_history`` builds a historical model
instance per row and lets Django's compiler prepare every value of both, one
field at a time: for the thousands of mentions, bylines and participants a
file brings, that is most of the import's writing time. ``create_with_history``
writes the same rows (the historical row of a creation: the row's fields,
``history_type`` "+", the change reason, no user) as multi-row INSERTs of
values prepared once, and gives the rows their ids as ``bulk_create`` does.

A plain builtin value (text, a number, a flag, None) in a text, number,
flag or foreign key column goes to the database as it is, which is what the
field would make of it; every other value is prepared by its field.
"""

from django.db import connection
from django.db.models import Field
from django.utils import timezone

# The columns whose plain values need no preparing.
_PLAIN_COLUMNS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}
_PLAIN_VALUES = (str, int, bool, type(None))


def create_with_history(objs, model, reason):
    """Insert ``objs`` (new ``model`` instances) and a creation record each
    in the model's history, with ``reason`` as the change reason. Sets each
    one's pk; returns ``objs``. Call inside a transaction."""
    objs = list(objs)
    if not objs:
        return objs
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    # Per field: whether a plain value goes as it is, and whether the value
    # is the attribute's (no ``pre_save`` of its own, as ``auto_now`` has).
    how = [
        (field, field.get_internal_type() in _PLAIN_COLUMNS, type(field).pre_save is Field.pre_save)
        for field in fields
    ]
    values = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        row = []
        for field, plain, attribute in how:
            value = getattr(obj, field.attname) if attribute else field.pre_save(obj, True)
            if not (plain and type(value) in _PLAIN_VALUES):
                value = field.get_db_prep_save(value, connection)
            row.append(value)
        values.append(row)
    ids = _insert(model._meta.db_table, [field.column for field in fields], values, model._meta.pk.column)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias

    history = model.history.model
    by_name = {field.attname: value for field, value in zip(fields, zip(*values, strict=True))}
    by_name[model._meta.pk.attname] = ids
    now = history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection)
    extra = {"history_date": now, "history_change_reason": reason, "history_type": "+", "history_user_id": None}
    columns, columnwise = [], []
    for field in history._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.attname in by_name:
            columnwise.append(by_name[field.attname])
        else:
            columnwise.append([extra[field.attname]] * len(objs))
    _insert(history._meta.db_table, columns, [list(row) for row in zip(*columnwise, strict=True)])
    return objs


def _insert(table, columns, rows, returning=None):
    """INSERT ``rows`` (lists of prepared values for ``columns``) in as few
    statements as the database takes; the ``returning`` column of each, in
    order, when asked."""
    quote = connection.ops.quote_name
    per_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    size = max(1, min(len(rows), _max_parameters() // len(columns)))
    head = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES "
    tail = f" RETURNING {quote(returning)}" if returning else ""
    found = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(
                head + ", ".join([per_row] * len(chunk)) + tail,
                [value for row in chunk for value in row],
            )
            if returning:
                found += [row[0] for row in cursor.fetchall()]
    return found


def _max_parameters():
    """Parameters one statement may carry: SQLite's compiled-in limit (999
    unless built otherwise), PostgreSQL's 65,535."""
    return connection.features.max_query_params or 65535
