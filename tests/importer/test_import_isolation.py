"""Whatever fails inside one file, in the parser, the worker or the writer,
is that file's one-line refusal: nothing of it is written, and the run goes
on with the other files."""

import os

import pytest

from archive.importer import writer as import_writer
from archive.models import Article, Issue
from tests.paths import SEEDS_DIR

SEED = "003_53491b8926f1e68c.txt"  # the page with a full masthead, 2024年7月
OTHER = "000_0352cf29d8e7f11b.txt"
pytestmark = pytest.mark.django_db


def folder_with(tmp_path, name, data):
    """A folder holding a good page and ``data`` as the file ``name``
    (bytes, for a name the file system gives as it is)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / OTHER).write_bytes((SEEDS_DIR / OTHER).read_bytes())
    with open(os.path.join(os.fsencode(folder), name), "wb") as file:
        file.write(data)
    return folder


def refusal_of(result, path_text):
    """The reason on the one stderr line that names the file."""
    lines = [line for line in result.stderr.splitlines() if line.startswith("失败 ")]
    assert len(lines) == 1, result.stderr
    assert path_text in lines[0]
    return lines[0].split("：", 1)[1]


@pytest.mark.parametrize("month", [13, 42, 99])
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_masthead_month_out_of_range_is_the_files_refusal(manage, tmp_path, month, workers):
    page = (SEEDS_DIR / SEED).read_text(encoding="utf-8").replace("2024年7月", f"2024年{month}月")
    folder = folder_with(tmp_path, SEED.encode(), page.encode())

    result = manage("import_issues", "--workers", workers, str(folder))

    assert result.status != 0
    assert refusal_of(result, str(folder / SEED))
    assert "新增 1 期" in result.stdout and "失败 1 个" in result.stdout
    assert list(Issue.objects.values_list("source_name", flat=True)) == [OTHER]


@pytest.mark.parametrize("alone", [True, False], ids=["alone", "with-another"])
def test_a_file_name_that_is_not_utf8_is_the_files_refusal(manage, tmp_path, alone):
    folder = folder_with(tmp_path, b"\xff\xfe-gbk-\xd6\xd0.txt", (SEEDS_DIR / SEED).read_bytes())
    if alone:
        (folder / OTHER).unlink()

    result = manage("import_issues", str(folder))

    assert result.status != 0
    assert "文件名不是 UTF-8" in refusal_of(result, "-gbk-")
    assert "失败 1 个" in result.stdout
    assert list(Issue.objects.values_list("source_name", flat=True)) == ([] if alone else [OTHER])


def test_a_failure_while_writing_a_file_writes_nothing_of_it(manage, tmp_path, monkeypatch):
    folder = folder_with(tmp_path, SEED.encode(), (SEEDS_DIR / SEED).read_bytes())
    create = import_writer.create_articles

    def failing(issue, *args, **kwargs):
        rows = create(issue, *args, **kwargs)
        if issue.source_name == SEED:
            raise ValueError("一个没想到的错误")
        return rows

    monkeypatch.setattr(import_writer, "create_articles", failing)

    result = manage("import_issues", "--workers", "1", str(folder))

    assert result.status != 0
    assert "ValueError: 一个没想到的错误" in refusal_of(result, str(folder / SEED))
    assert "新增 1 期" in result.stdout
    assert list(Issue.objects.values_list("source_name", flat=True)) == [OTHER]
    assert not Article.objects.exclude(issue__source_name=OTHER).exists()
    assert not Issue.history.filter(source_name=SEED).exists()


def test_a_page_larger_than_the_limit_is_refused_unread(manage, tmp_path, settings):
    settings.NEWSROOM_MAX_PAGE_BYTES = 20_000
    page = (SEEDS_DIR / SEED).read_text(encoding="utf-8")
    folder = folder_with(tmp_path, SEED.encode(), (page * 4).encode())  # some 30 KB

    result = manage("import_issues", "--workers", "1", str(folder))

    assert result.status != 0
    assert "文件过大：超过 20,000 字节" in refusal_of(result, str(folder / SEED))
    assert list(Issue.objects.values_list("source_name", flat=True)) == [OTHER]
