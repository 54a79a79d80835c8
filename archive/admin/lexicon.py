"""The lexicon and segmentation corrections in the admin.

An editor corrects an article's segmentation on a page of its own, reached
from the article's change page: the tokens are shown separated by spaces in a
textarea, and above it as boxes with gaps between the characters, where a
click merges or splits (a few lines of ``segmentation.js`` keep the two in
step; without JavaScript the textarea alone works). Saving hands the text to
``archive.segmentations.save_correction``, which refuses any change to the text.

Word lists come and go through django-import-export, as CSV, XLSX or jieba's
user-dictionary format; whatever an import, an edit or a correction here
changes, the articles containing the affected words are segmented again by a
background job queued with the change (``archive.tasks``), pending on the
entry's page until it is done.
"""

import re

import tablib
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from import_export import resources
from import_export.formats import base_formats

from archive.lexicon import bump_version
from archive.lib.segmentation import CorrectionError, spaced
from archive.locking import Conflict, segmentation_stamp, who_and_when
from archive.models import Article, Job, LexiconEntry
from archive.resources import SpreadsheetCSV
from archive.segmentations import stored_segmentation, tokens_of
from archive.tasks import correct_segmentation, propagate, resegment

from .base import ArchiveAdmin
from .jobs import RESEGMENT_PERMISSION, job_link, report_job
from .locking import Locking

LIST_LIMIT = 200  # articles listed on a lexicon entry's page

# A line of a jieba user dictionary: the word, then optionally a frequency
# and a part of speech, as jieba.Tokenizer.load_userdict reads it.
_JIEBA_LINE = re.compile(r"^(.+?)(?: ([0-9]+))?(?: ([a-z]+))?$")
JIEBA_COLUMNS = ("word", "frequency", "part_of_speech", "removed")


class JiebaDictionary(base_formats.Format):
    """jieba's user-dictionary format, ``word [frequency] [part of speech]``
    a line. A word that must not be one token is written with frequency 0,
    which is how jieba's own ``del_word`` removes a word."""

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return "jieba 词典"

    def create_dataset(self, in_stream):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8")
        dataset = tablib.Dataset(headers=list(JIEBA_COLUMNS))
        for line in in_stream.lstrip("\ufeff").splitlines():
            line = line.strip()
            if not line:
                continue
            word, frequency, part_of_speech = _JIEBA_LINE.match(line).groups()
            removed = frequency is not None and int(frequency) == 0
            dataset.append(
                [word, None if removed else frequency, part_of_speech or "", "1" if removed else "0"]
            )
        return dataset

    def export_data(self, dataset, **kwargs):
        lines = []
        for row in dataset.dict:
            if _true(row.get("removed")):
                lines.append(f"{row['word']} 0")
                continue
            parts = [row["word"]]
            if row.get("frequency") not in (None, ""):
                parts.append(str(row["frequency"]))
            if row.get("part_of_speech"):
                parts.append(row["part_of_speech"])
            lines.append(" ".join(parts))
        return "".join(line + "\n" for line in lines)

    def is_binary(self):
        return False

    def get_read_mode(self):
        return "r"

    def get_extension(self):
        return "txt"

    def get_content_type(self):
        return "text/plain"

    def can_import(self):
        return True

    def can_export(self):
        return True


def _true(value):
    return str(value).strip().lower() in {"1", "true", "yes", "是"}


class LexiconEntryResource(resources.ModelResource):
    """Rows by word. A row without a source counts as an imported word list.
    A real (not dry-run) import queues segmenting again the articles
    containing the imported words, in the import's transaction; the import's
    result holds the job as ``job`` (None when nothing was queued), for the
    admin to report."""

    class Meta:
        model = LexiconEntry
        import_id_fields = ["word"]
        fields = ("word", "frequency", "part_of_speech", "removed", "source")
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.words = []

    def before_import_row(self, row, **kwargs):
        if not row.get("source"):
            row["source"] = LexiconEntry.Source.IMPORT
        if row.get("part_of_speech") is None:
            row["part_of_speech"] = ""
        if row.get("removed") in (None, ""):
            row["removed"] = "0"

    def before_save_instance(self, instance, row, **kwargs):
        instance.changed_by = kwargs.get("user")
        instance.changed_at = timezone.now()

    def after_save_instance(self, instance, row, **kwargs):
        self.words.append(instance.word)

    def after_import(self, dataset, result, **kwargs):
        result.job = None
        if kwargs.get("dry_run") or not self.words or result.has_errors() or result.has_validation_errors():
            return
        bump_version(reload=True)
        result.job = propagate(self.words, user=kwargs.get("user"))


@admin.register(LexiconEntry)
class LexiconEntryAdmin(Locking, ArchiveAdmin):
    resource_classes = [LexiconEntryResource]
    formats = [SpreadsheetCSV, base_formats.XLSX, JiebaDictionary]
    list_display = ("word", "removed", "frequency", "part_of_speech", "source", "changed_by", "changed_at")
    list_filter = ("removed", "source")
    list_select_related = ("changed_by",)
    search_fields = ("word",)
    show_full_result_count = False
    readonly_fields = ("article_link", "changed_by", "changed_at", "pending_jobs", "resegmented_list")
    actions = ["resegment_containing"]
    fields = (
        "word",
        "removed",
        "frequency",
        "part_of_speech",
        "source",
        "article_link",
        "changed_by",
        "changed_at",
        "pending_jobs",
        "resegmented_list",
    )

    def get_changeform_initial_data(self, request):
        return {"source": LexiconEntry.Source.EDITOR, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        words = {obj.word}
        if change and "word" in form.changed_data:
            words.add(form.initial["word"])
        obj.changed_by = request.user
        obj.changed_at = timezone.now()
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            bump_version(reload=True)
            job = propagate(words, user=request.user)
        report_job(request, job, "")

    def delete_model(self, request, obj):
        self.delete_queryset(request, LexiconEntry.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            words = list(queryset.values_list("word", flat=True))
            super().delete_queryset(request, queryset)
            bump_version(reload=True)
            job = propagate(words, user=request.user)
        report_job(request, job, "")

    def process_result(self, result, request):
        response = super().process_result(result, request)
        if result.job is not None:
            report_job(request, result.job, "")
        return response

    @admin.action(description="重新分词含有所选词的文章", permissions=["resegment"])
    def resegment_containing(self, request, queryset):
        report_job(request, resegment(queryset.values_list("word", flat=True), user=request.user), "")

    def has_resegment_permission(self, request):
        return request.user.has_perm(RESEGMENT_PERMISSION)

    @admin.display(description="待完成的重新分词")
    def pending_jobs(self, obj):
        """The background jobs still to segment again the articles containing
        this word: until they are done, those articles are cut as before."""
        if obj is None or obj.pk is None:
            return "-"
        jobs = [
            job
            for job in Job.objects.filter(status__in=Job.PENDING).exclude(kind=Job.Kind.IMPORT).order_by("pk")
            if not job.words or obj.word in job.words
        ]
        if not jobs:
            return "（无）"
        return format_html_join(
            "", "<p>{}：{}，{}</p>", ((job_link(job), job.get_status_display(), job.subject) for job in jobs)
        )

    @admin.display(description="校正于")
    def article_link(self, obj):
        if obj.article_id is None:
            return "-"
        url = reverse("admin:archive_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description="因此重新分词的文章")
    def resegmented_list(self, obj):
        articles = obj.resegmented.select_related("issue").defer(
            "body", "parsed", "issue__source", "issue__parsed"
        )
        total = articles.count()
        if not total:
            return "（无）"
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a>（{}）</li>',
            (
                (reverse("admin:archive_article_change", args=[a.pk]), a, a.issue)
                for a in articles.order_by("-pk")[:LIST_LIMIT]
            ),
        )
        more = f"，只列出最近的 {LIST_LIMIT} 篇" if total > LIST_LIMIT else ""
        return format_html("<p>共 {} 篇{}。</p><ul>{}</ul>", total, more, items)


def _refuse_correction(form, article):
    """A correction made from a segmentation that changed since: the form
    again, with the editor's tokens, a message saying what happened, and the
    current segmentation's stamp, so that saving again overrides it."""
    stored = stored_segmentation(article)
    if stored is not None and stored.state == stored.State.EDITOR:
        what = f"已被 {who_and_when(stored.edited_by, stored.edited_at)} 校正"
    else:
        what = "已重新自动分词（词库或文章有了改动）"
    form.add_error(
        None,
        format_html(
            "这篇文章的分词{}，是在你打开这一页之后。你的校正保留在下面，尚未保存。"
            '请先<a href="{}" target="_blank">查看当前的分词</a>；确认后再次保存，将以你的校正为准。',
            what,
            reverse("admin:archive_article_segmentation", args=[article.pk]),
        ),
    )
    form.data = form.data.copy()
    form.data["loaded"] = segmentation_stamp(stored)


class CorrectionForm(forms.Form):
    segmented = forms.CharField(
        label="分词",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "class": "segmentation-text", "spellcheck": "false"}),
        help_text="词与词之间用空格隔开：删掉空格就把两个词合成一个，加上空格就把一个词拆开。"
        "只能改分隔，不能改文字；原文里的空格显示为 ␣。",
    )
    # The segmentation_stamp of the segmentation shown (archive.locking).
    loaded = forms.CharField(widget=forms.HiddenInput)


class SegmentationCorrection:
    """For ArticleAdmin: the correction page, and a summary with a link to it
    on the article's change page (the read-only field ``segmentation_summary``)."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/segmentation/",
                self.admin_site.admin_view(self.segmentation_view),
                name="%s_%s_segmentation" % info,
            ),
            *super().get_urls(),
        ]

    @admin.display(description="分词")
    def segmentation_summary(self, obj):
        if obj is None or obj.pk is None:
            return "保存文章后即可校正分词。"
        url = reverse("admin:archive_article_segmentation", args=[obj.pk])
        stored = stored_segmentation(obj)
        if stored is None:
            state = "尚未分词"
        elif stored.state == stored.State.EDITOR:
            state = f"编辑校正（{stored.edited_by or '未知'}，{timezone.localtime(stored.edited_at):%Y-%m-%d %H:%M}）"
        else:
            state = "自动"
        return format_html('{} <a class="button" href="{}">校正分词</a>', state, url)

    def segmentation_view(self, request, object_id):
        article = get_object_or_404(Article.objects.select_related("segmentation"), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        text, tokens = tokens_of(article)
        if request.method == "POST":
            form = CorrectionForm(request.POST)
            if form.is_valid():
                try:
                    correction, job = correct_segmentation(
                        article, form.cleaned_data["segmented"], request.user, loaded=form.cleaned_data["loaded"]
                    )
                except CorrectionError as error:
                    form.add_error("segmented", str(error))
                except Conflict:
                    article = get_object_or_404(Article.objects.select_related("segmentation"), pk=object_id)
                    _, tokens = tokens_of(article)
                    _refuse_correction(form, article)
                else:
                    parts = ["已保存分词校正。"]
                    if correction.added:
                        parts.append(f"词库新增：{'、'.join(correction.added)}。")
                    if correction.removed:
                        parts.append(f"不再成词：{'、'.join(correction.removed)}。")
                    if job is None:
                        messages.success(request, "".join(parts))
                    else:
                        report_job(request, job, "".join(parts))
                    return redirect("admin:archive_article_segmentation", article.pk)
        else:
            loaded = segmentation_stamp(stored_segmentation(article))
            form = CorrectionForm(initial={"segmented": spaced(tokens), "loaded": loaded})
        stored = stored_segmentation(article)
        context = {
            **self.admin_site.each_context(request),
            "title": f"校正分词：{article}",
            "subtitle": None,
            "opts": self.opts,
            "original": article,
            "form": form,
            "token_count": len(tokens),
            "segmentation": stored,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/archive/article/segmentation.html", context)
