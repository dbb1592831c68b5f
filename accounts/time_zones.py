"""Each person's own time zone: their setting; until they give one, their browser's (the `tz`
cookie that static/js/time-zone.js keeps); else the site's. One place decides it: `zone_of`."""

import functools
import zoneinfo

from django.conf import settings
from django.utils import timezone

from accounts.services import time_zone_guess

# The browser's IANA zone ("America/Los_Angeles"), written by static/js/time-zone.js on every
# page: a first-party preference, not health data. Only ever read through `browser_zone`.
COOKIE = "tz"


@functools.cache
def known_zones() -> frozenset[str]:
    """Every zone name this system knows. Read from disk once per process: it is asked on every request."""
    return frozenset(zoneinfo.available_timezones())


def known_zone(name) -> str:
    """`name` when it is a zone this system knows, else "" (a cookie can hold anything)."""
    return name if isinstance(name, str) and name in known_zones() else ""


def browser_zone(request) -> str:
    """The zone the visitor's browser reported, if it is a real one; "" otherwise."""
    return known_zone(request.COOKIES.get(COOKIE, ""))


def zone_of(user, browser: str = "") -> zoneinfo.ZoneInfo:
    """The person's time zone: their own setting, else the zone their browser reported (anonymous
    visitors, and people who have none saved yet), else the site's. Unknown names are skipped."""
    for name in (getattr(user, "time_zone", ""), browser):
        if known_zone(name):
            return zoneinfo.ZoneInfo(name)
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def zone_for(request) -> zoneinfo.ZoneInfo:
    """The zone of whoever made this request, signed in or not."""
    return zone_of(getattr(request, "user", None), browser_zone(request))


class PersonTimeZoneMiddleware:
    """Dates and times on every page are shown in the visitor's own time zone (see `zone_of`).

    A signed-in person who has no zone saved gets the one their browser reported, saved once
    (accounts.services.time_zone_guess): from then on their "today" and their reminders follow
    it even when no browser is asking, and a zone they choose is never overwritten."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        guessed = browser_zone(request)
        if guessed and user is not None and user.is_authenticated and not user.time_zone:
            time_zone_guess(user=user, name=guessed)
        with timezone.override(zone_for(request)):
            return self.get_response(request)
