"""The lexicon the archive's tokenizer learns, as rows: its words, and the
version every change of them bumps.

Extraction teaches it every name it finds (source ``entity``), editors teach
it through corrections, and a word list imported in the admin teaches it too
(``archive.segmentations.learn``). ``archive.lexicon`` keeps each process's
tokenizer in step with these rows.
"""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from archive.lib.segmentation import validate_word
from archive.locking import Versioned

from .issues import Article


class LexiconEntry(Versioned):
    class Source(models.TextChoices):
        EDITOR = "editor", "编辑校正"
        ENTITY = "entity", "实体识别"
        IMPORT = "import", "导入词表"

    word = models.CharField("词", max_length=100, unique=True)
    frequency = models.PositiveBigIntegerField(
        "词频",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="留空：无论上下文，总是分成一个词。填写：像 jieba 词典里同样词频的词一样参与竞争。",
    )
    part_of_speech = models.CharField(
        "词性", max_length=10, blank=True, help_text="jieba 的词性标记，如 nr（人名）、nt（机构）、ns（地名）。"
    )
    source = models.CharField("来源", max_length=10, choices=Source)
    removed = models.BooleanField(
        "不成词", default=False, help_text="勾选：这个词不能作为一个词出现，总要拆开。"
    )
    article = models.ForeignKey(
        Article,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="校正于",
        help_text="编辑在哪篇文章里做的这个校正。",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="修改人",
    )
    changed_at = models.DateTimeField("修改时间", default=timezone.now)
    resegmented = models.ManyToManyField(
        Article,
        blank=True,
        related_name="+",
        verbose_name="因此重新分词的文章",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "词条"
        verbose_name_plural = "词库"
        ordering = ["word"]

    def __str__(self):
        return self.word

    def addition(self):
        """The entry as ``apply_lexicon`` takes an addition."""
        return (self.word, self.frequency, self.part_of_speech or None)

    def clean(self):
        try:
            validate_word(self.word)
        except ValueError as error:
            raise ValidationError({"word": str(error)}) from None


class LexiconVersion(models.Model):
    """One row: how many times the lexicon changed, and when it last did."""

    number = models.PositiveBigIntegerField("版本", default=0)
    changed_at = models.DateTimeField("修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "词库版本"
        verbose_name_plural = "词库版本"

    def __str__(self):
        return f"词库第 {self.number} 版"
