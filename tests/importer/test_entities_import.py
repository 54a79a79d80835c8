"""The import's extraction step: entities found or created, mentions
replaced on re-import without undoing what editors curated."""

import datetime
import importlib
import shutil

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from archive.importer import import_file
from archive.importer.mentions import record_mentions
from archive.models import (
    Article,
    Event,
    Issue,
    LexiconEntry,
    Mention,
    Organisation,
    OrganisationAlias,
    Participant,
    Person,
    PersonAlias,
    Position,
)
from tests.factories import make_article, make_issue
from tests.importer.conftest import SEED, rewrite

# The same page two weeks later, as its masthead would print it.
LATER = (("六月二十", "七月初四"), ("星期四", "星期三"), ("2024年7月", "2024年8月"))

pytestmark = pytest.mark.django_db






def meeting_article():
    return Article.objects.get(title="高效统筹谋划 靠前协调督导")


def mentions_of(article, **entity):
    return list(Mention.objects.filter(article=article, **entity).order_by(F("start").asc(nulls_first=True)))


def test_every_mention_spells_its_text(imported_seeds):
    assert Mention.objects.count() > 150
    for article in Article.objects.prefetch_related("mentions"):
        text = article.text()
        for mention in article.mentions.all():
            if mention.start is not None:
                assert text[mention.start:mention.end] == mention.text
    bylines = Mention.objects.filter(start__isnull=True, person__isnull=False)
    assert {(m.text, m.role) for m in bylines} >= {("王乃召", "本报记者"), ("陈海伟", "通讯员")}


def test_entities_are_shared_across_issues(imported_seeds):
    wang = Person.objects.get(name="王成国")
    assert wang.mentions.values("article__issue").distinct().count() == 3
    assert Person.objects.filter(name="王成国").count() == 1
    police = Organisation.objects.get(name="浙江省公安厅")
    assert police.mentions.values("article__issue").distinct().count() == 4
    assert list(police.aliases.values_list("name", flat=True)) == ["省公安厅"]
    # Context-bound forms are never aliases: 区综治中心 is another body in every district.
    assert not OrganisationAlias.objects.filter(name__in=["区综治中心", "政法委", "市委政法委"]).exists()


def test_positions_participants_and_review_flags(imported_seeds):
    position = Position.objects.select_related("organisation").get(person__name="卫中强")
    assert position.title == "省委政法委常务副书记、省平安办主任"
    assert position.organisation.name == "浙江省平安办"
    assert position.first_seen == position.last_seen == datetime.date(2024, 7, 25)
    assert position.first_issue.source_name == SEED
    meeting = Event.objects.get(name="2024年度省委建设平安浙江领导小组办公室第二次主任会议")
    assert meeting.start_date == datetime.date(2024, 7, 24)
    assert not meeting.needs_review
    assert set(meeting.participants.values_list("person__name", "role")) == {("卫中强", "主持"), ("卫中强", "讲话")}
    undated = Event.objects.get(name="全省建设更高水平平安浙江工作会议")
    assert (undated.start_date, undated.date_text, undated.needs_review) == (None, "11日下午", True)
    assert Person.objects.get(name="吕晓飞").needs_review
    assert not Person.objects.get(name="陈春雷").needs_review
    assert Organisation.objects.get(name="湖州市毒情监测预警中心").needs_review  # kind unknown


def test_names_are_taught_to_the_lexicon(imported_seeds):
    taught = set(LexiconEntry.objects.filter(source=LexiconEntry.Source.ENTITY).values_list("word", "part_of_speech"))
    assert {("陈春雷", "nr"), ("杨青玖", "nr"), ("省公安厅", "nt"), ("浙江省公安厅", "nt")} <= taught
    # Names left for review are names the archive shows: they stay one token too.
    assert {word for word, _ in taught} >= {"吕晓飞", "湖州市毒情监测预警中心"}


def test_dry_run_writes_no_entities(page):
    import_file(page, dry_run=True)
    assert not Person.objects.exists()
    assert not Mention.objects.exists()
    assert not Person.history.exists()


def test_a_later_issue_widens_the_positions_it_prints(page, tmp_path):
    import_file(page)
    later = tmp_path / "later.txt"
    shutil.copy(page, later)
    rewrite(later, *LATER)
    import_file(later)
    position = Position.objects.get(person__name="卫中强")
    assert (position.first_seen, position.last_seen) == (datetime.date(2024, 7, 25), datetime.date(2024, 8, 7))
    assert (position.first_issue.source_name, position.last_issue.source_name) == (SEED, "later.txt")
    # Both issues report the meeting of 7月24日: one event, mentioned twice.
    meeting = Event.objects.get(name="2024年长三角区域警务一体化领导小组会议")
    assert meeting.mentions.values("article__issue").distinct().count() == 2


def test_reimport_replaces_automatic_mentions(page):
    import_file(page)
    article = meeting_article()
    rewrite(page, ("卫中强主持会议并讲话", "卫中华主持会议并讲话"))
    import_file(page)
    assert [m.text for m in mentions_of(article, person__isnull=False)] == ["王乃召", "王志浩", "卫中华"]
    assert Person.objects.filter(name="卫中强").exists()  # entities are only ever added
    assert not Mention.objects.filter(person__name="卫中强").exists()


def test_reimport_of_unchanged_text_writes_no_mentions(page):
    import_file(page)
    issue = Issue.objects.get()
    before = list(Mention.objects.order_by("pk").values_list("pk", flat=True))
    history = Mention.history.count()
    record_mentions(issue)
    assert list(Mention.objects.order_by("pk").values_list("pk", flat=True)) == before
    assert Mention.history.count() == history


def test_a_rejected_mention_stays_rejected(page):
    import_file(page)
    article = meeting_article()
    wrong = mentions_of(article, organisation__name="浙江省委常委会")[0]
    wrong.status = Mention.Status.REJECTED
    wrong.save()
    # An edit above the mention shifts every offset after it.
    rewrite(page, ("深入学习贯彻党的二十届三中全会精神", "深入学习贯彻落实党的二十届三中全会精神"))
    import_file(page)
    found = mentions_of(article, organisation__name="浙江省委常委会")
    assert [(m.pk, m.status) for m in found] == [(wrong.pk, Mention.Status.REJECTED)]
    assert Article.objects.get(pk=article.pk).text().count("省委常委会") == 1


def test_an_added_mention_is_kept_and_not_doubled(page):
    import_file(page)
    article = meeting_article()
    text = article.text()
    start = text.index("平安浙江建设20周年大会")
    added = Mention.objects.create(
        article=article,
        event=Event.objects.create(name="平安浙江建设20周年大会"),
        text="平安浙江建设20周年大会",
        start=start,
        end=start + len("平安浙江建设20周年大会"),
        status=Mention.Status.ADDED,
    )
    # The editor also confirmed an automatic mention the extraction finds again.
    confirmed = mentions_of(article, person__name="卫中强")[0]
    confirmed.status = Mention.Status.ADDED
    confirmed.save()
    rewrite(page, ("第7047期", "第7048期"))
    import_file(page)
    assert Mention.objects.get(pk=added.pk).status == Mention.Status.ADDED
    assert [(m.pk, m.status) for m in mentions_of(article, person__name="卫中强")] == [
        (confirmed.pk, Mention.Status.ADDED)
    ]


def test_what_an_editor_deleted_is_not_added_again(page, admin_user):
    import_file(page)
    article = meeting_article()
    for row in (
        Participant.objects.get(person__name="卫中强", role="主持"),
        Position.objects.get(person__name="卫中强"),
        OrganisationAlias.objects.get(name="省公安厅"),
        Event.objects.get(name="2024年长三角区域警务一体化领导小组会议"),
        Person.objects.get(name="习近平"),
    ):
        row._history_user = admin_user
        row.delete()
    # A row the importer itself removed is no editor's decision.
    Organisation.objects.get(name="浙江省司法厅").delete()
    rewrite(page, ("第7047期", "第7048期"))
    import_file(page)
    assert list(Participant.objects.filter(person__name="卫中强").values_list("role", flat=True)) == ["讲话"]
    assert not Position.objects.filter(person__name="卫中强").exists()
    assert not OrganisationAlias.objects.filter(name="省公安厅").exists()
    assert not Event.objects.filter(name="2024年长三角区域警务一体化领导小组会议").exists()
    assert not Person.objects.filter(name="习近平").exists()
    assert Organisation.objects.filter(name="浙江省司法厅").exists()
    assert mentions_of(article, person__name="卫中强")


def test_an_alias_maps_a_name_to_its_person(page):
    survivor = Person.objects.create(name="卫中强同志")
    PersonAlias.objects.create(person=survivor, name="卫中强")
    import_file(page)
    assert not Person.objects.filter(name="卫中强").exists()
    assert Mention.objects.filter(person=survivor, text="卫中强").count() == 1
    assert Position.objects.get(title="省委政法委常务副书记、省平安办主任").person == survivor
    assert Participant.objects.filter(person=survivor).count() == 2




def test_queries_do_not_grow_with_articles_or_mentions(monkeypatch):
    # What the lexicon then does with the new names is its own business
    # (it segments again the articles containing them).
    taught = []
    monkeypatch.setattr("archive.importer.mentions.learn", lambda words, source: taught.extend(words))
    paragraphs = [
        f"2024年度第{n}次主任会议召开。省委政法委常务副书记、省平安办主任卫中强主持会议并讲话,"
        f"省公安厅、省司法厅、省教育厅、省应急管理厅、省消防救援总队等{n}家单位作汇报交流。"
        for n in range(1, 13)
    ]
    small, large = make_issue("small.txt"), make_issue("large.txt")
    for issue, bodies in ((small, paragraphs[:2]), (large, paragraphs)):
        for body in bodies:
            make_article(issue, body=body)
    counts = []
    for issue in (small, large):
        with CaptureQueriesContext(connection) as queries:
            record_mentions(issue)
        counts.append(len(queries))
    # First pass: creating rows. SQLite takes at most 999 values a query, so
    # many mentions are inserted in a few batches; never a query per mention.
    assert counts[1] <= counts[0] + 4 < 40
    assert Mention.objects.filter(article__issue=large).count() > 100
    assert ("卫中强", "nr") in taught
    again = []
    for issue in (small, large):
        with CaptureQueriesContext(connection) as queries:
            record_mentions(issue)
        again.append(len(queries))
    assert again[0] == again[1] <= 15


def test_the_masthead_outlets_are_named_by_the_papers_own_stories_and_stay_on_extracting_again(tmp_path):
    path = tmp_path / "masthead.txt"
    path.write_text(
        "浙江法治报\n\n2024年3月12日 星期二\n\n"
        "新闻热线:0571-12345678 | 第1234期 今日8版 | 某某平安网:www.example.cn\n\n"
        "某地开展夜间巡查\n\n本报记者 张明远\n\n本报讯 昨天晚上,民警在街头巡查。\n\n"
        "外地来信\n\n记者 李青\n\n某某晚报讯 前天,一封信寄到了。\n",
        encoding="utf-8",
    )
    import_file(path)
    own, other = Article.objects.order_by("position")
    named = {m.text for m in mentions_of(own, organisation__isnull=False)}
    assert named == {"浙江法治报", "某某平安网"}
    assert not mentions_of(other, organisation__name="浙江法治报")
    record_mentions(own.issue)
    assert {m.text for m in mentions_of(own, organisation__isnull=False)} == named


@pytest.mark.parametrize(
    "model, extracted",
    [(Event, "archive.lib.extraction.events"), (Organisation, "archive.lib.extraction.organisations")],
)
def test_every_kind_the_extractor_gives_is_a_choice_of_the_model(model, extracted):
    # A kind without a choice is stored by the import but refused by the
    # admin's form and by a spreadsheet's validation: an inspection (调研)
    # once was, and its event could not be edited or round-tripped.
    kinds = importlib.import_module(extracted).KINDS
    assert set(kinds) <= {value for value, _ in model._meta.get_field("kind").choices}
