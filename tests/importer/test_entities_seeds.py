"""The export of the five seed pages against a hand annotation of the people,
organisations and events they name (tests/seed_entities.json, written from
reading the pages, not from the extractor's output)."""

import json
from io import StringIO
from pathlib import Path

import pytest

from archive.backup.export import write_archive

EXPECTED = json.loads((Path(__file__).resolve().parent.parent / "seed_entities.json").read_text(encoding="utf-8"))


@pytest.fixture
def exported(imported_seeds):
    stream = StringIO()
    write_archive(stream)
    return json.loads(stream.getvalue())


def found_in(issue):
    """What the export says an issue names: people by name, organisations by
    canonical name, events by name."""
    found = {"persons": set(), "organisations": set(), "events": set()}
    for article in issue["articles"]:
        found["persons"] |= {p["name"] for p in article["persons"]}
        found["organisations"] |= {o["canonical"] for o in article["organisations"]}
        found["events"] |= {e["name"] for e in article["events"]}
    return found


def scores(exported, key):
    hits = found_total = expected_total = 0
    for issue in exported["issues"]:
        expected = set(EXPECTED[issue["source"]][key])
        found = found_in(issue)[key]
        hits += len(expected & found)
        found_total += len(found)
        expected_total += len(expected)
    precision, recall = hits / found_total, hits / expected_total
    return precision, recall, 2 * precision * recall / (precision + recall)


def differences(exported, key):
    return {
        issue["source"]: {
            "missed": sorted(set(EXPECTED[issue["source"]][key]) - found_in(issue)[key]),
            "extra": sorted(found_in(issue)[key] - set(EXPECTED[issue["source"]][key])),
        }
        for issue in exported["issues"]
    }


def test_people_of_every_seed(exported):
    for issue in exported["issues"]:
        assert found_in(issue)["persons"] == set(EXPECTED[issue["source"]]["persons"]), issue["source"]


def test_organisations_of_the_seeds(exported):
    precision, recall, f1 = scores(exported, "organisations")
    assert f1 >= 0.9, differences(exported, "organisations")


def test_events_the_seeds_report(exported):
    precision, recall, f1 = scores(exported, "events")
    assert recall == 1.0, differences(exported, "events")


def test_anonymised_and_generic_names_stay_out(exported):
    everything = {
        name
        for issue in exported["issues"]
        for key in ("persons", "organisations", "events")
        for name in found_in(issue)[key]
    }
    for absent in ("潘某", "李女士", "嘉善", "高水平", "有关部门", "各级党委", "公安机关", "市公安局"):
        assert absent not in everything


def test_an_article_lists_each_entity_once_with_titles_and_role(exported):
    issue = next(i for i in exported["issues"] if i["source"] == "000_0352cf29d8e7f11b.txt")
    meeting = issue["articles"][0]
    assert [p["name"] for p in meeting["persons"]] == ["王乃召", "王志浩", "王成国", "杨青玖", "习近平", "陈春雷"]
    wang = next(p for p in meeting["persons"] if p["name"] == "王成国")
    assert wang == {"name": "王成国", "titles": ["省委常委、政法委书记"], "role": "讲话"}
    reporter = next(p for p in meeting["persons"] if p["name"] == "王乃召")
    assert reporter == {"name": "王乃召", "titles": [], "role": "本报记者"}
    xi = next(p for p in meeting["persons"] if p["name"] == "习近平")
    assert xi["titles"] == ["总书记"]
    police = next(o for o in meeting["organisations"] if o["canonical"] == "浙江省公安厅")
    assert police == {"name": "省公安厅", "canonical": "浙江省公安厅", "kind": "police"}
    assert meeting["events"] == [
        {"name": "全省校园安全工作现场会暨校园安全协同共治体系建设推进会", "date": None, "place": "嘉善"}
    ]


def test_a_dated_issue_dates_its_events(exported):
    issue = next(i for i in exported["issues"] if i["source"] == "003_53491b8926f1e68c.txt")
    events = {e["name"]: e for a in issue["articles"] for e in a["events"]}
    assert events["2024年长三角区域警务一体化领导小组会议"] == {
        "name": "2024年长三角区域警务一体化领导小组会议", "date": "2024-07-24", "place": "浙江温州",
    }


def test_top_level_lists(exported):
    persons = {p["name"]: p for p in exported["persons"]}
    assert list(persons["杨青玖"]) == ["name", "aliases", "needs_review", "positions"]
    assert persons["杨青玖"]["positions"] == [
        {"title": "副省长、公安厅厅长", "organisation": "浙江省公安厅", "first_seen": None, "last_seen": None}
    ]
    assert persons["卫中强"]["positions"][0]["first_seen"] == "2024-07-25"
    assert persons["吕晓飞"]["needs_review"] is True  # a bare name, no title, no verb
    assert persons["王成国"]["needs_review"] is False
    organisations = {o["name"]: o for o in exported["organisations"]}
    assert organisations["浙江省公安厅"] == {
        "name": "浙江省公安厅", "aliases": ["省公安厅"], "kind": "police", "parent": None, "needs_review": False,
    }
    assert organisations["绍兴市公安局越城区分局"]["parent"] == "绍兴市公安局"
    assert "嘉兴市中级人民法院" in organisations["嘉兴市中院"]["aliases"]
    events = {e["name"]: e for e in exported["events"]}
    meeting = events["全省校园安全工作现场会暨校园安全协同共治体系建设推进会"]
    assert list(meeting) == [
        "name", "kind", "date", "end_date", "date_text", "place", "needs_review", "participants",
    ]
    assert meeting["date_text"] == "7月11日下午"
    assert meeting["needs_review"] is True  # the page prints no year
    assert {"name": "陈春雷", "role": "参加"} in meeting["participants"]
    dated = events["2024年度省委建设平安浙江领导小组办公室第二次主任会议"]
    assert (dated["date"], dated["needs_review"]) == ("2024-07-24", False)
    assert dated["participants"] == [{"name": "卫中强", "role": "主持"}, {"name": "卫中强", "role": "讲话"}]
