"""People, organisations and events as rows, and the mentions that tie them
to the articles naming them.

Extraction (``archive.lib.extraction``) proposes them at import time and
``archive.importer.mentions`` writes its proposals; from then on editors own them.
An import only ever adds entities, positions and participants and replaces
its own automatic mentions: a mention an editor added or rejected is never
touched, and a name an editor merged away is kept as an alias, so that the
next import of the same text finds the survivor.
"""

import functools
import operator

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from simple_history.models import HistoricalRecords

from archive.lib import pinyin
from archive.lib.extraction import events as event_kinds
from archive.lib.extraction import organisations as organisation_kinds
from archive.locking import Versioned

from .issues import Article, Issue

# The kinds of entity an article names, each by the name of the field a
# mention holds it in. The one list of them: a new kind starts here.
ENTITY_KINDS = ("person", "organisation", "event")

ORGANISATION_KIND_LABELS = {
    organisation_kinds.PARTY: "党委",
    organisation_kinds.GOVERNMENT: "政府机关",
    organisation_kinds.POLICE: "公安",
    organisation_kinds.COURT: "法院",
    organisation_kinds.PROCURATORATE: "检察院",
    organisation_kinds.FIRE: "消防",
    organisation_kinds.SCHOOL: "学校",
    organisation_kinds.MEDIA: "媒体",
    organisation_kinds.COMPANY: "企业",
    organisation_kinds.ASSOCIATION: "社会团体",
    organisation_kinds.OTHER: "其他",
}

EVENT_KIND_LABELS = {
    event_kinds.MEETING_KIND: "会议",
    event_kinds.CONFERENCE: "大会",
    event_kinds.FORUM: "论坛",
    event_kinds.CEREMONY: "仪式",
    event_kinds.PRESS_CONFERENCE: "发布会",
    event_kinds.CAMPAIGN: "专项行动",
    event_kinds.ACTIVITY: "活动",
    event_kinds.INSPECTION: "调研视察",
}


class NameManager(models.Manager):
    """Rows known by a unique name: the natural key of spreadsheets and fixtures."""

    def get_by_natural_key(self, name):
        return self.get(name=name)


class PersonManager(NameManager):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for person in objs:
            person.sort_key = pinyin.sort_key(person.name)
        return super().bulk_create(objs, *args, **kwargs)


class Person(Versioned):
    name = models.CharField("姓名", unique=True)
    sort_key = models.CharField(
        "拼音排序键", max_length=pinyin.MAX_LENGTH, blank=True, editable=False, db_index=True
    )
    needs_review = models.BooleanField(
        "需要复核",
        default=False,
        help_text="自动识别时把握不大：名字前后没有职务、署名或讲话、出席等动词。",
    )

    history = HistoricalRecords()

    objects = PersonManager()

    class Meta:
        verbose_name = "人物"
        verbose_name_plural = "人物"
        ordering = ["name"]
        permissions = [("merge_person", "可以合并人物")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)

    def save(self, *args, **kwargs):
        self.sort_key = pinyin.sort_key(self.name)
        _save_keeping_old_name(self, PersonAlias, "person", super().save, *args, **kwargs)

    def clean(self):
        alias = PersonAlias.objects.filter(name=self.name).exclude(person=self.pk).first()
        if alias:
            raise ValidationError({"name": f"“{self.name}”已是{alias.person}的别名。"})


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="aliases", verbose_name="人物")
    name = models.CharField(
        "别名", unique=True, help_text="同一人的其他写法；合并时被合并者的姓名记为别名，再次导入时归到这个人。"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "人物别名"
        verbose_name_plural = "人物别名"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if Person.objects.filter(name=self.name).exists():
            raise ValidationError({"name": f"已有名为“{self.name}”的人物；请合并两人。"})


class Organisation(models.Model):
    name = models.CharField(
        "规范名称",
        unique=True,
        help_text="省、市、县、区的简称补全后的名称，如“省公安厅”记为“浙江省公安厅”；见报的写法记在提及里。",
    )
    kind = models.CharField(
        "类别", max_length=20, choices=ORGANISATION_KIND_LABELS, default=organisation_kinds.OTHER
    )
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级机构",
    )
    needs_review = models.BooleanField(
        "需要复核", default=False, help_text="自动识别时看不出机构类别。"
    )

    history = HistoricalRecords()

    objects = NameManager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["name"]
        permissions = [("merge_organisation", "可以合并机构")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)

    def save(self, *args, **kwargs):
        _save_keeping_old_name(self, OrganisationAlias, "organisation", super().save, *args, **kwargs)

    def clean(self):
        alias = OrganisationAlias.objects.filter(name=self.name).exclude(organisation=self.pk).first()
        if alias:
            raise ValidationError({"name": f"“{self.name}”已是{alias.organisation}的别名。"})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "上级机构不能是它自己或它的下级。"})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="aliases", verbose_name="机构"
    )
    name = models.CharField(
        "别名", unique=True, help_text="同一机构的其他全称或简称，如“浙江省人民检察院”。"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "机构别名"
        verbose_name_plural = "机构别名"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if Organisation.objects.filter(name=self.name).exists():
            raise ValidationError({"name": f"已有名为“{self.name}”的机构；请合并两者。"})


def _save_keeping_old_name(row, alias_model, field, save, *args, **kwargs):
    """Save a person or an organisation (``save``, the model's own); when
    the save renames it, the old name becomes its alias, so that a page
    printing the old name still finds it (and its own alias of the new
    name goes). ``row.renamed_from`` tells the save's receivers."""
    row.renamed_from = None
    if not row._state.adding:
        stored = type(row)._base_manager.filter(pk=row.pk).values_list("name", flat=True).first()
        row.renamed_from = stored if stored not in (None, row.name) else None
    with transaction.atomic(using=kwargs.get("using"), savepoint=False):
        save(*args, **kwargs)
        if row.renamed_from:
            alias_model.objects.filter(**{field: row}, name=row.name).delete()
            alias_model.objects.get_or_create(**{field: row}, name=row.renamed_from)


class Position(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="positions", verbose_name="人物")
    title = models.CharField("职务", help_text="照原样，如“省委常委、政法委书记”。")
    organisation = models.ForeignKey(
        Organisation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name="机构",
        help_text="职务所属的机构，能认出时填写。",
    )
    first_seen = models.DateField("最早见报", null=True, blank=True)
    last_seen = models.DateField("最近见报", null=True, blank=True)
    first_issue = models.ForeignKey(
        Issue, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="最早一期"
    )
    last_issue = models.ForeignKey(
        Issue, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="最近一期"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "职务"
        verbose_name_plural = "职务"
        ordering = ["person", "first_seen", "title"]
        constraints = [
            models.UniqueConstraint(fields=["person", "title"], name="archive_position_unique_title"),
        ]

    def __str__(self):
        return f"{self.title}{self.person}"

    def see(self, issue):
        """Widen first and last seen to an issue printing this position.
        Returns whether anything changed."""
        before = (self.first_seen, self.last_seen, self.first_issue_id, self.last_issue_id)
        if issue.date is not None:
            if self.first_seen is None or issue.date < self.first_seen:
                self.first_seen, self.first_issue = issue.date, issue
            if self.last_seen is None or issue.date > self.last_seen:
                self.last_seen, self.last_issue = issue.date, issue
        else:
            self.first_issue_id = self.first_issue_id or issue.pk
            self.last_issue_id = self.last_issue_id or issue.pk
        return before != (self.first_seen, self.last_seen, self.first_issue_id, self.last_issue_id)


class EventManager(models.Manager):
    def get_by_natural_key(self, name, date):
        return self.get(name=name, start_date=date)


class Event(models.Model):
    name = models.CharField("名称")
    kind = models.CharField("类别", max_length=20, choices=EVENT_KIND_LABELS, default=event_kinds.ACTIVITY)
    date_text = models.CharField("日期原文", blank=True, help_text="照原样，如“7月9日至11日”。")
    start_date = models.DateField("开始日期", null=True, blank=True)
    end_date = models.DateField("结束日期", null=True, blank=True)
    place = models.CharField("地点", blank=True, help_text="照原样，如“嘉善”“杭州市萧山区”。")
    needs_review = models.BooleanField(
        "需要复核", default=False, help_text="日期未能确定，或年份来自推断的出版日期。"
    )

    history = HistoricalRecords()

    objects = EventManager()

    class Meta:
        verbose_name = "活动"
        verbose_name_plural = "活动"
        ordering = [models.F("start_date").desc(nulls_last=True), "name"]
        constraints = [
            # An undated event is only known by the articles reporting it:
            # "全省…工作会议" recurs every year under one name.
            models.UniqueConstraint(
                fields=["name", "start_date"],
                condition=Q(start_date__isnull=False),
                name="archive_event_unique_dated",
            ),
        ]
        permissions = [("merge_event", "可以合并活动")]

    def __str__(self):
        return f"{self.name}（{self.start_date.isoformat()}）" if self.start_date else self.name

    def natural_key(self):
        return (self.name, self.start_date)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期早于开始日期。"})


class Participant(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="participants", verbose_name="活动")
    person = models.ForeignKey(Person, models.CASCADE, related_name="participations", verbose_name="人物")
    role = models.CharField("角色", help_text="讲话、主持、出席、参加、致辞、陪同、介绍……")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "参与者"
        verbose_name_plural = "参与者"
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person", "role"], name="archive_participant_unique"),
        ]

    def __str__(self):
        return f"{self.person}{self.role}"


class Mention(models.Model):
    class Status(models.TextChoices):
        AUTOMATIC = "automatic", "自动识别"
        ADDED = "added", "编辑添加"
        REJECTED = "rejected", "编辑否决"

    article = models.ForeignKey(Article, models.CASCADE, related_name="mentions", verbose_name="文章")
    person = models.ForeignKey(
        Person, models.CASCADE, null=True, blank=True, related_name="mentions", verbose_name="人物"
    )
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, null=True, blank=True, related_name="mentions", verbose_name="机构"
    )
    event = models.ForeignKey(
        Event, models.CASCADE, null=True, blank=True, related_name="mentions", verbose_name="活动"
    )
    text = models.CharField("原文", help_text="见报的写法，如“省公安厅”。")
    titles = models.CharField("职务", blank=True, help_text="人物名字前后印的职务，照原样。")
    role = models.CharField(
        "角色", blank=True, help_text="署名的身份（本报记者、通讯员……）或文中的动词（讲话、主持、说……）。"
    )
    start = models.PositiveIntegerField(
        "起",
        null=True,
        blank=True,
        help_text="在文章文本（标题、正文、图片说明，每行一段）中的字符位置；署名没有位置。",
    )
    end = models.PositiveIntegerField("止", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.AUTOMATIC)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "提及"
        verbose_name_plural = "提及"
        ordering = ["article", models.F("start").asc(nulls_first=True), "pk"]
        # What the public pages ask of mentions: does this entity have one
        # (no editor rejected), and on which articles, in the text or not
        # (``start``, carried along on PostgreSQL). Answered from these
        # indexes alone, stopping at the first match.
        indexes = [
            models.Index(
                fields=[field, "article"],
                include=["start"],
                condition=Q(**{f"{field}__isnull": False}) & ~Q(status="rejected"),
                name=f"archive_shown_{field}",
            )
            for field in ENTITY_KINDS
        ]
        constraints = [
            models.CheckConstraint(
                condition=functools.reduce(
                    operator.or_,
                    (Q(**{f"{other}__isnull": other != kind for other in ENTITY_KINDS}) for kind in ENTITY_KINDS),
                ),
                name="archive_mention_one_entity",
                violation_error_message="一条提及只指向一个人物、机构或活动。",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False, start__lte=models.F("end")),
                name="archive_mention_span",
                violation_error_message="“起”和“止”要么都空着，要么“起”不大于“止”。",
            ),
        ]

    def __str__(self):
        return f"{self.entity}：{self.text}"

    @property
    def entity(self):
        return self.person or self.organisation or self.event

    @property
    def entity_kind(self):
        """Which of ENTITY_KINDS the mention names."""
        return next(kind for kind in ENTITY_KINDS if getattr(self, f"{kind}_id") is not None)
