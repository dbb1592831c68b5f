"""The browser's time zone (the `tz` cookie written by static/js/time-zone.js): anonymous visitors
see dates in it, a signed-in person with no zone gets it saved once, and a bad value is ignored."""

from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from accounts.models import User
from accounts.time_zones import zone_of
from assessment.models import Attempt
from tests.assessment.conftest import answer_everything, make_questionnaire, start

# 12:00 UTC on 15 June 2026 is 02:00 on the 16th in Kiritimati (UTC+14), 13:00 on the 15th in London.
SUBMITTED = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

# Not zones, or not as a cookie would carry one: each is ignored, never an error.
BAD_COOKIES = [
    "tz=Mars/Olympus",
    "tz=",
    "tz=../../../etc/passwd",
    "tz=Europe%2FParis",
    "tz=" + "A" * 5000,
    'tz="Europe/Paris\\073"',
    "tz=\\xff\\xfe",
    "tz=Europe/Par\xeds",
    "tz=Europe/Paris; tz=Asia/Tokyo=",
]


def cookie_header(client, raw: str) -> str:
    """The client's own cookies (its session) with `raw` after them, sent as they are."""
    return "; ".join([*(f"{name}={morsel.value}" for name, morsel in client.cookies.items()), raw])


def test_the_persons_own_zone_comes_first_then_the_browsers_then_the_sites(settings):
    assert zone_of(SimpleNamespace(time_zone="Asia/Tokyo"), "Pacific/Kiritimati") == ZoneInfo("Asia/Tokyo")
    assert zone_of(SimpleNamespace(time_zone=""), "Pacific/Kiritimati") == ZoneInfo("Pacific/Kiritimati")
    assert zone_of(None, "Pacific/Kiritimati") == ZoneInfo("Pacific/Kiritimati")
    assert zone_of(SimpleNamespace(time_zone="Mars/Olympus"), "Pacific/Pago_Pago") == ZoneInfo("Pacific/Pago_Pago")
    assert zone_of(SimpleNamespace(time_zone=""), "Mars/Olympus") == ZoneInfo(settings.TIME_ZONE)
    assert zone_of(None) == ZoneInfo(settings.TIME_ZONE)


@pytest.fixture
def anonymous_result(client, db):
    attempt = start(client, make_questionnaire(10))
    answer_everything(client, attempt)
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=SUBMITTED)
    return f"/assessment/r/{attempt.pk}/"


def test_an_anonymous_visitor_sees_their_results_date_in_their_browsers_zone(client, anonymous_result):
    assert "Completed 15 June 2026" in client.get(anonymous_result).content.decode()  # the site's zone
    client.cookies["tz"] = "Pacific/Kiritimati"
    html = client.get(anonymous_result).content.decode()
    assert "Completed 16 June 2026" in html
    assert "Completed 15 June 2026" not in html
    client.cookies["tz"] = "Pacific/Pago_Pago"  # 01:00 on the 15th
    assert "Completed 15 June 2026" in client.get(anonymous_result).content.decode()


@pytest.mark.parametrize("cookie", BAD_COOKIES)
def test_a_bad_browser_zone_is_ignored_and_never_an_error(client, anonymous_result, cookie):
    response = client.get(anonymous_result, HTTP_COOKIE=cookie_header(client, cookie))
    assert response.status_code == 200
    assert "Completed 15 June 2026" in response.content.decode()
    assert client.get("/", HTTP_COOKIE=cookie).status_code == 200


def test_a_person_with_no_zone_gets_their_browsers_saved_once(logged_in_client, user):
    assert user.time_zone == ""
    logged_in_client.cookies["tz"] = "America/Los_Angeles"
    assert logged_in_client.get("/account/settings/").status_code == 200
    user.refresh_from_db()
    assert user.time_zone == "America/Los_Angeles"
    # Their browser moves on (a trip): the saved zone stays, it was guessed once.
    logged_in_client.cookies["tz"] = "Asia/Tokyo"
    html = logged_in_client.get("/account/settings/").content.decode()
    assert '<option value="America/Los_Angeles" selected>' in html
    assert User.objects.get(pk=user.pk).time_zone == "America/Los_Angeles"


@pytest.mark.parametrize("cookie", BAD_COOKIES)
def test_a_bad_browser_zone_is_never_saved(logged_in_client, user, cookie):
    response = logged_in_client.get("/account/settings/", HTTP_COOKIE=cookie_header(logged_in_client, cookie))
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert User.objects.get(pk=user.pk).time_zone == ""


def test_a_zone_the_person_chose_is_never_overwritten(logged_in_client, user):
    user.time_zone = "Europe/Paris"
    user.save()
    logged_in_client.cookies["tz"] = "Pacific/Kiritimati"
    logged_in_client.get("/account/settings/")
    assert User.objects.get(pk=user.pk).time_zone == "Europe/Paris"


def test_once_set_a_zone_can_be_changed_but_not_emptied(logged_in_client, user):
    html = logged_in_client.get("/account/settings/").content.decode()
    assert '<option value="" selected>Not set (the site&#x27;s own time zone)</option>' in html
    user.time_zone = "Europe/Paris"
    user.save()
    html = logged_in_client.get("/account/settings/").content.decode()
    assert "Not set (the site" not in html
    response = logged_in_client.post("/account/settings/", {"time_zone": "", "theme": "dark"})
    assert response.status_code == 302
    assert User.objects.filter(pk=user.pk).values_list("time_zone", "theme").get() == ("Europe/Paris", "dark")
    logged_in_client.post("/account/settings/", {"time_zone": "Asia/Tokyo", "theme": "dark"})
    assert User.objects.get(pk=user.pk).time_zone == "Asia/Tokyo"


def test_saving_the_guess_moves_the_persons_page_cache_on(logged_in_client, user, django_capture_on_commit_callbacks):
    before = User.objects.get(pk=user.pk).page_version
    with django_capture_on_commit_callbacks(execute=True):
        logged_in_client.get("/account/settings/", HTTP_COOKIE=cookie_header(logged_in_client, "tz=Asia/Kolkata"))
    assert User.objects.filter(pk=user.pk).values_list("time_zone", flat=True).get() == "Asia/Kolkata"
    assert User.objects.get(pk=user.pk).page_version != before
