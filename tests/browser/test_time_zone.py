"""static/js/time-zone.js keeps the browser's own time zone in the `tz` cookie, in Chromium."""

import pytest


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Los_Angeles"])
def test_the_browsers_zone_is_kept_in_a_small_first_party_cookie(live_server, browser, zone):
    context = browser.new_context(timezone_id=zone)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("load")
    (cookie,) = [c for c in context.cookies() if c["name"] == "tz"]
    assert (cookie["value"], cookie["path"], cookie["sameSite"], cookie["httpOnly"]) == (zone, "/", "Lax", False)
    assert 364 * 86400 < cookie["expires"] - page.evaluate("Date.now() / 1000") <= 365 * 86400
    # Another page leaves one such cookie, not a second one; sign-up's hidden field has the zone too.
    page.goto(live_server.url + "/accounts/signup/")
    assert page.evaluate("document.cookie").count("tz=") == 1
    assert page.locator('input[name="time_zone"]').input_value() == zone
    assert errors == []
    context.close()
