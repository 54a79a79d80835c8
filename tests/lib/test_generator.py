"""The benchmark page generator: deterministic, and every page it writes reads
back through the archive's parser as its manifest says."""

import datetime
import hashlib
import json
import re
import subprocess
import sys

import pytest

from archive.lib.parsing import parse_bytes
from bench.generate import SEEDS, Generator, generate, shift_dates
from tests.paths import REPO


def pages(directory):
    return {path.name: path.read_bytes() for path in sorted(directory.glob("gen_*.txt"))}


def manifest(directory):
    return json.loads((directory / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """200 issues: enough for every layout the generator makes to turn up."""
    out = tmp_path_factory.mktemp("generated")
    generate(out, issues=200, seed=11)
    return out


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    generate(tmp_path / "a", issues=15, seed=3)
    generate(tmp_path / "b", issues=15, seed=3)
    generate(tmp_path / "c", issues=15, seed=4)
    first, again, other = (pages(tmp_path / name) for name in "abc")
    assert first == again
    assert (tmp_path / "a" / "manifest.json").read_bytes() == (tmp_path / "b" / "manifest.json").read_bytes()
    assert len(first) == len(other) == 15
    assert not set(first.values()) & set(other.values())


def test_a_longer_run_begins_with_the_shorter_one(tmp_path, generated):
    generate(tmp_path, issues=10, seed=11)
    longer = pages(generated)
    assert all(longer[name] == data for name, data in pages(tmp_path).items())


def test_files_are_named_by_number_and_content(generated):
    files = pages(generated)
    entries = manifest(generated)["files"]
    assert len(files) == len(entries) == 200
    for number, entry in enumerate(entries, start=1):
        data = files[entry["file"]]
        assert entry["file"] == f"gen_{number:06d}_{hashlib.sha256(data).hexdigest()[:8]}.txt"


def test_every_page_parses_as_the_manifest_says(generated):
    for entry in manifest(generated)["files"][:50]:
        issue = parse_bytes((generated / entry["file"]).read_bytes())
        assert len(issue.articles) == entry["articles"], entry["file"]
        assert [article.kind for article in issue.articles] == entry["kinds"], entry["file"]
        assert issue.number == entry["number"], entry["file"]
        assert (issue.date.isoformat() if issue.date else None) == entry["date"], entry["file"]
        assert issue.page_count == entry["page_count"], entry["file"]


def test_issues_walk_forward_a_day_and_a_number_at_a_time(generated):
    entries = manifest(generated)["files"]
    numbered = [(n, e["number"]) for n, e in enumerate(entries) if e["number"] is not None]
    dated = [(n, e["date"]) for n, e in enumerate(entries) if e["date"] is not None]
    assert all(number == n + 1 for n, number in numbered)
    first = datetime.date(1998, 1, 1)
    assert all(datetime.date.fromisoformat(date) == first + datetime.timedelta(n) for n, date in dated)
    # All three mastheads turn up: dated, information line only, none.
    assert len(dated) < len(numbered) < len(entries)


def test_datelines_fall_in_the_week_before_their_issue(generated):
    resolved = 0
    for entry in manifest(generated)["files"]:
        if entry["date"] is None:
            continue
        issue = parse_bytes((generated / entry["file"]).read_bytes())
        for article in issue.articles:
            if article.dateline:
                assert issue.date - datetime.timedelta(days=7) <= article.date <= issue.date, article.dateline
                resolved += 1
    assert resolved > 100


def test_every_layout_of_the_seeds_turns_up(generated):
    texts = [path.read_text(encoding="utf-8") for path in sorted(generated.glob("gen_*.txt"))]
    kinds = {kind for entry in manifest(generated)["files"] for kind in entry["kinds"]}
    assert kinds == {"news", "interview", "photo", "teaser", "advertisement"}
    assert any("农历" in text for text in texts)
    assert any(re.search(r"。\(下转\d+版\)", text) for text in texts)  # at the end of a paragraph
    assert any(re.search(r"\n\(下转\d+版\)", text) for text in texts)  # on a line of its own
    # A paragraph broken mid-word: a line ending inside a sentence, then a blank line.
    assert any(re.search(r"。[^\n]*[\u4e00-\u9fff]\n\n[\u4e00-\u9fff][^\n]*。", text) for text in texts)


def test_people_get_generated_names_kept_within_an_article(generated):
    seed_pages = [parse_bytes(path.read_bytes()) for path in SEEDS.glob("*.txt")]
    seed_names = {b.name for issue in seed_pages for a in issue.articles for b in a.bylines}
    bylines, speakers = [], 0
    for entry in manifest(generated)["files"][:50]:
        issue = parse_bytes((generated / entry["file"]).read_bytes())
        bylines += [b.name for a in issue.articles for b in a.bylines]
        for article in issue.articles:
            # Seeds 000 and 002: the deck's speaker ("王成国讲话 杨青玖主持")
            # is the one the lead says spoke, under whatever name he now has.
            if article.deck.endswith("主持") and "讲话" in article.deck:
                speaker = article.deck.split()[0].removesuffix("讲话")
                assert f"{speaker}出席会议并讲话" in article.paragraphs[0]
                speakers += 1
    assert speakers
    assert len(set(bylines)) > 100
    assert len(set(bylines) & seed_names) <= len(set(bylines)) // 20


def test_articles_per_issue_fixes_the_count(tmp_path):
    entries = generate(tmp_path, issues=20, seed=5, articles_per_issue=9)
    assert {entry["articles"] for entry in entries} == {9}
    for entry in entries[:5]:
        assert len(parse_bytes((tmp_path / entry["file"]).read_bytes()).articles) == 9


def test_dates_move_with_their_month_and_year():
    printed = datetime.date(2024, 7, 25)
    assert shift_dates("7月10日至11日,2024年度", printed, -3) == "7月7日至8日,2024年度"
    assert shift_dates("7月30日至31日", printed, 1) == "7月31日至8月1日"
    to_1998 = (datetime.date(1998, 3, 1) - printed).days
    assert shift_dates("24日下午,“执行2024”", printed, to_1998) == "28日下午,“执行1998”"


def test_the_pool_holds_every_kind_of_seed_article():
    generator = Generator(seed=0)
    assert {story.kind for story in generator.pool.stories} == {"news", "interview", "photo"}
    assert generator.pool.teasers and generator.pool.adverts
    assert {"王成国", "王成", "申瑞龙", "彭佳学"} <= set(generator.pool.names)
    assert "习近平" not in generator.pool.names


def test_command_line_refuses_a_directory_already_generated(tmp_path):
    script = REPO / "bench" / "generate.py"
    command = [sys.executable, str(script), "--issues", "2", "--seed", "1", "--out", str(tmp_path)]
    first = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert first.returncode == 0, first.stderr
    assert len(pages(tmp_path)) == 2
    second = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert second.returncode == 2 and "already holds generated pages" in second.stderr
