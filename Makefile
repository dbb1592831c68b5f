# Migraine Heroes. `make run` and `make test` work from a fresh clone with only Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Development settings for run and test; `make serve` sets its own production-like ones.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test serve bench bench-small lint format migrate clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

migrate: $(VENV)/.runtime-installed
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_default_content

run: migrate
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Production-like: DEBUG off, hashed and compressed static files, gunicorn with 2 x cores + 1
# workers on 127.0.0.1:$(PORT). Plain HTTP locally, so no SSL redirect; X-Forwarded-Proto is
# trusted as it would be behind a TLS-terminating proxy, and so is the one address that proxy
# appends to X-Forwarded-For (rate limits count the real client). A throwaway SECRET_KEY is made
# when none is set (sessions then end when the server stops).
serve: $(VENV)/.runtime-installed
	@export DJANGO_DEBUG=0 SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} TRUST_X_FORWARDED_PROTO=$${TRUST_X_FORWARDED_PROTO:-1} \
	  TRUSTED_PROXY_COUNT=$${TRUSTED_PROXY_COUNT:-1} \
	  SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} PORT=$(PORT); \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_default_content && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	exec $(VENV)/bin/gunicorn --config migraine_heroes/gunicorn.conf.py migraine_heroes.wsgi

# Performance: see bench/README.md. SQLite unless DATABASE_URL names PostgreSQL.
bench: $(VENV)/.runtime-installed
	$(PY) bench/run.py

bench-small: $(VENV)/.runtime-installed
	$(PY) bench/run.py --small

clean:
	rm -rf staticfiles .pytest_cache .ruff_cache .hypothesis .test-db.sqlite3*
