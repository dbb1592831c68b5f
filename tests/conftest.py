from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.core.cache import caches

from tests.factories import PASSWORD, ConsentFactory, UserFactory

# Every test in this process sees the same "now": midday in June (summer time in London), far
# from midnight, on a date that is not the real one. A test therefore never depends on the wall
# clock or on running before midnight, and any code that asks the system clock for "today"
# instead of core.clock (or journal.days, which reads it) shows up as a failure. Tests that run
# the app in another process (gunicorn, through `static_root`) keep the real clock on both sides.
PINNED_NOW = datetime(2026, 6, 15, 11, 0, tzinfo=UTC)
PINNED_TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _pinned_clock(request, monkeypatch):
    if "static_root" in request.fixturenames or request.node.get_closest_marker("real_clock"):
        return
    from core import clock

    monkeypatch.setattr(clock, "now", lambda: PINNED_NOW)


@pytest.fixture
def today():
    """The day every in-process test runs on (see PINNED_NOW)."""
    return PINNED_TODAY


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with the real PBKDF2 costs a third of a second a user; tests that log in through
    a real gunicorn (tests/test_serve.py) store PBKDF2 hashes and exercise the real thing."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _no_random_page_cache_culling(settings):
    """The page cache culls on a random one write in 50: pinned query counts must not depend on luck."""
    settings.PAGE_CACHE_CULL_EVERY = 0


@pytest.fixture(autouse=True)
def _forget_questionnaire_structures():
    """Kept in process memory by id; a rolled-back test database hands the same ids out again."""
    from assessment import selectors

    selectors._STRUCTURES.clear()


@pytest.fixture(autouse=True)
def _clear_cache(request, django_db_blocker):
    """Rate-limit counters live in the cache (a database table, or Redis): one test's failed
    logins must not block the next, and live-server tests commit what they write."""
    yield
    if "django_db_setup" in request.fixturenames:
        with django_db_blocker.unblock():
            for alias in settings.CACHES:
                caches[alias].clear()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """collectstatic once for every test that runs the app with production settings."""
    from tests.server import collect_static

    return collect_static(tmp_path_factory.mktemp("static"))


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def consenting_user(db):
    return ConsentFactory().user


@pytest.fixture
def stranger(db):
    return UserFactory(email="stranger@example.com")


@pytest.fixture
def logged_in_client(client, user):
    client.force_login(user)
    return client


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last.

    Playwright's session-long event loop makes Django treat the main thread as async code, so
    the browser tests allow sync database calls (DJANGO_ALLOW_ASYNC_UNSAFE); running them last
    keeps that allowance away from every other test.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
