from django.contrib import admin
from django.db.models import Count, Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from simple_history.models import to_historic

from archive.lib.parsing import ParseError, read_source
from archive.lib.parsing import records as parsed
from archive.models import Article, Byline, ChangeReason, Issue
from archive.resources import ArticleResource, BylineResource, IssueResource

from .base import ArchiveAdmin, json_block, warning_list
from .changelists import Estimating, IndexedArticleSearch
from .history import article_related_changes
from .lexicon import SegmentationCorrection
from .locking import Locking, VersionForm
from .mentions import ArticleMentionInline, MentionPicking
from .tags import NEW_TAGS_FIELD, Tagging, TaggingForm, TagInline


class Publishing:
    """Publishing and withdrawing from the public pages. Only users with the
    model's publish permission (archive.publish_article, …) publish or
    withdraw, by the actions or by the change form's “公开” box. The search
    index follows the save (``archive.derived``)."""

    actions = ["publish", "withdraw"]

    def has_publish_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if self.has_publish_permission(request) else (*readonly, "published")

    def save_form(self, request, form, change):
        # A row brought back from the history by someone who may not
        # publish comes back withdrawn (a live row keeps its own value,
        # see base.HistoryAdmin.save_form).
        obj = super().save_form(request, form, change)
        if to_historic(obj) is not None and not self.has_publish_permission(request):
            if not self.model._base_manager.filter(pk=obj.pk).exists():
                obj.published = False
        return obj

    def _set_published(self, request, queryset, value):
        for obj in queryset:
            obj.published = value
            obj._change_reason = ChangeReason.PUBLISHED if value else ChangeReason.WITHDRAWN
            obj.save(update_fields=["published"])

    @admin.action(description="公开所选", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description="撤下所选(公众页面和检索不再显示)", permissions=["publish"])
    def withdraw(self, request, queryset):
        self._set_published(request, queryset, False)


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "需要复核"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("any", "需要复核"), ("date", "日期不详"), ("warnings", "有解析警告")]

    def queryset(self, request, queryset):
        match self.value():
            case "any":
                return queryset.needing_review()
            case "date":
                return queryset.filter(date__isnull=True)
            case "warnings":
                return queryset.with_warnings()
        return queryset


class HasWarningsFilter(admin.SimpleListFilter):
    title = "解析警告"
    parameter_name = "warned"

    def lookups(self, request, model_admin):
        return [("yes", "有警告"), ("no", "无警告")]

    def queryset(self, request, queryset):
        match self.value():
            case "yes":
                return queryset.exclude(warnings=[])
            case "no":
                return queryset.filter(warnings=[])
        return queryset


# What a source line became (records.SourceLine.role), as the issue page shows it.
SOURCE_ROLE_LABELS = {
    parsed.ROLE_MASTHEAD: "报头",
    parsed.ROLE_COLUMN: "栏目",
    parsed.ROLE_KICKER: "引题",
    parsed.ROLE_TITLE: "标题",
    parsed.ROLE_SUBTITLE: "副题",
    parsed.ROLE_DECK: "提要",
    parsed.ROLE_CREDIT: "署名",
    parsed.ROLE_LEAD: "电头",
    parsed.ROLE_PARAGRAPH: "正文",
    parsed.ROLE_CAPTION: "图片说明",
    parsed.ROLE_TEASER: "导读",
    parsed.ROLE_ADVERTISEMENT: "广告",
    parsed.ROLE_CONTINUED: "转版",
    parsed.ROLE_IGNORED: "忽略",
}


def source_lines(issue):
    """The issue's source parsed again, line by line: what each line became,
    a link to the article it went to, and the parser's warnings at the line
    they concern (an article's at its first line, the page's above)."""
    try:
        record, lines = read_source(bytes(issue.source))
    except ParseError as error:
        return render_to_string("admin/archive/issue/source_lines.html", {"error": str(error)})
    articles = {}
    for pk, position in issue.articles.order_by("position", "pk").values_list("pk", "position"):
        articles.setdefault(position, pk)
    rows, warnings, seen = [], list(record.warnings), set()
    warned = {article.position: article.warnings for article in record.articles}
    for line in lines:
        pk = articles.get(line.article)
        row = {
            "number": line.number,
            "text": line.text,
            "role": line.role,
            "label": SOURCE_ROLE_LABELS[line.role],
            "article": line.article,
            "url": pk and reverse("admin:archive_article_change", args=[pk]),
            "warnings": [],
        }
        if line.article is not None and line.article not in seen:
            seen.add(line.article)
            row["warnings"] = warned.get(line.article, [])
        rows.append(row)
    warnings += [w for position, found in warned.items() if position not in seen for w in found]
    return render_to_string("admin/archive/issue/source_lines.html", {"rows": rows, "warnings": warnings})


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ("position", "kind", "title")
    show_change_link = True
    extra = 0


@admin.register(Issue)
class IssueAdmin(Publishing, ArchiveAdmin):
    resource_classes = [IssueResource]
    list_display = (
        "source_name",
        "number",
        "date",
        "date_source",
        "page_count",
        "article_count",
        "needs_review",
        "published",
        "updated_at",
    )
    list_filter = (NeedsReviewFilter, "published", "date_source", "publication")
    search_fields = ("source_name", "articles__title")
    date_hierarchy = "date"
    inlines = [ArticleInline]
    readonly_fields = (
        "date_source",
        "source_name",
        "source_sha256",
        "source_encoding",
        "imported_at",
        "updated_at",
        "warning_list",
        "source_text",
        "parsed_snapshot",
        "source_beside_parse",
    )
    fieldsets = [
        (None, {"fields": ("publication", "number", "date", "date_source", "page_count", "published")}),
        ("解析", {"fields": ("warning_list", "parsed_snapshot")}),
        ("原文对照", {"fields": ("source_beside_parse",)}),
        (
            "源文件",
            {
                "fields": (
                    "source_name",
                    "source_sha256",
                    "source_encoding",
                    "imported_at",
                    "updated_at",
                    "source_text",
                ),
                "classes": ("collapse",),
            },
        ),
    ]

    def get_queryset(self, request):
        warned_articles = Article.objects.filter(issue=OuterRef("pk")).exclude(warnings=[])
        return (
            super()
            .get_queryset(request)
            .defer("source")
            .annotate(
                article_total=Count("articles"),
                has_warned_articles=Exists(warned_articles),
            )
        )

    def has_add_permission(self, request):
        # Issues come from source files: import_issues.
        return False

    def save_model(self, request, obj, form, change):
        if "date" in form.changed_data:
            obj.mark_date_as_edited()
        super().save_model(request, obj, form, change)

    @admin.display(description="文章数", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description="需要复核")
    def needs_review(self, obj):
        reasons = []
        if obj.date is None:
            reasons.append("日期不详")
        if obj.warnings or obj.has_warned_articles:
            reasons.append("有解析警告")
        return "、".join(reasons)

    @admin.display(description="解析警告")
    def warning_list(self, obj):
        return warning_list(obj.warnings)

    @admin.display(description="解析结果快照")
    def parsed_snapshot(self, obj):
        return json_block(obj.parsed)

    @admin.display(description="原文逐行")
    def source_beside_parse(self, obj):
        return source_lines(obj)

    @admin.display(description="原文")
    def source_text(self, obj):
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', obj.source_text())


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ("position", "person", "role", "credit")
    autocomplete_fields = ("person",)
    extra = 0


class ArticleForm(TaggingForm, VersionForm):
    pass


@admin.register(Article)
class ArticleAdmin(
    Estimating,
    IndexedArticleSearch,
    Locking,
    Publishing,
    SegmentationCorrection,
    Tagging,
    MentionPicking,
    ArchiveAdmin,
):
    resource_classes = [ArticleResource]
    form = ArticleForm
    actions = [*Publishing.actions, *Tagging.actions]
    list_display = ("__str__", "issue", "page", "position", "kind", "dateline", "has_warnings", "published")
    list_filter = ("kind", HasWarningsFilter, "published", "issue__date", "tags")
    list_select_related = ("issue",)
    # IndexedArticleSearch searches these, through the full-text index.
    search_fields = (
        "title", "kicker", "subtitle", "deck", "body", "issue__source_name", "issue__number", "bylines__person__name"
    )
    search_help_text = "在标题、正文、署名、源文件名和期号（如 7047 或 第7047期）中检索。"
    show_full_result_count = False
    autocomplete_fields = ("issue",)
    inlines = [BylineInline, TagInline, ArticleMentionInline]
    readonly_fields = (
        "warning_list", "parsed_snapshot", "segmentation_summary", "suggested_tag_list", "mention_source"
    )
    fieldsets = [
        (None, {"fields": ("issue", "page", "position", "kind", "published")}),
        ("标题", {"fields": ("kicker", "title", "subtitle", "deck", "column")}),
        ("正文", {"fields": ("dateline", "date", "body", "continued_on_page", "captions")}),
        ("分词与标签", {"fields": ("segmentation_summary", "suggested_tag_list", NEW_TAGS_FIELD)}),
        ("从原文添加提及", {"fields": ("mention_source",)}),
        ("解析", {"fields": ("warning_list", "parsed_snapshot")}),
    ]

    # Its history page lists the changes of its credits, mentions, tags and segmentation too.
    related_history = staticmethod(article_related_changes)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("issue__source", "issue__parsed")

    @admin.display(description="有警告", boolean=True)
    def has_warnings(self, obj):
        return bool(obj.warnings)

    @admin.display(description="解析警告")
    def warning_list(self, obj):
        return warning_list(obj.warnings)

    @admin.display(description="解析结果快照")
    def parsed_snapshot(self, obj):
        return json_block(obj.parsed)


@admin.register(Byline)
class BylineAdmin(Estimating, ArchiveAdmin):
    resource_classes = [BylineResource]
    list_display = ("person", "role", "credit", "article", "position")
    list_filter = ("credit",)
    list_select_related = ("person", "article")
    search_fields = ("person__name", "role", "article__title")
    show_full_result_count = False
    autocomplete_fields = ("person", "article")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body", "article__parsed")
