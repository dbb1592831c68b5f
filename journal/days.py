"""Which days a diary can hold, and what "today" is for each person: the day in *their* time
zone (accounts.time_zones.zone_of: their setting, else their browser's, else the site's). One
place for every "today"."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from accounts.time_zones import zone_for, zone_of
from core import clock
from journal import stats

# Diary days (and report ranges) run from here to the person's today.
EARLIEST_DAY = date(1900, 1, 1)

# How much a dose helped is asked from 2 hours after it was taken (relief at 2 hours is what the
# diary records) until a day after, on Today and, for those who want it, by email (the rule is
# stats.relief_question).
RELIEF_ASKED_FROM = stats.RELIEF_ASKED_FROM
RELIEF_ASKED_UNTIL = stats.RELIEF_ASKED_UNTIL


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


def elapsed(moment: datetime, now: datetime) -> timedelta:
    """Time really elapsed (in UTC: a night the clocks change is an hour shorter or longer)."""
    return now.astimezone(UTC) - moment.astimezone(UTC)


def relief_question_due(taken: datetime, now: datetime) -> bool:
    return stats.relief_question(taken, now)[0]
