"""Two imports at once, or an import during a restore: the second waits for
the first, says so, and then does its work; neither ends in a traceback."""

import threading
import time

import pytest
from django.core.management import call_command

from archive.backup import restore as restoring
from archive.models import Issue
from tests.concurrency import on_disk, run_together
from tests.factories import make_issue

pytestmark = pytest.mark.django_db(transaction=True)

WAITING = "另一个导入或恢复正在进行"


@pytest.fixture
def database(tmp_path):
    with on_disk(tmp_path):
        yield


def test_two_imports_at_once_run_one_after_the_other(database, manage, seeds_dir):
    first, second = run_together(
        lambda: manage("import_issues", "--workers", "1", str(seeds_dir)),
        lambda: manage("import_issues", "--workers", "1", str(seeds_dir)),
    )

    for result in (first, second):
        assert not isinstance(result, Exception), result
        assert result.status == 0, result.stderr
    outputs = sorted([first.stdout, second.stdout], key=lambda out: "新增 5 期" not in out)
    assert "新增 5 期" in outputs[0] and "未变 5 期" in outputs[1]
    assert WAITING in first.stderr + second.stderr
    assert Issue.objects.count() == 5


def test_an_import_during_a_restore_waits_for_it(database, manage, seeds_dir, tmp_path, monkeypatch):
    make_issue("restored.txt", titles=["恢复的文章"])
    backup = tmp_path / "backup.json"
    call_command("export_archive", "--output", str(backup))
    call_command("flush", "--no-input", verbosity=0)
    # The restore holds its transaction a second after its rows are in.
    restoring_now = threading.Event()
    flush = restoring._Table.flush

    def slow_flush(table):
        flush(table)
        restoring_now.set()
        time.sleep(1)

    monkeypatch.setattr(restoring._Table, "flush", slow_flush)

    def import_meanwhile():
        restoring_now.wait(timeout=60)
        return manage("import_issues", "--workers", "1", str(seeds_dir))

    restored, imported = run_together(lambda: manage("import_archive", str(backup)), import_meanwhile)

    assert restored.status == 0, restored.stderr
    assert imported.status == 0, imported.stderr
    assert WAITING in imported.stderr
    assert "新增 5 期" in imported.stdout
    assert set(Issue.objects.values_list("source_name", flat=True)) >= {"restored.txt"}
    assert Issue.objects.count() == 6
