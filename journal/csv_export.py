"""The diary as CSV, one row per day, safe to open in a spreadsheet (core/spreadsheet.py).

The columns are the model's diary fields (Entry.diary_fields), with the day's triggers and doses
before the notes, which come last as the longest cell."""

import csv

from core.spreadsheet import safe_cell
from journal.models import Dose, Entry

FIELDS = [name for name in Entry.diary_fields() if name != "notes"]
COLUMNS = [*FIELDS, "triggers", "doses", "notes"]


def describe_dose(name: str, amount: str, taken_at, relief) -> str:
    parts = [name, amount, taken_at.strftime("%H:%M") if taken_at else ""]
    return " ".join(p for p in [*parts, f"relief {relief}/3" if relief is not None else ""] if p)


class Buffer(list):
    """A file-like list: the csv writer appends lines, the stream sends them in batches."""

    def write(self, value):
        self.append(value)


ROWS_PER_CHUNK = 250


def csv_rows(user):
    """The CSV, streamed in chunks of rows. Three narrow queries (entries, doses, triggers) read
    as plain values, whatever the length of the diary: no model instance per row."""
    buffer = Buffer()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    entries = Entry.objects.for_user(user).order_by("day").values_list("id", *FIELDS, "notes")
    doses: dict[int, list[str]] = {}
    dose_rows = (
        Dose.objects.filter(entry__user=user)
        .order_by("entry_id", "taken_at", "id")
        .values_list("entry_id", "medication__name", "amount", "taken_at", "relief_2h")
    )
    for entry_id, name, amount, taken_at, relief in dose_rows:
        doses.setdefault(entry_id, []).append(describe_dose(name, amount, taken_at, relief))
    triggers: dict[int, list[str]] = {}
    links = Entry.triggers.through.objects.filter(entry__user=user).order_by("trigger__name")
    for entry_id, name in links.values_list("entry_id", "trigger__name"):
        triggers.setdefault(entry_id, []).append(name)

    for count, (entry_id, *values) in enumerate(entries.iterator(chunk_size=1000), start=1):
        notes = values.pop()
        row = [*values, "; ".join(triggers.get(entry_id, ())), "; ".join(doses.get(entry_id, ())), notes]
        writer.writerow([safe_cell(value) for value in row])
        if count % ROWS_PER_CHUNK == 0:
            yield "".join(buffer)
            buffer.clear()
    yield "".join(buffer)
