"""Which days a diary can hold, and what "today" is for each person: the day in *their* time
zone (accounts.time_zones.zone_of: their setting, else their browser's, else the site's). One
place for every "today"."""

import zoneinfo
from datetime import date, datetime

from django.utils import timezone

from accounts.time_zones import zone_for, zone_of

# Diary days (and report ranges) run from here to the person's today.
EARLIEST_DAY = date(1900, 1, 1)


def now() -> datetime:
    """The current time (a seam: tests move the clock here)."""
    return timezone.now()


def local_today(moment: datetime, zone: zoneinfo.ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def today_of(user) -> date:
    return local_today(now(), zone_of(user))


def today_for(request) -> date:
    """The person's today, in their own time zone (or their browser's, while they have none)."""
    return local_today(now(), zone_for(request))
