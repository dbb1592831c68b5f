"""The diary as CSV, one row per day, safe to open in a spreadsheet (core/spreadsheet.py).

The columns are the model's diary fields (Entry.diary_fields), with the day's triggers and doses
before the notes, which come last as the longest cell.

The entries are read through one raw query that writes each cell in SQL, as safe_cell would
write it ("yes"/"no", "" for nothing, numbers and days as text, the apostrophe before a formula
start), in SQL that SQLite and PostgreSQL answer alike (but for the day, which each is asked for in
its own words); a field whose cell could not be written so would be read as it is and go through
safe_cell in Python. tests/journal/test_csv_export.py compares the file byte for byte with the
plain way (model instances, safe_cell per cell)."""

import csv
from functools import cache

from django.db import connection

from core import raw
from core.spreadsheet import safe_cell, safe_cell_sql
from journal.models import Dose, Entry, Medication, Trigger

FIELDS = [name for name in Entry.diary_fields() if name != "notes"]
COLUMNS = [*FIELDS, "triggers", "doses", "notes"]

UNSIGNED = {"PositiveSmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField"}
SIGNED = {"SmallIntegerField", "IntegerField", "BigIntegerField"}
TEXT = {"CharField", "TextField"}


def cell_sql(field, column: str) -> tuple[str, list[str]] | None:
    """The field's CSV cell as SQL and its parameters, or None when only Python writes it like
    safe_cell. Unsigned numbers cannot start like a formula (their check constraints); text,
    signed numbers and decimals can, so they get safe_cell_sql's test."""
    kind = field.get_internal_type()
    if kind == "BooleanField":
        return f"CASE WHEN {column} IS NULL THEN '' WHEN {column} THEN 'yes' ELSE 'no' END", []
    if kind in UNSIGNED:
        return f"COALESCE(CAST({column} AS TEXT), '')", []
    if kind in SIGNED:
        return safe_cell_sql(f"CAST({column} AS TEXT)")
    if kind == "DecimalField" and field.decimal_places == 1:
        # Both print ROUND(x, 1) with its one decimal, 7.0 and 7.5, as Python prints the Decimal.
        # (With more places SQLite drops trailing zeros that PostgreSQL and Python keep.)
        return safe_cell_sql(f"CAST(ROUND({column}, 1) AS TEXT)")
    if kind in TEXT:
        return safe_cell_sql(column)
    if kind == "DateField":
        # ISO text, as str() writes a date; it cannot start like a formula. SQLite keeps a date as
        # that text; PostgreSQL's own text for a date follows its DateStyle, so it is told the format.
        if connection.vendor == "sqlite":
            return f"CAST({column} AS TEXT)", []
        if connection.vendor == "postgresql":
            return f"to_char({column}, %s)", ["YYYY-MM-DD"]
    return None


def entries_query(user) -> tuple[str, list, list[int]]:
    """The raw query for the person's entries (id, the FIELDS' cells, the notes' cell), oldest first,
    its parameters, and the positions (after the id) of the cells left to Python."""
    quote = connection.ops.quote_name
    fields = {field.name: field for field in Entry._meta.concrete_fields}
    selects, params, in_python = [], [], []
    for index, name in enumerate([*FIELDS, "notes"]):
        column = f"e.{quote(fields[name].column)}"
        cell = cell_sql(fields[name], column)
        if cell is None:
            selects.append(column)
            in_python.append(index)
        else:
            selects.append(cell[0])
            params += cell[1]
    # Only quoted names from the model and the SQL built above; every value is a parameter.
    table, user_id, day = quote(Entry._meta.db_table), quote(fields["user"].column), quote(fields["day"].column)
    sql = f"SELECT e.{quote('id')}, {', '.join(selects)} FROM {table} e WHERE e.{user_id} = %s ORDER BY e.{day}"  # noqa: S608
    return sql, [*params, user.pk], in_python


def describe_dose(name: str, amount: str, taken_at, relief) -> str:
    parts = [name, amount, taken_at.strftime("%H:%M") if taken_at else ""]
    return " ".join(p for p in [*parts, f"relief {relief}/3" if relief is not None else ""] if p)


class Buffer(list):
    """A file-like list: the csv writer appends lines, the stream sends them in batches."""

    def write(self, value):
        self.append(value)


ROWS_PER_CHUNK = 250


def csv_rows(user):
    """The CSV, streamed in chunks of rows. Three narrow queries (entries, doses, triggers),
    whatever the length of the diary: no model instance per row, and the entries' cells written by
    the database."""
    buffer = Buffer()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    doses: dict[int, list[str]] = {}
    sql, fields = _doses_sql()
    for entry_id, name, amount, taken_at, relief in raw.fetch(sql, [user.pk], fields):
        doses.setdefault(entry_id, []).append(describe_dose(name, amount, taken_at, relief))
    triggers: dict[int, list[str]] = {}
    for entry_id, name in raw.fetch(_triggers_sql(), [user.pk], ()):
        triggers.setdefault(entry_id, []).append(name)

    sql, params, in_python = entries_query(user)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(ROWS_PER_CHUNK):
            for entry_id, *cells in rows:
                for index in in_python:  # none, on SQLite and PostgreSQL
                    cells[index] = safe_cell(cells[index])
                notes = cells.pop()
                cells += [
                    safe_cell("; ".join(triggers.get(entry_id, ()))),
                    safe_cell("; ".join(doses.get(entry_id, ()))),
                ]
                cells.append(notes)
                writer.writerow(cells)
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)


# The doses' and the triggers' reads go through core.raw: with a few years of diary, building and
# converting them through the ORM cost about twice their answer (about 1 ms each for three years).


@cache
def _doses_sql() -> tuple[str, list]:
    """(entry id, medicine, amount, time, relief at 2 h) of each of the person's doses, by entry
    and time; and the fields its columns are read as."""
    d, e, m = raw.Table(Dose, "d"), raw.Table(Entry, "e"), raw.Table(Medication, "m")
    columns = [d["entry"], m["name"], d["amount"], d["taken_at"], d["relief_2h"]]
    sql = (
        f"SELECT {', '.join(columns)} FROM {d} "  # noqa: S608 (the models' own names only)
        f"JOIN {e} ON {e['id']} = {d['entry']} JOIN {m} ON {m['id']} = {d['medication']} "
        f"WHERE {e['user']} = %s ORDER BY {d['entry']}, {d['taken_at']}, {d['id']}"
    )
    return sql, [None, None, None, d.field("taken_at"), None]


@cache
def _triggers_sql() -> str:
    """(entry id, trigger name) for each trigger ticked on the person's entries, by name."""
    link, e, t = raw.Table(Entry.triggers.through, "l"), raw.Table(Entry, "e"), raw.Table(Trigger, "t")
    return (
        f"SELECT {link['entry']}, {t['name']} FROM {link} "  # noqa: S608 (the models' own names only)
        f"JOIN {e} ON {e['id']} = {link['entry']} JOIN {t} ON {t['id']} = {link['trigger']} "
        f"WHERE {e['user']} = %s ORDER BY {t['name']}"
    )
