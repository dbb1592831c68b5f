"""The current time, in one place every app asks (a seam: the tests pin it, so no test depends
on the wall clock or on running before midnight)."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
