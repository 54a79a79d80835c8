"""People, organisations and events in the admin: what the articles say
about each (its mentions and the articles holding them), and the editors'
tools to correct the extraction: merge duplicates, mark as reviewed, and,
through the mention list, reject or add mentions.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.utils import bulk_update_with_history

from archive.locking import bump
from archive.merging import merge_events, merge_organisations, merge_people
from archive.models import (
    Article,
    Byline,
    ChangeReason,
    Event,
    Mention,
    Organisation,
    OrganisationAlias,
    Participant,
    Person,
    PersonAlias,
    Position,
)
from archive.resources import EventResource, OrganisationResource, PersonResource

from .base import ArchiveAdmin
from .changelists import Estimating
from .locking import Locking

LISTED = 50  # mentions and articles shown on an entity's page; the rest are a link away


def count_of(model, field):
    """How many rows of model point at the row, as a subquery: counting
    through a join would group the rows, and a grouped query loses the
    model's ordering (which the autocomplete pages use). COUNT(*), not of
    the primary key: PostgreSQL counts from the foreign key's index alone,
    where counting ids would read every row (20× slower for a page of people
    at 500,000 articles)."""
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(total=Count("*")).values("total")), 0)


class CuratedAdmin(ArchiveAdmin):
    """What people, organisations and events share: the review filter, the
    merge and reviewed actions, and the mention and article lists."""

    merge = None  # staticmethod(merge_people), … : merges rows into a survivor
    mention_field = ""  # Mention's foreign key to this model
    list_filter = ("needs_review",)
    show_full_result_count = False
    actions = ["merge_selected", "mark_reviewed"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_total=count_of(Mention, self.mention_field))

    def has_merge_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.merge_{opts.model_name}")

    @admin.action(description="合并所选（确认后保留其中一个）", permissions=["merge"])
    def merge_selected(self, request, queryset):
        rows = list(queryset)
        opts = self.model._meta
        if len(rows) < 2:
            self.message_user(request, "请至少选择两项再合并。", messages.WARNING)
            return None
        if request.POST.get("post") == "yes":
            survivor = next((row for row in rows if str(row.pk) == request.POST.get("survivor")), None)
            if survivor is not None:
                others = [row for row in rows if row.pk != survivor.pk]
                self.merge(survivor, others)
                self.message_user(request, f"已将{'、'.join(map(str, others))}并入{survivor}。", messages.SUCCESS)
                return None
            self.message_user(request, "请选出合并后保留的一项。", messages.ERROR)
        counts = dict(
            Mention.objects.filter(**{f"{self.mention_field}__in": rows})
            .values_list(self.mention_field)
            .annotate(count=Count("pk"))
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"合并{opts.verbose_name}",
            "opts": opts,
            "rows": [(row, counts.get(row.pk, 0)) for row in rows],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "merge_selected",
            "keeps_names": self.model is not Event,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/archive/merge_confirmation.html", context)

    @admin.display(description="提及次数", ordering="mention_total")
    def mention_count(self, obj):
        return obj.mention_total

    @admin.action(description="标为已复核", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        with transaction.atomic():
            selected = self.model.objects.filter(pk__in=queryset.values("pk"), needs_review=True)
            rows = list(selected.select_for_update())
            for row in rows:
                row.needs_review = False
            bulk_update_with_history(
                rows,
                self.model,
                bump(rows, ["needs_review"]),
                default_user=request.user,
                default_change_reason=ChangeReason.REVIEWED,
            )
        self.message_user(request, f"已将 {len(rows)} 项标为已复核。", messages.SUCCESS)

    @admin.display(description="提及")
    def mention_list(self, obj):
        if obj.pk is None:
            return "-"
        mentions = (
            Mention.objects.filter(**{self.mention_field: obj})
            .select_related("article__issue")
            .defer("article__body", "article__parsed", "article__issue__source", "article__issue__parsed")
            .order_by("-article__issue__date", "article", "start")
        )
        total = mentions.count()
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:archive_article_change", args=[m.article_id]),
                    m.article,
                    m.article.issue,
                    m.text,
                    "、".join(part for part in (m.titles, m.role) if part),
                    m.get_status_display(),
                )
                for m in mentions[:LISTED]
            ),
        )
        link = reverse("admin:archive_mention_changelist") + f"?{self.mention_field}__id__exact={obj.pk}"
        return format_html(
            '<table><thead><tr><th>文章</th><th>期</th><th>原文</th><th>职务、角色</th><th>状态</th></tr></thead>'
            '<tbody>{}</tbody></table><p><a href="{}">全部 {} 条提及（在那里否决或确认）</a></p>',
            rows,
            link,
            total,
        )

    @admin.display(description="文章")
    def article_list(self, obj):
        if obj.pk is None:
            return "-"
        mentioned = (
            Mention.objects.filter(**{self.mention_field: obj})
            .exclude(status=Mention.Status.REJECTED)
            .values("article")
        )
        articles = (
            Article.objects.filter(pk__in=mentioned)
            .select_related("issue")
            .only("pk", "title", "kind", "position", "issue__publication", "issue__number",
                  "issue__date", "issue__source_name")
            .order_by("-issue__date", "issue", "position")
        )
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a>（{}）</li>',
            (
                (reverse("admin:archive_article_change", args=[a.pk]), a, a.issue)
                for a in articles[:LISTED]
            ),
        )
        return format_html("<ul>{}</ul>", items) if items else "-"


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    fields = ("title", "organisation", "first_seen", "first_issue", "last_seen", "last_issue")
    autocomplete_fields = ("organisation", "first_issue", "last_issue")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class ParticipationInline(admin.TabularInline):
    model = Participant
    fk_name = "person"
    fields = ("event", "role")
    autocomplete_fields = ("event",)
    extra = 0
    verbose_name_plural = "参与的活动"


@admin.register(Person)
class PersonAdmin(Estimating, Locking, CuratedAdmin):
    resource_classes = [PersonResource]
    merge = staticmethod(merge_people)
    mention_field = "person"
    list_display = ("name", "needs_review", "mention_count", "byline_count")
    search_fields = ("name", "aliases__name")
    inlines = [PersonAliasInline, PositionInline, ParticipationInline]
    readonly_fields = ("mention_list", "article_list")
    fields = ("name", "needs_review", "mention_list", "article_list")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(byline_total=count_of(Byline, "person"))

    @admin.display(description="署名次数", ordering="byline_total")
    def byline_count(self, obj):
        return obj.byline_total


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


class MemberInline(admin.TabularInline):
    """On an organisation's page: the positions held there."""

    model = Position
    fk_name = "organisation"
    fields = ("person", "title", "first_seen", "last_seen")
    autocomplete_fields = ("person",)
    extra = 0
    verbose_name_plural = "在此任职"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(Organisation)
class OrganisationAdmin(CuratedAdmin):
    resource_classes = [OrganisationResource]
    merge = staticmethod(merge_organisations)
    mention_field = "organisation"
    list_display = ("name", "kind", "parent", "needs_review", "mention_count")
    list_filter = ("needs_review", "kind")
    list_select_related = ("parent",)
    search_fields = ("name", "aliases__name")
    autocomplete_fields = ("parent",)
    inlines = [OrganisationAliasInline, MemberInline]
    readonly_fields = ("mention_list", "article_list")
    fields = ("name", "kind", "parent", "needs_review", "mention_list", "article_list")


class ParticipantInline(admin.TabularInline):
    model = Participant
    fk_name = "event"
    fields = ("person", "role")
    autocomplete_fields = ("person",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(Event)
class EventAdmin(CuratedAdmin):
    resource_classes = [EventResource]
    merge = staticmethod(merge_events)
    mention_field = "event"
    list_display = ("name", "kind", "start_date", "date_text", "place", "needs_review", "mention_count")
    list_filter = ("needs_review", "kind")
    search_fields = ("name", "place")
    date_hierarchy = "start_date"
    inlines = [ParticipantInline]
    readonly_fields = ("mention_list", "article_list")
    fields = (
        "name",
        "kind",
        "date_text",
        ("start_date", "end_date"),
        "place",
        "needs_review",
        "mention_list",
        "article_list",
    )

