"""The app as `make serve` runs it: gunicorn, DEBUG off, hashed static files, security headers."""

import re
import urllib.request

import pytest

from tests.server import gunicorn


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, **headers):
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own loopback server)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), gunicorn(tmp_path_factory.mktemp("static"), workers=2) as base_url:
        yield base_url


def test_a_page_over_https_carries_the_security_headers(server):
    status, headers, _ = fetch(server + "/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    csp = headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "unsafe-inline" not in script_src
    assert "unsafe-eval" not in script_src
    for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]:
        assert directive in csp
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31_536_000
    assert "includeSubDomains" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_link_hashed_static_files_that_are_cached_for_a_year(server):
    _, _, body = fetch(server + "/", **{"X-Forwarded-Proto": "https"})
    css = re.search(r'href="(/static/vendor/bootstrap-5\.3\.9/css/bootstrap\.min\.[0-9a-f]{12}\.css)"', body.decode())
    assert css, "the page should link the hashed file name"
    status, headers, _ = fetch(server + css.group(1), **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"


def test_a_private_page_redirects_an_anonymous_visitor_to_log_in(server):
    status, headers, _ = fetch(server + "/account/consent/", **{"X-Forwarded-Proto": "https"})
    assert status == 302
    assert headers["Location"].startswith("/accounts/login/")


def test_healthz_answers_with_production_settings(server):
    status, _, body = fetch(server + "/healthz")
    assert (status, body) == (200, b"ok\n")
