"""Names resolve through aliases wherever an import meets them: a credit, a
mention, an organisation. A merge is not undone by the next page crediting
the merged-away name, and a renamed person or organisation keeps the old
name as an alias."""

import pytest

from archive.importer import import_file
from archive.merging import merge_people
from archive.models import Byline, Mention, Organisation, OrganisationAlias, Person, PersonAlias
from archive.search import Search, parse_query

pytestmark = pytest.mark.django_db

MASTHEAD = ["浙江法治报", "2024年7月25日 星期四"]


def page(path, title, credit, body):
    path.write_text("\n\n".join([*MASTHEAD, title, credit, body]), encoding="utf-8")
    return import_file(path)


@pytest.fixture
def two_credits(tmp_path):
    """Two pages crediting one reporter under two spellings."""
    page(tmp_path / "a.txt", "嘉善部署防汛工作", "本报记者 钱塘", "本报讯 嘉善县召开防汛工作会议。")
    page(tmp_path / "b.txt", "海宁开展禁毒宣传", "本报记者 钱唐", "本报讯 海宁市开展禁毒宣传活动。")
    return tmp_path


def test_a_page_crediting_a_merged_name_credits_the_survivor(two_credits):
    survivor = Person.objects.get(name="钱塘")
    merge_people(survivor, [Person.objects.get(name="钱唐")])

    page(two_credits / "c.txt", "桐乡警方破获电诈案", "本报记者 钱唐", "本报讯 桐乡市公安局破获一起电信诈骗案。")
    page(two_credits / "b.txt", "海宁开展禁毒宣传", "本报记者 钱唐 通讯员 孤山", "本报讯 海宁市开展禁毒宣传活动。")

    assert not Person.objects.filter(name="钱唐").exists()
    assert Byline.objects.filter(person=survivor).count() == 3
    credited = Mention.objects.filter(start__isnull=True, person__isnull=False).exclude(person__name="孤山")
    assert set(credited.values_list("person", flat=True)) == {survivor.pk}
    assert credited.count() == 3
    assert Search(parse_query("钱塘")).count() == 3


def test_a_renamed_person_keeps_the_old_name_as_an_alias(two_credits):
    person = Person.objects.get(name="钱塘")
    person.name = "钱塘江"
    person.save()
    assert list(person.aliases.values_list("name", flat=True)) == ["钱塘"]
    assert Search(parse_query("钱塘江")).count() == 1  # the credits are indexed by name

    page(two_credits / "c.txt", "桐乡警方破获电诈案", "本报记者 钱塘", "本报讯 桐乡市公安局破获一起电信诈骗案。")
    assert not Person.objects.filter(name="钱塘").exists()
    assert Byline.objects.filter(person=person).count() == 2

    # Back to the old name: the alias goes, the other name becomes one.
    person.name = "钱塘"
    person.save()
    assert list(PersonAlias.objects.values_list("name", flat=True)) == ["钱塘江"]


def test_a_renamed_organisation_keeps_the_old_name_as_an_alias(tmp_path):
    page(tmp_path / "a.txt", "桐乡警方破获电诈案", "本报记者 钱塘", "本报讯 省公安厅通报一起电信诈骗案。")
    police = Organisation.objects.get(name="浙江省公安厅")
    police.name = "浙江省公安厅（本部）"
    police.save()
    assert OrganisationAlias.objects.filter(organisation=police, name="浙江省公安厅").exists()

    page(tmp_path / "b.txt", "海宁开展禁毒宣传", "本报记者 钱塘", "本报讯 省公安厅部署禁毒宣传活动。")
    assert Organisation.objects.filter(name__startswith="浙江省公安厅").count() == 1
    assert Mention.objects.filter(organisation=police).count() == 2
