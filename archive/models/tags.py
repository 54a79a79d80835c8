"""Tags editors put on articles.

The articles are declared here, on the tag, so that tagging adds to the
article's model without changing its module; ``article.tags`` reads them.
"""

from django.db import models
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from .issues import Article


class Tag(models.Model):
    name = models.CharField("名称", max_length=100, unique=True)
    slug = models.SlugField(
        "网址名",
        max_length=100,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text="用在网址里，如 校园安全；留空则由名称生成。",
    )
    description = models.TextField("说明", blank=True)
    articles = models.ManyToManyField(
        Article, blank=True, through="ArticleTag", related_name="tags", verbose_name="文章"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "标签"
        verbose_name_plural = "标签"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def free_slug(cls, name):
        """A slug made of ``name`` that no other tag has."""
        base = slugify(name, allow_unicode=True) or "tag"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class ArticleTag(models.Model):
    """One tag on one article: the table a plain many-to-many field would
    have, as a model so that the admin shows each row by its tag."""

    tag = models.ForeignKey(Tag, models.CASCADE, related_name="+", verbose_name="标签")
    article = models.ForeignKey(Article, models.CASCADE, related_name="+", verbose_name="文章")

    # Who put a tag on an article or took it off, and when, however it was
    # done: the article's form, the list's actions, a suggested tag.
    history = HistoricalRecords()

    class Meta:
        db_table = "archive_tag_articles"
        unique_together = [("tag", "article")]
        verbose_name = "文章标签"
        verbose_name_plural = "文章标签"

    def __str__(self):
        return str(self.tag)
