"""What every ModelAdmin of the archive shares, and the admin site's own
settings: the site's names, the history every model keeps (``HistoryAdmin``),
spreadsheet import and export (``ArchiveAdmin``), and how read-only values
are shown."""

import json

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from archive.resources import SpreadsheetCSV

from .history import ReadableHistory

admin.site.site_header = "浙江法治报档案"
admin.site.site_title = "浙江法治报档案"
admin.site.index_title = "档案管理"


class HistoryAdmin(ReadableHistory, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose revert is a change: it shows a user who may
    only view the form of an old version without its button, but would
    accept the form's POST. Its history pages are readable (``history``).
    Every page of the archive's admin has its stylesheet, ``admin.css``."""

    class Media:
        css = {"all": ["archive/admin/admin.css"]}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))  # None: deleted
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ArchiveAdmin(ImportExportModelAdmin, HistoryAdmin):
    """Spreadsheet import/export and the change history on every model;
    CSV written for spreadsheet programs (``SpreadsheetCSV``)."""

    formats = [
        SpreadsheetCSV if file_format is base_formats.CSV else file_format
        for file_format in base_formats.DEFAULT_FORMATS
    ]


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
