"""The diary's CSV download, byte for byte (issue 15: it is read through one raw query that formats
the cells in SQL, and must write exactly what the plain way writes).

The reference here is the plain way: every entry as a model instance, every cell through
core.spreadsheet.safe_cell, written by the csv module. A field added to the diary model is in both,
so this stays a full comparison without being edited."""

import csv
import io
from datetime import time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection

from core.spreadsheet import safe_cell, safe_cell_sql
from journal.csv_export import COLUMNS, FIELDS, entries_query
from journal.demo import seed_diary
from journal.models import Dose, Entry, Medication, Trigger
from tests.accounts.test_privacy import reauthenticate

pytestmark = pytest.mark.django_db


def reference_csv(user) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in Entry.objects.filter(user=user).order_by("day"):
        triggers = entry.triggers.order_by("name")
        doses = []
        for dose in entry.doses.order_by("taken_at", "id"):
            parts = [dose.medication.name, dose.amount, dose.taken_at.strftime("%H:%M") if dose.taken_at else ""]
            parts.append(f"relief {dose.relief_2h}/3" if dose.relief_2h is not None else "")
            doses.append(" ".join(part for part in parts if part))
        row = [getattr(entry, name) for name in FIELDS]
        row += ["; ".join(t.name for t in triggers), "; ".join(doses), entry.notes]
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue().encode()


def download(client) -> bytes:
    reauthenticate(client)
    response = client.get("/journal/export.csv")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def add_odd_days(diarist, today) -> list[Entry]:
    """Days with the values that are easy to get wrong: formula starts in every text, a blank and a
    missing value, whole and half hours of sleep, doses without a time or a relief, several
    triggers, a long multi-line note with quotes and commas."""
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    risky = Medication.objects.create(user=diarist, name="=cmd|' /C calc'!A0", drug_class="other", use="acute")
    own = Trigger.objects.create(user=diarist, name="+Cheese")
    stress = Trigger.objects.get(user__isnull=True, name="Stress")
    days = []
    for offset, values in enumerate(
        [
            {"notes": '=HYPERLINK("http://evil.example","click")', "sleep_hours": Decimal("7.0"), "side": "left"},
            {"notes": "-2+3", "sleep_hours": Decimal("6.5"), "mood": None, "stress": None, "region": "temples"},
            {"notes": "@SUM(1+1)", "sleep_hours": None, "headache": "migraine", "pain": 8, "aura": True},
            {"notes": "\tTabbed", "sleep_hours": Decimal("24.0"), "caffeine_drinks": 0, "alcohol_drinks": None},
            {"notes": "\rReturn", "sleep_hours": Decimal("0.5"), "headache": "headache", "pain": 3},
            {"notes": 'Said "enough", then\nslept; ünïcödé ✓', "sleep_hours": Decimal("10.0")},
            {"notes": "", "sleep_hours": Decimal("0.0"), "headache_hours": 0, "impact": 3, "exercise": True},
            # Not offered by the form, but nothing in the database stops it: text cells are made safe.
            {"notes": "+1", "side": "=x", "region": "@y", "sleep_hours": Decimal("12.5")},
        ]
    ):
        day = today - timedelta(days=500 + offset)
        days.append(Entry.objects.create(user=diarist, day=day, **{"mood": 3, "stress": 4, **values}))
    days[0].triggers.set([stress, own])
    days[2].triggers.set([own])
    Dose.objects.create(entry=days[2], medication=triptan, amount="50 mg", taken_at=time(7, 30), relief_2h=2)
    Dose.objects.create(entry=days[2], medication=risky, amount="-1", taken_at=time(6, 5), relief_2h=0)
    Dose.objects.create(entry=days[2], medication=triptan, amount="", taken_at=None, relief_2h=None)
    Dose.objects.create(entry=days[4], medication=risky, amount="+2 tablets")
    return days


def test_the_csv_is_the_plain_export_byte_for_byte(diarist_client, diarist, today):
    seed_diary(diarist, days=400, end=today, seed=5)
    add_odd_days(diarist, today)
    body = download(diarist_client)
    assert body == reference_csv(diarist)
    assert body.count(b"\r\n") == Entry.objects.filter(user=diarist).count() + 1


def test_the_odd_days_cells(diarist_client, diarist, today):
    odd_days = add_odd_days(diarist, today)
    body = download(diarist_client)
    assert body == reference_csv(diarist)
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert [row["notes"] for row in rows] == [
        "'+1",
        "",
        'Said "enough", then\nslept; ünïcödé ✓',
        "'\rReturn",
        "'\tTabbed",
        "'@SUM(1+1)",
        "'-2+3",
        '\'=HYPERLINK("http://evil.example","click")',
    ]
    assert [row["sleep_hours"] for row in rows] == ["12.5", "0.0", "10.0", "0.5", "24.0", "", "6.5", "7.0"]
    oldest = rows[-1]
    assert (oldest["day"], oldest["side"], oldest["mood"], oldest["aura"]) == (
        odd_days[0].day.isoformat(), "left", "3", "no",
    )  # fmt: skip
    assert oldest["triggers"] == "'+Cheese; Stress"
    migraine = rows[5]
    assert (migraine["headache"], migraine["pain"], migraine["aura"], migraine["triggers"]) == (
        "migraine", "8", "yes", "'+Cheese",
    )  # fmt: skip
    # Ordered by time; a dose with no time comes first on SQLite and last on PostgreSQL (NULLs).
    assert set(migraine["doses"].lstrip("'").split("; ")) == {
        "=cmd|' /C calc'!A0 -1 06:05 relief 0/3", "Sumatriptan 50 mg 07:30 relief 2/3", "Sumatriptan",
    }  # fmt: skip
    assert (rows[6]["mood"], rows[6]["stress"], rows[6]["region"]) == ("", "", "temples")
    assert (rows[4]["caffeine_drinks"], rows[4]["alcohol_drinks"]) == ("0", "")
    assert rows[3]["doses"] == "'=cmd|' /C calc'!A0 +2 tablets"
    assert (rows[1]["headache_hours"], rows[1]["impact"], rows[1]["exercise"]) == ("0", "3", "yes")
    assert (rows[0]["side"], rows[0]["region"]) == ("'=x", "'@y")


def test_the_database_writes_every_cell():
    _sql, _params, in_python = entries_query(SimpleNamespace(pk=1))
    assert in_python == []


@pytest.mark.parametrize(
    "value",
    [None, "", "plain", "=1+1", "+1", "-1", "@A1", "\tTab", "\rReturn", " =not a formula", "'quoted", "ü=", "=", "%s"],
)
def test_safe_cell_in_sql_is_safe_cell(value):
    sql, params = safe_cell_sql("v.x")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql} FROM (SELECT %s AS x) v", [*params, value])  # noqa: S608
        assert cursor.fetchone()[0] == safe_cell(value)
