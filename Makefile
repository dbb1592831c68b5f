# Migraine Heroes. `make run` and `make test` work from a fresh clone with only Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Development settings for run and test; `make serve` sets its own production-like ones.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test serve bench bench-small lighthouse lint format migrate mutation clean

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

# Lighthouse (mobile) on the landing page, login, Today, the calendar and a questionnaire step,
# served as `make serve` does from a fresh SQLite database; see bench/lighthouse.py. Needs Node.js
# and Chromium (CHROME_PATH, default /usr/bin/chromium).
lighthouse: $(VENV)/.runtime-installed node_modules/.package-lock.json
	$(PY) bench/lighthouse.py

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# Mutation testing of the pure modules (assessment/scoring.py, journal/stats.py, journal/insights.py)
# with mutmut, against their database-free tests. Not part of CI; its last line is the score.
mutation: $(VENV)/.dev-installed
	rm -rf mutants
	$(DEV_ENV) $(VENV)/bin/mutmut run --max-children 2 >/dev/null || true
	@$(DEV_ENV) $(VENV)/bin/mutmut results 2>/dev/null | grep -v ': killed' || true
	@$(DEV_ENV) $(VENV)/bin/mutmut export-cicd-stats >/dev/null 2>&1
	@$(PY) -c 'import json; s = json.load(open("mutants/mutmut-cicd-stats.json")); \
	  print("killed %d of %d mutants" % (s["killed"], s["total"])); \
	  print("mutation score: %d%%" % (100 * s["killed"] // max(s["total"], 1)))'

clean:
	rm -rf mutants lighthouse-reports staticfiles .pytest_cache .ruff_cache .hypothesis .test-db.sqlite3*
