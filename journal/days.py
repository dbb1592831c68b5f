"""Which days a diary can hold, and what "today" is for the person asking. One place, so that
"today" can follow each person's own time zone later without hunting for every call."""

from datetime import date

from django.utils import timezone

# Diary days (and report ranges) run from here to the person's today.
EARLIEST_DAY = date(1900, 1, 1)


def today_for(request) -> date:
    """The person's today (for now the site's time zone)."""
    return timezone.localdate()
