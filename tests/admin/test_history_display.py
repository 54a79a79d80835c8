"""History pages as editors read them: each version's changes in Chinese
with the reason, a long text's change shown in place (not "[910 chars]"),
and an article's page listing the changes of its credits, mentions, tags and
segmentation too."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from archive.admin.history import text_diff
from archive.lib.segmentation import spaced
from archive.models import Article, Mention
from archive.segmentations import save_correction, tokens_of
from tests.admin.forms import form_data

pytestmark = pytest.mark.django_db

FIRST_TITLE = "全省校园安全工作现场会暨校园安全协同共治体系建设推进会召开"


def history(client, article):
    return client.get(reverse("admin:archive_article_history", args=[article.pk])).content.decode()


def test_a_body_edit_is_shown_in_place_with_who_and_why(imported_seeds, admin_client):
    article = Article.objects.get(title=FIRST_TITLE)
    change = reverse("admin:archive_article_change", args=[article.pk])
    data = form_data(admin_client.get(change))
    assert len(data["body"]) > 500
    data["body"] = data["body"].replace("校园安全", "校园平安", 1)
    assert admin_client.post(change, data).status_code == 302

    page = history(admin_client, article)

    assert "全省校园<del>安全</del><ins>平安</ins>工作现场会" in page
    assert "字未改" in page  # the unchanged stretches are shortened, the change kept whole
    assert "chars]" not in page
    assert "<strong>正文：</strong>" in page
    assert "编辑修改" in page and "admin" in page  # who, and that it was their own edit
    assert "系统（导入、识别等）" in page and "导入" in page  # the import's version
    for english in ("None", "CHANGES", "Changes", "Changed by", "Object"):
        assert english not in re.sub(r"<[^>]+>", " ", page.split('id="content-main"')[1]), english


def test_short_values_read_as_words(imported_seeds, admin_client):
    article = Article.objects.get(title=FIRST_TITLE)
    admin_client.post(
        reverse("admin:archive_article_changelist"),
        {"action": "withdraw", ACTION_CHECKBOX_NAME: [article.pk]},
    )
    page = history(admin_client, article)
    assert "<strong>公开：</strong>是&nbsp;→&nbsp;否" in page
    assert "撤下" in page  # the change's reason


def test_the_article_history_lists_mention_credit_and_segmentation_changes(imported_seeds, admin_client, admin_user):
    article = Article.objects.get(title=FIRST_TITLE)
    mention = Mention.objects.filter(article=article).first()
    admin_client.post(
        reverse("admin:archive_mention_changelist"), {"action": "reject", ACTION_CHECKBOX_NAME: [mention.pk]}
    )
    byline = article.bylines.first()
    byline.role = "本报通讯员"
    byline.save()
    _, tokens = tokens_of(article)
    assert "校园 安全" in spaced(tokens)
    save_correction(article, spaced(tokens).replace("校园 安全", "校园安全", 1), admin_user)

    page = history(admin_client, article)
    related = page.split('id="related-history"')[1]

    assert f"提及：{mention}" in related
    assert "状态：</strong>自动识别&nbsp;→&nbsp;编辑否决" in related
    assert "<strong>身份：</strong>本报记者&nbsp;→&nbsp;本报通讯员" in related
    assert "分词：编辑校正的分词" in related
    assert "导入时识别出的" in related  # what the import made is counted, not listed


def test_text_diff_marks_the_change_and_shortens_what_stayed():
    old = "甲" * 200 + "乙丙丁" + "戊" * 200 + "\n第二段不变。\n"
    new = "甲" * 200 + "乙丁" + "戊" * 200 + "\n第二段不变。\n第三段新加。"
    shown = str(text_diff(old, new))
    assert "<del>丙</del>" in shown
    assert "<ins>第三段新加。</ins>" in shown
    assert "字未改" in shown
    assert len(shown) < len(old)
    assert str(text_diff("<b>", "<i>")) == "&lt;<del>b</del><ins>i</ins>&gt;"
