"""Covering indexes of the public articles' and issues' order: a list of a
person's, an organisation's, an event's or a tag's articles joins its links
to their dates and positions from these alone, never reading an article
row (``archive.views.public.Newest``)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0010_hidden_indexes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('published', True)), fields=['id', 'issue', 'position'], name='archive_article_listed'),
        ),
        migrations.AddIndex(
            model_name='issue',
            index=models.Index(condition=models.Q(('published', True)), fields=['id', 'date', 'source_name'], name='archive_issue_listed'),
        ),
    ]
