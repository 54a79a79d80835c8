"""Segmentations as rows: import, export, the lexicon's version across
processes, learning names, and the resegment command."""

import json
import shutil
from io import StringIO

import pytest
from django.db.models import F
from django.utils import timezone

import archive.lexicon as lexicon
from archive.backup.export import write_archive
from archive.importer import find_sources, import_file
from archive.lexicon import sync_tokenizer
from archive.lib.segmentation import counted_words, segment, shared_tokenizer, spaced
from archive.models import Article, LexiconEntry, LexiconVersion, Segmentation, Tag
from archive.search import index_articles
from archive.segmentations import learn, save_correction, segment_articles, tokens_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(imported_seeds):
    index_articles(Article.objects.values_list("pk", flat=True))
    return imported_seeds


def export():
    stream = StringIO()
    write_archive(stream)
    return json.loads(stream.getvalue())


def exported_articles():
    return [article for issue in export()["issues"] for article in issue["articles"]]


def segmented(article):
    """The article's segmentation as an editor sees it in the admin."""
    return spaced(tokens_of(Article.objects.get(pk=article.pk))[1])


def words(article):
    return [word for word, _, _ in tokens_of(Article.objects.get(pk=article.pk))[1]]


def test_the_model_side_text_is_the_parsers(imported_seeds):
    outcome = imported_seeds[0]
    from archive.lib.parsing.records import article_text as parsed_text

    rows = Article.objects.filter(issue__source_name=outcome.path.name).order_by("position")
    assert [row.text() for row in rows] == [parsed_text(a) for a in outcome.issue.articles]


def test_the_import_segments_every_article(imported_seeds):
    version = LexiconVersion.objects.get().number
    for article in Article.objects.select_related("segmentation"):
        segmentation = article.segmentation
        text = article.text()
        assert segmentation.fits(text)
        assert segmentation.state == Segmentation.State.AUTO
        assert segmentation.lexicon_version <= version
        tokens = segmentation.tokens(text)
        assert "".join(word for word, _, _ in tokens) == text
        assert tokens == segment(text)


def test_token_lengths_are_stored_compactly_and_read_back():
    tokens = [("浙江", 0, 2), ("x" * 12, 2, 14), ("。", 14, 15)]
    stored = Segmentation(lengths=Segmentation.encode([2, 12, 1]))
    assert stored.lengths == "2(12)1"
    assert stored.tokens("浙江" + "x" * 12 + "。") == tokens


def test_the_export_has_tokens_segmentation_and_tags(archive, admin_user):
    article = Article.objects.get(title__startswith="以走在前作示范")
    Tag.objects.create(name="平安浙江").articles.add(article)
    Tag.objects.create(name="基层治理").articles.add(article)
    spaced = segmented(article)
    save_correction(article, spaced.replace("平安 浙江", "平安浙江"), admin_user)

    for exported in exported_articles():
        row = Article.objects.get(pk=exported["id"])
        text = row.text()
        assert "".join(exported["tokens"]) == text
        assert exported["tokens"] == words(row)
        if row == article:
            assert exported["segmentation"] == "editor"
            assert exported["tags"] == ["基层治理", "平安浙江"]
        else:
            assert exported["segmentation"] == "auto"
            assert exported["tags"] == []


def test_every_name_the_archive_learnt_is_one_token_in_the_export(imported_seeds):
    learnt = set(
        LexiconEntry.objects.filter(source="entity", removed=False).values_list("word", flat=True)
    )
    assert learnt
    checked = 0
    for exported in exported_articles():
        text = "".join(exported["tokens"])
        tokens = set(exported["tokens"])
        for entity in exported["persons"] + exported["organisations"]:
            if entity["name"] in learnt and entity["name"] in text:
                assert entity["name"] in tokens, (exported["title"], entity["name"])
                checked += 1
    assert checked > 20


def test_names_learnt_later_reach_every_article_already_imported(archive):
    names = [("警源治理", "n"), ("协同共治", "n"), ("执法司法", "n")]
    holders = {name: [a for a in Article.objects.all() if name in a.text()] for name, _ in names}
    assert all(holders.values())

    created = learn(names, LexiconEntry.Source.ENTITY)

    assert sorted(entry.word for entry in created) == sorted(name for name, _ in names)
    for name, articles in holders.items():
        for article in articles:
            assert name in words(article)
        assert set(LexiconEntry.objects.get(word=name).resegmented.all()) == set(articles)
    for exported in exported_articles():
        text = "".join(exported["tokens"])
        for name, _ in names:
            if name in text:
                assert name in exported["tokens"]


def another_process_writes(**entry):
    """What another process's change looks like to this one: a row and a
    new version, and nothing applied to this process's tokenizer."""
    LexiconEntry.objects.create(source="editor", **entry)
    LexiconVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())


def test_learning_is_idempotent_and_never_overrules_an_editor(imported_seeds):
    another_process_writes(word="党组书记", removed=True)
    assert [e.word for e in learn([("欧阳明远", "nr"), ("欧阳明远", "nr")], "entity")] == ["欧阳明远"]
    assert learn([("欧阳明远", "nr"), ("党组书记", "n")], "entity") == []
    assert LexiconEntry.objects.filter(word="欧阳明远").count() == 1
    assert LexiconEntry.objects.get(word="党组书记").removed
    # What the tokenizer cannot learn is passed over.
    assert learn([("阿依古丽·买买提", "nr"), ("王", "nr")], "entity") == []
    sync_tokenizer()
    assert [w for w, _, _ in segment("党组书记欧阳明远")] == ["党组", "书记", "欧阳明远"]


def test_another_processs_lexicon_change_reaches_the_next_batch(imported_seeds):
    article = next(a for a in Article.objects.all() if "警源治理" in a.text())
    sync_tokenizer()
    another_process_writes(word="警源治理")
    assert "警源治理" not in [w for w, _, _ in segment("全省警源治理")]

    segment_articles([article.pk])

    assert "警源治理" in words(article)


def test_a_rolled_back_import_leaves_the_tokenizer_as_the_database_says(db, seeds_dir):
    files, _ = find_sources([seeds_dir])
    import_file(files[0], dry_run=True)
    assert not LexiconEntry.objects.exists()
    sync_tokenizer()
    tokenizer = shared_tokenizer()
    huge = tokenizer.total * 10**100
    assert not [word for word, frequency in tokenizer.FREQ.items() if frequency > huge]


def test_an_editors_segmentation_survives_a_reimport_of_the_same_text(
    imported_seeds, admin_user, seeds_dir, tmp_path
):
    article = Article.objects.get(title__startswith="以走在前作示范")
    spaced = segmented(article)
    save_correction(article, spaced.replace("平安 浙江", "平安浙江"), admin_user)
    corrected = words(article)
    changed = tmp_path / article.issue.source_name
    shutil.copy(seeds_dir / article.issue.source_name, changed)
    changed.write_bytes(changed.read_bytes() + b"\n")

    assert import_file(changed).status == "updated"

    assert words(article) == corrected
    assert Segmentation.objects.get(article=article).state == Segmentation.State.EDITOR


def test_a_changed_text_is_segmented_again_with_what_the_editor_taught(imported_seeds, admin_user):
    article = Article.objects.get(title__startswith="以走在前作示范")
    spaced = segmented(article)
    save_correction(article, spaced.replace("平安 浙江", "平安浙江"), admin_user)
    article.body = "平安浙江建设取得新成效。\n" + article.body
    article.save()

    segment_articles([article.pk])

    segmentation = Segmentation.objects.get(article=article)
    assert segmentation.state == Segmentation.State.AUTO
    assert segmentation.edited_by is None
    text, tokens = tokens_of(article)
    start = text.index("平安浙江建设取得新成效")
    assert ("平安浙江", start, start + 4) in tokens


def test_resegment_a_word(archive, manage):
    holders = [a for a in Article.objects.all() if "枫桥经验" in a.text()]
    LexiconEntry.objects.create(word="枫桥经验", source="import")
    LexiconVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())

    result = manage("resegment", "--word", "枫桥经验")

    assert result.status == 0
    assert f"已处理 {len(holders)}/{len(holders)} 篇" in result.stdout
    assert f"已重新分词 {len(holders)} 篇文章。" in result.stdout
    assert all("枫桥经验" in words(article) for article in holders)


def test_resegment_all_keeps_editors_segmentations(archive, manage, admin_user):
    article = Article.objects.get(title__startswith="以走在前作示范")
    spaced = segmented(article)
    save_correction(article, spaced.replace("基层 治理", "基层治理"), admin_user)
    corrected = words(article)
    LexiconEntry.objects.filter(word="基层治理").delete()
    LexiconVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())

    result = manage("resegment", "--all")

    total = Article.objects.count()
    assert f"已处理 {total}/{total} 篇" in result.stdout
    assert "已重新分词" in result.stdout
    assert words(article) == corrected
    assert all(
        "基层治理" not in words(other) for other in Article.objects.exclude(pk=article.pk)
    )


def test_resegment_needs_all_or_a_word(manage):
    assert manage("resegment").status != 0


def test_lexicon_version_is_held_after_a_change(imported_seeds):
    learn([("警源治理", "n")], "import")
    number, changed_at = LexiconVersion.objects.values_list("number", "changed_at").get()
    assert lexicon._held == (number, changed_at)


def test_segmenting_around_the_changed_words_equals_segmenting_everything(imported_seeds):
    from archive.lexicon import bump_version
    from archive.segmentations import _around

    sync_tokenizer()
    before = [tokens_of(article) for article in Article.objects.all()]
    added = ["平安浙江", "枫桥经验", "基层治理"]
    LexiconEntry.objects.bulk_create(
        [LexiconEntry(word=word, source="editor") for word in added]
        + [LexiconEntry(word="总书记", source="editor", removed=True)]
    )
    bump_version([(word, None, None) for word in added], ["总书记"])
    changed = 0
    for text, tokens in before:
        lengths, change = _around(text, [end - start for _, start, end in tokens], [*added, "总书记"])
        assert lengths == [end - start for _, start, end in segment(text)]
        if change is not None:
            changed += 1
            assert change == {
                word: count
                for word in counted_words(tokens) ^ counted_words(segment(text))
                for count in [1 if word in counted_words(segment(text)) else -1]
            }
    assert changed > 5


def test_a_run_too_long_to_be_a_word_is_not_counted():
    from archive.lib.segmentation.keywords import LONGEST_COUNTED_WORD, counted_words

    run = "x" * (LONGEST_COUNTED_WORD + 1)
    assert counted_words([(run, 0, len(run)), ("法院", 0, 2)]) == {"法院"}
