"""A body Django cannot read answers 400, not 500; /healthz answers 503 when the SQLite file is
missing (and never creates one) or locked for writing."""

import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client

from accounts.services import consent_give
from tests.factories import UserFactory
from tests.server import BASE_DIR, production_env

sqlite_only = pytest.mark.skipif("os.environ.get('DATABASE_URL')", reason="about SQLite's own file and lock")


def post_with_charset(url: str, charset: str):
    """A form post in `charset`, with a valid CSRF token, checked as in production."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    user = UserFactory()
    consent_give(user=user)
    if not url.startswith("/accounts/"):
        client.force_login(user)
    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.generic(
        "POST",
        url,
        f"csrfmiddlewaretoken={token}&name=Cheese&login=a@b.c",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    return response


URLS = ["/accounts/login/", "/journal/triggers/", "/account/consent/"]


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["utf-7", "utf-16", "latin-1"])
@pytest.mark.parametrize("url", URLS)
def test_a_body_in_a_charset_other_than_utf8_is_a_400_even_with_csrf_checks(url, charset):
    response = post_with_charset(url, charset)
    assert response.status_code == 400
    assert "We could not read that request" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_a_charset_python_does_not_know_is_read_as_utf8_without_an_error(url):
    # Django ignores a charset it cannot look up and reads the body as UTF-8: a normal answer
    # (a form sent back with its errors is a 400 too, but not the unreadable-request page).
    response = post_with_charset(url, "no-such-charset")
    assert response.status_code in (200, 302, 400)
    assert "We could not read that request" not in response.content.decode()


@pytest.mark.django_db
def test_healthz_reads_a_real_table(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")


def test_healthz_is_503_when_the_sqlite_file_is_missing_and_does_not_create_it(tmp_path, static_root):
    missing = tmp_path / "gone" / "db.sqlite3"
    missing.parent.mkdir()
    script = (
        "import django; django.setup(); from django.test import Client;"
        "r = Client(HTTP_HOST='localhost', HTTP_X_FORWARDED_PROTO='https').get('/healthz');"
        "print(r.status_code, r.content.decode().strip())"
    )
    env = production_env(DATABASE_URL=f"sqlite:///{missing}", STATIC_ROOT=str(static_root))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "503 database unavailable"
    assert not missing.exists()
    assert os.listdir(missing.parent) == []


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_while_the_sqlite_database_is_locked_for_writing(client):
    assert client.get("/healthz").status_code == 200
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
    finally:
        other.rollback()
        other.close()
    assert client.get("/healthz").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 10_000  # the shorter wait was for healthz only
