"""The privacy download holds every field of every diary day (GDPR Art. 15 and 20).

Issue 12 point 6: dropping notes, caffeine, alcohol and exercise from the JSON export once left
every test green. Here the day is written through the diary page with every field filled, and
the export's keys are compared with the diary model's own fields, so a field added to the model
later and forgotten in the export turns this red too."""

import csv
import io
import json
import zipfile
from datetime import datetime, timedelta

import pytest
from django.apps import apps

from journal.models import Medication, Trigger
from tests.accounts.test_privacy import reauthenticate
from tests.journal.conftest import entry_post

pytestmark = pytest.mark.django_db

# Not diary fields but links: the person is the whole export's subject; triggers and doses are
# exported as lists of their own.
NOT_A_COLUMN = {"user"}
LISTS = {"triggers", "doses"}


def diary_fields() -> set[str]:
    entry = apps.get_model("journal", "Entry")
    return {field.name for field in entry._meta.concrete_fields} - NOT_A_COLUMN


@pytest.fixture
def filled_day(diarist_client, diarist, today):
    """A day with every field given a value other than its default, written through the page."""
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    stress = Trigger.objects.get(user__isnull=True, name="Stress")
    day = today - timedelta(days=2)
    data = entry_post(
        headache="migraine", pain="8", headache_hours="6", all_day="on", aura="on", nausea="on", vomiting="on",
        light_sensitive="on", sound_sensitive="on", smell_sensitive="on", throbbing="on", worse_with_activity="on",
        side="left", region="temples", impact="3", missed_work="on", productivity_halved="on",
        missed_household="on", missed_social="on", mood="2", anxiety="6", stress="8", sleep_hours="5.5",
        sleep_quality="2", menstruation="on", caffeine_drinks="4", alcohol_drinks="2", skipped_meal="on",
        exercise="on", notes="Bright office lights; left early.", triggers=[str(stress.pk)],
        **{"doses-0-medication": str(triptan.pk), "doses-0-amount": "50 mg", "doses-0-taken_at": "07:30",
           "doses-0-relief_2h": "2"},
    )  # fmt: skip
    assert diarist_client.post(f"/journal/{day.isoformat()}/", data).status_code == 302
    reauthenticate(diarist_client)
    return day


def exported_day(client) -> dict:
    reply = client.get("/account/privacy/my-data.json")
    assert reply.status_code == 200
    (day,) = json.loads(reply.content)["journal_entries"]
    return day


def test_the_json_export_has_every_field_of_the_diary_model(diarist_client, filled_day):
    day = exported_day(diarist_client)
    assert set(day) == diary_fields() | LISTS
    for field in ("notes", "caffeine_drinks", "alcohol_drinks", "exercise"):
        assert field in day


def test_the_json_export_has_the_values_written_on_the_diary_page(diarist_client, filled_day):
    day = exported_day(diarist_client)
    written = {k: v for k, v in day.items() if k not in ("id", "created_at", "updated_at", "doses")}
    assert written == {
        "day": filled_day.isoformat(), "headache": "migraine", "pain": 8, "headache_hours": 6, "all_day": True,
        "aura": True, "nausea": True, "vomiting": True, "light_sensitive": True, "sound_sensitive": True,
        "smell_sensitive": True, "throbbing": True, "worse_with_activity": True, "side": "left",
        "region": "temples", "impact": 3, "missed_work": True, "productivity_halved": True,
        "missed_household": True, "missed_social": True, "mood": 2, "anxiety": 6, "stress": 8,
        "sleep_hours": 5.5, "sleep_quality": 2, "menstruation": True, "caffeine_drinks": 4, "alcohol_drinks": 2,
        "skipped_meal": True, "exercise": True, "notes": "Bright office lights; left early.",
        "triggers": ["Stress"],
    }  # fmt: skip
    assert isinstance(day["id"], int)
    assert datetime.fromisoformat(day["created_at"]) <= datetime.fromisoformat(day["updated_at"])
    (dose,) = day["doses"]
    assert (dose["medication"], dose["amount"], dose["relief_2h"]) == ("Sumatriptan", "50 mg", 2)
    assert dose["taken_at"] == "07:30:00"


def test_the_csv_export_has_a_column_for_every_field_of_the_diary_model(diarist_client, filled_day):
    reply = diarist_client.get("/account/privacy/my-data.zip")
    archive = zipfile.ZipFile(io.BytesIO(reply.content))
    (row,) = csv.DictReader(io.StringIO(archive.read("journal_entries.csv").decode()))
    assert set(row) == diary_fields() | {"triggers"}
    assert (row["notes"], row["caffeine_drinks"], row["alcohol_drinks"], row["exercise"]) == (
        "Bright office lights; left early.", "4", "2", "yes",
    )  # fmt: skip
