"""Read settings from the environment, failing loudly on values that make no sense.

Pure functions over a mapping (``os.environ`` by default), so they can be tested without
touching the real environment. A typo such as ``DJANGO_DEBUG=ture`` must stop the app at
start-up rather than silently mean "off".
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={environ[name]!r} is not a yes/no value; use one of 1, true, yes, on, 0, false, no, off."
    )


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] | None = None,
    *,
    minimum: int | None = None,
) -> int:
    environ = os.environ if environ is None else environ
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None or not raw.strip():
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str, environ: Mapping[str, str] | None = None) -> str:
    value = env_str(name, default, environ).lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


def database_from_url(url: str, *, base_dir: Path, create_sqlite: bool = False) -> dict:
    """Turn ``DATABASE_URL`` into a Django ``DATABASES["default"]`` entry.

    Empty means the SQLite file in the project. SQLite gets WAL (readers never wait for the
    writer), ``BEGIN IMMEDIATE`` (a write transaction takes the lock up front, so two writers
    queue on the busy timeout instead of failing with "database is locked" half-way) and a
    busy timeout. PostgreSQL goes through psycopg 3 with its connection pool; the short
    connect timeout lets a page fail fast with a 503 when the database is down.

    SQLite opens an existing file only (``mode=rw``): a missing file is an error (``/healthz``
    answers 503), never a new empty database. ``create_sqlite`` lifts that for ``migrate``.
    """
    if not url:
        return sqlite_database(base_dir / "db.sqlite3", base_dir=base_dir, create=create_sqlite)
    scheme = urlsplit(url).scheme.lower()
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"DATABASE_URL scheme {scheme!r} is not supported; use postgres://… or sqlite:///…")
    try:
        parsed = environ.Env.db_url_config(url)  # django-environ does the parsing
    except ValueError:
        raise ImproperlyConfigured("DATABASE_URL has a port that is not a number.") from None
    if scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        if not parsed["NAME"] or parsed["NAME"] in {"/", ":memory:"}:
            raise ImproperlyConfigured("DATABASE_URL=sqlite:// needs a file path, e.g. sqlite:///db.sqlite3")
        name = Path(unquote(parsed["NAME"]))
        return sqlite_database(name if name.is_absolute() else base_dir / name, base_dir=base_dir, create=create_sqlite)
    if not parsed["NAME"]:
        raise ImproperlyConfigured("DATABASE_URL must name a database, e.g. postgres://user@host:5432/name")
    query = {key: str(value) for key, value in parsed.get("OPTIONS", {}).items()}
    pool_max = query.pop("pool_max_size", "4")
    options = {
        "pool": {"min_size": 1, "max_size": _positive_int("pool_max_size", pool_max), "timeout": 3},
        "connect_timeout": 2,
        **query,
    }
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parsed["NAME"],
        "USER": parsed["USER"],
        "PASSWORD": parsed["PASSWORD"],
        "HOST": parsed["HOST"],
        "PORT": str(parsed["PORT"] or ""),
        # The pool keeps connections; Django's own persistent connections must stay off.
        "CONN_MAX_AGE": 0,
        # The pool checks a connection before handing it out, so after a database restart
        # the app recovers by itself instead of failing on stale connections.
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


def sqlite_database(name: Path, *, base_dir: Path, create: bool = False) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        # Django opens SQLite names as URIs, so the query string reaches SQLite itself.
        "NAME": name if create else f"file:{quote(str(name))}?mode=rw",
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 10,  # seconds a writer waits for the lock (sqlite3's busy timeout)
            "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"),
        },
        # Keep the connection between requests, as PostgreSQL's pool does: opening SQLite and
        # running the pragmas above costs about 3 ms a request. SQLite's health check is free
        # (it runs no query), and a connection in an unusable state is replaced.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        # A file, not memory, for tests too: the live server, several threads and the
        # concurrency tests must all see the same database.
        "TEST": {"NAME": base_dir / ".test-db.sqlite3"},
    }


def email_from_url(url: str) -> dict[str, object]:
    """Turn ``EMAIL_URL`` into email settings; empty means the console backend.

    smtp://user:password@host:587?starttls=1  or  smtps://user:password@host:465
    """
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    scheme = urlsplit(url).scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {scheme!r} is not supported; use smtp://, smtps:// or console://")
    try:
        parsed = environ.Env.email_url_config(url)  # django-environ does the parsing
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
    if not parsed["EMAIL_HOST"]:
        raise ImproperlyConfigured("EMAIL_URL needs a host, e.g. smtp://user:password@mail.example.com:587?starttls=1")
    # Our own meaning of the scheme and query (django-environ reads smtps as STARTTLS): smtps is
    # TLS from the first byte (port 465), ?starttls=1 upgrades a plain connection (port 587).
    starttls = env_bool("starttls", False, {k.lower(): str(v) for k, v in parsed.get("OPTIONS", {}).items()})
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed["EMAIL_HOST"],
        "EMAIL_PORT": parsed["EMAIL_PORT"] or (465 if scheme == "smtps" else 587 if starttls else 25),
        "EMAIL_HOST_USER": parsed["EMAIL_HOST_USER"],
        "EMAIL_HOST_PASSWORD": parsed["EMAIL_HOST_PASSWORD"],
        "EMAIL_USE_SSL": scheme == "smtps",
        "EMAIL_USE_TLS": starttls,
        "EMAIL_TIMEOUT": 10,
    }


def _positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"DATABASE_URL option {name}={raw!r} is not a whole number.") from None
    if value < 1:
        raise ImproperlyConfigured(f"DATABASE_URL option {name} must be at least 1.")
    return value


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is not a real secret key, or None. Mirrors Django's own deploy check."""
    if not key:
        return "SECRET_KEY is not set"
    if key.startswith("django-insecure-"):
        return "SECRET_KEY is Django's insecure development key"
    if len(key) < 50 or len(set(key)) < 5:
        return "SECRET_KEY is too short or too simple (at least 50 characters, 5 different ones)"
    return None
