"""Real Chromium (Debian's /usr/bin/chromium) through pytest-playwright, against live_server.

Without Chromium the browser tests are skipped with the reason; with REQUIRE_BROWSER=1 (CI)
a missing browser is a failure instead.
"""

import os
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


def assert_accessible(page):
    """axe-core finds no violations on the page as it is now."""
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\\n{results.generate_report()}"
