"""Site-wide rules, checked by walking the URL resolver so that new pages are covered too."""

import os
import re
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

BASE_DIR = Path(__file__).resolve().parent.parent

SAMPLE_ARGS = {
    "int": "1",
    "uuid": str(uuid.UUID(int=1)),
    "slug": "sample",
    "str": "sample",
    "path": "sample",
}
# Named groups in allauth's regex patterns, e.g. password/reset/key/<uidb36>-<key>/.
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def walk(patterns, prefix=""):
    """Yield (url, callback) for every route, with sample values for its arguments."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + route_sample(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + route_sample(pattern.pattern), pattern.callback


def route_sample(pattern) -> str:
    text = str(pattern)
    if hasattr(pattern, "converters") and "<" in text and "(?P" not in text:
        for name, converter in pattern.converters.items():
            kind = type(converter).__name__.replace("Converter", "").lower()
            value = SAMPLE_ARGS.get(kind, "2026-01-15" if "date" in kind else "sample")
            text = re.sub(rf"<(?:\w+:)?{name}>", value, text)
        return text
    text = REGEX_GROUP.sub("sample", text)
    return text.lstrip("^").rstrip("$").replace("\\", "")


def is_public(callback) -> bool:
    return getattr(callback, "login_required", True) is False


def all_routes():
    routes = [(url, callback) for url, callback in walk(get_resolver().url_patterns)]
    return [("/" + url, callback) for url, callback in routes if not url.startswith("admin/")]


# Public routes that are not pages a person reads: they have no heading by design.
NOT_PAGES = {
    "/healthz": "plain-text health check for load balancers",
    "/manifest.webmanifest": "the web app manifest (JSON)",
    "/sw.js": "the service worker (JavaScript)",
    "/accounts/logout/": "redirects home when nobody is logged in",
    "/accounts/login/code/confirm/": "redirects unless a login code was requested (login by code is off)",
}
PUBLIC = [url for url, callback in all_routes() if is_public(callback)]
PRIVATE = [url for url, callback in all_routes() if not is_public(callback)]


def test_the_walk_finds_both_kinds_of_page():
    assert "/" in PUBLIC
    assert "/accounts/signup/" in PUBLIC
    assert "/healthz" in PUBLIC
    assert "/account/consent/" in PRIVATE


@pytest.mark.django_db
@pytest.mark.parametrize("url", PRIVATE)
def test_every_private_page_sends_an_anonymous_visitor_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith("/accounts/login/?next="), url


@pytest.mark.django_db
def test_the_admin_sends_an_anonymous_visitor_to_its_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [url for url in PUBLIC if url not in NOT_PAGES])
def test_every_public_page_has_exactly_one_h1(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    assert response["Content-Type"].startswith("text/html"), url
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1, url


@pytest.mark.django_db
@pytest.mark.parametrize("url", sorted(NOT_PAGES))
def test_the_public_routes_without_a_heading_really_are_not_pages(client, url):
    response = client.get(url)
    assert response.status_code == 302 or not response["Content-Type"].startswith("text/html"), url


@pytest.mark.django_db
def test_every_page_has_a_skip_link_and_a_main_landmark(client):
    html = client.get("/").content.decode()
    assert 'href="#main-content"' in html
    assert '<main id="main-content"' in html


@pytest.mark.django_db
def test_a_missing_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


@pytest.mark.django_db
def test_no_migrations_are_pending():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.parametrize(
    "database_url",
    ["postgres://postgres@127.0.0.1:9/unreachable", "sqlite:////nonexistent-directory/db.sqlite3"],
    ids=["postgres-closed-port", "sqlite-missing-directory"],
)
def test_healthz_answers_503_when_the_database_does_not(database_url):
    # A fresh process with a database that cannot be reached: the real driver, no stand-in.
    script = (
        "import django; django.setup(); from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='localhost'); print(r.status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "migraine_heroes.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": database_url,
        },
    )
    assert result.stdout.strip() == "503", result.stderr


@pytest.mark.django_db
def test_the_landing_page_says_what_the_app_is_for_and_that_it_does_not_diagnose(client):
    html = client.get("/").content.decode()
    for words in ["migraine", "mood", "Migraine Profile", "journal", "does not diagnose"]:
        assert words in html


@pytest.mark.django_db
def test_pages_for_a_logged_in_person_are_never_stored_by_browsers_or_proxies(logged_in_client):
    response = logged_in_client.get("/account/consent/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_public_landing_page_for_a_visitor_without_a_session_may_be_cached(client):
    response = client.get("/")
    assert "no-store" not in response.get("Cache-Control", "")
    assert "camera=()" in response["Permissions-Policy"]
