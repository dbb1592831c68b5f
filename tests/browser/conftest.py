"""Real Chromium (Debian's /usr/bin/chromium) through pytest-playwright, against live_server.

Without Chromium the browser tests are skipped with the reason; with REQUIRE_BROWSER=1 (CI)
a missing browser is a failure instead.
"""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Axe()


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}; install it with: apt-get install chromium"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (REQUIRE_BROWSER=1 makes a missing browser a failure)")
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS, "headless": True}


@pytest.fixture(autouse=True, scope="session")
def _allow_sync_database_calls_beside_playwright():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture
def console_errors(page):
    """Errors the page logs (a CSP violation, a failed script) collect here; tests assert none."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


# Running CSS transitions that end (a tapped button fading into its hover colours), awaited.
TRANSITIONS_DONE = """() => Promise.all(document.getAnimations()
  .filter(animation => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
  .map(animation => animation.finished.catch(() => null)))"""


def assert_accessible(page):
    """axe-core finds no violations on the page as it is now, once its transitions are over (axe
    measures colours as drawn: halfway through a button's fade it would see a mix of two)."""
    page.evaluate(TRANSITIONS_DONE)
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\\n{results.generate_report()}"


@pytest.fixture
def diarist(transactional_db):
    """A person with 100 days of diary up to the pinned today (email phone@example.com), a finished
    migraine profile, an unfinished PHQ-9 and a report link: (user, finished, unfinished, token)."""
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from accounts.services import consent_give
    from assessment.models import Questionnaire
    from journal.demo import seed_diary
    from journal.services import report_share_create
    from tests.assessment.conftest import answer_everything, start
    from tests.conftest import PINNED_TODAY
    from tests.factories import UserFactory

    call_command("load_default_content", stdout=io.StringIO())
    user = UserFactory(email="phone@example.com", full_name="Alex Example")
    consent_give(user=user)
    seed_diary(user, days=100, end=PINNED_TODAY)
    client = Client()
    client.force_login(user)
    profile = Questionnaire.objects.get(slug="migraine-profile", status="published")
    finished = start(client, profile)
    answer_everything(client, finished)
    unfinished = start(client, Questionnaire.objects.get(slug="phq-9", status="published"))
    today = PINNED_TODAY
    _, token = report_share_create(user=user, start=today - timedelta(days=89), end=today, days=30, now=timezone.now())
    return user, finished, unfinished, token
