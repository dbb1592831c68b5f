"""Narrow rows read through a raw cursor, each value of the type the ORM would give.

Why: a few reads run on nearly every cold journal page (a year of days for the charts, the
insights and the report). For those, building and compiling the queryset and converting every
value cost more than the database's answer: for 365 days on SQLite, 4.0 ms through values_list
against 1.7 ms for the same SQL on a cursor (measured in process). Their SQL is written once
from the models' own table and column names (never from input) and every value is a parameter.

Types: PostgreSQL's driver gives dates, booleans and decimals as Python's types. So does
SQLite's for a column of a table, through the converters Django's SQLite backend registers for
the declared types "date" and "bool", except for decimals, which it stores as numbers and gives
back as floats: those are made here as the ORM makes them. Times and moments are left to the ORM
(it makes them aware of the time zone).
"""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Context, Decimal

from django.db import connection, models


def _as_decimal(field: models.DecimalField) -> Callable:
    """As Django's SQLite backend makes a decimal from the float it stored: at 15 digits, then
    to the field's places (7 comes back as Decimal("7.0"), 6.3 as Decimal("6.3"))."""
    quantum = Decimal(1).scaleb(-field.decimal_places)
    from_float = Context(prec=15).create_decimal_from_float

    def convert(value):
        return value if value is None else from_float(value).quantize(quantum, context=field.context)

    return convert


def _converter(field: models.Field) -> Callable | None:
    if isinstance(field, models.DateTimeField | models.TimeField):
        raise TypeError(f"{field} is not read through core.raw: read times through the ORM")
    if connection.vendor == "sqlite" and isinstance(field, models.DecimalField):
        return _as_decimal(field)
    return None


class Table:
    """A model's table under an alias, for SQL written from the model: with e = Table(Entry, "e"),
    f"SELECT {e['day']} FROM {e}" is 'SELECT e."day" FROM "journal_entry" e' (names quoted by the
    database's own rules), and e.field("day") is the field, for fetch()."""

    def __init__(self, model, alias: str):
        self.model, self.alias = model, alias

    def __str__(self) -> str:
        return f"{connection.ops.quote_name(self.model._meta.db_table)} {self.alias}"

    def __getitem__(self, name: str) -> str:
        return f"{self.alias}.{connection.ops.quote_name(self.field(name).column)}"

    def field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)


def fetch(sql: str, params: Sequence, fields: Sequence[models.Field | None]) -> list[tuple]:
    """The rows of `sql`, its columns converted as the ORM converts `fields` (one per column;
    None for a column read as the driver gives it)."""
    converters = [(i, convert) for i, field in enumerate(fields) if field and (convert := _converter(field))]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for i, convert in converters:
            row[i] = convert(row[i])
        converted.append(tuple(row))
    return converted


def date_param(value: date):
    """A date as the ORM passes it to the database's driver (to SQLite's as ISO text)."""
    return connection.ops.adapt_datefield_value(value)
