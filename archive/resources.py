"""Spreadsheet import and export in the admin (django-import-export).

Rows are matched by natural keys where the archive has them: an issue by its
source file name, a person by name. Issues themselves only come from source
files (``import_issues``); a spreadsheet can correct them but not add them.
"""

from import_export import fields, resources, widgets

from archive.models import Article, Byline, Issue, Person


class KeyWidget(widgets.CachedForeignKeyWidget):
    """Finds the related row by one column, reading only that column, once
    per import."""

    def get_queryset(self, value, row, *args, **kwargs):
        return super().get_queryset(value, row, *args, **kwargs).only("pk", self.field)


def read_only(name, widget=None):
    return fields.Field(attribute=name, column_name=name, readonly=True, widget=widget)


class IssueResource(resources.ModelResource):
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


class ArticleResource(resources.ModelResource):
    issue = fields.Field(
        attribute="issue", column_name="issue", widget=KeyWidget(Issue, "source_name")
    )
    warnings = read_only("warnings", widgets.JSONWidget())

    class Meta:
        model = Article
        fields = (
            "id",
            "issue",
            "page",
            "position",
            "kind",
            "kicker",
            "title",
            "subtitle",
            "deck",
            "column",
            "dateline",
            "date",
            "body",
            "continued_on_page",
            "captions",
            "warnings",
        )
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().select_related("issue").defer("issue__source")


class PersonResource(resources.ModelResource):
    class Meta:
        model = Person
        import_id_fields = ["name"]
        fields = ("name",)
        skip_unchanged = True


class BylineResource(resources.ModelResource):
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
