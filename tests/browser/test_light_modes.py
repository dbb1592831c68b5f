"""Dark and dim light in Chromium: the device's dark setting is followed before first paint, dim
has no pure white anywhere, and axe-core finds nothing in either."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

NO_PURE_WHITE = """() => [...document.querySelectorAll('*')].filter(el => {
  const s = getComputedStyle(el);
  return s.backgroundColor === 'rgb(255, 255, 255)' && el.offsetParent !== null;
}).map(el => el.tagName + '.' + el.className)"""


@pytest.mark.django_db(transaction=True)
def test_a_dark_device_gets_a_dark_page(live_server, browser):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    for path in ["/", "/assessment/", "/accounts/login/", "/accounts/signup/"]:
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(33, 37, 41)"
        assert_accessible(page)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_dim_has_no_pure_white_and_passes_axe(live_server, browser):
    from accounts.services import consent_give
    from tests.factories import UserFactory

    person = UserFactory(theme="dim")
    consent_give(user=person)
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill("a calm and steady rhythm 42")
    page.get_by_role("button", name="Log in").click()
    for path in ["/", "/journal/", "/journal/calendar/", "/account/settings/", "/assessment/", "/journal/report/"]:
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("data-theme-choice", "dim")
        assert page.evaluate(NO_PURE_WHITE) == [], path
        assert_accessible(page)
    context.close()
