import shutil

import pytest

from archive.models import Article, Byline, Issue, Person

SEED = "003_53491b8926f1e68c.txt"

BAD_FILES = {
    "undecodable.txt": b"\xff\xfb\x80\x81 abc \xfe\xfe\xc0",
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "not-a-page.txt": "今天天气很好，我们去公园散步吧。\n".encode(),
}


def everything():
    """Every row and history row, to show that nothing was written."""
    return [
        sorted(model.objects.values_list("pk", flat=True))
        for model in (Issue, Article, Person, Byline)
    ] + [model.history.count() for model in (Issue, Article, Person, Byline)]


@pytest.mark.django_db
def test_imports_seed_folder_and_summarises(manage, seeds_dir):
    result = manage("import_issues", str(seeds_dir))
    assert result.status == 0
    assert Issue.objects.count() == 5
    assert "新增 5 期" in result.stdout
    assert f"文章 {Article.objects.count()} 篇" in result.stdout
    assert "失败 0 个" in result.stdout
    assert result.stderr == ""


@pytest.mark.django_db
def test_second_run_reports_unchanged(manage, seeds_dir):
    manage("import_issues", str(seeds_dir))
    result = manage("import_issues", str(seeds_dir))
    assert result.status == 0
    assert "新增 0 期" in result.stdout
    assert "未变 5 期" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_fails_alone_with_a_clear_line(manage, seeds_dir, tmp_path, name):
    manage("import_issues", str(seeds_dir / "000_0352cf29d8e7f11b.txt"))
    existing = Issue.objects.get()
    before = everything()
    bad = tmp_path / "in" / name
    bad.parent.mkdir()
    bad.write_bytes(BAD_FILES[name])
    good = tmp_path / "in" / SEED
    shutil.copy(seeds_dir / SEED, good)

    result = manage("import_issues", str(tmp_path / "in"))

    assert result.status != 0
    failure_lines = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(failure_lines) == 1
    reason = failure_lines[0].split(str(bad), 1)[1].strip("：: ")
    assert reason  # says why
    # The good file next to it was imported; the rest is as it was.
    assert Issue.objects.filter(source_name=SEED).exists()
    assert not Issue.objects.filter(source_name=name).exists()
    after = everything()
    assert set(before[0]) < set(after[0])
    assert Issue.objects.get(pk=existing.pk).updated_at == existing.updated_at
    assert Issue.objects.count() == 2
    assert "失败 1 个" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, reason",
    [
        ("undecodable.txt", "无法解码"),
        ("empty.txt", "空文件"),
        ("binary.txt", "二进制文件"),
        ("not-a-page.txt", "不是报纸版面"),
    ],
)
def test_failure_reason_names_the_problem(manage, tmp_path, name, reason):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    result = manage("import_issues", str(path))
    assert result.status != 0
    assert f"{path}：" in result.stderr
    assert reason in result.stderr.split("：", 1)[1]
    assert everything() == [[], [], [], [], 0, 0, 0, 0]


@pytest.mark.django_db
def test_folder_without_files_is_an_error(manage, tmp_path):
    (tmp_path / "empty").mkdir()
    result = manage("import_issues", str(tmp_path / "empty"))
    assert result.status != 0
    assert f"{tmp_path / 'empty'}：文件夹里没有 .txt 文件" in result.stderr


@pytest.mark.django_db
def test_unreadable_path_is_an_error(manage, tmp_path, seeds_dir):
    missing = tmp_path / "nowhere.txt"
    result = manage("import_issues", str(missing), str(seeds_dir / SEED))
    assert result.status != 0
    assert f"{missing}：路径不存在" in result.stderr
    assert Issue.objects.filter(source_name=SEED).exists()


@pytest.mark.django_db
def test_dry_run_reports_each_file_and_writes_nothing(manage, seeds_dir):
    result = manage("import_issues", "--dry-run", str(seeds_dir))
    assert result.status == 0
    assert everything() == [[], [], [], [], 0, 0, 0, 0]
    line = next(line for line in result.stdout.splitlines() if SEED in line)
    assert "第7047期" in line
    assert "2024-07-25" in line
    assert "文章 5 篇" in line
    assert "警告 0 条" in line
    assert "日期不详" in result.stdout  # the pages without a masthead date
    assert "没有写入数据库" in result.stdout


@pytest.mark.django_db
def test_dry_run_of_changed_file_leaves_existing_issue(manage, seeds_dir, tmp_path):
    page = tmp_path / SEED
    shutil.copy(seeds_dir / SEED, page)
    manage("import_issues", str(page))
    before = everything()
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("第7047期", "第7048期"), encoding="utf-8")

    result = manage("import_issues", "--dry-run", str(page))

    assert "更新" in result.stdout and "第7048期" in result.stdout
    assert everything() == before
    assert Issue.objects.get().number == 7047
