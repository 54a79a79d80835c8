"""Correcting segmentations and keeping the lexicon in the admin."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.models import Article, LexiconEntry, Segmentation
from archive.search import index_articles
from archive.segmentations import tokens_of
from tests.admin.forms import form_data


@pytest.fixture
def archive(imported_seeds):
    """The seeds, imported and in the search index."""
    index_articles(Article.objects.values_list("pk", flat=True))
    return imported_seeds


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def words(article):
    return [word for word, _, _ in tokens_of(Article.objects.get(pk=article.pk))[1]]


def containing(string, *, tokens):
    """Articles whose text contains ``string`` and whose tokens include all of ``tokens``."""
    found = []
    for article in Article.objects.all():
        text, article_tokens = tokens_of(article)
        if string in text and set(tokens) <= {word for word, _, _ in article_tokens}:
            found.append(article)
    return found


def correction_url(article):
    return reverse("admin:archive_article_segmentation", args=[article.pk])


def merged(spaced, first, second):
    """``spaced`` with every separator between the tokens ``first`` and ``second`` removed."""
    pattern = rf"(?<![^ \n]){re.escape(first)} {re.escape(second)}(?![^ \n])"
    result, count = re.subn(pattern, first + second, spaced)
    assert count, f"{first} {second} not in the segmentation"
    return result


def post_correction(client, article, edit):
    page = client.get(correction_url(article))
    initial = page.context["form"].initial
    edited = edit(initial["segmented"])
    return client.post(correction_url(article), {"segmented": edited, "loaded": initial["loaded"]}, follow=True)


def test_the_article_page_links_to_the_correction_page(archive, admin_client):
    article = Article.objects.get(title__startswith="以走在前作示范")
    page = admin_client.get(reverse("admin:archive_article_change", args=[article.pk]))
    assert correction_url(article) in page.text
    assert "校正分词" in page.text


def test_the_correction_page_shows_the_tokens_separated(archive, admin_client):
    article = Article.objects.get(title__startswith="以走在前作示范")
    page = admin_client.get(correction_url(article))
    assert page.status_code == 200
    shown = page.context["form"].initial["segmented"]
    assert shown.split("\n")[0] == " ".join(words(article)[: words(article).index("\n")])
    assert "segmentation.js" in page.text


def test_a_correction_round_trip_teaches_the_lexicon_and_marks_the_article(
    archive, admin_client, admin_user
):
    article = Article.objects.get(title__startswith="以走在前作示范")
    others = containing("平安浙江", tokens=["平安", "浙江"])
    assert article in others and len(others) >= 3

    response = post_correction(admin_client, article, lambda s: merged(s, "平安", "浙江"))

    assert response.status_code == 200
    message = str(list(response.context["messages"])[0])
    assert "词库新增：平安浙江" in message
    assert f"已重新分词 {len(others) - 1} 篇文章" in message
    assert "平安浙江" in words(article)
    segmentation = Segmentation.objects.get(article=article)
    assert segmentation.state == Segmentation.State.EDITOR
    assert segmentation.edited_by == admin_user
    entry = LexiconEntry.objects.get(word="平安浙江")
    assert (entry.source, entry.removed, entry.article) == ("editor", False, article)
    # The page shows the saved segmentation.
    assert "平安浙江" in response.context["form"].initial["segmented"].split()


def test_a_correction_reaches_every_other_article_containing_the_word(archive, admin_client):
    article = Article.objects.get(title__startswith="以走在前作示范")
    others = [a for a in containing("平安浙江", tokens=["平安", "浙江"]) if a != article]

    post_correction(admin_client, article, lambda s: merged(s, "平安", "浙江"))

    for other in others:
        assert "平安浙江" in words(other), other
        assert Segmentation.objects.get(article=other).state == Segmentation.State.AUTO
    entry = LexiconEntry.objects.get(word="平安浙江")
    assert set(entry.resegmented.all()) == set(others)
    entry_page = admin_client.get(reverse("admin:archive_lexiconentry_change", args=[entry.pk]))
    assert f"共 {len(others)} 篇" in entry_page.text
    for other in others:
        assert reverse("admin:archive_article_change", args=[other.pk]) in entry_page.text


def test_a_split_is_learnt_as_a_removal_and_propagates(archive, admin_client):
    holders = containing("习近平总书记", tokens=["习近平", "总书记"])
    article = holders[0]

    def split(spaced):
        result, count = re.subn(r"(?<![^ \n])总书记(?![^ \n])", "总 书记", spaced)
        assert count
        return result

    response = post_correction(admin_client, article, split)

    assert "不再成词：总书记" in str(list(response.context["messages"])[0])
    assert LexiconEntry.objects.get(word="总书记").removed
    for other in holders:
        assert "总书记" not in words(other)


def test_a_hand_corrected_article_is_left_alone(archive, admin_client):
    first, second = containing("平安浙江", tokens=["平安", "浙江"])[:2]
    post_correction(admin_client, second, lambda s: merged(s, "社会", "治理") if "社会 治理" in s else s)
    kept = words(second)
    assert "平安浙江" not in kept

    response = post_correction(admin_client, first, lambda s: merged(s, "平安", "浙江"))

    assert response.status_code == 200
    assert words(second) == kept
    assert Segmentation.objects.get(article=second).state == Segmentation.State.EDITOR
    assert second not in LexiconEntry.objects.get(word="平安浙江").resegmented.all()


def test_changing_the_text_is_refused_with_a_clear_message(archive, admin_client):
    article = Article.objects.get(title__startswith="以走在前作示范")
    before = Segmentation.objects.get(article=article).lengths

    response = post_correction(admin_client, article, lambda s: s.replace("平安", "平平", 1))

    assert response.status_code == 200
    errors = response.context["form"].errors["segmented"]
    assert errors[0].startswith("只能修改分词边界，不能修改文字")
    assert "只能修改分词边界，不能修改文字" in response.text
    assert Segmentation.objects.get(article=article).lengths == before
    assert not LexiconEntry.objects.filter(source="editor").exists()


def test_only_users_who_may_change_articles_correct_them(archive, django_user_model):
    article = Article.objects.first()
    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = Client()
    client.force_login(user)
    assert client.get(correction_url(article)).status_code == 403
    assert client.post(correction_url(article), {"segmented": "x"}).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client = Client()
    client.force_login(user)
    assert client.get(correction_url(article)).status_code == 200


def test_editing_an_articles_text_in_the_admin_segments_it_again(archive, admin_client):
    article = Article.objects.get(title__startswith="以走在前作示范")
    post_correction(admin_client, article, lambda s: merged(s, "平安", "浙江"))
    change = reverse("admin:archive_article_change", args=[article.pk])
    data = form_data(admin_client.get(change))
    data["captions"] = '["新图片说明"]'
    data["title"] = article.title + "（修订）"

    response = admin_client.post(change, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    text, tokens = tokens_of(article)
    segmentation = Segmentation.objects.get(article=article)
    assert segmentation.fits(text) and segmentation.state == Segmentation.State.AUTO
    assert "".join(word for word, _, _ in tokens) == text
    assert "平安浙江" in [word for word, _, _ in tokens]  # the lexicon kept the editor's word


# The lexicon's admin


def import_form_format(client, url, title):
    choices = client.get(url).context["form"].fields["format"].choices
    return next(value for value, label in choices if label.lower() == title.lower())


def import_words(client, upload, name, title):
    url = reverse("admin:archive_lexiconentry_import")
    preview = client.post(
        url,
        {"import_file": SimpleUploadedFile(name, upload), "format": import_form_format(client, url, title)},
    )
    assert preview.status_code == 200
    assert "confirm_form" in preview.context, preview.context.get("result")
    return client.post(
        reverse("admin:archive_lexiconentry_process_import"),
        preview.context["confirm_form"].initial,
        follow=True,
    )


def export_words(client, title):
    url = reverse("admin:archive_lexiconentry_export")
    choices = client.get(url).context["form"].fields["format"].choices
    chosen = next(value for value, label in choices if label.lower() == title.lower())
    response = client.post(url, {"format": chosen, "resource": 0, **{
        f"lexiconentryresource_{name}": "on"
        for name in ("word", "frequency", "part_of_speech", "removed", "source")
    }})
    assert response.status_code == 200
    return response.content


def test_importing_a_word_list_resegments_the_archive(archive, admin_client, media_root):
    assert containing("枫桥经验", tokens=["枫桥", "经验"])
    upload = "word,part_of_speech\n枫桥经验,nz\n基层治理,n\n".encode()

    done = import_words(admin_client, upload, "words.csv", "csv")

    messages = [str(m) for m in done.context["messages"]]
    assert any(m.startswith("已重新分词 ") for m in messages), messages
    assert not containing("枫桥经验", tokens=["枫桥", "经验"])
    entry = LexiconEntry.objects.get(word="枫桥经验")
    assert (entry.source, entry.part_of_speech, entry.removed) == ("import", "nz", False)
    assert entry.resegmented.count() == len(containing("枫桥经验", tokens=["枫桥经验"]))


def test_an_imported_word_the_tokenizer_cannot_learn_is_refused(archive, admin_client, media_root):
    url = reverse("admin:archive_lexiconentry_import")
    preview = admin_client.post(
        url,
        {
            "import_file": SimpleUploadedFile("words.csv", "word\n平安 浙江\n".encode()),
            "format": import_form_format(admin_client, url, "csv"),
        },
    )
    assert "不能含空格或标点" in preview.text
    assert not LexiconEntry.objects.filter(word="平安 浙江").exists()


@pytest.mark.parametrize(
    "title, name", [("csv", "words.csv"), ("xlsx", "words.xlsx"), ("jieba 词典", "words.txt")]
)
def test_the_lexicon_round_trips_through_export_and_import(
    archive, admin_client, media_root, title, name
):
    LexiconEntry.objects.all().delete()
    LexiconEntry.objects.bulk_create(
        [
            LexiconEntry(word="平安浙江", source="editor"),
            LexiconEntry(word="陈春雷", part_of_speech="nr", source="entity"),
            LexiconEntry(word="警源治理", frequency=300, part_of_speech="n", source="import"),
            LexiconEntry(word="总书记", removed=True, source="editor"),
        ]
    )
    fields = ("word", "frequency", "part_of_speech", "removed")
    before = sorted(LexiconEntry.objects.values_list(*fields))
    exported = export_words(admin_client, title)
    LexiconEntry.objects.all().delete()

    import_words(admin_client, exported, name, title)

    assert sorted(LexiconEntry.objects.values_list(*fields)) == before


def test_the_jieba_export_is_a_user_dictionary_jieba_loads(archive, admin_client, tmp_path):
    import jieba

    LexiconEntry.objects.all().delete()
    LexiconEntry.objects.bulk_create(
        [
            LexiconEntry(word="陈春雷", part_of_speech="nr", source="entity"),
            LexiconEntry(word="警源治理", frequency=300, part_of_speech="n", source="import"),
            LexiconEntry(word="党组书记", removed=True, source="editor"),
        ]
    )
    exported = export_words(admin_client, "jieba 词典").decode()
    assert exported.splitlines() == ["党组书记 0", "警源治理 300 n", "陈春雷 nr"]
    path = tmp_path / "user.txt"
    path.write_text(exported, encoding="utf-8")
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path)
    tokenizer.load_userdict(str(path))
    assert tokenizer.FREQ["警源治理"] == 300
    assert tokenizer.FREQ["党组书记"] == 0


@pytest.mark.parametrize(
    "view", ["changelist", "add", "import", "export"]
)
def test_the_lexicon_and_tag_pages_render(archive, admin_client, view):
    for model in ("lexiconentry", "tag"):
        if model == "tag" and view in ("import", "export"):
            continue
        assert admin_client.get(reverse(f"admin:archive_{model}_{view}")).status_code == 200


def test_editing_an_entry_in_the_admin_resegments_the_articles_containing_it(
    archive, admin_client
):
    holders = containing("枫桥经验", tokens=["枫桥", "经验"])
    response = admin_client.post(
        reverse("admin:archive_lexiconentry_add"),
        {"word": "枫桥经验", "frequency": "", "part_of_speech": "nz", "source": "editor"},
        follow=True,
    )
    assert f"已重新分词 {len(holders)} 篇文章" in response.text
    assert all("枫桥经验" in words(article) for article in holders)

    entry = LexiconEntry.objects.get(word="枫桥经验")
    response = admin_client.post(
        reverse("admin:archive_lexiconentry_delete", args=[entry.pk]), {"post": "yes"}, follow=True
    )
    assert f"已重新分词 {len(holders)} 篇文章" in response.text
    assert all("枫桥经验" not in words(article) for article in holders)
