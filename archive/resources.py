"""Spreadsheet import and export in the admin (django-import-export).

Rows are matched by natural keys where the archive has them: an issue by its
source file name, a person or an organisation by name, an event by name and
start date. Issues themselves only come from source files
(``import_issues``); a spreadsheet can correct them but not add them.

A spreadsheet names its columns in Chinese (the fields' labels: 标题, 期,
别名); an imported one may name them so or by the fields' own names, as
sheets exported before did. A CSV file starts with a byte order mark, by
which spreadsheet programs on Chinese Windows know it is UTF-8 (without it
they read it as GBK, garbled).
"""

import datetime
import re

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Case, When
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from archive import derived
from archive.models import (
    Article,
    Byline,
    Event,
    Issue,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Tag,
)

# How a spreadsheet cell lists several names.
LIST_SEPARATOR = "、"
_LIST_SPLIT = re.compile(r"[、,，;；\n]+")


class KeyWidget(widgets.CachedForeignKeyWidget):
    """Finds the related row by one column, reading only that column, once
    per import."""

    def get_queryset(self, value, row, *args, **kwargs):
        return super().get_queryset(value, row, *args, **kwargs).only("pk", self.field)


class SpreadsheetDateWidget(widgets.DateWidget):
    """A date cell. An XLSX file gives it back as a datetime, which
    DateWidget keeps as one: the row would look changed."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, datetime.datetime) else value


class SpreadsheetCSV(base_formats.CSV):
    """CSV as spreadsheet programs open it: UTF-8 with a byte order mark.
    (The admin reads uploads as ``utf-8-sig``, so the mark costs nothing on
    the way back.)"""

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(dataset, **kwargs)


# The labels of the columns that are not the model's own fields (or whose
# verbose name is Django's English "ID").
COLUMN_LABELS = {"id": "编号", "aliases": "别名", "participants": "参与者"}


# A text cell a spreadsheet program would run as a formula (=HYPERLINK(…),
# +, -, @, or after a tab or carriage return), once any quotes that escape
# it are set aside; a plain number is not one.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def escape_formula(value):
    """A text that opens like a formula, with a quote before it, which makes
    spreadsheet programs show it as text; ``unescape_formula`` takes it
    off again, so that every text comes back as it went out."""
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def unescape_formula(value):
    if isinstance(value, str) and value.startswith("'") and _FORMULA.match(value) and not _NUMBER.fullmatch(value[1:]):
        return value[1:]
    return value


class ArchiveResource(resources.ModelResource):
    """How every spreadsheet of the archive reads cells: dates as dates, and
    an empty cell of a text that may be blank as "" (XLSX gives None). An
    import is one transaction with what follows from the rows it changes
    (``archive.derived``), made once for all of them; a dry run or a
    failed import, rolled back, makes nothing. A text that would be a
    formula goes out escaped and comes back as it was. Every row is
    validated as the admin's form would (a ``kind`` not among the choices
    is refused), before it is saved."""

    def import_data(self, dataset, dry_run=False, **kwargs):
        with transaction.atomic(), derived.deferred() as noted:
            result = super().import_data(dataset, dry_run=dry_run, **kwargs)
            if dry_run or result.has_errors() or (
                kwargs.get("rollback_on_validation_errors") and result.has_validation_errors()
            ):
                noted.discard()
        return result

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "DateField": SpreadsheetDateWidget,
        "TextField": widgets.CharWidget,
    }

    class Meta:
        clean_model_instances = True

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))

    def import_row(self, row, instance_loader, **kwargs):
        row = {column: unescape_formula(value) for column, value in row.items()}
        return super().import_row(row, instance_loader, **kwargs)

    def column_label(self, column):
        """What a spreadsheet calls the column ``column``: its Chinese label."""
        if column in COLUMN_LABELS:
            return COLUMN_LABELS[column]
        try:
            return str(self._meta.model._meta.get_field(column).verbose_name)
        except FieldDoesNotExist:
            return column

    def get_export_headers(self, selected_fields=None):
        return [self.column_label(column) for column in super().get_export_headers(selected_fields)]

    def get_diff_headers(self):
        return [self.column_label(column) for column in super().get_diff_headers()]

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        columns = {self.column_label(field.column_name): field.column_name for field in self.fields.values()}
        headers = [(header or "").lstrip("\ufeff").strip() for header in dataset.headers or ()]
        if headers:
            dataset.headers = [columns.get(header, header) for header in headers]

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.TextField) and django_field.blank:
            kwargs.update({"coerce_to_string": True, "allow_blank": True})
        return kwargs


def read_only(name, widget=None):
    return fields.Field(attribute=name, column_name=name, readonly=True, widget=widget)


class IssueResource(ArchiveResource):
    date_source = read_only("date_source")
    source_sha256 = read_only("source_sha256")
    source_encoding = read_only("source_encoding")
    imported_at = read_only("imported_at", widgets.DateTimeWidget())
    warnings = read_only("warnings", widgets.JSONWidget())

    class Meta:
        model = Issue
        import_id_fields = ["source_name"]
        fields = (
            "source_name",
            "publication",
            "number",
            "date",
            "date_source",
            "page_count",
            "source_sha256",
            "source_encoding",
            "imported_at",
            "warnings",
        )
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().defer("source", "parsed")

    def init_instance(self, row=None):
        raise ValueError("表格只能修改已导入的期；新的一期请用 import_issues 从源文件导入。")

    def import_instance(self, instance, row, **kwargs):
        date_before = instance.date
        super().import_instance(instance, row, **kwargs)
        if instance.date != date_before:
            instance.mark_date_as_edited()


class ArticleResource(ArchiveResource):
    issue = fields.Field(
        attribute="issue", column_name="issue", widget=KeyWidget(Issue, "source_name")
    )
    warnings = read_only("warnings", widgets.JSONWidget())

    class Meta:
        model = Article
        fields = ("id", "issue", *Article.PARSED_FIELDS, "warnings")
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().select_related("issue").defer("issue__source")


def name_list(value):
    return [name for name in (part.strip() for part in _LIST_SPLIT.split(value or "")) if name]


class AliasesMixin:
    """An "aliases" column: the row's other names, joined by 、. A row that
    has the column sets the aliases to exactly those listed."""

    alias_model = None  # PersonAlias or OrganisationAlias
    alias_owner = ""  # its foreign key to the resource's model

    def dehydrate_aliases(self, obj):
        return LIST_SEPARATOR.join(alias.name for alias in obj.aliases.all())

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if "aliases" in row and original.pk is not None:
            if sorted(name_list(row["aliases"])) != sorted(a.name for a in original.aliases.all()):
                return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if "aliases" not in row:
            return
        wanted = set(name_list(row["aliases"])) - {instance.name}
        model = self._meta.model
        taken = model.objects.filter(name__in=wanted).exclude(pk=instance.pk)
        taken = set(taken.values_list("name", flat=True)) | set(
            self.alias_model.objects.filter(name__in=wanted)
            .exclude(**{self.alias_owner: instance})
            .values_list("name", flat=True)
        )
        if taken:
            raise ValueError(f"别名已属于其他{model._meta.verbose_name}：{LIST_SEPARATOR.join(sorted(taken))}")
        current = {alias.name: alias for alias in instance.aliases.all()}
        for name, alias in current.items():
            if name not in wanted:
                alias.delete()
        for name in sorted(wanted - current.keys()):
            self.alias_model.objects.create(name=name, **{self.alias_owner: instance})


class PersonResource(AliasesMixin, ArchiveResource):
    alias_model = PersonAlias
    alias_owner = "person"
    aliases = fields.Field(column_name="aliases")

    class Meta:
        model = Person
        import_id_fields = ["name"]
        fields = ("name", "aliases", "needs_review")
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().prefetch_related("aliases")


class OrganisationResource(AliasesMixin, ArchiveResource):
    alias_model = OrganisationAlias
    alias_owner = "organisation"
    aliases = fields.Field(column_name="aliases")
    # Not cached like KeyWidget: a parent may be a row of the same sheet.
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=widgets.ForeignKeyWidget(Organisation, "name")
    )

    class Meta:
        model = Organisation
        import_id_fields = ["name"]
        fields = ("name", "aliases", "kind", "parent", "needs_review")
        skip_unchanged = True

    def get_queryset(self):
        # Parents before their children, so that a spreadsheet exported here
        # imports in one pass: a parent is found by name, so it must exist.
        depth = Case(
            When(parent__isnull=True, then=0),
            When(parent__parent__isnull=True, then=1),
            When(parent__parent__parent__isnull=True, then=2),
            default=3,
        )
        return (
            super()
            .get_queryset()
            .select_related("parent")
            .prefetch_related("aliases")
            .order_by(depth, "name")
        )


class EventResource(ArchiveResource):
    """Events are known by name and start date; the participants column is
    for reading only (they are edited on the event's page)."""

    participants = fields.Field(column_name="participants", readonly=True)

    class Meta:
        model = Event
        import_id_fields = ["name", "start_date"]
        fields = (
            "name",
            "kind",
            "date_text",
            "start_date",
            "end_date",
            "place",
            "needs_review",
            "participants",
        )
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().prefetch_related("participants__person")

    def dehydrate_participants(self, obj):
        return LIST_SEPARATOR.join(f"{p.person.name}（{p.role}）" for p in obj.participants.all())


class BylineResource(ArchiveResource):
    article = fields.Field(
        attribute="article_id",
        column_name="article",
        widget=KeyWidget(Article, "pk", key_is_id=True),
    )
    person = fields.Field(
        attribute="person", column_name="person", widget=KeyWidget(Person, "name")
    )

    class Meta:
        model = Byline
        fields = ("id", "article", "person", "role", "credit", "position")
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().select_related("person")


class TagResource(ArchiveResource):
    """Tags by name; an empty slug is made from the name."""

    class Meta:
        model = Tag
        import_id_fields = ["name"]
        fields = ("name", "slug", "description")
        clean_model_instances = True
        skip_unchanged = True
