"""Settings come from the environment; nonsense fails loudly, and the databases are set up as designed."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from migraine_heroes.env import (
    database_from_url,
    email_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    secret_key_problem,
)

BASE_DIR = Path(__file__).resolve().parent.parent
REAL_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"


# --- Pure parsing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("YES", True),
        (" on ", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("off", False),
    ],
)
def test_env_bool_reads_the_usual_words(raw, expected):
    assert env_bool("FLAG", not expected, {"FLAG": raw}) is expected


def test_env_bool_uses_the_default_when_unset():
    assert env_bool("FLAG", True, {}) is True
    assert env_bool("FLAG", False, {}) is False


@pytest.mark.parametrize("raw", ["ture", "2", "enabled", "y e s"])
def test_env_bool_refuses_anything_else(raw):
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", False, {"FLAG": raw})


def test_env_int_parses_and_refuses_junk_and_values_below_the_minimum():
    assert env_int("N", 5, {"N": "42"}) == 42
    assert env_int("N", 5, {}) == 5
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("N", 5, {"N": "forty"})
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("N", 5, {"N": "-1"}, minimum=0)


def test_env_list_splits_on_commas_and_drops_blanks():
    assert env_list("HOSTS", ["x"], {"HOSTS": "a.example, b.example,,"}) == ["a.example", "b.example"]
    assert env_list("HOSTS", ["x"], {}) == ["x"]


def test_env_choice_refuses_unknown_values():
    assert env_choice("V", ("mandatory", "none"), "mandatory", {"V": "NONE"}) == "none"
    with pytest.raises(ImproperlyConfigured, match="mandatory, none"):
        env_choice("V", ("mandatory", "none"), "mandatory", {"V": "sometimes"})


def test_no_database_url_means_sqlite_with_wal_immediate_transactions_and_a_busy_timeout(tmp_path):
    db = database_from_url("", base_dir=tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == f"file:{tmp_path / 'db.sqlite3'}?mode=rw"  # the existing file only
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert "busy_timeout" in db["OPTIONS"]["init_command"]


def test_sqlite_urls_take_relative_and_absolute_paths(tmp_path):
    assert (
        database_from_url("sqlite:///data/app.db", base_dir=tmp_path)["NAME"] == f"file:{tmp_path}/data/app.db?mode=rw"
    )
    assert database_from_url("sqlite:////srv/app.db", base_dir=tmp_path)["NAME"] == "file:/srv/app.db?mode=rw"


def test_only_migrate_may_create_the_sqlite_file(tmp_path):
    assert database_from_url("sqlite:////srv/app.db", base_dir=tmp_path, create_sqlite=True)["NAME"] == Path(
        "/srv/app.db"
    )
    odd = database_from_url("sqlite:////srv/my%20db%3F.sqlite3", base_dir=tmp_path)["NAME"]
    assert odd == "file:/srv/my%20db%3F.sqlite3?mode=rw"  # quoted, so SQLite reads the path back whole


def test_postgres_url_uses_psycopg_with_its_pool_and_a_short_connect_timeout(tmp_path):
    db = database_from_url("postgres://mh:s%40cret@db.example:6543/heroes?sslmode=require", base_dir=tmp_path)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "heroes",
        "mh",
        "s@cret",
        "db.example",
        "6543",
    )
    assert db["OPTIONS"]["pool"]["max_size"] == 4
    assert db["OPTIONS"]["connect_timeout"] == 2
    assert db["OPTIONS"]["sslmode"] == "require"
    assert db["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize(
    "url",
    [
        "mysql://x@y/z",
        "postgres://host-without-db",
        "postgres://h:port/db",
        "postgres://h/db?pool_max_size=0",
        "sqlite://",
    ],
)
def test_unusable_database_urls_fail_loudly(url, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url(url, base_dir=tmp_path)


def test_email_defaults_to_the_console_and_reads_smtp_urls():
    assert email_from_url("")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = email_from_url("smtp://me:pa%2Fss@mail.example:2525?starttls=1")
    assert smtp["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_HOST_PASSWORD"], smtp["EMAIL_USE_TLS"]) == (
        "mail.example",
        2525,
        "pa/ss",
        True,
    )
    assert email_from_url("smtps://mail.example")["EMAIL_PORT"] == 465
    with pytest.raises(ImproperlyConfigured):
        email_from_url("carrier-pigeon://loft")


def test_secret_key_rules_match_djangos_deploy_check():
    assert secret_key_problem("") is not None
    assert secret_key_problem("django-insecure-" + "x" * 60) is not None
    assert secret_key_problem("short") is not None
    assert secret_key_problem("a" * 60) is not None
    assert secret_key_problem(REAL_KEY) is None


# --- The settings module itself, loaded in a fresh process -----------------------------------


def load_settings(**env):
    """Import the settings in a new interpreter with exactly this environment; return the
    completed process and, on success, a few values as JSON."""
    script = (
        "import json, django; from django.conf import settings as s; django.setup();"
        "print(json.dumps({'DEBUG': s.DEBUG, 'ENGINE': s.DATABASES['default']['ENGINE'],"
        "'POOL': 'pool' in s.DATABASES['default'].get('OPTIONS', {}),"
        "'CACHE': s.CACHES['default']['BACKEND'], 'EMAIL': s.EMAIL_BACKEND,"
        "'HSTS': s.SECURE_HSTS_SECONDS, 'HSTS_SUB': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        "'SSL_REDIRECT': s.SECURE_SSL_REDIRECT, 'PROXY': getattr(s, 'SECURE_PROXY_SSL_HEADER', None),"
        "'SESSION_SECURE': s.SESSION_COOKIE_SECURE, 'CSRF_SECURE': s.CSRF_COOKIE_SECURE,"
        "'STORAGE': s.STORAGES['staticfiles']['BACKEND'], 'CSP': s.CONTENT_SECURITY_POLICY['DIRECTIVES']}))"
    )
    base_env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "migraine_heroes.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**base_env, **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    values = json.loads(result.stdout) if result.returncode == 0 else None
    return result, values


def test_debug_off_without_a_secret_key_refuses_to_start():
    result, _ = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_with_djangos_insecure_key_refuses_to_start():
    result, _ = load_settings(SECRET_KEY="django-insecure-" + "x" * 60)
    assert result.returncode != 0
    assert "insecure" in result.stderr


def test_a_typo_in_a_setting_stops_the_app():
    result, _ = load_settings(DJANGO_DEBUG="ture")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='ture' is not a yes/no value" in result.stderr


def test_production_settings_are_strict():
    result, s = load_settings(SECRET_KEY=REAL_KEY)
    assert result.returncode == 0, result.stderr
    assert s["DEBUG"] is False
    assert s["HSTS"] >= 31_536_000
    assert s["HSTS_SUB"] is True
    assert s["SSL_REDIRECT"] is True
    assert s["SESSION_SECURE"] is True
    assert s["CSRF_SECURE"] is True
    assert s["PROXY"] is None
    assert s["STORAGE"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["CACHE"] == "django.core.cache.backends.db.DatabaseCache"
    assert s["EMAIL"] == "django.core.mail.backends.console.EmailBackend"
    csp = s["CSP"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


def test_behind_a_proxy_the_ssl_redirect_can_be_turned_off_and_the_forwarded_proto_trusted():
    result, s = load_settings(SECRET_KEY=REAL_KEY, SECURE_SSL_REDIRECT="0", TRUST_X_FORWARDED_PROTO="1")
    assert result.returncode == 0, result.stderr
    assert s["SSL_REDIRECT"] is False
    assert s["PROXY"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_database_url_switches_to_postgresql_with_the_pool_and_redis_url_to_redis():
    result, s = load_settings(
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/anything",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert s["ENGINE"] == "django.db.backends.postgresql"
    assert s["POOL"] is True
    assert s["CACHE"] == "django.core.cache.backends.redis.RedisCache"


def test_this_test_run_uses_the_database_named_by_database_url(db):
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    if expected == "postgresql":
        assert connection.settings_dict["OPTIONS"]["pool"]


# --- SQLite pragmas, read back from the live connection -------------------------------------

sqlite_only = pytest.mark.skipif("os.environ.get('DATABASE_URL')", reason="the SQLite settings apply to SQLite runs")


@sqlite_only
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 10_000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


@sqlite_only
def test_sqlite_transactions_take_the_write_lock_at_begin(db):
    # The test runs inside a transaction that has written nothing. With BEGIN IMMEDIATE it
    # already holds the write lock, so a second writer is refused at once; with SQLite's
    # default (DEFERRED) it would get in, and two writers could later collide half-way.
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()


def test_sqlite_keeps_its_connection_between_requests(tmp_path):
    from migraine_heroes.env import sqlite_database

    database = sqlite_database(tmp_path / "db.sqlite3", base_dir=tmp_path)
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (600, True)
