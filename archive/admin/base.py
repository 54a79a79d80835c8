"""What every ModelAdmin of the archive shares, and the admin site's own
settings: the site's names, the history every model keeps (``HistoryAdmin``),
spreadsheet import and export (``ArchiveAdmin``), and how read-only values
are shown."""

import json

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

admin.site.site_header = "浙江法治报档案"
admin.site.site_title = "浙江法治报档案"
admin.site.index_title = "档案管理"


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose revert is a change: it shows a user who may
    only view the form of an old version without its button, but would
    accept the form's POST."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))  # None: deleted
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


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
    """Spreadsheet import/export and the change history on every model."""

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
