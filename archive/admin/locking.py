"""Optimistic locking in the admin (see ``archive.locking``), and reverting
from the history as the save it is.

A change form of a ``Versioned`` row carries, in a hidden field, the version
it was loaded at. Saving from an older version is refused: the form comes
back with everything the editor typed, inlines included, and a message
naming who saved in between, when, which fields they changed, and a link to
the history where their change is shown. The form then carries the newer
version, so that saving again, once the editor has looked, is a deliberate
overwrite and not a silent one.

The form's check is a read; the save itself claims the row with a
conditional UPDATE (``archive.locking.claim``). When another save slips in
between the two, the claim fails, the transaction is rolled back, and the
view is run again: its check then sees the other save and says so.
"""

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html

from archive.locking import Conflict, changed_fields, claim, current_version, later_changes, who_and_when

VERSION_FIELD = "loaded_version"


def conflict_message(model, pk, loaded):
    """The refusal of a save made from version ``loaded`` of the row."""
    opts = model._meta
    latest = later_changes(model, pk, loaded).first()
    by = who_and_when(latest.history_user, latest.history_date) if latest else "别人"
    fields = changed_fields(model, pk, loaded)
    history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
    return format_html(
        "此{}已被 {} 修改{}，是在你打开这一页之后。你填写的内容保留在下面，尚未保存。"
        '请先<a href="{}" target="_blank">查看对方的修改</a>；确认后再次保存，将以你的内容覆盖对方的修改。',
        opts.verbose_name,
        by,
        f"（改动了：{'、'.join(fields)}）" if fields else "",
        history,
    )


class VersionForm(forms.ModelForm):
    """A change form that remembers the version of the row it was loaded at."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The live row's version, not the instance's: a revert form's
        # instance is an old version from the history. None: a new row, or
        # one deleted that a revert brings back.
        pk = self.instance.pk
        self.current_version = None if pk is None else current_version(self._meta.model, pk)
        field = self.fields[VERSION_FIELD]
        field.required = self.current_version is not None
        field.initial = self.current_version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get(VERSION_FIELD)
        if loaded is not None and loaded != self.current_version:
            self.add_error(None, conflict_message(self._meta.model, self.instance.pk, loaded))
            self.data = self.data.copy()
            self.data[self.add_prefix(VERSION_FIELD)] = self.current_version
        return cleaned


class Locking:
    """For the ModelAdmin of a ``Versioned`` model (a ``base.HistoryAdmin``): every
    save through the change form, an inline-only change included, and every
    revert from the history, is one version, refused when made from an older
    one."""

    form = VersionForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": (*options["fields"], VERSION_FIELD)}), *rest]

    def save_model(self, request, obj, form, change):
        if form.current_version is not None:
            claim(obj, form.cleaned_data[VERSION_FIELD])
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = super().changeform_view  # atomic itself
        return _again_on_conflict(view, request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        view = transaction.atomic(super().history_form_view)
        return _again_on_conflict(view, request, object_id, version_id, extra_context)


def _again_on_conflict(view, *args):
    """Run an atomic view; when its save lost the race to another one (its
    transaction rolled back), once more: its form's check now finds the
    other save and says so."""
    try:
        return view(*args)
    except Conflict:
        return view(*args)
