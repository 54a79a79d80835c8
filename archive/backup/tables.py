"""The ``tables`` of an export: every row of every table of the archive,
history included, field by field, one row a line, so that
``archive.backup.restore`` can rebuild the archive from the document alone.
It walks the models' fields, so a field added to a model is backed up
without a change here."""

import base64
import datetime
import decimal
import json
import uuid

from django.apps import apps
from django.contrib.auth import get_user_model

from archive.lib.dates import iso_date

# Rows of a table read per query.
ROWS_PER_QUERY = 2000


def backed_up_models():
    """The archive's tables as models: its own, their history, and the
    tables of many-to-many fields; proxies and unmanaged models have no
    rows of their own."""
    return [
        model
        for model in apps.get_app_config("archive").get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def is_user_field(field):
    return field.is_relation and field.related_model is get_user_model()


def write_tables(stream):
    """The ``tables`` key: each model's rows in primary-key order, under
    the model's label. A row is ``{field name: value}`` with foreign keys as
    the related primary key, except users, who are given by user name (the
    target database has its own accounts)."""
    users = get_user_model()
    usernames = dict(users._base_manager.values_list("pk", users.USERNAME_FIELD))
    stream.write(',\n  "tables": {')
    separator = "\n"
    for model in backed_up_models():
        fields = model._meta.concrete_fields
        encoders = [_user_encoder(usernames) if is_user_field(field) else plain for field in fields]
        names = [field.name for field in fields]
        rows = model._base_manager.order_by("pk").values_list(*(field.attname for field in fields))
        stream.write(separator + "    " + json.dumps(model._meta.label_lower) + ": [")
        separator, row_separator = ",\n", "\n"
        for values in rows.iterator(chunk_size=ROWS_PER_QUERY):
            row = {name: encode(value) for name, encode, value in zip(names, encoders, values)}
            stream.write(row_separator + "      " + json.dumps(row, ensure_ascii=False))
            row_separator = ",\n"
        stream.write("\n    ]" if row_separator != "\n" else "]")
    stream.write("\n  }" if separator != "\n" else "}")


def _user_encoder(usernames):
    return lambda pk: None if pk is None else usernames.get(pk)


def plain(value):
    """A field's value as JSON gives it back: ``Field.to_python`` reads each
    of these forms (binary data as base64, as ``BinaryField`` does)."""
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (datetime.date, datetime.time)):
        return iso_date(value)
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value
