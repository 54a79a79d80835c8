"""Production settings: what ``check --deploy`` asks for, login limits, and
static files served by WhiteNoise with debug off."""

import json
import os
import re
import secrets
import subprocess
import sys
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.paths import REPO

PASSWORD = "a-long-correct-pass-1"


def production_env(tmp_path, **env):
    """The environment of a production process: debug off, a strong key,
    everything else at its default unless given."""
    environment = {
        "PATH": os.environ["PATH"],
        "NEWSROOM_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "archive.example,127.0.0.1",
    }
    environment.update(env)
    return environment


def run(args, env, timeout=60):
    return subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_check_deploy_is_clean_with_debug_off(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "CSRF_TRUSTED_ORIGINS",
    "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY",
    "AXES_ENABLED",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME",
    "STORAGES",
    "STATIC_ROOT",
    "MEDIA_ROOT",
]


def security_settings(tmp_path, **env):
    """The settings above as a fresh process with ``env`` reads them."""
    code = (
        "import json, newsroom.settings as s;"
        f"print(json.dumps({{n: getattr(s, n, None) for n in {SECURITY_SETTINGS!r}}}, default=str))"
    )
    result = run([sys.executable, "-c", code], production_env(tmp_path, **env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_defaults_are_the_safe_ones(tmp_path):
    s = security_settings(tmp_path)
    assert s["SECURE_SSL_REDIRECT"] and s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and not s["SECURE_HSTS_PRELOAD"]
    assert s["SECURE_PROXY_SSL_HEADER"] is None  # trusted only when named
    assert (s["X_FRAME_OPTIONS"], s["SECURE_REFERRER_POLICY"]) == ("DENY", "same-origin")
    assert s["AXES_ENABLED"] and s["AXES_FAILURE_LIMIT"] == 5
    assert s["AXES_COOLOFF_TIME"] == "0:30:00"
    assert s["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert s["STATIC_ROOT"] == str(tmp_path / "data" / "static")
    assert s["MEDIA_ROOT"] == str(tmp_path / "data" / "media")


def test_security_settings_follow_the_environment(tmp_path):
    s = security_settings(
        tmp_path,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_HSTS_SECONDS="3600",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="no",
        DJANGO_SECURE_HSTS_PRELOAD="yes",
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://archive.example:8443",
        NEWSROOM_LOGIN_FAILURE_LIMIT="3",
        NEWSROOM_LOGIN_COOLOFF_MINUTES="5",
    )
    assert not (s["SECURE_SSL_REDIRECT"] or s["SESSION_COOKIE_SECURE"] or s["CSRF_COOKIE_SECURE"])
    assert s["SECURE_HSTS_SECONDS"] == 3600
    assert (s["SECURE_HSTS_INCLUDE_SUBDOMAINS"], s["SECURE_HSTS_PRELOAD"]) == (False, True)
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://archive.example:8443"]
    assert (s["AXES_FAILURE_LIMIT"], s["AXES_COOLOFF_TIME"]) == (3, "0:05:00")


def test_debug_turns_https_and_login_limits_off(tmp_path):
    s = security_settings(tmp_path, DJANGO_DEBUG="1")
    assert not (s["SECURE_SSL_REDIRECT"] or s["SESSION_COOKIE_SECURE"] or s["AXES_ENABLED"])
    assert s["SECURE_HSTS_SECONDS"] == 0
    assert s["STORAGES"]["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def test_a_bad_number_in_the_environment_is_refused(tmp_path):
    result = run(
        [sys.executable, "-c", "import newsroom.settings"],
        production_env(tmp_path, NEWSROOM_LOGIN_FAILURE_LIMIT="five"),
    )
    assert result.returncode != 0
    assert "NEWSROOM_LOGIN_FAILURE_LIMIT" in result.stderr


@pytest.fixture
def login_limits(settings):
    """Login limits on, as in production (the suite runs in debug, where
    they are off)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    return settings


def log_in(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
    )


@pytest.mark.django_db
def test_admin_login_is_locked_after_too_many_failures(login_limits, django_user_model):
    django_user_model.objects.create_superuser("editor", password=PASSWORD)
    django_user_model.objects.create_superuser("colleague", password=PASSWORD)
    client = Client()
    for _ in range(login_limits.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "editor", "wrong")
        assert response.status_code == 200  # the form again, with its error

    locked = log_in(client, "editor", "wrong")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.text
    # Now even the right password is refused, and no session is made.
    assert log_in(client, "editor", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # Another user name from the same address is not locked.
    assert log_in(Client(), "colleague", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_lock_ends_after_the_cool_off(login_limits, django_user_model):
    django_user_model.objects.create_superuser("editor", password=PASSWORD)
    client = Client()
    for _ in range(login_limits.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", PASSWORD).status_code == 429

    earlier = timezone.now() - login_limits.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=earlier)

    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(login_limits, django_user_model):
    django_user_model.objects.create_superuser("editor", password=PASSWORD)
    client = Client()
    for _ in range(login_limits.AXES_FAILURE_LIMIT - 1):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(login_limits.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "editor", "wrong").status_code == 200


def test_whitenoise_comes_right_after_the_security_middleware():
    middleware = django_settings.MIDDLEWARE
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )


def test_gunicorn_serves_admin_css_with_debug_off(tmp_path):
    env = production_env(tmp_path, DJANGO_SECURE_SSL_REDIRECT="0")
    collected = run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    assert collected.returncode == 0, collected.stderr
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "newsroom.wsgi", "--bind", "127.0.0.1:0", "--workers", "1"],
        cwd=REPO,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        address = None
        for line in server.stderr:
            if found := re.search(r"Listening at: (http://\S+)", line):
                address = found[1]
                break
        assert address, "gunicorn did not start"
        with urllib.request.urlopen(address + reverse("admin:login"), timeout=10) as page:
            html = page.read().decode()
        stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', html)
        assert stylesheet, "the login page does not link the hashed admin stylesheet"
        with urllib.request.urlopen(address + stylesheet[1], timeout=10) as css:
            assert css.status == 200
            assert css.headers["Content-Type"].startswith("text/css")
            assert "immutable" in css.headers["Cache-Control"]
            assert b"body" in css.read()
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stderr.close()
