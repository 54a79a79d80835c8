# Every target is safe to repeat: the virtualenv is reinstalled only when
# pyproject.toml is newer than its stamp, and seeds already imported are
# skipped by import_issues.
#
# `make run` starts the background worker (manage.py db_worker: propagating
# corrections, resegmenting, imports started in the admin) beside the
# development server, and stops it when the server stops.

VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
PORT ?= 8000

.PHONY: run test lint system-packages

run: export DJANGO_DEBUG = 1
run: $(VENV)/.installed
	$(MANAGE) migrate --no-input
	$(MANAGE) import_issues seeds/
	$(MANAGE) ensure_admin
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: export DJANGO_DEBUG = 1
test: $(VENV)/.installed-dev system-packages lint
	$(VENV)/bin/pytest

# The style the code keeps (pyproject.toml, [tool.ruff]): checked before the
# tests, so a lapse fails CI where it was made.
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .

system-packages:
	.ci/system-packages

$(PYTHON):
	python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet --editable .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet --editable '.[dev]'
	touch $@
