"""The archive as rows: issues as received, their articles, and their
bylines (the people credited are ``entities.Person``).

Imported rows keep two versions of the parser's say: the row's own fields,
which editors may change, and ``parsed``, a snapshot of what the parser
produced at the last import. Re-importing a changed file compares the two so
that an editor's correction is never overwritten (see ``archive.importer``).
"""

from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from archive.lib.parsing import records
from archive.locking import Versioned

KIND_LABELS = {
    records.NEWS: "新闻",
    records.INTERVIEW: "访谈",
    records.PHOTO: "图片",
    records.TEASER: "导读",
    records.ADVERTISEMENT: "广告",
}


class IssueQuerySet(models.QuerySet):
    def with_warnings(self):
        """Issues where the parser left a warning, on the issue or on one of
        its articles."""
        article_warned = Article.objects.filter(issue=OuterRef("pk")).exclude(warnings=[])
        return self.filter(~Q(warnings=[]) | Exists(article_warned))

    def needing_review(self):
        """Issues an editor should look at: the date is unknown, or there are
        warnings."""
        return self.filter(date__isnull=True) | self.with_warnings()


class IssueManager(models.Manager.from_queryset(IssueQuerySet)):
    def get_by_natural_key(self, source_name):
        return self.get(source_name=source_name)


class Issue(models.Model):
    # The fields the parser fills and editors may correct.
    PARSED_FIELDS = ("publication", "number", "date", "date_source", "page_count")

    class DateSource(models.TextChoices):
        MASTHEAD = records.DATE_FROM_MASTHEAD, "报头"
        INFERRED = records.DATE_INFERRED, "推断"
        EDITOR = records.DATE_FROM_EDITOR, "编辑"

    publication = models.CharField("报纸", default="浙江法治报")
    number = models.PositiveIntegerField("期号", null=True, blank=True)
    date = models.DateField("出版日期", null=True, blank=True)
    date_source = models.CharField("日期来源", max_length=10, choices=DateSource, blank=True)
    page_count = models.PositiveSmallIntegerField("版数", null=True, blank=True)
    source_name = models.CharField(
        "源文件名",
        max_length=255,
        unique=True,
        help_text="导入时的文件名；再次导入同名文件会更新这一期。",
    )
    source_sha256 = models.CharField("源文件 SHA-256", max_length=64)
    source = models.BinaryField("源文件")
    source_encoding = models.CharField("源文件编码", max_length=20)
    imported_at = models.DateTimeField(
        "导入时间", default=timezone.now, help_text="当前源文件导入的时间。"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    warnings = models.JSONField("解析警告", default=list, blank=True)
    parsed = models.JSONField("解析结果快照", default=dict, blank=True, editable=False)
    published = models.BooleanField(
        "公开", default=True, help_text="取消勾选后，公众页面和检索都不再显示这一期及其文章。"
    )

    # The source bytes are large and only change together with
    # source_sha256, which the history does keep.
    history = HistoricalRecords(excluded_fields=["source"])

    objects = IssueManager()

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"
        ordering = [
            F("date").desc(nulls_last=True),
            F("number").desc(nulls_last=True),
            "source_name",
        ]
        # The public pages list published issues by date, and find the few
        # hidden ones (``archive.views.public``) without reading the rest.
        indexes = [
            models.Index(fields=["date", "published"], name="archive_issue_public_date"),
            models.Index(fields=["id"], condition=Q(published=False), name="archive_issue_hidden"),
            # What a list of an entity's articles sorts by, read from the
            # index alone (``archive.views.public.Newest``).
            models.Index(
                fields=["id", "date", "source_name"], condition=Q(published=True), name="archive_issue_listed"
            ),
        ]
        permissions = [("publish_issue", "可以公开或撤下期")]

    def __str__(self):
        parts = [self.publication]
        if self.number is not None:
            parts.append(f"第{self.number}期")
        parts.append(self.date.isoformat() if self.date else self.source_name)
        return " ".join(parts)

    def natural_key(self):
        return (self.source_name,)

    def save(self, *args, **kwargs):
        # One transaction with what follows from the change (archive.derived).
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(*args, **kwargs)

    def mark_date_as_edited(self):
        """A person set or cleared the date: it no longer comes from the page."""
        self.date_source = self.DateSource.EDITOR if self.date else ""

    def source_text(self):
        """The source decoded the way the parser decoded it."""
        data = bytes(self.source)
        try:
            return data.decode(self.source_encoding or "utf-8", errors="replace")
        except LookupError:
            return data.decode("utf-8", errors="replace")


class Article(Versioned):
    # The fields the parser fills and editors may correct, in the order of
    # the ``parsed`` snapshot and of spreadsheets.
    PARSED_FIELDS = (
        "page",
        "position",
        "kind",
        "kicker",
        "title",
        "subtitle",
        "deck",
        "column",
        "dateline",
        "date",
        "body",
        "continued_on_page",
        "captions",
    )
    # The fields ``text()`` reads.
    TEXT_FIELDS = ("kicker", "title", "subtitle", "deck", "body", "captions")

    issue = models.ForeignKey(Issue, models.CASCADE, related_name="articles", verbose_name="期")
    page = models.PositiveSmallIntegerField("版次", default=1)
    position = models.PositiveIntegerField("顺序", help_text="在版面上的阅读顺序，从 1 开始。")
    kind = models.CharField("类型", max_length=20, choices=KIND_LABELS, default=records.NEWS)
    kicker = models.CharField("引题", blank=True)
    title = models.CharField("标题", blank=True)
    subtitle = models.CharField("副题", blank=True)
    deck = models.CharField("提要", blank=True)
    column = models.CharField("栏目", blank=True)
    dateline = models.CharField("电头", blank=True)
    date = models.DateField("日期", null=True, blank=True)
    body = models.TextField("正文", blank=True, help_text="每行一段。")
    continued_on_page = models.PositiveSmallIntegerField("转至版次", null=True, blank=True)
    captions = models.JSONField("图片说明", default=list, blank=True)
    warnings = models.JSONField("解析警告", default=list, blank=True)
    parsed = models.JSONField("解析结果快照", default=dict, blank=True, editable=False)
    published = models.BooleanField(
        "公开", default=True, help_text="取消勾选后，公众页面和检索都不再显示这篇文章。"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        # No unique (issue, position): positions move when a changed file is
        # re-imported, and an article an editor kept may share one.
        ordering = ["issue", "position", "pk"]
        indexes = [
            models.Index(fields=["issue", "position"]),
            # The few articles an editor withdrew (``archive.views.public``).
            models.Index(fields=["id"], condition=Q(published=False), name="archive_article_hidden"),
            # With ``archive_issue_listed``: a list of an entity's articles
            # joins its links to their order without reading the articles.
            models.Index(
                fields=["id", "issue", "position"], condition=Q(published=True), name="archive_article_listed"
            ),
        ]
        permissions = [("publish_article", "可以公开或撤下文章")]

    def __str__(self):
        return self.title or f"（{self.get_kind_display()}，第{self.position}篇）"

    def save(self, *args, **kwargs):
        self.normalise_line_breaks()
        # One transaction with what follows from the change (archive.derived).
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(*args, **kwargs)

    def normalise_line_breaks(self):
        """Paragraphs are split at line feeds (``text()``, the export): a
        browser sends a textarea's line breaks as CR LF, a spreadsheet may
        hold a lone CR. Every save stores line feeds alone, so that no path
        stores a change nobody can see."""
        deferred = self.get_deferred_fields()
        for field in self._meta.concrete_fields:
            value = None if field.attname in deferred else getattr(self, field.attname)
            if isinstance(value, str) and "\r" in value:
                setattr(self, field.attname, _newlines(value))
        if "captions" in deferred or not isinstance(self.captions, list):
            return
        if any(isinstance(caption, str) and "\r" in caption for caption in self.captions):
            self.captions = [_newlines(c) if isinstance(c, str) else c for c in self.captions]

    def as_record(self, bylines=True):
        """The parser's record of this row as it stands now: what extraction
        reads. With ``bylines``, the credits too (one query unless
        prefetched with their people)."""
        credits = [records.Byline(b.person.name, b.role, b.credit) for b in self.bylines.all()] if bylines else ()
        return records.Article.from_fields({name: getattr(self, name) for name in self.PARSED_FIELDS}, credits)

    def text(self):
        """The text its segmentation cuts and its mentions' offsets point into
        (``records.article_text``); reads only TEXT_FIELDS."""
        return records.article_text(
            records.Article(
                position=0,  # not part of the text
                kicker=self.kicker,
                title=self.title,
                subtitle=self.subtitle,
                deck=self.deck,
                paragraphs=self.body.split("\n") if self.body else [],
                captions=list(self.captions),
            )
        )


def _newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Byline(models.Model):
    class Credit(models.TextChoices):
        TEXT = records.CREDIT_TEXT, "文字"
        PHOTO = records.CREDIT_PHOTO, "摄影"

    # Both keys are indexed as the first column of an index below.
    article = models.ForeignKey(
        Article, models.CASCADE, related_name="bylines", verbose_name="文章", db_index=False
    )
    person = models.ForeignKey(
        "Person", models.PROTECT, related_name="bylines", verbose_name="人物", db_index=False
    )
    role = models.CharField("身份", blank=True, help_text="照原样，如“本报记者”“通讯员”。")
    credit = models.CharField("署名类别", max_length=10, choices=Credit, default=Credit.TEXT)
    position = models.PositiveSmallIntegerField("顺序", default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["article", "position", "pk"]
        # Read from the indexes alone: a person's credits by role and the
        # articles credited to them; who shares an article's bylines.
        indexes = [
            models.Index(fields=["person", "article", "role", "credit"], name="archive_byline_credits"),
            models.Index(fields=["article", "person"], name="archive_byline_people"),
        ]

    def __str__(self):
        return f"{self.role} {self.person}".strip()

    def save(self, *args, **kwargs):
        # One transaction with what follows from the change (archive.derived).
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(*args, **kwargs)
