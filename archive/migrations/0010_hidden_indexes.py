"""Partial indexes of the withdrawn articles and issues: the public lists
ask only the entities linked to one of these the full question of whether
a public article links to them (``archive.views.public``). The mentions'
indexes carry ``start`` on PostgreSQL, so that the articles naming someone
in the text are read from the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0009_mention_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='mention',
            name='archive_shown_person',
        ),
        migrations.RemoveIndex(
            model_name='mention',
            name='archive_shown_organisation',
        ),
        migrations.RemoveIndex(
            model_name='mention',
            name='archive_shown_event',
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('published', False)), fields=['id'], name='archive_article_hidden'),
        ),
        migrations.AddIndex(
            model_name='issue',
            index=models.Index(condition=models.Q(('published', False)), fields=['id'], name='archive_issue_hidden'),
        ),
        migrations.AddIndex(
            model_name='mention',
            index=models.Index(condition=models.Q(('person__isnull', False), models.Q(('status', 'rejected'), _negated=True)), fields=['person', 'article'], include=('start',), name='archive_shown_person'),
        ),
        migrations.AddIndex(
            model_name='mention',
            index=models.Index(condition=models.Q(('organisation__isnull', False), models.Q(('status', 'rejected'), _negated=True)), fields=['organisation', 'article'], include=('start',), name='archive_shown_organisation'),
        ),
        migrations.AddIndex(
            model_name='mention',
            index=models.Index(condition=models.Q(('event__isnull', False), models.Q(('status', 'rejected'), _negated=True)), fields=['event', 'article'], include=('start',), name='archive_shown_event'),
        ),
    ]
