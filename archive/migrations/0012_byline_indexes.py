"""The credits' two indexes join the model's state, and the keys' own
indexes go: each key is the first column of one of them already.

Migration 0009 created archive_byline_credits and archive_byline_people in
SQL, outside the state, so a later rebuild of the table on SQLite (which
Django does for most changes of a field) would have dropped them. They are
added to the state only, then the fields change: on SQLite that rebuild
happens here and recreates both from the state. With the single-column
index on the article gone, PostgreSQL reads who shares a person's bylines
from archive_byline_people alone instead of from the table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0011_listed_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name='byline',
                    index=models.Index(fields=['person', 'article', 'role', 'credit'], name='archive_byline_credits'),
                ),
                migrations.AddIndex(
                    model_name='byline',
                    index=models.Index(fields=['article', 'person'], name='archive_byline_people'),
                ),
            ],
        ),
        migrations.AlterField(
            model_name='byline',
            name='article',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='bylines', to='archive.article', verbose_name='文章'),
        ),
        migrations.AlterField(
            model_name='byline',
            name='person',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='bylines', to='archive.person', verbose_name='人物'),
        ),
    ]
