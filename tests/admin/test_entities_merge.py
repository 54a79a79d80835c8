"""Merging duplicates moves everything to the survivor, and the next import
of the pages that printed the merged names finds the survivor."""

import shutil

import pytest

from archive.importer import import_file
from archive.merging import merge_events, merge_organisations, merge_people
from archive.models import (
    Byline,
    Event,
    Mention,
    Organisation,
    OrganisationAlias,
    Participant,
    Person,
    PersonAlias,
    Position,
)

PEACE = "001_e793ffdc905f98c5.txt"  # 王成 and 王成国 both attend; 浙江日报 credits its reporters
SAFETY = "002_541a4b56de37f9e2.txt"  # a forum named at length in a caption

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(tmp_path, seeds_dir):
    paths = {}
    for name in (PEACE, SAFETY):
        paths[name] = tmp_path / name
        shutil.copy(seeds_dir / name, paths[name])
        import_file(paths[name])
    return paths


def reimport(path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n", encoding="utf-8")  # new bytes, same page
    import_file(path)


def test_merging_people_moves_everything(pages):
    survivor, other = Person.objects.get(name="王成国"), Person.objects.get(name="王成")
    mentions = set(other.mentions.values_list("pk", flat=True))
    other_alias = PersonAlias.objects.create(person=other, name="王 成")
    merge_people(survivor, [other])
    assert not Person.objects.filter(name="王成").exists()
    assert set(survivor.mentions.values_list("pk", flat=True)) >= mentions
    assert set(survivor.aliases.values_list("name", flat=True)) == {"王成", "王 成"}
    assert PersonAlias.objects.get(pk=other_alias.pk).person == survivor
    assert Position.objects.filter(person=survivor, title="省委副书记").exists()
    roles = set(Participant.objects.filter(person=survivor).values_list("event__name", "role"))
    assert ("全省建设更高水平平安浙江工作会议", "出席") in roles
    assert ("全省建设更高水平平安浙江工作会议", "参加") in roles
    assert not Person.objects.get(pk=survivor.pk).needs_review
    assert Person.history.filter(name="王成", history_type="-").exists()


def test_a_reimport_maps_a_merged_name_to_the_survivor(pages):
    survivor, other = Person.objects.get(name="王成国"), Person.objects.get(name="王成")
    merge_people(survivor, [other])
    mentions = Mention.objects.filter(person=survivor).count()
    reimport(pages[PEACE])
    assert not Person.objects.filter(name="王成").exists()
    assert Mention.objects.filter(person=survivor).count() == mentions
    assert Mention.objects.filter(person=survivor, text="王成").exists()


def test_merging_bylined_people_moves_their_bylines(pages):
    survivor, other = Person.objects.get(name="余勤"), Person.objects.get(name="陆乐")
    merge_people(survivor, [other])
    assert Byline.objects.filter(person=survivor).count() == 2
    assert list(Mention.objects.filter(person=survivor, start__isnull=True).values_list("text", flat=True)) == [
        "余勤", "陆乐",
    ]


def test_merging_organisations_moves_mentions_positions_and_children(pages):
    survivor = Organisation.objects.create(name="中共浙江省委", kind="party")
    other = Organisation.objects.get(name="浙江省委")
    children = set(other.children.values_list("pk", flat=True))
    assert children
    positions = set(other.positions.values_list("pk", flat=True))
    merge_organisations(survivor, [other])
    assert set(survivor.children.values_list("pk", flat=True)) == children
    assert set(survivor.positions.values_list("pk", flat=True)) == positions
    assert set(survivor.aliases.values_list("name", flat=True)) == {"浙江省委", "省委"}
    reimport(pages[PEACE])
    assert not Organisation.objects.filter(name="浙江省委").exists()
    assert Mention.objects.filter(organisation=survivor, text="省委").exists()


def test_merged_aliases_stay_unique(pages):
    survivor = Organisation.objects.get(name="浙江省公安厅")
    duplicate = Organisation.objects.create(name="浙江省公安厅（重复）")
    OrganisationAlias.objects.create(organisation=duplicate, name="浙江公安厅")
    merge_organisations(survivor, [duplicate])
    assert sorted(survivor.aliases.values_list("name", flat=True)) == ["浙江公安厅", "浙江省公安厅（重复）", "省公安厅"]


def test_merging_events_and_reimporting(pages):
    forum = Event.objects.get(name="第二届良渚论坛中外音乐家对话分论坛")
    survivor = Event.objects.create(name="第二届良渚论坛", kind="forum")
    Participant.objects.create(event=forum, person=Person.objects.get(name="孟欣"), role="出席")
    Participant.objects.create(event=survivor, person=Person.objects.get(name="孟欣"), role="出席")
    merge_events(survivor, [forum])
    assert not Event.objects.filter(pk=forum.pk).exists()
    assert list(survivor.participants.values_list("person__name", "role")) == [("孟欣", "出席")]
    reimport(pages[SAFETY])
    assert not Event.objects.filter(name="第二届良渚论坛中外音乐家对话分论坛").exists()
    assert survivor.mentions.count() == 1


def test_a_mention_twice_at_one_place_keeps_the_curated_one(pages):
    survivor, other = Person.objects.get(name="王成国"), Person.objects.get(name="王成")
    article = Mention.objects.filter(person=other).first().article
    at = Mention.objects.filter(person=other, article=article).first()
    confirmed = Mention.objects.create(
        article=article, person=other, text="王成国", start=at.start, end=at.end, status=Mention.Status.ADDED
    )
    twin = Mention.objects.create(article=article, person=survivor, text="王成国", start=at.start, end=at.end)
    merge_people(survivor, [other])
    assert not Mention.objects.filter(pk=twin.pk).exists()
    assert Mention.objects.get(pk=confirmed.pk).person == survivor
