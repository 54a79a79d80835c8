import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings import env_bool, env_list, env_str
from tests.paths import REPO


@pytest.mark.parametrize("value", ["1", "true", "Yes", " on "])
def test_env_bool_true(monkeypatch, value):
    monkeypatch.setenv("FLAG", value)
    assert env_bool("FLAG") is True


@pytest.mark.parametrize("value", ["0", "false", "NO", "off", ""])
def test_env_bool_false(monkeypatch, value):
    monkeypatch.setenv("FLAG", value)
    assert env_bool("FLAG", default=True) is False


def test_env_bool_default_and_garbage(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)
    assert env_bool("FLAG", default=True) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_list(monkeypatch):
    monkeypatch.delenv("HOSTS", raising=False)
    assert env_list("HOSTS", ["localhost"]) == ["localhost"]
    monkeypatch.setenv("HOSTS", " a.example, b.example ,,")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_env_str_treats_empty_as_unset(monkeypatch):
    monkeypatch.setenv("NAME", "")
    assert env_str("NAME", "fallback") == "fallback"


def load_settings(tmp_path, **env):
    """Import the settings in a fresh interpreter with only ``env`` set and
    print a few of them."""
    code = (
        "import json, newsroom.settings as s;"
        "print(json.dumps([s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS, str(s.DATA_DIR),"
        " s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'],"
        " s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ]))"
    )
    environment = {"PATH": os.environ["PATH"], "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=environment, capture_output=True, text=True
    )


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = load_settings(tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_like_environment(tmp_path):
    import json

    result = load_settings(
        tmp_path,
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_ALLOWED_HOSTS="archive.example,localhost",
        DATABASE_URL="postgres://user@db.example:5432/newsroom",
    )
    assert result.returncode == 0, result.stderr
    debug, key, hosts, data_dir, engine, name, language, zone, use_tz = json.loads(result.stdout)
    assert debug is False
    assert key == "k" * 50
    assert hosts == ["archive.example", "localhost"]
    assert data_dir == str(tmp_path / "data")
    assert engine == "django.db.backends.postgresql"
    assert name == "newsroom"
    assert (language, zone, use_tz) == ("zh-hans", "Asia/Shanghai", True)


def test_debug_defaults_to_sqlite_and_a_kept_local_key(tmp_path):
    import json

    first = load_settings(tmp_path, DJANGO_DEBUG="1")
    assert first.returncode == 0, first.stderr
    debug, key, _, _, engine, name, *_ = json.loads(first.stdout)
    assert debug is True
    assert engine == "django.db.backends.sqlite3"
    assert name == str(REPO / "db.sqlite3")
    assert (tmp_path / "data" / "secret_key").read_text() == key
    second = json.loads(load_settings(tmp_path, DJANGO_DEBUG="1").stdout)
    assert second[1] == key
