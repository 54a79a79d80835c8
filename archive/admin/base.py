"""What every ModelAdmin of the archive shares, and the admin site's own
settings: the site's names, the history every model keeps (``HistoryAdmin``),
spreadsheet import and export (``ArchiveAdmin``), and how read-only values
are shown."""

import json

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from archive import derived
from archive.resources import SpreadsheetCSV

from .history import ReadableHistory

admin.site.site_header = "浙江法治报档案"
admin.site.site_title = "浙江法治报档案"
admin.site.index_title = "档案管理"


def one_write(view, request, *args):
    """Run a view whose POST is one transaction with what follows from what
    it saves (``archive.derived``): the articles a form, its inlines, a
    revert or an action change are refreshed once, before it commits."""
    if request.method != "POST":
        return view(request, *args)
    with transaction.atomic(), derived.deferred():
        return view(request, *args)


class HistoryAdmin(ReadableHistory, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose revert is a change: it shows a user who may
    only view the form of an old version without its button, but would
    accept the form's POST. Its history pages are readable (``history``).
    Every view that saves refreshes what follows (``one_write``). Every page
    of the archive's admin has its stylesheet, ``admin.css``."""

    class Media:
        css = {"all": ["archive/admin/admin.css"]}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))  # None: deleted
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return one_write(super().history_form_view, request, object_id, version_id, extra_context)

    def save_form(self, request, form, change):
        """A revert may only change what the user may change: the fields its
        form offers. Those it leaves out (read-only to this user, such as
        publication to an editor, or to everyone, such as the parser's
        snapshot) keep the live row's values, not the old version's."""
        obj = super().save_form(request, form, change)
        if to_historic(obj) is None:
            return obj
        live = type(obj)._base_manager.filter(pk=obj.pk).first()  # None: deleted
        if live is not None:
            offered = set(form.fields)
            for field in obj._meta.concrete_fields:
                if field.name not in offered and not field.primary_key:
                    setattr(obj, field.attname, getattr(live, field.attname))
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return one_write(super().changeform_view, request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        return one_write(super().changelist_view, request, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        return one_write(super().delete_view, request, object_id, extra_context)


class SizedImportForm(ImportForm):
    """The spreadsheet upload, refused when it is larger than the setting
    allows: a larger one outlasts the server's request timeout, and its
    upload is left behind."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.NEWSROOM_MAX_SPREADSHEET_BYTES
        if upload.size > limit:
            raise ValidationError(
                f"文件过大（{filesizeformat(upload.size)}），一次最多导入 {filesizeformat(limit)}：请分成几个文件导入。"
            )
        return upload


class ArchiveAdmin(ImportExportModelAdmin, HistoryAdmin):
    """Spreadsheet import/export and the change history on every model;
    CSV written for spreadsheet programs (``SpreadsheetCSV``)."""

    formats = [
        SpreadsheetCSV if file_format is base_formats.CSV else file_format
        for file_format in base_formats.DEFAULT_FORMATS
    ]

    import_form_class = SizedImportForm


def warning_list(warnings):
    if not warnings:
        return "-"
    items = format_html_join("", "<li>{}</li>", ((warning,) for warning in warnings))
    return format_html("<ul>{}</ul>", items)


def json_block(value):
    return format_html(
        '<pre style="white-space: pre-wrap">{}</pre>',
        json.dumps(value, ensure_ascii=False, indent=2),
    )
