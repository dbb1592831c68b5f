"""Attack mode on a phone (390x844, touch): from opening the app to a saved attack in at most five
taps, and an attack logged with no connection saved exactly once when the phone is back online."""

import time
from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PINNED_NOW, PINNED_TODAY

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}


def signed_in_phone(browser, live_server, person, **extra):
    context = browser.new_context(**PHONE, **extra)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill("a calm and steady rhythm 42")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + "/journal/")
    return context, page


def person_with_a_triptan():
    from accounts.services import consent_give
    from journal.models import Medication
    from tests.factories import UserFactory

    person = UserFactory()
    consent_give(user=person)
    Medication.objects.create(user=person, name="Sumatriptan", drug_class="triptan", use="acute")
    return person


@pytest.mark.django_db(transaction=True)
def test_an_attack_with_its_pain_and_a_triptan_takes_three_taps(live_server, browser):
    from journal.models import Attack, Dose, Entry

    person = person_with_a_triptan()
    context, page = signed_in_phone(browser, live_server, person)
    page.goto(live_server.url + "/journal/")  # opening the app
    taps = 0
    start = page.get_by_role("button", name="Now", exact=True)
    box = start.bounding_box()
    assert box["y"] + box["height"] <= 844, "the first tap is in the first screen, no scrolling"
    assert box["height"] >= 44
    assert_accessible(page)

    start.tap()
    taps += 1
    expect(page.get_by_role("heading", name="Attack since")).to_be_visible()
    page.get_by_role("button", name="7", exact=True).tap()
    taps += 1
    expect(page.get_by_role("button", name="7", exact=True)).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Sumatriptan").tap()
    taps += 1
    expect(page.get_by_text("We will ask in 2 hours how much it helped")).to_be_visible()
    assert_accessible(page)

    assert taps <= 5
    print(f"attack mode: {taps} taps from opening the app to a saved attack with pain and a dose")
    attack = Attack.objects.get(user=person)
    assert (attack.peak_pain, attack.ended_at) == (7, None)
    assert Dose.objects.get(entry__user=person).medication.name == "Sumatriptan"
    assert Entry.objects.get(user=person).headache == "headache"

    page.get_by_role("button", name="It's over").tap()  # one tap to end it
    expect(page.get_by_text("Glad it is over")).to_be_visible()
    attack.refresh_from_db()
    assert attack.ended_at is not None
    assert_accessible(page)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_an_attack_from_last_night_ends_the_next_day_in_one_tap(live_server, browser, monkeypatch):
    """Attack mode started at 21:30 (London, summer time), the evening before the pinned today; the
    next day at noon Today still shows it, naming the day it began, and one tap ends it. The live
    server runs in this process, so moving journal.days.now moves the app's clock (as the
    in-process tests do); the phone's own clock plays no part in these taps."""
    from journal import days
    from journal.models import Attack, Entry

    evening = datetime(2026, 6, 14, 20, 30, tzinfo=UTC)  # 21:30 in London
    clock = {"now": evening}
    monkeypatch.setattr(days, "now", lambda: clock["now"])
    person = person_with_a_triptan()
    person.time_zone = "Europe/London"
    person.save(update_fields=["time_zone"])
    context, page = signed_in_phone(browser, live_server, person, timezone_id="Europe/London")
    heading = page.locator("#attack-heading")

    page.get_by_role("button", name="Now", exact=True).tap()
    expect(heading).to_have_text("Attack since 21:30")
    page.get_by_role("button", name="6", exact=True).tap()
    expect(page.get_by_role("button", name="6", exact=True)).to_have_attribute("aria-pressed", "true")
    assert_accessible(page)

    clock["now"] = PINNED_NOW  # the next morning has come and gone: 12:00 in London
    page.goto(live_server.url + "/journal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today, Monday 15 June")
    expect(heading).to_have_text("Attack since yesterday 21:30")
    assert_accessible(page)

    page.get_by_role("button", name="It's over").tap()  # the one tap
    expect(page.get_by_text("Glad it is over")).to_be_visible()
    expect(page.get_by_role("heading", name="Attack started?")).to_be_visible()
    assert_accessible(page)

    attack = Attack.objects.get(user=person)
    assert (attack.started_at, attack.ended_at, attack.peak_pain) == (evening, PINNED_NOW, 6)
    rows = list(
        Entry.objects.filter(user=person).order_by("day").values_list("day", "headache", "pain", "headache_hours")
    )
    # 21:30 to midnight is 2.5 hours, counted as 3 whole hours; midnight to noon is 12.
    assert rows == [(date(2026, 6, 14), "headache", 6, 3), (PINNED_TODAY, "headache", 6, 12)]

    # Each day's own page says so too: a headache, with its hours.
    for day, hours in [("2026-06-14", "3"), (PINNED_TODAY.isoformat(), "12")]:
        page.goto(f"{live_server.url}/journal/{day}/")
        expect(page.get_by_label("Headache", exact=True)).to_be_checked()
        expect(page.get_by_label("Hours with headache")).to_have_value(hours)
        assert_accessible(page)
    context.close()


WORKER_READY = "() => navigator.serviceWorker.ready.then(() => true)"


@pytest.mark.real_clock  # the phone stamps the attack with its own (real) clock
@pytest.mark.django_db(transaction=True)
def test_an_attack_logged_offline_is_saved_once_back_online(live_server, browser):
    from journal.models import Attack

    person = person_with_a_triptan()
    context, page = signed_in_phone(browser, live_server, person)
    page.goto(live_server.url + "/journal/")
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null || "
                           "navigator.serviceWorker.ready.then(() => true)")  # fmt: skip
    page.evaluate(WORKER_READY)
    page.reload()  # now controlled by the worker, which has the offline page and the scripts

    context.set_offline(True)
    page.goto(live_server.url + "/journal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You're offline")
    page.get_by_role("button", name="15 min ago").tap()
    expect(page.get_by_role("status").filter(has_text="Kept on this phone")).to_be_visible()
    assert_accessible(page)
    assert not Attack.objects.exists()

    context.set_offline(False)
    page.goto(live_server.url + "/journal/")  # back online: what was kept is sent
    deadline = time.monotonic() + 15
    while not Attack.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    # Both the offline page (on the "online" event) and Today (on load) send what was kept; when
    # the offline page's post wins, Today may have been drawn a moment before it was saved.
    page.goto(live_server.url + "/journal/")
    expect(page.get_by_role("heading", name="Attack since")).to_be_visible()
    page.reload()
    page.goto(live_server.url + "/journal/history/")
    time.sleep(1)
    assert Attack.objects.filter(user=person).count() == 1  # sent once, and never again
    context.close()
