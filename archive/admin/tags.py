"""Tags in the admin: the tags' own pages, and tagging articles.

On an article's page, tags are an inline with autocomplete, and the article's
best keywords by this archive's statistics are offered as tags: a click
(``tags.js``) writes the word into the form's "添加标签" field, so that it is
saved with everything else the editor changed, and nothing typed is lost to a
reload. On the article list, two actions add or remove one tag on the
selected articles after a confirmation page.
"""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.utils import bulk_create_with_history

from archive.models import ArticleTag, ChangeReason, Tag
from archive.resources import TagResource
from archive.segmentations import suggested_tags

from .base import ArchiveAdmin

SHOWN_ARTICLES = 50  # articles listed on the confirmation page


@admin.register(Tag)
class TagAdmin(ArchiveAdmin):
    resource_classes = [TagResource]
    list_display = ("name", "slug", "article_count")
    search_fields = ("name", "slug")
    fields = ("name", "slug", "description")

    def get_queryset(self, request):
        # A grouped query ignores the model's ordering: give it again.
        return super().get_queryset(request).annotate(article_total=Count("articles")).order_by("name")

    @admin.display(description="文章数", ordering="article_total")
    def article_count(self, obj):
        url = reverse("admin:archive_article_changelist") + f"?tags__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.article_total)


class TagInline(admin.TabularInline):
    model = ArticleTag
    autocomplete_fields = ("tag",)
    extra = 0
    verbose_name = "标签"
    verbose_name_plural = "标签"


class TagChoiceForm(forms.Form):
    tag = forms.ModelChoiceField(Tag.objects.all(), label="标签", required=False)
    new_name = forms.CharField(label="或新建标签", max_length=100, required=False)

    def __init__(self, *args, creating, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["new_name"]
            self.fields["tag"].required = True

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("new_name", "").strip()
        if "new_name" in self.fields and not name and cleaned.get("tag") is None:
            raise forms.ValidationError("请选择一个标签，或填写新标签的名称。")
        return cleaned

    def chosen_tag(self):
        name = self.cleaned_data.get("new_name", "").strip()
        if name:
            return Tag.objects.get_or_create(name=name)[0]
        return self.cleaned_data["tag"]


def _tag_action(modeladmin, request, queryset, *, adding):
    """The confirmation page, and then the change."""
    creating = adding and request.user.has_perm("archive.add_tag")
    if request.POST.get("apply"):
        form = TagChoiceForm(request.POST, creating=creating)
        if form.is_valid():
            tag = form.chosen_tag()
            articles = list(queryset.values_list("pk", flat=True))
            if adding:
                tag_articles(tag, articles, request.user)
                modeladmin.message_user(
                    request, f"已为 {len(articles)} 篇文章添加标签“{tag}”。", messages.SUCCESS
                )
            else:
                untag_articles(tag, articles)
                modeladmin.message_user(
                    request, f"已从 {len(articles)} 篇文章移除标签“{tag}”。", messages.SUCCESS
                )
            return None
    else:
        form = TagChoiceForm(creating=creating)
    select_across = request.POST.get("select_across", "0")
    total = queryset.count()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "为文章添加标签" if adding else "从文章移除标签",
        "subtitle": None,
        "opts": modeladmin.opts,
        "adding": adding,
        "form": form,
        "total": total,
        "articles": queryset.select_related("issue").defer("body", "parsed", "issue__source")[
            :SHOWN_ARTICLES
        ],
        "shown": min(total, SHOWN_ARTICLES),
        "selected": [] if select_across == "1" else queryset.values_list("pk", flat=True),
        "select_across": select_across,
        "action": request.POST.get("action"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, "admin/archive/article/tag_articles.html", context)


def tag_articles(tag, article_ids, user):
    """Put ``tag`` on the articles that lack it, with a history row each
    (``tag.articles.add`` would write none)."""
    with transaction.atomic():
        tagged = ArticleTag.objects.filter(tag=tag, article_id__in=article_ids)
        tagged = set(tagged.values_list("article_id", flat=True))
        rows = [ArticleTag(tag=tag, article_id=pk) for pk in dict.fromkeys(article_ids) if pk not in tagged]
        bulk_create_with_history(rows, ArticleTag, default_user=user, default_change_reason=ChangeReason.EDITED)


def untag_articles(tag, article_ids):
    """Take ``tag`` off the articles, with a history row each."""
    with transaction.atomic():
        for row in ArticleTag.objects.filter(tag=tag, article_id__in=article_ids).select_for_update():
            row._change_reason = ChangeReason.EDITED
            row.delete()


@admin.action(description="为所选文章添加标签", permissions=["change"])
def add_tag(modeladmin, request, queryset):
    return _tag_action(modeladmin, request, queryset, adding=True)


@admin.action(description="从所选文章移除标签", permissions=["change"])
def remove_tag(modeladmin, request, queryset):
    return _tag_action(modeladmin, request, queryset, adding=False)


# Between the names typed or clicked into the "添加标签" field: commas (either
# width), the enumeration comma, semicolons and line breaks; not spaces, which
# a name may hold.
_NAME_SEPARATORS = re.compile(r"[,，、;；\n]+")
NEW_TAGS_FIELD = "new_tags"


class TaggingForm(forms.ModelForm):
    """The article's form with a field of tag names to add on saving: the
    suggested tags a click puts there, or names the editor types."""

    may_create_tags = False  # set per request by Tagging.get_form

    new_tags = forms.CharField(
        label="添加标签",
        required=False,
        help_text="保存时添加；多个名称用逗号或顿号隔开。",
        widget=forms.TextInput(attrs={"size": 60}),
    )

    def clean_new_tags(self):
        names = list(dict.fromkeys(
            name.strip() for name in _NAME_SEPARATORS.split(self.cleaned_data["new_tags"]) if name.strip()
        ))
        longest = Tag._meta.get_field("name").max_length
        too_long = [name for name in names if len(name) > longest]
        if too_long:
            raise forms.ValidationError(f"标签名称最多 {longest} 个字：{'、'.join(too_long)}")
        if not self.may_create_tags:
            missing = set(names) - set(Tag.objects.filter(name__in=names).values_list("name", flat=True))
            if missing:
                unknown = "、".join(name for name in names if name in missing)
                raise forms.ValidationError(f"没有新建标签的权限，无法添加：{unknown}")
        return names


class Tagging:
    """For ArticleAdmin (whose form is a ``TaggingForm``): the tag actions,
    suggested tags (the read-only field ``suggested_tag_list``), and the tags
    named in the form's ``new_tags`` field, added on saving."""

    actions = [add_tag, remove_tag]

    @property
    def media(self):
        return super().media + forms.Media(js=["archive/admin/tags.js"])

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.may_create_tags = request.user.has_perm("archive.add_tag")
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        for name in form.cleaned_data.get(NEW_TAGS_FIELD, ()):
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
            ArticleTag.objects.get_or_create(tag=tag, article=article)

    @admin.display(description="建议标签")
    def suggested_tag_list(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        taken = set(obj.tags.values_list("name", flat=True))
        suggestions = [s for s in suggested_tags(obj) if s[0] not in taken]
        if not suggestions:
            return "（没有建议）"
        buttons = format_html_join(
            " ",
            '<button type="button" class="button suggested-tag" data-tag="{}" aria-pressed="false" '
            'title="本档案中 {} 篇文章含有这个词">{}</button>',
            ((word, documents, word) for word, _, documents in suggestions),
        )
        return format_html(
            '<div class="suggested-tags" data-field="id_{}">{}</div>'
            '<div class="help">按本档案的统计排列，少见于其他文章的词在前；'
            "点击即填入“添加标签”，保存时添加，再点一次取消。</div>",
            NEW_TAGS_FIELD,
            buttons,
        )
