"""Hostile files at ``import_issues``, and imports killed halfway.

Whatever a file holds, the command imports it or names it on one line with
the reason and writes nothing of it; the rest of the archive is never touched.
A process that dies in the middle of a file leaves the archive as it was
before that file.
"""

import codecs
import importlib
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archive import importer as importing
from archive.models import Article, Byline, Issue, Person
from tests.paths import SEEDS_DIR

SEED = "003_53491b8926f1e68c.txt"  # the page with a full masthead
SEED_TEXT = (SEEDS_DIR / SEED).read_text(encoding="utf-8")
MODELS = (Issue, Article, Person, Byline)
TABLES = MODELS + tuple(model.history.model for model in MODELS)


def archive_state():
    """Every row of the archive and of its history, field by field."""
    state = {}
    for model in TABLES:
        pk = model._meta.pk.attname
        rows = {}
        for row in model._base_manager.order_by(pk).values():
            rows[row[pk]] = {
                name: bytes(value) if isinstance(value, memoryview) else value
                for name, value in row.items()
            }
        state[model._meta.label] = rows
    return state


def assert_untouched_except(before, after, issue_pk):
    """Nothing outside issue ``issue_pk`` changed or went, and no history
    was rewritten; rows may only have been added."""
    others = {
        pk for pk, row in before["archive.Article"].items() if row["issue_id"] != issue_pk
    }
    kept = {
        "archive.Issue": lambda row: row["id"] != issue_pk,
        "archive.Article": lambda row: row["issue_id"] != issue_pk,
        "archive.Byline": lambda row: row["article_id"] in others,
    }
    for label, rows in before.items():
        for pk, row in rows.items():
            if kept.get(label, lambda row: True)(row):
                assert after[label].get(pk) == row, (label, pk)


def check_import(manage, data, name):
    """Import ``data`` as file ``name`` and check the outcome; the database
    is rolled back afterwards."""
    with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        before = archive_state()
        # Anything but a CommandError would escape here as a traceback.
        result = manage("import_issues", str(path))
        after = archive_state()
        if result.status == 0:
            assert "失败 0 个" in result.stdout
            issue = Issue.objects.get(source_name=name)
            assert bytes(issue.source) == data
            assert_untouched_except(before, after, issue.pk)
        else:
            lines = result.stderr.splitlines()
            assert len(lines) == 2, result.stderr  # the file's line, then the summary error
            assert lines[0].startswith(f"失败 {path}：")
            assert lines[0].removeprefix(f"失败 {path}：").strip()  # a reason
            assert "失败 1 个" in result.stdout
            assert after == before
        transaction.set_rollback(True)


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-32"]
CONTROLS = [chr(c) for c in [*range(0x20), 0x7F]] + ["\u202e", "\ufeff", "\u200b", "\u2028"]
chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=200)
any_text = st.text(max_size=200)
numbers = st.integers(min_value=0, max_value=10**25).map(str)
# Pieces that look like a page's own, with numbers of any size.
page_like = st.one_of(
    chinese,
    any_text,
    st.sampled_from(CONTROLS),
    st.builds("第{}期".format, numbers),
    st.builds("今日{}版".format, numbers),
    st.builds("(下转{}版)".format, numbers),
    st.builds("{}年{}月{}日".format, numbers, numbers, numbers),
    st.sampled_from(["\n", "\n\n", "本报讯 ", "本报记者 张三", "通讯员 李四 摄", "导读"]),
)


def encoded(text, encoding):
    return text.encode(encoding, errors="replace")


@st.composite
def seed_with_pieces(draw):
    """The sample page with page-like pieces spliced in at random places,
    in one of the encodings a page may come in."""
    text = SEED_TEXT
    for piece in draw(st.lists(page_like, min_size=1, max_size=8)):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + piece + text[at:]
    return encoded(text, draw(st.sampled_from(ENCODINGS)))


@st.composite
def malformed_chinese(draw):
    """Chinese text whose bytes are cut or spliced mid-character."""
    data = draw(chinese.filter(bool)).encode(draw(st.sampled_from(["utf-8", "gb18030"])))
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(max_size=3)) + data[at + draw(st.integers(0, 2)) :]


@st.composite
def mixed_encodings(draw):
    """The sample page with parts in different encodings."""
    cuts = sorted(draw(st.lists(st.integers(0, len(SEED_TEXT)), min_size=1, max_size=3)))
    parts = [SEED_TEXT[a:b] for a, b in zip([0, *cuts], [*cuts, len(SEED_TEXT)], strict=True)]
    return b"".join(encoded(part, draw(st.sampled_from(ENCODINGS))) for part in parts)


@st.composite
def giant_line(draw):
    """The sample page with one line of up to a few hundred thousand
    characters."""
    unit = draw(st.sampled_from(["很长的一段话,", "a", "\u3000", "。", "第1期"]))
    at = draw(st.integers(0, len(SEED_TEXT)))
    line = unit * draw(st.integers(1_000, 100_000))
    return (SEED_TEXT[:at] + line + SEED_TEXT[at:]).encode("utf-8")


hostile_files = st.one_of(
    st.binary(max_size=3000),
    st.builds(encoded, st.text(max_size=500), st.sampled_from(ENCODINGS)),
    st.builds(encoded, chinese, st.sampled_from(ENCODINGS)),
    malformed_chinese(),
    mixed_encodings(),
    giant_line(),
    seed_with_pieces(),
)

hostile = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@hostile
@given(data=hostile_files, name=st.sampled_from(["hostile.txt", SEED]))
@example(data=SEED_TEXT.replace("第7047期", "第99999999999999999999期").encode(), name="hostile.txt")
@example(data=SEED_TEXT.replace("今日8版", "今日99999版").encode(), name=SEED)
@example(data=SEED_TEXT.replace("\n", "").encode(), name="hostile.txt")
@example(data=codecs.BOM_UTF16_LE + "\x00\x01".join(SEED_TEXT).encode("utf-16-le"), name=SEED)
def test_hostile_file_is_imported_or_refused_alone(imported_seeds, manage, data, name):
    check_import(manage, data, name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        ("很长的一段话," * 300_000).encode(),
        (SEED_TEXT[:2000] + "。" * 300_000 + SEED_TEXT[2000:]).encode("gb18030"),
        "\n".join(["浙江法治报", "第7047期 今日8版"] + ["标题", "本报讯 正文。"] * 2_000).encode(),
    ],
    ids=["one-giant-line", "giant-line-in-a-page", "two-thousand-articles"],
)
def test_giant_file_is_imported_or_refused_alone(imported_seeds, manage, data):
    check_import(manage, data, "giant.txt")


class Killed(BaseException):
    """The process dies here: not an error anything in the importer could
    catch and carry on from."""


def kill_after(monkeypatch, point):
    """Let ``archive.importer.<module>.<name>`` run once, then die."""
    module, name = point.split(".")
    module = importlib.import_module(f"archive.importer.{module}")
    real = getattr(module, name)

    def dying(*args, **kwargs):
        real(*args, **kwargs)
        raise Killed(name)

    monkeypatch.setattr(module, name, dying)


def import_killed(path):
    with pytest.raises(Killed):
        call_command("import_issues", str(path))


@pytest.fixture
def page(tmp_path):
    """A copy of the sample page, with the other seeds already imported."""
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        if seed.name != SEED:
            importing.import_file(seed)
    path = tmp_path / SEED
    path.write_text(SEED_TEXT, encoding="utf-8")
    return path


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("point", ["rows.create_with_history", "rows.create_bylines"])
def test_first_import_killed_halfway_writes_nothing(page, monkeypatch, point):
    before = archive_state()
    kill_after(monkeypatch, point)

    import_killed(page)

    assert archive_state() == before
    assert not Issue.objects.filter(source_name=SEED).exists()


def changed_page(path):
    """Rewrite the page so that its re-import updates an article, changes a
    byline (with a new person), drops one article and adds one."""
    text = SEED_TEXT
    for old, new in [
        ("在浙江温州召开", "在浙江杭州召开"),
        ("本报记者 王乃召 王志浩", "本报记者 王乃昭 王志浩"),
        ("进港避“格美”\n\n7月24日,玉环市沙门镇封闭式避风渔港内,", "7月24日,玉环市沙门镇封闭式避风渔港内,"),
        ("导读\n", "新增的一篇报道\n\n本报讯 7月24日,新的一篇报道。\n\n导读\n"),
    ]:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "point", ["merge.bulk_update_with_history", "merge.create_bylines", "merge.create_articles"]
)
def test_reimport_killed_in_the_merge_leaves_the_archive_as_it_was(page, monkeypatch, point):
    importing.import_file(page)
    edited = Issue.objects.get(source_name=SEED).articles.get(position=1)
    edited.title = "编辑改过的标题"
    edited._change_reason = "编辑"
    edited.save()
    changed_page(page)
    before = archive_state()

    with monkeypatch.context() as patch:
        kill_after(patch, point)
        import_killed(page)

    assert archive_state() == before
    # Run again without dying, the import goes through and keeps the edit.
    assert importing.import_file(page).status == importing.UPDATED
    edited.refresh_from_db()
    assert edited.title == "编辑改过的标题"
    assert "在浙江杭州召开" in edited.body
    assert Person.objects.filter(name="王乃昭").exists()
    assert Article.objects.filter(title="新增的一篇报道").exists()
