"""Each app offers what it stores about a person, and deletes it; the privacy page composes them.

An app lists its module in settings.PERSONAL_DATA_MODULES. The module has:
- `personal_data(user) -> dict` — its sections of the JSON download (JSON-ready values);
- `csv_tables(data) -> dict[str, list[dict]]` — its tables of the CSV download, from those sections;
- `delete_personal_data(*, user) -> None` — removes every row of the person it owns.
So `accounts` needs no import of the apps that build on it, and a new app adds itself here.
"""

from datetime import date, datetime, time
from decimal import Decimal
from importlib import import_module

from django.conf import settings


def modules():
    return [import_module(path) for path in settings.PERSONAL_DATA_MODULES]


def plain(value):
    """A value as JSON holds it: dates and times in ISO 8601, decimals as numbers."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def row(obj, *, exclude=("user",)) -> dict:
    """Every stored field of `obj` (foreign keys as their ids), straight from the model: a field
    added later is in the download without anyone remembering to list it."""
    return {
        field.attname: plain(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if field.name not in exclude
    }
