"""Installable app in Chromium: the service worker registers and activates, and with the phone
offline a page shows the kind offline page (from the worker's cache) instead of the browser's
error; nothing personal is ever in that cache."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

WORKER_ACTIVATED = """() => navigator.serviceWorker.ready.then((registration) => {
  const worker = registration.active;
  if (worker.state === "activated") return [registration.scope, worker.state];
  return new Promise((resolve) => worker.addEventListener("statechange", () => {
    if (worker.state === "activated") resolve([registration.scope, worker.state]);
  }));
})"""

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""


@pytest.mark.django_db(transaction=True)
def test_offline_a_page_shows_the_offline_page_from_the_service_worker(live_server, browser):
    from accounts.services import consent_give
    from tests.factories import UserFactory

    person = UserFactory()
    consent_give(user=person)
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill("a calm and steady rhythm 42")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + "/journal/")

    scope, state = page.evaluate(WORKER_ACTIVATED)
    assert scope == live_server.url + "/"
    assert state == "activated"
    cached = page.evaluate(CACHED_URLS)
    assert "/offline/" in cached
    assert any(url.endswith(".css") for url in cached)
    assert not [url for url in cached if url.startswith(("/journal/", "/account/", "/assessment/"))]

    context.set_offline(True)
    page.goto(live_server.url + "/journal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You're offline")
    expect(page.get_by_role("listitem").filter(has_text="back online")).to_be_visible()
    assert person.email not in page.content()  # the kept page is nobody's
    # The styles came from the worker's cache: Bootstrap's button, not an unstyled link.
    assert page.evaluate("getComputedStyle(document.querySelector('.btn-primary')).borderRadius") != "0px"
    assert_accessible(page)

    context.set_offline(False)
    page.goto(live_server.url + "/journal/")
    expect(page).to_have_url(live_server.url + "/journal/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("You're offline")
    assert errors == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_offline_page_reads_well_on_a_dark_device(live_server, browser):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    console_errors = []  # a CSP violation (the worker, the manifest) would show here
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server.url + "/offline/")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    expect(page.get_by_role("heading", level=1)).to_have_text("You're offline")
    assert_accessible(page)
    assert console_errors == []
    context.close()
