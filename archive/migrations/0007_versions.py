"""Optimistic locking (``archive.locking``): a version on articles, people and
lexicon entries and on their history; the lexicon and tags get a history;
the permissions to publish and to merge."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0006_search_keys'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['issue', 'position', 'pk'], 'permissions': [('publish_article', '可以公开或撤下文章')], 'verbose_name': '文章', 'verbose_name_plural': '文章'},
        ),
        migrations.AlterModelOptions(
            name='event',
            options={'ordering': [models.OrderBy(models.F('start_date'), descending=True, nulls_last=True), 'name'], 'permissions': [('merge_event', '可以合并活动')], 'verbose_name': '活动', 'verbose_name_plural': '活动'},
        ),
        migrations.AlterModelOptions(
            name='issue',
            options={'ordering': [models.OrderBy(models.F('date'), descending=True, nulls_last=True), models.OrderBy(models.F('number'), descending=True, nulls_last=True), 'source_name'], 'permissions': [('publish_issue', '可以公开或撤下期')], 'verbose_name': '期', 'verbose_name_plural': '期'},
        ),
        migrations.AlterModelOptions(
            name='organisation',
            options={'ordering': ['name'], 'permissions': [('merge_organisation', '可以合并机构')], 'verbose_name': '机构', 'verbose_name_plural': '机构'},
        ),
        migrations.AlterModelOptions(
            name='person',
            options={'ordering': ['name'], 'permissions': [('merge_person', '可以合并人物')], 'verbose_name': '人物', 'verbose_name_plural': '人物'},
        ),
        migrations.AddField(
            model_name='article',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='每保存一次加一：编辑保存时据此发现别人已改过。', verbose_name='版本'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='每保存一次加一：编辑保存时据此发现别人已改过。', verbose_name='版本'),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='每保存一次加一：编辑保存时据此发现别人已改过。', verbose_name='版本'),
        ),
        migrations.AddField(
            model_name='lexiconentry',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='每保存一次加一：编辑保存时据此发现别人已改过。', verbose_name='版本'),
        ),
        migrations.AddField(
            model_name='person',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='每保存一次加一：编辑保存时据此发现别人已改过。', verbose_name='版本'),
        ),
        migrations.CreateModel(
            name='HistoricalLexiconEntry',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='每保存一次加一：编辑保存时据此发现别人已改过。', verbose_name='版本')),
                ('word', models.CharField(db_index=True, max_length=100, verbose_name='词')),
                ('frequency', models.PositiveBigIntegerField(blank=True, help_text='留空：无论上下文，总是分成一个词。填写：像 jieba 词典里同样词频的词一样参与竞争。', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='词频')),
                ('part_of_speech', models.CharField(blank=True, help_text='jieba 的词性标记，如 nr（人名）、nt（机构）、ns（地名）。', max_length=10, verbose_name='词性')),
                ('source', models.CharField(choices=[('editor', '编辑校正'), ('entity', '实体识别'), ('import', '导入词表')], max_length=10, verbose_name='来源')),
                ('removed', models.BooleanField(default=False, help_text='勾选：这个词不能作为一个词出现，总要拆开。', verbose_name='不成词')),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='修改时间')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('article', models.ForeignKey(blank=True, db_constraint=False, help_text='编辑在哪篇文章里做的这个校正。', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='archive.article', verbose_name='校正于')),
                ('changed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='修改人')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical 词条',
                'verbose_name_plural': 'historical 词库',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalTag',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=100, verbose_name='名称')),
                ('slug', models.SlugField(allow_unicode=True, blank=True, help_text='用在网址里，如 校园安全；留空则由名称生成。', max_length=100, verbose_name='网址名')),
                ('description', models.TextField(blank=True, verbose_name='说明')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical 标签',
                'verbose_name_plural': 'historical 标签',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
