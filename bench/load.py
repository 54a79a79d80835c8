"""A busy newsroom on one machine: readers crawl the public pages, an import
runs (and a second one, started while the first runs, waits for it), and
editors save articles in the admin, some of them the same article at once,
all against gunicorn with debug off, over loopback only.

What it counts: answers by status (every 500 is a failure), saves applied
(302) and refused with the conflict page (200 naming the other editor),
anything else an editor got, and the files each import wrote. Afterwards it
checks that every applied save is a version of its article and that every
file of the corpus is in the archive, and counts the server errors the
server's log (stderr, see LOGGING) recorded.

    .venv/bin/python bench/load.py [--database postgres://…/name] [--issues 40]
        [--readers 4] [--editors 4] [--articles 3] [--server-workers 3] [--timeout 600]

The database default is a SQLite file in a temporary folder; a PostgreSQL
database given with --database is dropped and created anew (never name one
you want to keep). The run is bounded: it ends when the imports end, or at
--timeout seconds, whichever comes first, and every request has a timeout.
Prints a markdown table for docs/benchmarks.md.
"""

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from _setup import REPO, create_postgres_database

PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HOST = "127.0.0.1"
PASSWORD = "load-" + secrets.token_urlsafe(12)
REQUEST_TIMEOUT = 60  # seconds; longer than the SQLite busy timeout
CONFLICT = "此文章已被"  # the conflict page's words (archive.admin.locking)


def environment(database, data_dir):
    """A production-like process's environment on ``database``, for plain
    http on loopback."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "NEWSROOM_"))}
    env.update(
        DATABASE_URL=database,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        NEWSROOM_DATA_DIR=str(data_dir),
        PYTHONPATH=str(REPO),
    )
    return env


def manage(env, *args, **kwargs):
    return subprocess.run(
        [PYTHON, str(REPO / "manage.py"), *args], env=env, cwd=REPO, check=True, capture_output=True, text=True,
        **kwargs,
    )


def shell(env, code):
    """Run ``code`` in a Django shell; what it prints, read as JSON."""
    return json.loads(manage(env, "shell", "--verbosity", "0", "-c", code).stdout.splitlines()[-1])


def fresh_database(url):
    if not url.startswith("postgres"):
        return
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    create_postgres_database(url)


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Browser:
    """One person's http connection to the server, with cookies."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = None

    def request(self, method, path, form=None):
        """(status, body) of one request; redirects are not followed."""
        headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            try:
                self.connection.request(method, quote(path, safe="/?&=%:+,;@!$'()*~"), body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server closed: once more.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data


class FormReader(HTMLParser):
    """The fields a browser would post back from a page's first form with
    ``form_id`` (or its only form), unchanged."""

    def __init__(self, form_id=None):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.done = False
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (self.form_id is None or attrs.get("id") == self.form_id):
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            # The line break after <textarea> is not part of the value.
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(page, form_id=None):
    reader = FormReader(form_id)
    reader.feed(page)
    return reader.fields


class Tally:
    """What every thread saw, counted under one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.saves = Counter()
        self.read_times = []
        self.errors = []  # (path, status) of every 500, and exceptions

    def answer(self, path, status, seconds=None):
        with self.lock:
            self.statuses[status] += 1
            if seconds is not None:
                self.read_times.append(seconds)
            if status >= 500:
                self.errors.append((path, status))


LINK = re.compile(r'href="(/[^"#]*)"')


def reader(port, tally, stop, rng):
    """Crawl the public pages from the home page, a random link at a time."""
    browser = Browser(port)
    frontier = ["/", "/issues/", "/people/", "/organisations/", "/events/", "/tags/", "/search/?q=法院"]
    seen = set(frontier)
    while not stop.is_set():
        path = rng.choice(frontier)
        began = time.monotonic()
        try:
            status, page = browser.request("GET", path)
        except Exception as error:  # counted, and the crawl goes on
            with tally.lock:
                tally.errors.append((path, repr(error)))
            continue
        tally.answer(path, status, time.monotonic() - began)
        for link in LINK.findall(page):
            link = link.replace("&amp;", "&")
            if link.startswith(("/admin", "/static")) or link in seen or len(seen) > 5000:
                continue
            seen.add(link)
            frontier.append(link)


def editor(port, tally, stop, rng, name, articles):
    """Log in, then again and again: open an article's change form, think a
    moment, change its title, save. Editors share a few articles, so that
    some saves meet another's."""
    browser = Browser(port)
    status, page = browser.request("GET", "/admin/login/?next=/admin/")
    login = dict(form_fields(page))
    login.update(username=name, password=PASSWORD)
    status, _ = browser.request("POST", "/admin/login/?next=/admin/", login)
    if status != 302:
        raise RuntimeError(f"{name} could not log in ({status})")
    count = 0
    while not stop.is_set():
        pk = rng.choice(articles)
        path = f"/admin/archive/article/{pk}/change/"
        try:
            status, page = browser.request("GET", path)
            tally.answer(path, status)
            if status != 200:
                continue
            fields = form_fields(page, "article_form")
            time.sleep(rng.uniform(0, 0.5))
            count += 1
            fields = [
                (field, re.sub(r"（.*）$", "", value) + f"（{name} 第{count}次）" if field == "title" else value)
                for field, value in fields
            ]
            fields.append(("_save", "保存"))
            status, page = browser.request("POST", path, fields)
        except Exception as error:  # counted, and the editor goes on
            with tally.lock:
                tally.errors.append((path, repr(error)))
            continue
        tally.answer(path, status)
        with tally.lock:
            if status == 302:
                tally.saves["applied"] += 1
                tally.saves[f"applied:{pk}"] += 1
            elif status == 200 and CONFLICT in page:
                tally.saves["conflict"] += 1
            else:
                tally.saves[f"other {status}"] += 1


def machine():
    model = platform.processor() or "?"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {platform.platform()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="a PostgreSQL URL (dropped and created anew); default: a SQLite file")
    parser.add_argument("--issues", type=int, default=40, help="generated issues the import brings in")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--articles", type=int, default=3, help="articles the editors share")
    parser.add_argument("--server-workers", type=int, default=3, help="gunicorn's worker processes")
    parser.add_argument("--timeout", type=float, default=600, help="the run's bound in seconds")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        folder = Path(folder)
        database = options.database or f"sqlite:///{folder / 'archive.sqlite3'}"
        fresh_database(database)
        env = environment(database, folder / "data")
        print(f"setting up {database.split('@')[-1]} …", file=sys.stderr)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "import_issues", "--workers", "1", str(REPO / "seeds"))
        corpus = folder / "corpus"
        subprocess.run(
            [PYTHON, str(REPO / "bench" / "generate.py"), "--issues", str(options.issues), "--seed",
             str(options.seed), "--out", str(corpus)],
            env=env, cwd=REPO, check=True, capture_output=True,
        )
        names = [f"editor{n}" for n in range(1, options.editors + 1)]
        articles = shell(
            env,
            "import json; from django.contrib.auth.models import User; from archive.models import Article\n"
            f"for name in {names!r}: User.objects.create_superuser(name, password={PASSWORD!r})\n"
            "pks = Article.objects.order_by('pk').values_list('pk', flat=True)\n"
            f"print(json.dumps(list(pks[:{options.articles}])))",
        )

        port = free_port()
        log = open(folder / "server.log", "w")
        server = subprocess.Popen(
            [GUNICORN, "newsroom.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(options.server_workers),
             "--timeout", "120"],
            env=env, cwd=REPO, stdout=log, stderr=log,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if Browser(port).request("GET", "/")[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start; see its log")
                time.sleep(0.5)

            tally, stop = Tally(), threading.Event()
            rng = random.Random(options.seed)
            threads = [
                threading.Thread(target=reader, args=(port, tally, stop, random.Random(rng.random())))
                for _ in range(options.readers)
            ] + [
                threading.Thread(
                    target=editor, args=(port, tally, stop, random.Random(rng.random()), name, articles)
                )
                for name in names
            ]
            began = time.monotonic()
            for thread in threads:
                thread.start()
            command = [PYTHON, str(REPO / "manage.py"), "import_issues", "--workers", "1", str(corpus)]
            first = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
            time.sleep(2)
            second = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True)
            imports = []
            for process in (first, second):
                left = max(1, options.timeout - (time.monotonic() - began))
                try:
                    out, err = process.communicate(timeout=left)
                except subprocess.TimeoutExpired:
                    process.kill()
                    out, err = process.communicate()
                imports.append((process.returncode, out.strip(), err.strip()))
            seconds = time.monotonic() - began
            stop.set()
            for thread in threads:
                thread.join(timeout=REQUEST_TIMEOUT + 10)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()

        server_log = (folder / "server.log").read_text(encoding="utf-8", errors="replace")
        after = shell(
            env,
            "import json; from archive.models import Article, Issue\n"
            f"versions = dict(Article.objects.filter(pk__in={articles!r}).values_list('pk', 'version'))\n"
            "print(json.dumps([versions, Issue.objects.filter(source_name__startswith='gen_').count()]))",
        )
    versions, generated = after
    report(options, database, seconds, tally, imports, versions, generated, articles, server_log)


def report(options, database, seconds, tally, imports, versions, generated, articles, server_log):
    applied_per_article = {pk: tally.saves[f"applied:{pk}"] for pk in articles}
    versions_match = all(versions[str(pk)] - 1 == n for pk, n in applied_per_article.items())
    other = {key: n for key, n in tally.saves.items() if key.startswith("other")}
    server_errors = server_log.count("ERROR django.request")
    read = sorted(tally.read_times)
    vendor = "PostgreSQL" if database.startswith("postgres") else "SQLite (WAL)"
    print(f"Machine: {machine()}")
    print(f"Database: {vendor}; gunicorn {options.server_workers} workers; {options.readers} readers, "
          f"{options.editors} editors on {options.articles} articles; an import of {options.issues} generated "
          f"issues and a second one started 2 s later.\n")
    print("| | |\n|---|---|")
    print(f"| run (until both imports ended) | {seconds:.0f} s |")
    by_status = ", ".join(f"{status}: {n:,}" for status, n in sorted(tally.statuses.items()))
    errors = sum(n for status, n in tally.statuses.items() if status >= 500)
    print(f"| requests | {sum(tally.statuses.values()):,} ({by_status}) |")
    print(f"| **500s** (client / server log) | **{errors}** / {server_errors} |")
    print(f"| requests that got no answer | {sum(1 for _, status in tally.errors if isinstance(status, str))} |")
    if read:
        print(f"| public pages: p50 / p95 | {statistics.median(read) * 1000:.0f} / "
              f"{read[int(0.95 * (len(read) - 1))] * 1000:.0f} ms |")
    print(f"| saves applied (302) | {tally.saves['applied']} |")
    print(f"| saves refused with the conflict page | {tally.saves['conflict']} |")
    print(f"| saves with any other answer | {sum(other.values())} {other or ''} |")
    print(f"| applied saves = new versions of the articles | {'yes' if versions_match else f'NO: {versions}'} |")
    for label, (status, out, err) in zip(["first import", "second import"], imports, strict=True):
        waited = "waited for the other, " if "另一个导入或恢复正在进行" in err else ""
        said = (out.splitlines() or err.splitlines() or ["-"])[-1]
        print(f"| {label} | exit {status}, {waited}{said} |")
    print(f"| generated issues in the archive | {generated} of {options.issues} |")
    if tally.errors:
        print("\nErrors:", tally.errors[:20], file=sys.stderr)


if __name__ == "__main__":
    main()
