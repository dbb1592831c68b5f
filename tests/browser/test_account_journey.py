"""A new person signs up, gives consent, verifies their email, logs in and logs out, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Consent
from tests.browser.conftest import assert_accessible

PASSWORD = "a calm and steady rhythm 42"


@pytest.mark.django_db(transaction=True)
def test_a_new_person_signs_up_verifies_logs_in_and_out(live_server, page, mailoutbox, console_errors):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Migraine and mood")
    assert_accessible(page)

    page.get_by_role("link", name="Create your free account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    assert_accessible(page)
    page.get_by_label("Email").fill("hero@example.com")
    page.get_by_label("Password*", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I am 18 or older.").check()
    page.get_by_label(re.compile("I agree that Migraine Heroes may store")).check()
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")
    assert_accessible(page)
    assert Consent.objects.filter(user__email="hero@example.com").count() == 1

    link = re.search(r"http://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[-1].body).group(1)
    page.goto(live_server.url + link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Log in")
    assert_accessible(page)
    page.get_by_label("Email").fill("hero@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")).to_be_visible()
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path", ["/", "/accounts/signup/", "/accounts/login/", "/no-such-page/", "/accounts/password/reset/"]
)
def test_public_pages_have_no_accessibility_violations(live_server, page, path, console_errors):
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)
    assert [e for e in console_errors if "404" not in e] == []
