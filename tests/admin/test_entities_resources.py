"""People, organisations and events through spreadsheets: rows are known by
their names (events by name and start date), never by database ids."""

import datetime

import pytest
import tablib

from archive.models import Event, Organisation, OrganisationAlias, Person, PersonAlias
from archive.resources import EventResource, OrganisationResource, PersonResource

pytestmark = pytest.mark.django_db


def test_exports_carry_names_not_ids(imported_seeds):
    people = PersonResource().export()
    assert people.headers == ["姓名", "别名", "需要复核"]
    organisations = OrganisationResource().export()
    assert organisations.headers == ["规范名称", "别名", "类别", "上级机构", "需要复核"]
    row = organisations.dict[organisations["规范名称"].index("绍兴市公安局越城区分局")]
    assert row["上级机构"] == "绍兴市公安局"
    police = organisations.dict[organisations["规范名称"].index("浙江省公安厅")]
    assert police["别名"] == "省公安厅"
    events = EventResource().export()
    assert "编号" not in events.headers
    meeting = events.dict[events["名称"].index("2024年度省委建设平安浙江领导小组办公室第二次主任会议")]
    assert meeting["开始日期"] == "2024-07-24"
    assert meeting["参与者"] == "卫中强（主持）、卫中强（讲话）"


def roundtrip(resource, dataset):
    result = resource.import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    return result


def test_round_trip_into_an_empty_archive(imported_seeds):
    people = PersonResource().export()
    organisations = OrganisationResource().export()
    events = EventResource().export()
    snapshot = (
        sorted(Person.objects.values_list("name", "needs_review")),
        sorted(PersonAlias.objects.values_list("person__name", "name")),
        sorted(Organisation.objects.values_list("name", "kind", "parent__name", "needs_review")),
        sorted(OrganisationAlias.objects.values_list("organisation__name", "name")),
        sorted(Event.objects.values_list("name", "kind", "date_text", "start_date", "end_date", "place")),
    )
    PersonAlias.objects.create(person=Person.objects.get(name="王成国"), name="王成国同志")
    for model in (Event, Organisation):
        model.objects.all().delete()

    roundtrip(PersonResource(), people)
    roundtrip(OrganisationResource(), organisations)  # parents come first
    roundtrip(EventResource(), events)

    assert (
        sorted(Person.objects.values_list("name", "needs_review")),
        sorted(PersonAlias.objects.values_list("person__name", "name")),
        sorted(Organisation.objects.values_list("name", "kind", "parent__name", "needs_review")),
        sorted(OrganisationAlias.objects.values_list("organisation__name", "name")),
        sorted(Event.objects.values_list("name", "kind", "date_text", "start_date", "end_date", "place")),
    ) == snapshot


def test_a_spreadsheet_edits_rows_it_names(imported_seeds):
    dataset = tablib.Dataset(headers=["name", "aliases", "kind", "parent", "needs_review"])
    dataset.append(["浙江省公安厅", "省公安厅、浙江公安厅", "police", "浙江省政府", "0"])
    dataset.append(["浙江省人民政府办公厅", "", "government", "浙江省政府", "1"])
    roundtrip(OrganisationResource(), dataset)
    police = Organisation.objects.get(name="浙江省公安厅")
    assert sorted(police.aliases.values_list("name", flat=True)) == ["浙江公安厅", "省公安厅"]
    assert police.parent.name == "浙江省政府"
    assert Organisation.objects.get(name="浙江省人民政府办公厅").needs_review

    people = tablib.Dataset(headers=["name", "aliases"])
    people.append(["王成国", ""])
    PersonAlias.objects.create(person=Person.objects.get(name="王成国"), name="王成国同志")
    roundtrip(PersonResource(), people)
    assert not PersonAlias.objects.filter(name="王成国同志").exists()

    events = tablib.Dataset(headers=["name", "start_date", "place"])
    events.append(["2024年长三角区域警务一体化领导小组会议", "2024-07-24", "温州"])
    roundtrip(EventResource(), events)
    assert Event.objects.get(start_date=datetime.date(2024, 7, 24), name__startswith="2024年长三角").place == "温州"


def test_an_alias_of_someone_else_is_refused(imported_seeds):
    dataset = tablib.Dataset(headers=["name", "aliases"])
    dataset.append(["王成国", "杨青玖"])
    result = PersonResource().import_data(dataset, dry_run=False)
    assert result.has_errors()
    assert not PersonAlias.objects.exists()
