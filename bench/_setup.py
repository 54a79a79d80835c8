"""What every benchmark script does before it measures: put the checkout on
the path, settle the settings of a production-like process (debug off, a
throw-away secret), create a PostgreSQL database the first time its URL is
named, and start Django. The scripts run as ``python bench/NAME.py``, so
this module is imported from the script's own folder."""

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent


def configure(database, data_dir):
    """Settings for a production-like process on ``database`` (a URL), with
    its data folder (static files, caches) in ``data_dir``; then
    ``django.setup()``."""
    os.environ.update(
        DATABASE_URL=database,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="testserver",
        NEWSROOM_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    if database.startswith("postgres"):
        create_postgres_database(database)
    import django

    django.setup()


def create_postgres_database(url):
    """Create the database ``url`` names, unless it exists."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
