"""Each person's own time zone: their setting, or the site's until they give one."""

import zoneinfo

from django.conf import settings
from django.utils import timezone


def zone_of(user) -> zoneinfo.ZoneInfo:
    """The person's time zone; the site's when they have none (or an unknown name)."""
    name = getattr(user, "time_zone", "") or settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class PersonTimeZoneMiddleware:
    """Dates and times on every page are shown in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.time_zone:
            with timezone.override(zone_of(user)):
                return self.get_response(request)
        return self.get_response(request)
