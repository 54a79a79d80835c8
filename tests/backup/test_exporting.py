import json
from io import StringIO

import pytest

from archive.backup.export import FORMAT, write_archive
from archive.backup.tables import backed_up_models
from archive.models import Issue

ISSUE_KEYS = ["source", "publication", "number", "date", "date_source", "page_count", "articles"]
ARTICLE_KEYS = [
    "id",
    "page",
    "position",
    "kind",
    "kicker",
    "title",
    "subtitle",
    "deck",
    "column",
    "bylines",
    "dateline",
    "date",
    "body",
    "continued_on_page",
    "captions",
    "warnings",
    "persons",
    "organisations",
    "events",
    "tokens",
    "segmentation",
    "tags",
]
DOCUMENT_KEYS = ["format", "issues", "persons", "organisations", "events", "tables"]


def empty():
    tables = {model._meta.label_lower: [] for model in backed_up_models()}
    return {"format": FORMAT, "issues": [], "persons": [], "organisations": [], "events": [], "tables": tables}


def export():
    stream = StringIO()
    write_archive(stream)
    return stream.getvalue()


@pytest.mark.django_db
def test_empty_archive():
    text = export()
    assert json.loads(text) == empty()
    assert text == json.dumps(empty(), indent=2) + "\n"


def test_shape_and_keys(imported_seeds):
    document = json.loads(export())
    assert list(document) == DOCUMENT_KEYS
    assert document["format"] == "newsroom-archive/2"
    assert len(document["issues"]) == 5
    for issue in document["issues"]:
        assert list(issue) == ISSUE_KEYS
        for article in issue["articles"]:
            assert list(article) == ARTICLE_KEYS
            for byline in article["bylines"]:
                assert list(byline) == ["name", "role", "credit"]


def test_values_of_a_dated_issue(imported_seeds):
    document = json.loads(export())
    issue = next(i for i in document["issues"] if i["source"] == "003_53491b8926f1e68c.txt")
    assert issue["publication"] == "浙江法治报"
    assert issue["number"] == 7047
    assert issue["date"] == "2024-07-25"
    assert issue["date_source"] == "masthead"
    assert issue["page_count"] == 8
    first = issue["articles"][0]
    assert first["position"] == 1
    assert first["kind"] == "news"
    assert first["title"] == "沪苏浙皖深入推进警务一体化高质量发展"
    assert first["kicker"] == ""
    assert first["bylines"] == [{"name": "谢佳", "role": "通讯员", "credit": "text"}]
    assert first["dateline"] == "7月24日"
    assert first["date"] == "2024-07-24"
    assert first["body"].startswith("2024年长三角区域警务一体化领导小组会议")
    assert "\n" in first["body"]  # paragraphs, one a line
    assert first["continued_on_page"] is None
    assert first["captions"] == []
    assert isinstance(first["id"], int)


def test_unknown_values_are_null(imported_seeds):
    document = json.loads(export())
    issue = next(i for i in document["issues"] if i["source"] == "000_0352cf29d8e7f11b.txt")
    assert issue["date"] is None
    assert issue["date_source"] is None
    assert issue["number"] is None


def test_order_follows_the_archive(imported_seeds):
    document = json.loads(export())
    assert [i["source"] for i in document["issues"]] == list(
        Issue.objects.values_list("source_name", flat=True)
    )
    for issue in document["issues"]:
        positions = [a["position"] for a in issue["articles"]]
        assert positions == sorted(positions)


def test_streamed_text_equals_one_json_dump_up_to_the_tables(imported_seeds):
    text = export()
    document = json.loads(text)
    readable, tables = text.split(',\n  "tables": ')
    del document["tables"]
    assert readable + "\n}\n" == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert "浙江法治报" in text  # not \\u-escaped
    rows = [line for line in tables.split("\n") if line.startswith("      {")]
    assert len(rows) == sum(model._base_manager.count() for model in backed_up_models())
    assert all(isinstance(json.loads(line.rstrip(",")), dict) for line in rows)  # a row a line


def test_constant_number_of_queries(imported_seeds, django_assert_num_queries):
    # issues, their articles, the articles' bylines with their people and
    # mentions with their entities; people, their aliases and positions;
    # organisations and their aliases; events, their participants with their
    # people (12); the snapshot's savepoint and its release; the user names;
    # each table of the backup
    with django_assert_num_queries(12 + 2 + 1 + len(backed_up_models())):
        export()


def test_command_writes_stdout_or_file(imported_seeds, manage, tmp_path):
    to_stdout = manage("export_archive").stdout
    target = tmp_path / "archive.json"
    manage("export_archive", "--output", str(target))
    assert target.read_text(encoding="utf-8") == to_stdout == export()
    assert [p.name for p in tmp_path.iterdir()] == ["archive.json"]
