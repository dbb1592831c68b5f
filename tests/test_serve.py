"""The app as `make serve` runs it: gunicorn with several worker processes, DEBUG off, hashed
static files, security headers, cookies, rate limits and concurrent writes across workers."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import User
from accounts.services import consent_give
from journal.models import Entry
from tests.server import HttpSession, gunicorn

WORKERS = 3
PASSWORD = "a calm and steady rhythm 42"


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, static_root):
    with django_db_blocker.unblock(), gunicorn(static_root, workers=WORKERS) as base_url:
        yield base_url


@pytest.fixture
def person(transactional_db):
    """A verified, consenting person whose password is hashed as production hashes it."""
    user = User.objects.create(email="served@example.com", password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    consent_give(user=user)
    return user


def test_a_page_over_https_carries_the_security_headers(server):
    status, headers, _ = HttpSession(server).get("/")
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
    assert "microphone=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_link_hashed_static_files_that_are_cached_for_a_year(server):
    session = HttpSession(server)
    _, _, body = session.get("/")
    css = re.search(r'href="(/static/vendor/bootstrap-5\.3\.9/css/bootstrap\.min\.[0-9a-f]{12}\.css)"', body)
    assert css, "the page should link the hashed file name"
    status, headers, _ = session.get(css.group(1), headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"


def test_the_service_worker_precaches_hashed_static_files_and_keeps_them_cache_first(server):
    status, headers, body = HttpSession(server).get("/sw.js")
    assert status == 200
    assert headers["Content-Type"].startswith("application/javascript")
    assert "no-cache" in headers["Cache-Control"]
    assert "const HASHED_NAMES = true;" in body
    precache = re.search(r"const PRECACHE = (\[.*?\]);", body).group(1)
    assert re.search(r"/static/css/app\.[0-9a-f]{12}\.css", precache)
    assert re.search(r"/static/js/sw-register\.[0-9a-f]{12}\.js", precache)


def test_healthz_answers_with_production_settings(server):
    status, _, body = HttpSession(server).get("/healthz")
    assert (status, body) == (200, "ok\n")


def test_logging_in_sets_secure_http_only_same_site_cookies_and_private_pages_are_not_stored(server, person):
    session = HttpSession(server)
    status, headers, _ = session.log_in(person.email, PASSWORD)
    assert status == 302
    session_cookie = next(h for h in session.set_cookie_headers if h.startswith("sessionid="))
    csrf_cookie = next(h for h in session.set_cookie_headers if h.startswith("csrftoken="))
    for flag in ["Secure", "HttpOnly", "SameSite=Lax"]:
        assert flag in session_cookie
    assert "Secure" in csrf_cookie
    assert "SameSite=Lax" in csrf_cookie
    for path in ["/journal/", "/assessment/results/", "/account/privacy/"]:
        status, headers, _ = session.get(path)
        assert status == 200, path
        assert "no-store" in headers["Cache-Control"], path


def test_failed_logins_for_one_account_are_limited_across_worker_processes(server, person):
    # allauth: 5 failed logins per account in 5 minutes. Each attempt is a new connection, so the
    # attempts are spread over the workers; the count lives in the shared cache, not in a worker.
    outcomes = []
    for _ in range(7):
        status, _, body = HttpSession(server).log_in(person.email, "not the password 123")
        outcomes.append("Too many failed login attempts" in body)
        assert status in (400, 429)  # the form with its error, or the limit
    assert outcomes[:5] == [False] * 5
    assert outcomes[5:] == [True, True]
    # The right password is refused too until the window passes.
    status, _, body = HttpSession(server).log_in(person.email, PASSWORD)
    assert status != 302
    assert "Too many failed login attempts" in body


def test_the_admin_login_goes_through_the_rate_limited_login(server):
    status, headers, _ = HttpSession(server).get("/admin/login/?next=/admin/")
    assert status == 302
    assert headers["Location"].startswith("/accounts/login/?next=/admin/")


def test_one_day_saved_at_once_by_several_worker_processes_is_one_entry(server, person):
    session = HttpSession(server)
    session.log_in(person.email, PASSWORD)
    session.get("/journal/")
    writers = 6
    barrier = threading.Barrier(writers)

    def save(n):
        barrier.wait(timeout=10)
        form = {"headache": "headache", "pain": str(n + 1), "impact": "1", "notes": f"writer {n}",
                "doses-TOTAL_FORMS": "0", "doses-INITIAL_FORMS": "0"}  # fmt: skip
        status, _, _ = session.request("POST", "/journal/", form)
        return status

    with ThreadPoolExecutor(max_workers=writers) as pool:
        statuses = list(pool.map(save, range(writers)))
    assert statuses == [302] * writers  # no error reaches anyone
    entry = Entry.objects.get(user=person)  # one day, whichever "today" the server saw
    assert entry.pain == int(entry.notes.split()[-1]) + 1


def test_failed_logins_from_one_client_behind_the_proxy_do_not_lock_out_another(server, person):
    # Every request comes from the proxy's address (loopback); the proxy appends the client's
    # address to X-Forwarded-For. allauth allows 10 failed logins a minute per client address.
    attacker = {"X-Forwarded-For": "203.0.113.7"}
    for n in range(10):
        session = HttpSession(server)
        session.get("/accounts/login/", headers=attacker)
        status, _, body = session.post(
            "/accounts/login/", {"login": f"guess{n}@example.com", "password": "not it 12345"}, headers=attacker
        )
        assert status == 400  # the form with its error
        assert "Too many failed login attempts" not in body
    session = HttpSession(server)
    session.get("/accounts/login/", headers=attacker)
    _, _, body = session.post("/accounts/login/", {"login": "one.more@example.com", "password": "x"}, headers=attacker)
    assert "Too many failed login attempts" in body  # the limit still holds for that client

    someone_else = {"X-Forwarded-For": "198.51.100.9"}
    session = HttpSession(server)
    session.get("/accounts/login/", headers=someone_else)
    status, headers, body = session.post(
        "/accounts/login/", {"login": person.email, "password": PASSWORD}, headers=someone_else
    )
    assert "Too many failed login attempts" not in body
    assert status == 302
    assert headers["Location"] == "/journal/"


def test_reset_and_confirmation_keys_never_reach_the_access_log(static_root, tmp_path, transactional_db):
    log = tmp_path / "access.log"
    reset_key = "3-cz7q9k-0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    confirm_key = "MTE:1tQkZx:Zm9vYmFyYmF6cXV4cXV1eF9zZWNyZXQ"
    with gunicorn(static_root, workers=1, access_log=log) as base_url:
        session = HttpSession(base_url)
        for path in [f"/accounts/password/reset/key/{reset_key}/", f"/accounts/confirm-email/{confirm_key}/"]:
            status, _, _ = session.get(path, headers={"Referer": base_url + path})
            assert status < 500
        session.get("/accounts/login/")
    text = log.read_text()
    assert "/accounts/login/" in text  # the log is written, and read here
    assert "/accounts/password/reset/key/[hidden]/" in text
    assert "/accounts/confirm-email/[hidden]/" in text
    assert reset_key not in text
    assert "cz7q9k" not in text
    assert confirm_key not in text
