"""Mentions in the admin: the list on an article's page, where an editor
rejects a wrong one or adds a missing one (selecting its words in the
article's text, ``MentionPicking``), and the list of all mentions, where the
people, organisation and event pages send them.

A mention an editor adds is marked so, and one an editor rejects stays
rejected: the next import of the page replaces only automatic mentions.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from simple_history.utils import bulk_update_with_history

from archive.models import ChangeReason, Mention

from .base import HistoryAdmin
from .changelists import Estimating, IndexedMentionSearch


class MentionForm(forms.ModelForm):
    """New rows start as added by an editor, and an automatic mention an
    editor changes becomes theirs (a re-import would otherwise replace it);
    a span left empty is found in the article text, and a span given must
    spell the text."""

    class Meta:
        model = Mention
        fields = ("person", "organisation", "event", "text", "titles", "role", "start", "end", "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.fields["status"].initial = Mention.Status.ADDED

    def clean(self):
        data = super().clean()
        edited = set(self.changed_data) - {"status"}
        if edited and data.get("status") == Mention.Status.AUTOMATIC and not self.instance._state.adding:
            data["status"] = Mention.Status.ADDED
        if not self.instance._state.adding and not {"text", "start", "end"} & edited:
            return data
        article = data.get("article") or (self.instance.article if self.instance.article_id else None)
        text, start, end = data.get("text"), data.get("start"), data.get("end")
        if article is None or not text:
            return data
        if (start is None) != (end is None):
            raise forms.ValidationError("“起”和“止”要么都填，要么都空着。")
        body = article.text()
        if start is None:
            found = body.find(text)
            if found >= 0:
                data["start"], data["end"] = found, found + len(text)
                self.instance.start, self.instance.end = data["start"], data["end"]
        elif body[start:end] != text:
            raise forms.ValidationError(f"文章文本在 {start}–{end} 处是“{body[start:end]}”，不是“{text}”。")
        return data


class ArticleForm(MentionForm):
    class Meta(MentionForm.Meta):
        fields = ("article", *MentionForm.Meta.fields)


class ArticleMentionInline(admin.TabularInline):
    """On an article's page: every mention, editable; the printed text and
    its status first, where a narrow window still shows them."""

    model = Mention
    form = MentionForm
    fields = ("text", "status", "person", "organisation", "event", "titles", "role", "start", "end")
    autocomplete_fields = ("person", "organisation", "event")
    extra = 0
    verbose_name_plural = "提及的人物、机构和活动"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "organisation", "event")


class MentionPicking:
    """For ArticleAdmin: the article's text (``Article.text()``, which
    mentions' offsets count in) as a read-only field, ``mention_source``,
    where selecting words offers to add them as a mention (``mentions.js``
    fills a new row of ``ArticleMentionInline``; the form checks the span
    spells the text)."""

    @property
    def media(self):
        return super().media + forms.Media(js=["archive/admin/mentions.js"])

    @admin.display(description="原文")
    def mention_source(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return format_html(
            '<div class="mention-source">{}</div>'
            '<p class="mention-picked" data-inline="{}" hidden>选中“<q></q>”（<span class="mention-span"></span>）'
            ' <button type="button" class="button mention-add">添加为提及</button></p>'
            '<div class="help">选中人名、机构名或活动名，再点“添加为提及”：下方提及列表多出一行，填好了原文和起止位置，'
            "选好所指的人物、机构或活动后保存。</div>",
            obj.text(),
            # The inline formset's prefix, as Django names it: the article's accessor of its mentions.
            Mention._meta.get_field("article").remote_field.get_accessor_name(),
        )


def set_status(request, queryset, status):
    rows = list(queryset.exclude(status=status))
    for row in rows:
        row.status = status
    bulk_update_with_history(
        rows, Mention, ["status"], default_user=request.user, default_change_reason=ChangeReason.EDITED
    )
    return len(rows)


@admin.register(Mention)
class MentionAdmin(Estimating, IndexedMentionSearch, HistoryAdmin):
    form = ArticleForm
    list_display = ("text", "entity", "article", "titles", "role", "start", "status")
    list_filter = ("status",)
    list_select_related = ("person", "organisation", "event", "article")
    search_fields = ("text", "person__name", "organisation__name", "event__name", "article__title")
    show_full_result_count = False
    autocomplete_fields = ("article", "person", "organisation", "event")
    actions = ["reject", "confirm"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body", "article__parsed")

    @admin.display(description="指向")
    def entity(self, obj):
        return obj.entity

    @admin.action(description="否决所选提及（再次导入也不会恢复）", permissions=["change"])
    def reject(self, request, queryset):
        count = set_status(request, queryset, Mention.Status.REJECTED)
        self.message_user(request, f"已否决 {count} 条提及。", messages.SUCCESS)

    @admin.action(description="确认所选提及（记为编辑添加，再次导入不再改动）", permissions=["change"])
    def confirm(self, request, queryset):
        count = set_status(request, queryset, Mention.Status.ADDED)
        self.message_user(request, f"已确认 {count} 条提及。", messages.SUCCESS)
