"""Which days a diary can hold, and what "today" is for each person: the day in *their* time
zone (accounts.time_zones.zone_of: their setting, else their browser's, else the site's). One
place for every "today"."""

import zoneinfo
from datetime import date, datetime, time

from accounts.time_zones import zone_for, zone_of
from core import clock

# Diary days (and report ranges) run from here to the person's today.
EARLIEST_DAY = date(1900, 1, 1)


def now() -> datetime:
    """The current time (core.clock, which the tests pin; a test may move this one alone)."""
    return clock.now()


def local_today(moment: datetime, zone: zoneinfo.ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def today_of(user) -> date:
    return local_today(now(), zone_of(user))


def today_for(request) -> date:
    """The person's today, in their own time zone (or their browser's, while they have none)."""
    return local_today(now(), zone_for(request))


def dose_moment(day: date, taken_at: time, zone: zoneinfo.ZoneInfo) -> datetime:
    """When a dose was taken: a diary holds its day and clock time, in the person's own zone."""
    return datetime.combine(day, taken_at, tzinfo=zone)
