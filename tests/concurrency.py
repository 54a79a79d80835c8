"""Tests in which several threads use the database at once, each with its own
connection, as gunicorn's workers do.

On PostgreSQL the test database serves every thread as it is. SQLite's test
database lives in memory, in a shared cache whose locks behave otherwise
than a file's (a writer never waits there); ``on_disk`` copies it into a
file, with the settings' options, for the time of the test.
"""

import sqlite3
import threading
from contextlib import contextmanager

from django.db import connections


@contextmanager
def on_disk(folder):
    """Every connection made in the block, in any thread, goes to a copy of
    the test database in a file (SQLite), or to the test database itself."""
    memory = connections["default"]
    if memory.vendor != "sqlite":
        yield
        return
    memory.ensure_connection()
    path = folder / "concurrent.sqlite3"
    with sqlite3.connect(path) as copy:
        memory.connection.backup(copy)
    copy.close()
    settings = connections.settings["default"]
    connections.settings["default"] = {**settings, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = settings
        connections["default"] = memory


def run_together(*tasks):
    """Run the callables each in its own thread, started at the same moment;
    their results, or the exception each raised, in order."""
    start = threading.Barrier(len(tasks))
    results = [None] * len(tasks)

    def run(index, task):
        start.wait()
        try:
            results[index] = task()
        except Exception as error:  # the test looks at it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, task)) for i, task in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
