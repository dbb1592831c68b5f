"""Narrow rows read through a raw cursor, each value of the type the ORM would give.

Why: a few reads run on nearly every cold journal page (a year of days for the charts, the
insights and the report). For those, building and compiling the queryset and converting every
value cost more than the database's answer: for 365 days on SQLite, 4.0 ms through values_list
against 1.7 ms for the same SQL on a cursor (measured in process). Their SQL is written once
from the models' own table and column names (never from input) and every value is a parameter.

Types: each column is converted by the ORM's own converters for its field (those of the
database's backend for the field's type, then the field's own), as a queryset converts it. The
one exception is for speed: SQLite's driver already gives dates and booleans as Python's types,
through the converters Django's SQLite backend registers for the declared types "date" and
"bool", so their ORM converters, which would change nothing, are not run on every value of a
year of days. (PostgreSQL's backend has no converters for the fields read here at all: its
driver gives every type as the ORM gives it.)
"""

from collections.abc import Sequence
from datetime import date
from functools import cache

from django.db import connection, models

# Read as the driver gives them (see the module's docstring).
DRIVER_READY = {"DateField", "BooleanField"}


def _converting(field: models.Field):
    """(the column as the ORM's converters expect it, those converters), or None for none."""
    if field.get_internal_type() in DRIVER_READY:
        return None
    column = field.get_col(field.model._meta.db_table)
    converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
    return (column, converters) if converters else None


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

    def stored_columns(self) -> list[str]:
        """Every column the model stores, in its fields' order: a row of these makes an instance."""
        return [self[field.name] for field in self.model._meta.concrete_fields]

    def stored_fields(self) -> list[models.Field]:
        return list(self.model._meta.concrete_fields)


def instance(model, values: Sequence):
    """The model's object from a row of its stored columns (Table.stored_columns), as a queryset
    makes it (Model.from_db: loaded from the database, so save() updates it)."""
    return model.from_db(connection.alias, stored_attnames(model), values)


@cache
def stored_attnames(model) -> list[str]:
    """The attribute names of the model's stored columns, in Table.stored_columns' order: where
    each value is in such a row."""
    return [field.attname for field in model._meta.concrete_fields]


def fetch(sql: str, params: Sequence, fields: Sequence[models.Field | None]) -> list[tuple]:
    """The rows of `sql`, its columns converted as the ORM converts `fields` (one per column;
    None for a column read as the driver gives it)."""
    converting = [(i, *found) for i, field in enumerate(fields) if field and (found := _converting(field))]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not converting:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for i, column, converters in converting:
            for convert in converters:
                row[i] = convert(row[i], column, connection)
        converted.append(tuple(row))
    return converted


def date_param(value: date):
    """A date as the ORM passes it to the database's driver (to SQLite's as ISO text)."""
    return connection.ops.adapt_datefield_value(value)
