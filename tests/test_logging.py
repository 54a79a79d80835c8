"""With debug off, a server error leaves a trace: its traceback on stderr,
and a mail to the ADMINS when they are set."""

import json
import os
import subprocess
import sys

from tests.paths import REPO

# A request for the home page of a database without tables: a 500, as any
# unforeseen error would be.
SCRIPT = """
import json, django
django.setup()
from django.core import mail
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()  # mail is kept in mail.outbox
response = Client(raise_request_exception=False).get("/")
print(json.dumps([response.status_code, [(m.subject, m.to) for m in mail.outbox]]))
"""


def serve_an_error(tmp_path, **env):
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 50,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "NEWSROOM_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    status, mails = json.loads(result.stdout)
    return status, mails, result.stderr


def test_a_server_error_is_logged_to_stderr(tmp_path):
    status, mails, stderr = serve_an_error(tmp_path)

    assert status == 500
    assert "ERROR django.request" in stderr
    assert "Internal Server Error: /" in stderr
    assert "Traceback" in stderr and "no such table" in stderr
    assert mails == []  # nobody to tell


def test_a_server_error_is_mailed_to_the_admins(tmp_path):
    status, mails, stderr = serve_an_error(tmp_path, DJANGO_ADMINS="值班 <ops@example.org>, dev@example.org")

    assert status == 500
    assert "ERROR django.request" in stderr
    [(subject, to)] = mails
    assert "Internal Server Error: /" in subject
    assert to == ["ops@example.org", "dev@example.org"]
