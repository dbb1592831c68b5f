"""Dark and dim light in Chromium: the device's dark setting is followed before first paint, dim
has no pure white anywhere, and axe-core finds nothing in either. Charts take the mode's text and
grid colours (and follow the device when it turns dark)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PINNED_TODAY

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


# Every colour a drawn chart uses, each written as #rrggbb (through a canvas, which spells any CSS
# colour one way), beside the page's body text and border colours.
CHART_COLOURS = """() => {
  const spell = colour => {
    const pen = document.createElement('canvas').getContext('2d');
    pen.fillStyle = '#000001';
    pen.fillStyle = colour;
    return pen.fillStyle;
  };
  const root = getComputedStyle(document.documentElement);
  return {
    body: spell(getComputedStyle(document.body).color),
    border: spell(root.getPropertyValue('--bs-border-color').trim()),
    charts: [...document.querySelectorAll('canvas')].map(Chart.getChart).filter(Boolean).map(chart => {
      const scales = Object.values(chart.scales);
      const tooltip = chart.tooltip.options;
      return {
        canvas: chart.canvas.dataset.journalChart || chart.canvas.id,
        text: [chart.options.color, chart.legend.options.labels.color, tooltip.titleColor, tooltip.bodyColor,
               ...chart.legend.legendItems.map(item => item.fontColor),
               ...scales.flatMap(scale => [scale.options.ticks.color, scale.options.title.color])].map(spell),
        grid: scales.flatMap(scale => [scale.options.grid.color, scale.options.border.color]).map(spell),
        other: [tooltip.backgroundColor, ...chart.data.datasets.flatMap(set => [set.backgroundColor, set.borderColor])]
          .filter(Boolean).map(spell),
      };
    }),
  };
}"""
CHARTS_DRAWN = "n => window.Chart && [...document.querySelectorAll('canvas')].filter(Chart.getChart).length === n"


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a calm and steady rhythm 42")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")


def assert_charts_follow_the_mode(page, count):
    page.wait_for_function(CHARTS_DRAWN, arg=count)
    colours = page.evaluate(CHART_COLOURS)
    assert len(colours["charts"]) == count
    for chart in colours["charts"]:
        assert set(chart["text"]) == {colours["body"]}, (page.url, chart)
        assert set(chart["grid"]) == {colours["border"]}, (page.url, chart)
        assert "#ffffff" not in chart["text"] + chart["grid"] + chart["other"], (page.url, chart)
    return colours


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("theme", "device_light", "body"),
    [("dim", "light", "#a9a59c"), ("dark", "light", "#dee2e6"), ("system", "dark", "#dee2e6")],
)
def test_charts_take_the_text_and_grid_colours_of_dim_and_dark(
    live_server, browser, diarist, console_errors, theme, device_light, body
):
    user, finished, _unfinished, _token = diarist
    user.theme = theme
    user.save(update_fields=["theme"])
    context = browser.new_context(color_scheme=device_light)
    page = context.new_page()
    log_in(page, live_server, user)

    page.goto(live_server.url + "/journal/charts/")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    colours = assert_charts_follow_the_mode(page, 3)  # pain and mood, months, factors
    assert colours["body"] == body
    assert_accessible(page)

    page.goto(f"{live_server.url}/assessment/r/{finished.pk}/")  # a result's score chart (charts.js)
    assert_charts_follow_the_mode(page, 1)
    assert_accessible(page)
    assert console_errors == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_charts_change_with_the_device_from_light_to_dark(live_server, browser, diarist):
    user = diarist[0]  # light: "follow the device"
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    log_in(page, live_server, user)
    page.goto(live_server.url + "/journal/charts/")
    assert assert_charts_follow_the_mode(page, 3)["body"] == "#212529"

    page.emulate_media(color_scheme="dark")  # the phone turns dark with the charts open
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    assert assert_charts_follow_the_mode(page, 3)["body"] == "#dee2e6"
    assert_accessible(page)
    context.close()


def signed_in_pages() -> list[str]:
    a_day = (PINNED_TODAY - timedelta(days=3)).isoformat()
    return [
        "/journal/",
        f"/journal/{a_day}/",
        "/journal/calendar/",
        "/journal/history/",
        "/journal/charts/",
        "/journal/insights/",
        "/journal/report/",
        "/journal/medications/",
        "/journal/triggers/",
        "/account/settings/",
        "/account/privacy/",
        "/assessment/results/",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("theme", "device_light"), [("dark", "light"), ("system", "dark")])
def test_signed_in_pages_in_dark_pass_axe(live_server, browser, diarist, theme, device_light):
    """The person's own choice "dark" on a light device, and "follow the device" on a dark one."""
    user = diarist[0]
    user.theme = theme
    user.save(update_fields=["theme"])
    context = browser.new_context(color_scheme=device_light)
    page = context.new_page()
    log_in(page, live_server, user)
    problems = []
    for path in signed_in_pages():
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("data-theme-choice", theme)
        expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        if background != "rgb(33, 37, 41)":
            problems.append(f"{path}: the body is {background}, not dark")
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(str(error))
    context.close()
    assert problems == [], "\n".join(problems)
