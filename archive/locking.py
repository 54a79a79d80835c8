"""Optimistic locking: two editors saving the same row never overwrite each
other silently.

Editors do not lock a row while they look at it. Instead an edited row
(``Versioned``) counts its saves in ``version``; a form remembers the version
it was loaded at, and its save claims the row only if it is still at that
version (``claim``): a conditional UPDATE inside the saving transaction, so
that PostgreSQL's row lock or SQLite's write lock keeps a concurrent save out
until this one has ended. A save from an older version raises ``Conflict``,
which the admin (``archive.admin.locking``) turns into words: who saved in
between, when, and what they changed, from the row's history.

Every ``save()`` of such a row is a new version, whoever makes it (an import,
a merge, publishing), so an editor's open form never overwrites those either.
Writers that bypass ``save()`` (``bulk_update``) count versions with ``bump``.

An article's segmentation is rewritten by every resegmentation, in bulk, so
it has no counter: a correction form remembers a stamp of the tokens it
showed instead (``segmentation_stamp``).

Writers of many rows at once (an import, a restore) take turns as a whole
(``one_bulk_writer``): two of them at once would each decide from what the
other has not yet written (which files are new, whether the archive is
empty) and collide.
"""

import fcntl
import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, models
from django.db.models import F
from django.utils import timezone


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        "版本", default=1, editable=False, help_text="每保存一次加一：编辑保存时据此发现别人已改过。"
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


def bump(rows, fields):
    """For a writer that ``bulk_update``s ``fields`` of ``rows``: count the
    write as a new version of each Versioned row, and return the fields to
    write, ``version`` among them. Load the rows in the writing transaction
    (``select_for_update``) so that their versions are the current ones."""
    rows = list(rows)
    if not rows or not isinstance(rows[0], Versioned):
        return list(fields)
    for row in rows:
        row.version += 1
    return [*fields, "version"]


class Conflict(Exception):
    """The row was saved by someone else after the form was loaded."""


def current_version(model, pk):
    return model._default_manager.filter(pk=pk).values_list("version", flat=True).first()


def claim(obj, loaded):
    """Before saving ``obj`` from a form loaded at version ``loaded``: take
    the row if it is still at that version (the no-op UPDATE holds it until
    the transaction ends), else raise ``Conflict``. ``obj.save()`` then
    writes version ``loaded + 1``. Call inside the saving transaction."""
    rows = type(obj)._default_manager.filter(pk=obj.pk, version=loaded)
    if not rows.update(version=F("version")):
        raise Conflict(obj)
    obj.version = loaded


def later_changes(model, pk, loaded):
    """The historical records of the row saved after version ``loaded``,
    newest first."""
    return model.history.filter(**{model._meta.pk.attname: pk}, version__gt=loaded).select_related(
        "history_user"
    )


def changed_fields(model, pk, loaded):
    """The verbose names of the fields changed since version ``loaded``."""
    records = model.history.filter(**{model._meta.pk.attname: pk})
    old = records.filter(version__lte=loaded).order_by("-version", "-history_date").first()
    new = records.order_by("-version", "-history_date").first()
    if old is None or new is None or old.pk == new.pk:
        return []
    names = {change.field for change in new.diff_against(old).changes}
    return [str(field.verbose_name) for field in model._meta.fields if field.name in names]


def who_and_when(user, moment):
    """“张三 于 14:05” (today) or “张三 于 2024-07-25 14:05”."""
    name = (user.get_full_name() or user.get_username()) if user is not None else "后台程序"
    if moment is None:
        return name
    moment = timezone.localtime(moment)
    shown = f"{moment:%H:%M}" if moment.date() == timezone.localdate() else f"{moment:%Y-%m-%d %H:%M}"
    return f"{name} 于 {shown}"


def segmentation_stamp(segmentation):
    """What a correction form remembers of the article's segmentation (a
    ``Segmentation`` or None) to tell, when it is saved, whether someone
    corrected it or it was segmented again meanwhile."""
    if segmentation is None:
        return "-"
    return segmentation.digest(f"{segmentation.text_digest}:{segmentation.lengths}")


# What an import or a restore says when it has to wait for another one.
BULK_WRITER_BUSY = "另一个导入或恢复正在进行，等它结束后再开始……"

# The PostgreSQL advisory lock's key: any number no other program using the
# database takes.
_BULK_WRITER_KEY = int.from_bytes(hashlib.sha256(b"newsroom bulk writer").digest()[:8], "big", signed=True)


@contextmanager
def one_bulk_writer(waiting=None):
    """Hold the archive's one lock for writers of many rows (an import, a
    restore) for the time of the block, waiting for another to end first;
    ``waiting()`` is called once when it has to wait. On PostgreSQL an
    advisory lock of the session; on SQLite a lock on a file beside the
    database, so that every process and thread using it takes turns."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_BULK_WRITER_KEY])
            if not cursor.fetchone()[0]:
                if waiting:
                    waiting()
                cursor.execute("SELECT pg_advisory_lock(%s)", [_BULK_WRITER_KEY])
        try:
            yield
        finally:
            # A connection that was lost took the lock with it.
            if connection.connection is not None and not connection.connection.closed:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [_BULK_WRITER_KEY])
        return
    with open(_lock_file(), "a+b") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting()
            fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def _lock_file():
    """The file whose lock ``one_bulk_writer`` takes on SQLite: beside the
    database; for a database in memory, which only this process sees, one
    of this process's own."""
    name = connection.settings_dict["NAME"]
    if connection.is_in_memory_db():
        return Path(tempfile.gettempdir()) / f"newsroom-{os.getpid()}-bulk-writer.lock"
    return Path(f"{name}.bulk-writer.lock")
