"""The lexicon the archive's tokenizer learns, and each article's segmentation.

Other parts of the archive teach the lexicon through ``learn(words, source)``:
extraction feeds it every name it finds (source ``entity``), so that a name
the archive knows comes out as one token wherever it occurs. Editors teach it
through corrections (``archive.segmenting.save_correction``), and a word list
imported in the admin teaches it too.

Every change bumps ``LexiconVersion``, one row that each process compares with
the version its shared tokenizer holds before it segments a batch
(``sync_tokenizer``), so a word an editor teaches in the admin reaches the
tokenizer of a ``resegment`` running elsewhere. The version is a counter and
the time of the change: a change rolled back (a dry-run import) and another
process's next change share a number, never a time.
"""

import re
from collections.abc import Iterable
from hashlib import blake2b
from itertools import accumulate

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import connection, models
from django.db.models import F
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from archive.locking import Versioned
from archive.lib.parsing import records
from archive.lib.segmentation import (
    apply_lexicon,
    reset_lexicon,
    set_lexicon_source,
    shared_tokenizer,
    validate_word,
)

from .issues import Article

# The Article fields ``article_text`` reads.
TEXT_FIELDS = ("kicker", "title", "subtitle", "deck", "body", "captions")
BATCH = 500


def article_text(article):
    """``records.article_text`` of an Article row: the text its segmentation
    rebuilds and its tokens' offsets point into."""
    return records.article_text(
        records.Article(
            position=article.position,
            kicker=article.kicker,
            title=article.title,
            subtitle=article.subtitle,
            deck=article.deck,
            paragraphs=article.body.split("\n") if article.body else [],
            captions=list(article.captions),
        )
    )


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


class Segmentation(models.Model):
    class State(models.TextChoices):
        AUTO = "auto", "自动"
        EDITOR = "editor", "编辑校正"

    article = models.OneToOneField(
        Article,
        models.CASCADE,
        primary_key=True,
        related_name="segmentation",
        verbose_name="文章",
    )
    lengths = models.TextField(
        "词长",
        help_text="每个词的字数，依次排列：1–9 写作一位数字，更长的写作（12）。",
    )
    state = models.CharField("状态", max_length=10, choices=State, default=State.AUTO)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="校正人",
    )
    edited_at = models.DateTimeField("校正时间", null=True, blank=True)
    lexicon_version = models.PositiveBigIntegerField("词库版本", default=0)
    text_digest = models.CharField(
        "文本摘要", max_length=32, help_text="分词时文本的 BLAKE2 摘要：文本一改，就知道分词已不对应。"
    )

    class Meta:
        verbose_name = "分词"
        verbose_name_plural = "分词"

    def __str__(self):
        return f"{self.article}的分词"

    @staticmethod
    def encode(lengths):
        """``lengths`` (each token's number of characters) as stored."""
        if max(lengths, default=0) < 10:
            return "".join(map(str, lengths))
        return "".join(str(n) if n < 10 else f"({n})" for n in lengths)

    def token_lengths(self):
        lengths = self.lengths
        if "(" not in lengths:
            return list(map(int, lengths))
        found, i = [], 0
        while i < len(lengths):
            if lengths[i] == "(":
                close = lengths.index(")", i)
                found.append(int(lengths[i + 1 : close]))
                i = close + 1
            else:
                found.append(int(lengths[i]))
                i += 1
        return found

    def tokens(self, text):
        """The tokens of ``text`` (the article's ``article_text``), as
        ``archive.lib.segmentation.segment`` gives them."""
        ends = list(accumulate(self.token_lengths()))
        return [(text[start:end], start, end) for start, end in zip([0, *ends], ends)]

    @staticmethod
    def digest(text):
        return blake2b(text.encode(), digest_size=16).hexdigest()

    def fits(self, text):
        """Whether this segmentation was made of ``text``."""
        return self.text_digest == self.digest(text)


_LETTER = re.compile(r"[^\W\d_]")


# A longer "word" is a run of letters or digits jieba could not cut (a URL,
# a pasted hash), never a keyword.
LONGEST_COUNTED_WORD = 64


def counted_words(tokens):
    """The words of a segmentation that count for document frequencies: the
    ones that could be keywords (more than one character and at most
    LONGEST_COUNTED_WORD, a letter in them)."""
    words = {word for word, _, _ in tokens if 1 < len(word) <= LONGEST_COUNTED_WORD}
    return {word for word in words if _LETTER.search(word)}


class TermStatistic(models.Model):
    """How many articles have ``word`` among their tokens (``counted_words``):
    the document frequencies of suggested tags, moved by every stored change
    of a segmentation, and by its deletion."""

    word = models.CharField("词", max_length=255, primary_key=True)
    documents = models.PositiveIntegerField("文章数", default=0)

    class Meta:
        verbose_name = "词频统计"
        verbose_name_plural = "词频统计"

    def __str__(self):
        return f"{self.word}（{self.documents}）"

    @classmethod
    def add(cls, delta):
        """Add ``{word: change}`` to the document frequencies (never below 0)."""
        table = connection.ops.quote_name(cls._meta.db_table)
        more = [(word, count) for word, count in delta.items() if count > 0]
        fewer = [(-count, -count, word) for word, count in delta.items() if count < 0]
        with connection.cursor() as cursor:
            if more:
                cursor.executemany(
                    f"INSERT INTO {table} (word, documents) VALUES (%s, %s) ON CONFLICT (word) "
                    f"DO UPDATE SET documents = {table}.documents + excluded.documents",
                    more,
                )
            if fewer:
                cursor.executemany(
                    f"UPDATE {table} SET documents = CASE WHEN documents > %s "
                    f"THEN documents - %s ELSE 0 END WHERE word = %s",
                    fewer,
                )


@receiver(pre_delete, sender=Segmentation)
def _forget_segmentation(sender, instance, **kwargs):
    """A deleted segmentation (its article deleted) leaves the statistics."""
    article = Article.objects.filter(pk=instance.article_id).only("position", *TEXT_FIELDS).first()
    if article is not None:
        text = article_text(article)
        if instance.fits(text):
            TermStatistic.add({word: -1 for word in counted_words(instance.tokens(text))})


# Keeping the shared tokenizer in step with the database.

# The (number, changed_at) of the version the shared tokenizer holds.
_held = None


def current_version():
    row = LexiconVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    return row or (0, None)


def _database_lexicon():
    """The lexicon as ``set_lexicon_source`` wants it, noting its version."""
    global _held
    version = current_version()  # before the entries: a later change shows as a newer version
    additions, removals = lexicon_rows()
    _held = version
    return additions, removals


def lexicon_rows():
    """The lexicon's words to add (word, frequency, part of speech) and to
    remove, as the tokenizer takes them."""
    additions, removals = [], []
    entries = LexiconEntry.objects.values_list("word", "frequency", "part_of_speech", "removed")
    for word, frequency, part_of_speech, removed in entries.iterator(chunk_size=2000):
        try:
            validate_word(word)  # a row written past the model's validation
        except ValueError:
            continue
        if removed:
            removals.append(word)
        else:
            additions.append((word, frequency, part_of_speech or None))
    return additions, removals


def sync_tokenizer():
    """Bring the shared tokenizer to the database's current lexicon: call
    before segmenting a batch. One query when nothing changed. Returns the
    version number it holds."""
    set_lexicon_source(_database_lexicon)
    shared_tokenizer()
    if current_version() != _held:
        reset_lexicon(*_database_lexicon())
    return _held[0]


def bump_version(additions=(), removals=(), *, reload=False):
    """Record that the lexicon changed (inside the changing transaction, which
    holds the version row until it ends) and bring the shared tokenizer up to
    date: by applying ``additions`` and ``removals`` when it held the previous
    version, else, or with ``reload`` (entries were deleted), by reloading the
    whole lexicon. Returns the new version number."""
    global _held
    now = timezone.now()
    # The no-op update takes the row's lock (SQLite: the database's write
    # lock) before the version is read.
    if not LexiconVersion.objects.filter(pk=1).update(number=F("number")):
        LexiconVersion.objects.create(pk=1)
    previous = current_version()
    number = previous[0] + 1
    LexiconVersion.objects.filter(pk=1).update(number=number, changed_at=now)
    if previous == _held and not reload:
        apply_lexicon(additions, removals)
        _held = (number, now)
    else:
        sync_tokenizer()
    return number


def learn(words: Iterable[tuple[str, str]], source, *, user=None):
    """Teach the lexicon ``(word, part of speech)`` pairs that must each come
    out as one token, and segment again the articles containing the new ones.

    Idempotent: a word the lexicon has, to keep whole or to split, stays as it
    is, so a name found again never overrules an editor. A word the tokenizer
    cannot learn (one character; a space or punctuation inside, as in
    阿依古丽·买买提) is passed over. A few queries however many words. Returns
    the entries created.
    """
    wanted = {}
    for word, part_of_speech in words:
        try:
            validate_word(word)
        except ValueError:
            continue
        wanted.setdefault(word, part_of_speech or "")
    known = set()
    names = list(wanted)
    for start in range(0, len(names), BATCH):
        known.update(
            LexiconEntry.objects.filter(word__in=names[start : start + BATCH]).values_list(
                "word", flat=True
            )
        )
    now = timezone.now()
    created = [
        LexiconEntry(
            word=word, part_of_speech=pos, source=source, changed_by=user, changed_at=now
        )
        for word, pos in wanted.items()
        if word not in known
    ]
    if not created:
        return []
    LexiconEntry.objects.bulk_create(created, batch_size=BATCH)
    bump_version([entry.addition() for entry in created])
    from archive.segmenting import resegment_containing

    resegment_containing([entry.word for entry in created])
    return created
