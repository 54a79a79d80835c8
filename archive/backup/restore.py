"""Rebuilding an archive from a backup: the ``tables`` of an
``export_archive`` document (see ``archive.backup.tables``) written back row
for row into an empty archive.

The document is read piece by piece, each row decoded on its own, and rows
are written in batches, so that memory stays constant however large the
archive. Everything happens in one transaction: a file that turns out to be
corrupt or truncated halfway leaves the database as it was. Primary keys
are kept (an article keeps its address), and so are the history's dates,
types, reasons and users. A user is known by user name; one the target
database lacks is created inactive, without a usable password, so that the
history still names them and nobody can log in as them until an
administrator says so.
"""

import json
import logging
import re
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from archive import derived
from archive.lexicon import sync_tokenizer
from archive.locking import one_bulk_writer
from archive.models import Article

from .export import FORMAT
from .tables import backed_up_models, is_user_field

logger = logging.getLogger(__name__)

ROWS_PER_INSERT = 500
ARTICLES_PER_INDEXING = 5000  # articles indexed per call
CHUNK = 1 << 20  # characters read at a time


class RestoreError(Exception):
    """Why a backup cannot be restored, in words for the person restoring."""


class _Reader:
    """A JSON document read piece by piece: the caller walks the outer
    structure (``expect``, ``peek``) and decodes each inner value on its own
    (``value``), so that only the value at hand is in memory."""

    _SPACE = re.compile(r"[ \t\r\n]*")

    def __init__(self, stream):
        self.stream = stream
        self.buffer = ""
        self.pos = 0
        self.consumed = 0  # characters dropped from the front of the buffer
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _more(self):
        """Read on; False at the end of the stream. Reads at least as much
        as is buffered, so that a value longer than a chunk costs linear
        time to decode."""
        if self.eof:
            return False
        self.consumed += self.pos
        self.buffer, self.pos = self.buffer[self.pos :], 0
        chunk = self.stream.read(max(CHUNK, len(self.buffer)))
        if not chunk:
            self.eof = True
            return False
        self.buffer += chunk
        return True

    def peek(self):
        """The next character that is not white space, or "" at the end."""
        while True:
            self.pos = self._SPACE.match(self.buffer, self.pos).end()
            if self.pos < len(self.buffer) or not self._more():
                return self.buffer[self.pos : self.pos + 1]

    def expect(self, characters):
        found = self.peek()
        if not found or found not in characters:
            wanted = "或".join(f"“{c}”" for c in characters)
            raise self.error(f"这里应是{wanted}" if found else "文件在这里就结束了")
        self.pos += 1
        return found

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                if self._more():
                    continue
                raise self.error(error.msg) from None
            if end == len(self.buffer) and self._more():
                continue  # a number may go on in the next chunk
            self.pos = end
            return value

    def elements(self):
        """The values of the array that comes next, one by one."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.expect(",]") == "]":
                return

    def members(self):
        """The keys of the object that comes next, one by one: the caller
        reads each key's value before asking for the next key."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.error("这里应是键名")
            self.expect(":")
            yield key
            if self.expect(",}") == "}":
                return

    def error(self, reason):
        return RestoreError(f"备份文件已损坏或不完整（第 {self.consumed + self.pos + 1} 个字符处）：{reason}。")


def read_tables(stream):
    """Yield ``(table label, row)`` for every row under the document's
    ``tables``, having checked its format first; the other keys are read
    past, one element at a time."""
    reader = _Reader(stream)
    if reader.peek() != "{":
        raise RestoreError("这不是 export_archive 导出的文件：开头应是一个 JSON 对象。")
    tables_seen = False
    for number, key in enumerate(reader.members()):
        if number == 0:
            document_format = reader.value() if key == "format" else None
            if document_format != FORMAT:
                raise RestoreError(
                    f"备份的格式是 {document_format!r}，这里只能导入 {FORMAT!r}："
                    "请用当前版本的 export_archive 重新导出。"
                )
        elif key == "tables":
            tables_seen = True
            for label in reader.members():
                for row in reader.elements():
                    yield label, row
        elif reader.peek() == "[":
            for _ in reader.elements():
                pass
        else:
            reader.value()
    if reader.peek():
        raise reader.error("文档结束后还有内容")
    if not tables_seen:
        raise RestoreError("备份里没有 tables（数据表），无法恢复。")


class _Users:
    """User ids by user name; a name the database lacks becomes an
    inactive user without a usable password."""

    def __init__(self):
        self.model = get_user_model()
        self.field = self.model.USERNAME_FIELD
        self.ids = dict(self.model._base_manager.values_list(self.field, "pk"))
        self.created = []

    def pk(self, name):
        if not isinstance(name, str) or not name:
            raise RestoreError(f"备份里的用户名 {name!r} 无效。")
        if name not in self.ids:
            user = self.model(**{self.field: name, "is_active": False})
            user.set_unusable_password()
            user.save()
            self.ids[name] = user.pk
            self.created.append(name)
        return self.ids[name]


class _Table:
    """The rows of one model waiting to be inserted."""

    def __init__(self, model, users):
        self.model = model
        self.users = users
        self.fields = {field.name: field for field in model._meta.concrete_fields}
        self.pending = []
        self.count = 0

    def add(self, row):
        label = self.model._meta.label_lower
        if not isinstance(row, dict):
            raise RestoreError(f"备份的 {label} 表里有一行不是 JSON 对象。")
        unknown = row.keys() - self.fields.keys()
        if unknown:
            raise RestoreError(
                f"备份的 {label} 表有当前档案没有的字段：{'、'.join(sorted(unknown))}；"
                "导入会丢掉这些数据，因此不导入。"
            )
        values = {}
        for name, value in row.items():
            field = self.fields[name]
            if value is None:
                values[field.attname] = None
            elif is_user_field(field):
                values[field.attname] = self.users.pk(value)
            else:
                try:
                    values[field.attname] = field.to_python(value)
                except ValidationError as error:
                    raise RestoreError(f"备份的 {label} 表里 {name} 的值 {value!r} 无效：{error.messages[0]}") from None
        self.pending.append(self.model(**values))
        if len(self.pending) >= ROWS_PER_INSERT:
            self.flush()

    def flush(self):
        self.model._base_manager.bulk_create(self.pending)
        self.count += len(self.pending)
        self.pending = []


@contextmanager
def _stored_timestamps(models):
    """Let ``auto_now`` fields (an issue's ``updated_at``) keep the time in
    the backup: an insert would stamp the time of the restore. This changes
    the fields for the whole process while it lasts, which suits a
    management command."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _defer_foreign_keys():
    """Check foreign keys at the end of the transaction: rows come in the
    backup's order, and an organisation may name a parent that comes later."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA defer_foreign_keys = ON")


def _nonempty(models):
    return next((model for model in models if model._base_manager.exists()), None)


def restore_archive(stream, waiting=None):
    """Write the backup read from a text stream into the database, whose
    archive must be empty, in one transaction; then rebuild the search
    index. Returns ``({model: rows}, [user names created])``. Raises
    RestoreError, having written nothing, when the archive is not empty or
    the backup cannot be restored. An import or another restore running,
    waits for it to end, calling ``waiting()`` first."""
    models = backed_up_models()
    by_label = {model._meta.label_lower: model for model in models}
    try:
        with one_bulk_writer(waiting), transaction.atomic(), _stored_timestamps(models):
            found = _nonempty(models)
            if found is not None:
                raise RestoreError(
                    f"数据库里已有档案数据（如“{found._meta.verbose_name}”）。import_archive 只导入到空的档案，"
                    "不会覆盖或合并现有数据：请在新建并 migrate 过的空数据库里导入。"
                )
            _defer_foreign_keys()
            users = _Users()
            tables = {}
            for label, row in read_tables(stream):
                if label not in tables:
                    if label not in by_label:
                        raise RestoreError(f"备份里的数据表 {label} 在当前的档案里没有。")
                    tables[label] = _Table(by_label[label], users)
                tables[label].add(row)
            for table in tables.values():
                table.flush()
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
            ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), ARTICLES_PER_INDEXING):
                # The rest of what follows from the articles is in the backup.
                derived.refresh(ids[start : start + ARTICLES_PER_INDEXING], derived.INDEX)
    except UnicodeDecodeError:
        raise RestoreError("备份文件不是 UTF-8 文本。") from None
    except DatabaseError as error:
        raise RestoreError(f"备份里的数据写不进数据库，已全部撤回：{error}") from None
    sync_tokenizer()
    counts = {table.model: table.count for table in tables.values()}
    logger.info(
        "restored %d rows in %d tables; %d users created", sum(counts.values()), len(counts), len(users.created)
    )
    return counts, users.created
