"""The diary as CSV, one row per day, safe to open in a spreadsheet.

A cell that starts with = + - @, a tab or a carriage return could run as a formula in Excel or
LibreOffice (CSV injection); such cells get a leading apostrophe, which spreadsheets show as
plain text."""

import csv

from django.db.models import Prefetch

from journal.models import Dose, Entry

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    "day", "headache", "pain", "headache_hours", "all_day", "aura", "nausea", "vomiting", "light_sensitive",
    "sound_sensitive", "smell_sensitive", "side", "region", "impact", "missed_work", "productivity_halved",
    "missed_household", "missed_social", "mood", "anxiety", "stress", "sleep_hours", "sleep_quality",
    "menstruation", "caffeine_drinks", "alcohol_drinks", "skipped_meal", "exercise", "triggers", "doses", "notes",
]  # fmt: skip


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def describe_dose(dose: Dose) -> str:
    parts = [dose.medication.name, dose.amount, dose.taken_at.strftime("%H:%M") if dose.taken_at else ""]
    relief = f"relief {dose.relief_2h}/3" if dose.relief_2h is not None else ""
    return " ".join(p for p in [*parts, relief] if p)


class Echo:
    """A file-like object that hands each written line straight back (for streaming)."""

    def write(self, value):
        return value


def csv_rows(user):
    writer = csv.writer(Echo())
    yield writer.writerow(COLUMNS)
    entries = (
        Entry.objects.for_user(user)
        .order_by("day")
        .prefetch_related(Prefetch("doses", queryset=Dose.objects.select_related("medication")), "triggers")
    )
    for entry in entries.iterator(chunk_size=500):
        row = [getattr(entry, name) for name in COLUMNS[:-3]]
        row += [
            "; ".join(t.name for t in entry.triggers.all()),
            "; ".join(describe_dose(d) for d in entry.doses.all()),
            entry.notes,
        ]
        yield writer.writerow([safe_cell(value) for value in row])
