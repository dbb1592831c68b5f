"""Keeping the journal in Chromium: three days logged, then seen in the calendar, the charts,
the report and the CSV. axe-core checks every page visited."""

import csv
from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.services import consent_give
from tests.browser.conftest import assert_accessible
from tests.conftest import PINNED_TODAY
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def person(transactional_db):
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user = UserFactory(email="diary@example.com")
    consent_give(user=user)
    return user


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("diary@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def add_medicine(page, name, kind):
    page.get_by_label("Name").fill(name)
    page.get_by_label("Kind of medicine").select_option(label=kind)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("listitem").filter(has_text=name)).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_three_days_logged_and_read_back_everywhere(live_server, page, person, console_errors, tmp_path):
    today = PINNED_TODAY
    days = {"good": today, "migraine": today - timedelta(days=1), "headache": today - timedelta(days=2)}
    log_in(page, live_server)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    assert_accessible(page)

    page.get_by_role("navigation", name="Journal").get_by_role("link", name="My medicines").click()
    assert_accessible(page)
    add_medicine(page, "Sumatriptan", "Triptan")
    add_medicine(page, "Ibuprofen", "Simple analgesic or NSAID")

    # A good day: the quick part of the form only.
    page.goto(live_server.url + "/journal/")
    page.get_by_label("No headache").check()
    page.get_by_label("4 · good").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    # A migraine with a triptan: choosing Migraine opens the details.
    page.goto(live_server.url + f"/journal/{days['migraine'].isoformat()}/")
    page.get_by_label("Migraine", exact=True).check()
    expect(page.locator("#attack-details")).to_have_attribute("open", "")
    page.get_by_label("Worst pain (0 = none, 10 = worst imaginable)").select_option("8")
    page.get_by_label("Nausea").check()
    page.get_by_label("Sensitive to light").check()
    dose = page.locator(".dose-row").first
    dose.get_by_label("Medicine").select_option(label="Sumatriptan")
    dose.get_by_label("Amount").fill("50 mg")
    dose.get_by_label("Relief after 2 hours").select_option(label="Good relief")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    # A headache with ibuprofen.
    page.goto(live_server.url + f"/journal/{days['headache'].isoformat()}/")
    page.get_by_label("Headache", exact=True).check()
    page.get_by_label("Worst pain (0 = none, 10 = worst imaginable)").select_option("4")
    page.locator(".dose-row").first.get_by_label("Medicine").select_option(label="Ibuprofen")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    # The calendar of each day's month shows it, coloured and linked.
    for kind, day in days.items():
        page.goto(live_server.url + f"/journal/calendar/{day.year}/{day.month}/")
        cell = page.locator(f'a[href="/journal/{day.isoformat()}/"]')
        expected = {"good": "No headache", "migraine": "Migraine 8/10", "headache": "Headache 4/10"}[kind]
        expect(cell).to_contain_text(expected)
    assert_accessible(page)

    page.get_by_role("link", name="Charts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Charts")
    expect(page.locator("canvas[data-journal-chart=months]")).to_be_visible()
    this_month = page.get_by_role("table").filter(has_text="Headache days, migraine days")
    expect(this_month).to_contain_text(today.strftime("%B %Y"))
    assert_accessible(page)

    page.get_by_role("link", name="Report for my doctor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Headache diary report")
    medicines = page.get_by_role("table").filter(has_text="Average relief")
    expect(medicines).to_contain_text("Sumatriptan")
    expect(medicines).to_contain_text("Ibuprofen")
    assert_accessible(page)

    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("table")).to_contain_text("Sumatriptan")
    assert_accessible(page)

    page.get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")
    expect(page.get_by_text("not enough data yet").first).to_be_visible()
    assert_accessible(page)

    # The export asks for the password again first (health data leaving the app).
    page.get_by_role("link", name="Download CSV").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm")
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Confirm").click()
    path = tmp_path / "journal.csv"
    download_info.value.save_as(path)
    rows = list(csv.DictReader(path.open()))
    assert [row["headache"] for row in rows] == ["headache", "migraine", "none"]
    assert rows[1]["doses"].startswith("Sumatriptan 50 mg")
    assert console_errors == []
