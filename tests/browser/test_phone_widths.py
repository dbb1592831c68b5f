"""Touch and width on a phone (issue 13, point 3), in Chromium: a logged-in person with a few
months of diary visits every journal, questionnaire and account page at 390 × 844 and 320 × 640,
and Today again with an attack going on (its 0–10 pain scale, its medicines, "It's over").
No page scrolls sideways; every control outside running text is at least 44 × 44 px (radios and
checkboxes through their labels); the day form's Save is on screen when the form opens; axe-core
finds nothing on any page.

Inline links inside a sentence are exempt from the size rule (WCAG 2.2, 2.5.8 "Inline"), and so
are controls inside closed details, a folded menu or anything else not shown."""

import os
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from journal.services import attack_start
from tests.browser.conftest import assert_accessible
from tests.browser.test_light_modes import NO_PURE_WHITE
from tests.conftest import PINNED_NOW, PINNED_TODAY
from tests.factories import PASSWORD

SCREENSHOTS = os.environ.get("PHONE_SCREENSHOTS")
PHONES = {
    "390": {"viewport": {"width": 390, "height": 844}},
    "320": {"viewport": {"width": 320, "height": 640}},
}
PHONE = {"is_mobile": True, "has_touch": True, "device_scale_factor": 3}

# Everything a finger can press, outside running text. A checkbox or radio is pressed through
# its label (the label is the 44 px target; the box itself is drawn inside it). An inline link is
# one that shares its block with other words (WCAG 2.5.8 exempts targets in a sentence).
SMALL_TARGETS = """() => {
  const offenders = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label';
  const blockOf = el => {
    let node = el.parentElement;
    while (node && getComputedStyle(node).display.startsWith('inline')) node = node.parentElement;
    return node;
  };
  const inRunningText = el => {
    if (el.tagName !== 'A' || !getComputedStyle(el).display.startsWith('inline')) return false;
    const block = blockOf(el);
    const clone = block.cloneNode(true);
    clone.querySelectorAll('a, button, .visually-hidden').forEach(n => n.remove());
    return clone.textContent.replace(/[\\s·|–,.:;()]/g, '').length > 0;
  };
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('.visually-hidden-focusable:not(:focus-within)')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || !el.checkVisibility({visibilityProperty: true})) continue;
    if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio') && el.labels.length) continue;
    if (el.tagName === 'LABEL') {
      const control = el.control;
      if (!control || !(control.type === 'checkbox' || control.type === 'radio')) continue;
    }
    if (inRunningText(el)) continue;
    if (box.width < 43.5 || box.height < 43.5) {
      const name = (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 30);
      offenders.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return offenders;
}"""

# The elements that stick out past the phone's right edge (the innermost ones), for the message.
STICKING_OUT = """width => {
  const sticksOut = el => el.getBoundingClientRect().right > width + 0.5;
  return [...document.querySelectorAll('body *')]
    .filter(el => sticksOut(el) && ![...el.children].some(sticksOut))
    .slice(0, 8)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.getBoundingClientRect().right}`);
}"""

# With is_mobile Chromium widens the layout viewport to fit a page that is too wide (as a phone
# does, zooming out), so window.innerWidth grows with the page: compare with the phone's width.
WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def pages(finished, unfinished) -> list[str]:
    today = PINNED_TODAY
    return [
        "/journal/",
        f"/journal/{(today - timedelta(days=3)).isoformat()}/",
        "/journal/calendar/",
        "/journal/history/",
        "/journal/charts/",
        "/journal/insights/",
        "/journal/report/",
        "/journal/report/share/",
        "/journal/medications/",
        "/journal/triggers/",
        "/journal/reminders/",
        "/assessment/",
        "/assessment/migraine-profile/",
        f"/assessment/r/{unfinished.pk}/",
        f"/assessment/r/{finished.pk}/",
        "/assessment/results/",
        "/account/privacy/",
        "/account/settings/",
        "/account/consent/",
        "/accounts/password/change/",
        "/",
    ]


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("phone@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")


def measure(page, live_server, path, problems, state=""):
    page.goto(live_server.url + path)
    if state:
        path = f"{path} ({state})"
    scroll_width, inner_width = page.evaluate(WIDTHS)
    phone_width = page.viewport_size["width"]
    if scroll_width > min(inner_width, phone_width):
        wide = page.evaluate(STICKING_OUT, phone_width)
        problems.append(f"{path}: scrolls sideways, {scroll_width} px wide in {phone_width}: {wide}")
    small = page.evaluate(SMALL_TARGETS)
    if small:
        problems.append(f"{path}: {len(small)} targets under 44 px: {small}")
    print(f"MEASURE {phone_width} {path} scrollWidth={scroll_width} small={len(small)}")  # seen with -s
    if SCREENSHOTS:  # PHONE_SCREENSHOTS=folder keeps a picture of every page, to look at by eye
        name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")[:40]) or "home"
        page.screenshot(path=f"{SCREENSHOTS}/{phone_width}-{name}.png", full_page=True)
    try:
        assert_accessible(page)
    except AssertionError as error:
        problems.append(str(error))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", PHONES)
def test_every_page_fits_a_phone_and_every_target_is_finger_sized(live_server, browser, diarist, width):
    user, finished, unfinished, token = diarist
    problems = []
    anonymous = browser.new_context(**PHONES[width], **PHONE)
    page = anonymous.new_page()
    for path in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", f"/shared/{token}/"]:
        measure(page, live_server, path, problems)
    anonymous.close()

    context = browser.new_context(**PHONES[width], **PHONE)
    page = context.new_page()
    log_in(page, live_server)
    for path in pages(finished, unfinished):
        measure(page, live_server, path, problems)

    # Today with an attack going on: the 0–10 pain scale, the medicines and "It's over".
    attack_start(user=user, key=f"phone-width-{width}", started_at=PINNED_NOW - timedelta(hours=1), now=PINNED_NOW)
    measure(page, live_server, "/journal/", problems, state="with an attack going on")
    expect(page.locator(".pain-scale button")).to_have_count(11)
    expect(page.get_by_role("button", name="It's over")).to_be_visible()
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_save_is_in_reach_and_the_journal_menu_folds_on_a_phone(live_server, browser, diarist):
    context = browser.new_context(**PHONES["390"], **PHONE)
    page = context.new_page()
    log_in(page, live_server)
    long_day = f"/journal/{(PINNED_TODAY - timedelta(days=3)).isoformat()}/"
    for path in ["/journal/", long_day]:
        page.goto(live_server.url + path)
        save = page.get_by_role("button", name="Save")
        expect(save).to_be_in_viewport()
        box = save.bounding_box()
        assert box["y"] >= 0, (path, box)
        assert box["y"] + box["height"] <= 844, (path, box)

    # At the end of the form the bar rests below the last field and covers none of it.
    page.goto(live_server.url + long_day)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    notes = page.get_by_label("Notes").bounding_box()
    bar = page.locator(".save-bar").bounding_box()
    assert notes["y"] + notes["height"] <= bar["y"], (notes, bar)

    # The journal menu is folded: one bar naming the page; opening it shows the links.
    menu = page.get_by_role("navigation", name="Journal")
    expect(menu.get_by_role("link", name="Calendar")).to_be_hidden()
    menu.get_by_text("Journal menu").click()
    menu.get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(PINNED_TODAY.year))
    expect(page.get_by_role("navigation", name="Journal").locator("summary")).to_contain_text("Calendar")
    assert_accessible(page)
    context.close()

    # On a wide screen the menu is the row of links, as before, and Save is where it was.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server)
    menu = page.get_by_role("navigation", name="Journal")
    expect(menu.get_by_role("link", name="Calendar")).to_be_visible()
    expect(menu.locator("summary")).to_be_hidden()
    assert page.locator(".save-bar").evaluate("el => getComputedStyle(el).position") == "static"
    context.close()


@pytest.mark.django_db(transaction=True)
def test_dim_light_on_a_phone_has_no_pure_white(live_server, browser, diarist):
    user = diarist[0]
    user.theme = "dim"
    user.save(update_fields=["theme"])
    context = browser.new_context(**PHONES["390"], **PHONE, color_scheme="light")
    page = context.new_page()
    log_in(page, live_server)
    for path in ["/journal/", "/journal/calendar/", "/journal/history/", "/journal/report/"]:
        page.goto(live_server.url + path)
        page.locator(".journal-nav-fold > summary").click()  # the open menu, too
        expect(page.locator("html")).to_have_attribute("data-theme-choice", "dim")
        assert page.evaluate(NO_PURE_WHITE) == [], path
        assert_accessible(page)
    context.close()
