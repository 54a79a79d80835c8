import os
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.importer import find_sources, import_file
from tests.paths import REPO, SEEDS_DIR

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def tasks_at_once(settings):
    """Background tasks run at once, inside the request or call that queues
    them, unless a test asks for the real queue (``task_queue``)."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def task_queue(settings, transactional_db):
    """Tasks queued in the database as in production; the fixture is the
    worker: calling it runs, in this process, every task queued so far, as
    ``manage.py db_worker --batch`` would. Outside a test transaction, as
    the worker runs: between tasks it closes a connection found inside one."""
    from django_tasks_db.management.commands.db_worker import Worker

    settings.TASKS = QUEUED

    def run():
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()

    return run


@pytest.fixture
def seeds_dir():
    return SEEDS_DIR


@pytest.fixture
def imported_seeds(db, seeds_dir):
    """The five sample front pages, imported; the importer's outcomes."""
    files, _ = find_sources([seeds_dir])
    return [import_file(path) for path in files]


@dataclass
class CommandResult:
    status: int
    stdout: str
    stderr: str


@pytest.fixture
def manage():
    """Run a management command as ``manage.py`` would: a CommandError
    becomes a non-zero status and a message on stderr."""

    def run(*args):
        stdout, stderr = StringIO(), StringIO()
        try:
            call_command(*args, stdout=stdout, stderr=stderr)
        except CommandError as error:
            stderr.write(f"CommandError: {error}\n")
            return CommandResult(error.returncode, stdout.getvalue(), stderr.getvalue())
        return CommandResult(0, stdout.getvalue(), stderr.getvalue())

    return run


CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture
def browser():
    """Debian's Chromium, headless, driven by Playwright (mark such tests
    ``browser``)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the test's own ORM calls
    # are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def shot():
    """Save a page's screenshot into test-artifacts/, for a person to look at."""

    def save(page, name):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return save
