"""Each article's segmentation, and the document frequencies of its words.

A segmentation is stored as its tokens' lengths, which with the article's
text (``Article.text()``) give the tokens back; ``text_digest`` tells whether
the text is still the one that was cut. Making, correcting and storing
segmentations is ``archive.segmentations``'.
"""

from hashlib import blake2b
from itertools import accumulate

from django.conf import settings
from django.db import connection, models

from .issues import Article


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
