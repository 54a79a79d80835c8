"""Settings come from the environment so that one checkout runs as a local
sandbox (``make run``), under the test suite on SQLite or PostgreSQL, and in
production, without editing this file. Every variable is listed in README.md.
"""

import os
import secrets
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    """The variable's value, or ``default`` when it is unset or empty."""
    return os.environ.get(name) or default


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name, default=()):
    """A comma-separated list, blanks dropped."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def local_secret_key(data_dir):
    """A random key kept in the data folder, so that sessions survive restarts
    of a local sandbox without any key being committed."""
    path = data_dir / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key, encoding="ascii")
        path.chmod(0o600)
        return key


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# The project's data folder: the local secret key, collected static files,
# media (import-export's uploads between its two steps) and caches of the
# text tools.
DATA_DIR = Path(env_str("NEWSROOM_DATA_DIR", str(BASE_DIR / "data"))).resolve()

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(set DJANGO_DEBUG=1 for a local sandbox)."
        )
    SECRET_KEY = local_secret_key(DATA_DIR)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS. Off in debug so that the local sandbox runs on plain http; on by
# default otherwise, each switch overridable for a deployment that needs it.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is a promise the site's owner makes by submitting the domain to
# the browsers' list; the header alone does not make it, so it is opt-in and
# check --deploy's reminder about it is silenced.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# models.W040: the mention index's INCLUDE column makes it covering on
# PostgreSQL; SQLite builds the same index without it, which is what we want
# there, so the warning printed by every command on SQLite says nothing.
SILENCED_SYSTEM_CHECKS = ["security.W021", "models.W040"]
# Behind a proxy that ends TLS, the header the proxy sets to "https" (for
# example X-Forwarded-Proto). Trusting it without such a proxy would let any
# client claim https, so it is unset unless named.
_PROXY_SSL_HEADER = env_str("DJANGO_SECURE_PROXY_SSL_HEADER")
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"),
        "https",
    )
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "import_export",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "archive.views.guards.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
# SQLite lets one writer in at a time. Without these, a save that meets an
# import's (or another save's) transaction fails at once with "database is
# locked": a transaction that began by reading cannot wait for the write
# lock. Taking the lock when the transaction begins (IMMEDIATE) lets every
# writer wait its turn, for up to the timeout (an import holds it for one
# file at a time); an editor who loses a race to another save then reads
# the newer version and gets the conflict page. WAL lets the readers go on
# reading while someone writes.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("NEWSROOM_SQLITE_TIMEOUT", 30),
            "init_command": "PRAGMA journal_mode=WAL",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Filled by ``manage.py collectstatic``; WhiteNoise serves it.
STATIC_ROOT = DATA_DIR / "static"

MEDIA_ROOT = DATA_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names need collectstatic's manifest; in debug (and
    # so under the tests) files are found in the apps as they are.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# WhiteNoise decides these from DEBUG when its middleware starts; the test
# runner has turned DEBUG off by then, so they are fixed here: in debug it
# serves the apps' files as they change and needs no collectstatic.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG

# Login limits (django-axes): after AXES_FAILURE_LIMIT failed logins with one
# user name from one address, that pair is refused for the cool-off time.
# Counting the pair rather than the address alone keeps one editor's typos
# from locking out a whole office behind one address. Off in debug: a local
# sandbox has nothing to guard, and with it on every password check needs a
# request (the tests check some without one).
AXES_ENABLED = env_bool("NEWSROOM_LOGIN_LIMITS", default=not DEBUG)
AXES_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NEWSROOM_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_MESSAGE = "登录失败次数过多，已暂时锁定，请稍后再试。"

# Import-export keeps an uploaded file between the preview and the confirm
# request; those may be served by different processes, so it goes to media
# storage rather than the process's temp folder.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# A control character in a text (a file name, a title) cannot be written to
# XLSX: it is shown as U+FFFD there rather than failing the whole export.
# (Formulas are escaped by the resources, archive.resources.escape_formula:
# the library's own escaping drops the "=" and turns every cell into text.)
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# Inputs larger than any real one are refused before they are worked on: a
# front page's text is some 10 KB (a 50 MB "page" became 21,401 articles and
# took 4 GB), and a spreadsheet much over a few MB outlasts the server's
# request timeout (split it instead).
NEWSROOM_MAX_PAGE_BYTES = env_int("NEWSROOM_MAX_PAGE_BYTES", 1024 * 1024)
NEWSROOM_MAX_SPREADSHEET_BYTES = env_int("NEWSROOM_MAX_SPREADSHEET_BYTES", 2 * 1024 * 1024)

# Errors leave a trace with debug off too: every log record of Django's (a
# 500 is django.request's ERROR, with its traceback) and the project's
# warnings go to stderr, which gunicorn and systemd keep; a 500 is also
# mailed to the ADMINS, when there are any ("Name <address>" or an address,
# comma-separated) and a mail server to send through.
ADMINS = [(name.strip(), address) for name, address in map(parseaddr, env_list("DJANGO_ADMINS"))]
SERVER_EMAIL = env_str("DJANGO_SERVER_EMAIL", "root@localhost")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {process}: {message}", "style": "{"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": env_str("NEWSROOM_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["stderr", "mail_admins"], "level": "INFO", "propagate": False},
    },
}

# Long work (propagating a correction to every article containing the word,
# resegmenting, imports started in the admin) runs as tasks, queued in the
# database and run by ``manage.py db_worker`` (``make run`` starts one).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
