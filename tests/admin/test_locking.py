"""Two editors saving the same row: the second save is refused, with who
changed it, when, what, a link to the change, and the second editor's input
kept; never a silent overwrite."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from archive.admin import locking as admin_locking
from archive.locking import Conflict, claim
from archive.models import Article, Byline, Issue, LexiconEntry, Person, Segmentation
from tests.admin.forms import form_data


def url(model, view, *args):
    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def first(db, django_user_model):
    return member(django_user_model, "editor1", "编辑")


@pytest.fixture
def second(db, django_user_model):
    return member(django_user_model, "editor2", "编辑")


@pytest.fixture
def article(db):
    issue = Issue.objects.create(
        source_name="locking.txt", source_sha256="0" * 64, source=b"", source_encoding="utf-8"
    )
    article = Article.objects.create(
        issue=issue, position=1, title="平安浙江建设", body="平安浙江建设取得新进展。基层治理不断加强。"
    )
    Byline.objects.create(article=article, person=Person.objects.create(name="谢佳"), role="本报记者")
    return article


def refusal(response):
    """The refusal's text, after checking the form came back unsaved."""
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    return errors[0]


def test_the_second_save_of_an_article_is_refused(article, first, second):
    change = url(Article, "change", article.pk)
    mine, theirs = form_data(first.get(change)), form_data(second.get(change))
    mine["title"] = "平安浙江建设再上台阶"
    theirs["body"] = "第二位编辑的正文。"

    assert first.post(change, mine).status_code == 302
    response = second.post(change, theirs)

    message = refusal(response)
    assert re.search(r"此文章已被 editor1 于 \d\d:\d\d 修改（改动了：标题）", message)
    assert f'<a href="{url(Article, "history", article.pk)}" target="_blank">查看对方的修改</a>' in response.text
    assert "第二位编辑的正文。" in response.text  # what they typed is still there
    article.refresh_from_db()
    assert (article.title, article.body) == ("平安浙江建设再上台阶", "平安浙江建设取得新进展。基层治理不断加强。")
    assert article.version == 2

    # Having seen the other change, saving again is a deliberate overwrite.
    assert second.post(change, form_data(response)).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body, article.version) == ("平安浙江建设", "第二位编辑的正文。", 3)
    assert article.history.first().history_user.username == "editor2"


def test_an_inline_change_is_a_change_of_the_article(article, first, second):
    change = url(Article, "change", article.pk)
    mine, theirs = form_data(first.get(change)), form_data(second.get(change))
    mine["bylines-0-role"] = "通讯员"
    theirs["title"] = "另一个标题"

    assert first.post(change, mine).status_code == 302
    response = second.post(change, theirs)

    assert "此文章已被 editor1" in refusal(response)
    assert Byline.objects.get(article=article).role == "通讯员"
    assert Article.objects.get(pk=article.pk).title == "平安浙江建设"


def test_the_second_save_of_a_person_is_refused(db, first, second):
    person = Person.objects.create(name="王五")
    change = url(Person, "change", person.pk)
    mine, theirs = form_data(first.get(change)), form_data(second.get(change))
    mine["needs_review"] = "on"
    theirs["name"] = "王武"

    assert first.post(change, mine).status_code == 302
    response = second.post(change, theirs)

    assert re.search(r"此人物已被 editor1 于 \d\d:\d\d 修改（改动了：需要复核）", refusal(response))
    person.refresh_from_db()
    assert (person.name, person.needs_review, person.version) == ("王五", True, 2)


def test_the_second_save_of_a_lexicon_entry_is_refused(db, first, second):
    entry = LexiconEntry.objects.create(word="平安浙江", source=LexiconEntry.Source.EDITOR)
    change = url(LexiconEntry, "change", entry.pk)
    mine, theirs = form_data(first.get(change)), form_data(second.get(change))
    mine["part_of_speech"] = "nz"
    theirs["removed"] = "on"

    assert first.post(change, mine).status_code == 302
    response = second.post(change, theirs)

    assert re.search(r"此词条已被 editor1 于 \d\d:\d\d 修改（改动了：词性", refusal(response))
    entry.refresh_from_db()
    assert (entry.part_of_speech, entry.removed, entry.version) == ("nz", False, 2)


def test_the_second_correction_of_a_segmentation_is_refused(article, first, second):
    page = reverse("admin:archive_article_segmentation", args=[article.pk])
    mine, theirs = (client.get(page).context["form"].initial for client in (first, second))
    assert "平安 浙江" in mine["segmented"]
    merged = {**mine, "segmented": mine["segmented"].replace("平安 浙江", "平安浙江")}
    split = theirs["segmented"].replace("基层", "基 层", 1)

    assert first.post(page, merged).status_code == 302
    response = second.post(page, {**theirs, "segmented": split})

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert re.search(r"这篇文章的分词已被 editor1 于 \d\d:\d\d 校正", errors[0])
    assert f'<a href="{page}" target="_blank">查看当前的分词</a>' in response.text
    assert "基 层" in response.context["form"]["segmented"].value()
    stored = Segmentation.objects.get(article=article)
    assert stored.edited_by.username == "editor1"
    assert not LexiconEntry.objects.filter(word="基层", removed=True).exists()

    # Saving again, after the refusal, is the second editor's deliberate choice.
    again = {"segmented": response.context["form"]["segmented"].value(),
             "loaded": response.context["form"]["loaded"].value()}
    assert second.post(page, again).status_code == 302
    assert Segmentation.objects.get(article=article).edited_by.username == "editor2"


def test_a_revert_from_the_history_is_a_save_and_respects_the_lock(article, first, second):
    change = url(Article, "change", article.pk)
    data = form_data(first.get(change))
    data["title"] = "改过的标题"
    assert first.post(change, data).status_code == 302
    original = article.history.earliest("history_date")
    revert = url(Article, "simple_history", article.pk, original.history_id)

    reverting = form_data(first.get(revert))
    data = form_data(second.get(change))
    data["body"] = "第二位编辑的正文。"
    assert second.post(change, data).status_code == 302
    response = first.post(revert, reverting)

    assert "此文章已被 editor2" in refusal(response)
    article.refresh_from_db()
    assert (article.title, article.body) == ("改过的标题", "第二位编辑的正文。")

    # Without a save in between, the revert goes through as a new version.
    assert first.post(revert, form_data(first.get(revert))).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body, article.version) == ("平安浙江建设", "平安浙江建设取得新进展。基层治理不断加强。", 4)


def test_publishing_is_a_new_version_an_open_form_does_not_overwrite(article, first, django_user_model):
    reviewer = member(django_user_model, "reviewer", "审校")
    change = url(Article, "change", article.pk)
    data = form_data(first.get(change))
    data["title"] = "编辑改的标题"

    reviewer.post(url(Article, "changelist"), {"action": "withdraw", ACTION_CHECKBOX_NAME: [article.pk]})
    response = first.post(change, data)

    assert "此文章已被 reviewer" in refusal(response)
    article.refresh_from_db()
    assert (article.published, article.version) == (False, 2)


def test_marking_people_reviewed_is_a_new_version(db, first, second):
    person = Person.objects.create(name="王五", needs_review=True)
    change = url(Person, "change", person.pk)
    data = form_data(first.get(change))
    data["name"] = "王武"

    second.post(url(Person, "changelist"), {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [person.pk]})
    response = first.post(change, data)

    assert "此人物已被 editor2" in refusal(response)
    person.refresh_from_db()
    assert (person.name, person.needs_review, person.version) == ("王五", False, 2)
    assert person.history.first().version == 2


def test_a_save_slipping_in_after_the_forms_check_is_still_refused(article, first, second, monkeypatch):
    """The form's check reads the version; the save's conditional UPDATE is
    what holds. Here the check is made to miss the other save once."""
    change = url(Article, "change", article.pk)
    theirs = form_data(second.get(change))
    theirs["title"] = "第二位编辑的标题"
    data = form_data(first.get(change))
    data["title"] = "第一位编辑的标题"
    assert first.post(change, data).status_code == 302

    checks = []
    real = admin_locking.current_version

    def stale_once(model, pk):
        checks.append(pk)
        return 1 if len(checks) == 1 else real(model, pk)

    monkeypatch.setattr(admin_locking, "current_version", stale_once)
    response = second.post(change, theirs)

    assert len(checks) == 2  # the view ran again after the refused claim
    assert "此文章已被 editor1" in refusal(response)
    assert Article.objects.get(pk=article.pk).title == "第一位编辑的标题"


def test_claim_refuses_a_row_saved_since(article):
    stale = Article.objects.get(pk=article.pk)
    Article.objects.get(pk=article.pk).save()
    with pytest.raises(Conflict):
        claim(stale, stale.version)
    fresh = Article.objects.get(pk=article.pk)
    claim(fresh, fresh.version)
    fresh.save()
    assert Article.objects.get(pk=article.pk).version == 3
