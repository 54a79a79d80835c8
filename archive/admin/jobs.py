"""Background work in the admin (``archive.tasks``): the list of jobs with
their state, progress and outcome; uploading front pages, previewed as
``import_issues --dry-run`` reports them, then imported by the worker; and
resegmenting the whole archive.

The list reloads itself every few seconds while a job is pending, and says
so when a job has waited long enough that the worker seems not to be running.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django_tasks_db.models import DBTaskResult

from archive import tasks
from archive.models import KIND_LABELS, Job

# The task backend's own list of queued tasks, in English, says less than the
# jobs do (no progress, no outcome an editor reads); each job names its task.
admin.site.unregister(DBTaskResult)

# A job queued longer than this suggests that no worker is running.
WORKER_LATE = timedelta(minutes=1)
# Seconds between reloads of the list while a job is pending.
REFRESH_SECONDS = 5
# The largest front-page file accepted (the sample pages are under 100 kB).
PAGE_LIMIT = 10 * 1024 * 1024

UPLOAD_PERMISSION = "archive.change_issue"
RESEGMENT_PERMISSION = "archive.change_segmentation"


def job_link(job):
    url = reverse("admin:archive_job_change", args=[job.pk])
    return format_html('<a href="{}">后台任务 #{}</a>', url, job.pk)


def report_job(request, job, what):
    """Tell the editor what became of the work just queued: its outcome when
    it is already done, else that it is pending, with a link to follow it."""
    if job.status == Job.Status.DONE:
        messages.success(request, format_html("{}{}（{}）", what, job.outcome, job_link(job)))
    elif job.status == Job.Status.FAILED:
        messages.error(request, format_html("{}{}（{}）", what, job.outcome, job_link(job)))
    else:
        messages.info(
            request,
            format_html("{}{}将在后台重新分词：{}，{}。", what, job.subject, job_link(job), job.get_status_display()),
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PagesField(forms.FileField):
    """One or more files, each cleaned as a FileField does."""

    def __init__(self, **kwargs):
        super().__init__(widget=MultipleFileInput(attrs={"accept": ".txt,text/plain"}), **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(PagesField, self).clean(item, initial) for item in files]


class UploadForm(forms.Form):
    pages = PagesField(
        label="版面文件",
        help_text="一个或多个 .txt 版面文件。文件名即一期报纸的标识：与已导入的文件同名，"
        "则按再次导入处理（编辑改过的内容不会被覆盖）。",
    )

    def clean_pages(self):
        pages = self.cleaned_data["pages"]
        names = [page.name for page in pages]
        problems = []
        for page in pages:
            if not page.name.lower().endswith(".txt"):
                problems.append(f"{page.name} 不是 .txt 文件")
            elif page.size > PAGE_LIMIT:
                problems.append(f"{page.name} 超过 {PAGE_LIMIT // 1024 // 1024} MB")
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            problems.append(f"文件名重复：{'、'.join(twice)}")
        if problems:
            raise forms.ValidationError("；".join(problems) + "。")
        return pages


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "subject", "status_label", "progress", "outcome", "created_by", "created_at")
    list_display_links = ("number", "subject")
    list_filter = ("status", "kind")
    list_select_related = ("created_by",)
    search_fields = ("subject",)
    actions = ["requeue"]
    fields = (
        "kind",
        "status_label",
        "subject",
        "article",
        "progress",
        "outcome",
        "report_list",
        "error_block",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
        "task_id",
    )
    readonly_fields = fields

    # Every member of staff follows the work they and others started; what
    # may be started is checked where it is started.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and (obj is None or not obj.pending)

    def get_urls(self):
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="archive_job_upload"),
            path("<int:job_id>/preview/", self.admin_site.admin_view(self.preview_view), name="archive_job_preview"),
            path("resegment/", self.admin_site.admin_view(self.resegment_view), name="archive_job_resegment"),
            *super().get_urls(),
        ]

    def get_fields(self, request, obj=None):
        # Only a propagation spares an article.
        if obj is not None and obj.kind != Job.Kind.PROPAGATION:
            return [name for name in self.fields if name != "article"]
        return self.fields

    def changelist_view(self, request, extra_context=None):
        late = Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=timezone.now() - WORKER_LATE)
        if late.exists():
            messages.warning(
                request, "有任务排队已超过一分钟：后台任务进程（manage.py db_worker）可能没有运行，请联系管理员。"
            )
        context = {
            "refresh_seconds": REFRESH_SECONDS if Job.objects.filter(status__in=Job.PENDING).exists() else None,
            "may_upload": request.user.has_perm(UPLOAD_PERMISSION),
            "may_resegment": request.user.has_perm(RESEGMENT_PERMISSION),
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        context = {"refresh_seconds": REFRESH_SECONDS if job is not None and job.pending else None}
        if job is not None and job.status == Job.Status.PREVIEW:
            context["preview_url"] = reverse("admin:archive_job_preview", args=[job.pk])
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    @admin.display(description="编号", ordering="pk")
    def number(self, job):
        return f"#{job.pk}"

    @admin.display(description="状态", ordering="status")
    def status_label(self, job):
        return format_html('<span class="job-status job-{}">{}</span>', job.status, job.get_status_display())

    @admin.display(description="进度")
    def progress(self, job):
        unit = "个文件" if job.kind == Job.Kind.IMPORT else "篇"
        if job.total is None:
            return "-" if job.status in (Job.Status.PREVIEW, Job.Status.QUEUED) else f"{job.done} {unit}"
        return f"{job.done}/{job.total} {unit}"

    @admin.display(description="详情")
    def report_list(self, job):
        if not job.report:
            return "-"
        lines = format_html_join("", "<li>{}</li>", ((line,) for line in job.report))
        return format_html('<ul class="job-report">{}</ul>', lines)

    @admin.display(description="错误")
    def error_block(self, job):
        if not job.error:
            return "-"
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', job.error)

    @admin.action(description="重新排队所选的失败任务（分词）")
    def requeue(self, request, queryset):
        if not request.user.has_perm(RESEGMENT_PERMISSION):
            raise PermissionDenied
        again = 0
        for job in queryset.filter(status=Job.Status.FAILED).exclude(kind=Job.Kind.IMPORT):
            tasks.requeue(job)
            again += 1
        messages.success(request, f"已重新排队 {again} 个任务。")

    def upload_view(self, request):
        if not request.user.has_perm(UPLOAD_PERMISSION):
            raise PermissionDenied
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                pages = [(page.name, page.read()) for page in form.cleaned_data["pages"]]
                job = tasks.upload_pages(pages, user=request.user)
                return redirect("admin:archive_job_preview", job.pk)
        else:
            form = UploadForm()
        return self._render(request, "upload.html", "上传版面", form=form)

    def preview_view(self, request, job_id):
        if not request.user.has_perm(UPLOAD_PERMISSION):
            raise PermissionDenied
        job = get_object_or_404(Job, pk=job_id, kind=Job.Kind.IMPORT)
        if job.status != Job.Status.PREVIEW:
            return redirect("admin:archive_job_change", job.pk)
        if request.method == "POST":
            if "cancel" in request.POST:
                job.delete()
                messages.info(request, "已取消导入，上传的文件已删除。")
                return redirect("admin:archive_job_upload")
            try:
                job = tasks.confirm_import(job)
            except (ValueError, Job.DoesNotExist):  # confirmed or cancelled meanwhile
                return redirect("admin:archive_job_changelist")
            messages.success(request, format_html("已开始导入 {}：{}。", job.subject, job_link(job)))
            return redirect("admin:archive_job_change", job.pk)
        outcomes = tasks.dry_run(job)
        rows = [
            {
                "name": outcome.path.name,
                "outcome": outcome,
                "lines": outcome.lines(outcome.path.name),
                "articles": [
                    (KIND_LABELS.get(article.kind, article.kind), article)
                    for article in (outcome.issue.articles if outcome.issue else ())
                ],
            }
            for outcome in outcomes
        ]
        return self._render(request, "preview.html", f"预览导入：{job.subject}", job=job, rows=rows)

    def resegment_view(self, request):
        if not request.user.has_perm(RESEGMENT_PERMISSION):
            raise PermissionDenied
        if request.method == "POST":
            job = tasks.resegment(user=request.user)
            report_job(request, job, "")
            return redirect("admin:archive_job_change", job.pk)
        return self._render(request, "resegment.html", "重新分词全部文章")

    def _render(self, request, template, title, **context):
        return TemplateResponse(
            request,
            f"admin/archive/job/{template}",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "subtitle": None,
                "opts": self.opts,
                **context,
            },
        )
