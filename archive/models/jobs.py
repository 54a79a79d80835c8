"""Long work run in the background (``archive.tasks``), as rows an editor can
watch: what it is, how far it got, how it ended.

A job row is written in the same transaction as the change that needs it
(a correction, a lexicon edit), so the change is never stored without the
work it calls for being queued. Front pages uploaded in the admin wait in
``UploadedPage`` rows between the preview and the import, and are deleted
when the import ends, however it ends.
"""

from django.conf import settings
from django.db import models

from .issues import Article


class Job(models.Model):
    class Kind(models.TextChoices):
        PROPAGATION = "propagation", "传播分词校正"
        RESEGMENT = "resegment", "重新分词"
        IMPORT = "import", "导入版面"

    class Status(models.TextChoices):
        PREVIEW = "preview", "待确认"
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    PENDING = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField("任务", max_length=20, choices=Kind)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.QUEUED)
    subject = models.CharField("内容", max_length=300)
    # The words whose articles are segmented again; none for a resegment of
    # every article.
    words = models.JSONField("词", default=list, blank=True)
    article = models.ForeignKey(
        Article,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="校正于",
        help_text="这篇文章的分词已由编辑校正，不再重新分词。",
    )
    done = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("共计", null=True, blank=True)
    outcome = models.TextField("结果", blank=True)
    report = models.JSONField("详情", default=list, blank=True)
    error = models.TextField("错误", blank=True)
    task_id = models.CharField("任务编号", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="发起人",
    )
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status"], name="archive_job_status")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.subject}"

    @property
    def pending(self):
        return self.status in self.PENDING

    def record_progress(self, done, total):
        """Note how far the work got, at once (outside the work's own
        transactions), for the editor watching."""
        self.done, self.total = done, total
        Job.objects.filter(pk=self.pk).update(done=done, total=total)


class UploadedPage(models.Model):
    """A front-page file uploaded in the admin, kept in the database (not on
    one machine's disk) until the worker, wherever it runs, has imported it."""

    job = models.ForeignKey(Job, models.CASCADE, related_name="pages", verbose_name="后台任务")
    name = models.CharField("文件名", max_length=255)
    data = models.BinaryField("内容")

    class Meta:
        verbose_name = verbose_name_plural = "上传的版面"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["job", "name"], name="archive_uploadedpage_unique_name")]

    def __str__(self):
        return self.name
