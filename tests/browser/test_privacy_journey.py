"""A person with a year of diary downloads everything, reads it back, and deletes the account,
in Chromium; axe-core checks every page visited."""

import io
import json
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from accounts.services import consent_give
from journal.demo import seed_diary
from journal.models import Entry
from tests.browser.conftest import assert_accessible
from tests.conftest import PINNED_TODAY
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def year_of_diary(transactional_db):
    call_command("load_default_content", stdout=io.StringIO())
    user = UserFactory(email="leaving@example.com")
    consent_give(user=user)
    seed_diary(user, days=365, end=PINNED_TODAY)
    return user


@pytest.mark.django_db(transaction=True)
def test_download_everything_then_delete_the_account(live_server, page, year_of_diary, tmp_path, console_errors):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("leaving@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    for path in ["/journal/triggers/", "/journal/reminders/", "/account/consent/"]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy and your data")
    assert_accessible(page)

    page.get_by_role("link", name="Download as JSON").click()  # asks for the password first
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm")
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Confirm").click()
    path = tmp_path / "my-data.json"
    download_info.value.save_as(path)
    data = json.loads(path.read_text())
    assert data["account"]["email"] == "leaving@example.com"
    assert len(data["journal_entries"]) == 365

    page.goto(live_server.url + "/account/privacy/")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label(re.compile("I understand that my account")).check()
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.get_by_text("Your account and everything in it have been deleted")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="leaving@example.com").exists()
    assert not Entry.objects.exists()
    assert console_errors == []
