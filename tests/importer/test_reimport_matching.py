"""Re-importing a changed page pairs its articles with the rows already
there by what they say (headline, text, credits), not by their place on the
page: an item inserted above, one taken out, two swapped or one retitled
leave every editor's change with its own article, and what cannot be paired
surely is flagged for an editor instead of guessed."""

import pytest

from archive.importer import import_file
from archive.models import Article, ArticleTag, Tag

pytestmark = pytest.mark.django_db

MASTHEAD = ["浙江法治报", "2024年7月25日 星期四"]
FLOOD = ("嘉善部署防汛工作", "本报记者 钱塘", "本报讯 嘉善县召开防汛工作会议,部署汛期各项准备,要求各镇街落实值班制度。")
DRUGS = ("海宁开展禁毒宣传", "通讯员 沈西湖", "本报讯 海宁市开展禁毒宣传活动,志愿者走进社区讲解毒品危害。")
FRAUD = ("桐乡警方破获电诈案", "本报记者 吴山", "本报讯 桐乡市公安局破获一起电信诈骗案,抓获犯罪嫌疑人五名。")
SCHOOL = ("德清校园安全检查", "通讯员 孤山", "本报讯 德清县开展校园安全检查,排查隐患二十余处。")


def page(*articles):
    return "\n\n".join([*MASTHEAD, *(line for article in articles for line in article)])


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "page.txt"

    def write(*articles):
        path.write_text(page(*articles), encoding="utf-8")
        return import_file(path)

    return write


def row(title_start):
    return Article.objects.get(title__startswith=title_start)


def edit_body(article, body):
    article.body = body
    article.save()


def tag(article, name):
    ArticleTag.objects.create(article=article, tag=Tag.objects.create(name=name, slug=name))


def test_an_item_inserted_above_and_a_retitle_leave_edits_with_their_article(source):
    source(FLOOD, DRUGS, FRAUD)
    flood = row("嘉善")
    edit_body(flood, "嘉善县召开防汛工作会议。（编辑改过）")
    tag(flood, "防汛")

    retitled = ("嘉善全面部署防汛备汛工作", *FLOOD[1:])
    source(SCHOOL, retitled, DRUGS, FRAUD)

    flood.refresh_from_db()
    assert flood.title == "嘉善全面部署防汛备汛工作"  # the new headline, on its own article
    assert flood.body == "嘉善县召开防汛工作会议。（编辑改过）"
    assert flood.position == 2
    assert list(flood.tags.values_list("name", flat=True)) == ["防汛"]
    school = row("德清")
    assert school.body.startswith("德清县开展校园安全检查") and not school.tags.exists()
    assert Article.objects.count() == 4
    for article in Article.objects.all():  # no headline over another article's text
        assert article.title[:2] in article.body


def test_a_deleted_and_a_reordered_item(source):
    source(FLOOD, DRUGS, FRAUD)
    drugs = row("海宁")
    edit_body(drugs, "海宁市开展禁毒宣传活动。（编辑改过）")
    fraud_pk = row("桐乡").pk

    source(FRAUD, DRUGS)  # the flood item is gone, the fraud item moved up

    assert sorted(Article.objects.values_list("title", flat=True)) == sorted([FRAUD[0], DRUGS[0]])
    drugs.refresh_from_db()
    assert (drugs.position, drugs.body) == (2, "海宁市开展禁毒宣传活动。（编辑改过）")
    assert row("桐乡").pk == fraud_pk  # the same row, at its new place
    assert row("桐乡").position == 1


def test_a_swap_of_two_items_moves_each_with_its_edits(source):
    source(FLOOD, DRUGS)
    flood, drugs = row("嘉善"), row("海宁")
    tag(flood, "防汛")
    tag(drugs, "禁毒")
    source(DRUGS, FLOOD)
    flood.refresh_from_db()
    drugs.refresh_from_db()
    assert (flood.position, drugs.position) == (2, 1)
    assert list(flood.tags.values_list("name", flat=True)) == ["防汛"]


def test_an_edited_item_that_cannot_be_paired_surely_is_flagged_not_guessed(source):
    source(FLOOD, DRUGS)
    flood = row("嘉善")
    edit_body(flood, "嘉善县召开防汛工作会议。（编辑改过）")

    # The item split in two, each as like it as the other: neither is sure.
    storm = (
        "嘉善部署防汛抗台工作",
        "本报记者 钱塘",
        "本报讯 嘉善县召开防汛抗台会议,要求各镇街落实巡查责任,确保安全度汛。",
    )
    duty = ("嘉善落实防汛值班", "本报记者 钱塘", "本报讯 嘉善县要求各镇街落实值班制度,部署汛期各项准备。")
    outcome = source(storm, duty, DRUGS)

    flood.refresh_from_db()
    assert (flood.title, flood.body) == ("嘉善部署防汛工作", "嘉善县召开防汛工作会议。（编辑改过）")
    assert any("不能确定是同一篇" in warning for warning in flood.warnings)
    assert any("不能确定是同一篇" in note for note in outcome.notes)
    for title in (storm[0], duty[0]):
        new = Article.objects.get(title=title)
        assert new.pk != flood.pk and "编辑改过" not in new.body
    assert any("嘉善部署防汛工作" in w for w in Article.objects.get(title=duty[0]).warnings)
    assert row("海宁").title == DRUGS[0]


def test_an_unedited_item_that_cannot_be_paired_is_replaced(source):
    source(FLOOD, DRUGS)
    reworked = ("嘉善防汛会议召开", "本报记者 吴山", "本报讯 嘉善县召开会议,部署汛期准备。")
    outcome = source(reworked, DRUGS)
    assert sorted(Article.objects.values_list("title", flat=True)) == sorted([reworked[0], DRUGS[0]])
    assert not outcome.notes
