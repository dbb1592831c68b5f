"""The figures as a person sees them: derived and self-labelled migraine days, "at least" with
gaps, and the medicine form's new details."""

from datetime import timedelta

import pytest

from journal.models import Dose, Entry, Medication

pytestmark = pytest.mark.django_db


def test_the_calendar_shows_derived_and_self_labelled_migraine_days_and_gaps(diarist_client, diarist, today):
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    first = today.replace(day=1)
    Entry.objects.create(user=diarist, day=first, headache="migraine", pain=6)
    treated = Entry.objects.create(user=diarist, day=first + timedelta(days=1) if today.day > 1 else first,
                                   headache="headache", pain=3) if today.day > 1 else None  # fmt: skip
    if treated:
        Dose.objects.create(entry=treated, medication=triptan)
    html = diarist_client.get(f"/journal/calendar/{today.year}/{today.month}/").content.decode()
    expected = 2 if treated else 1
    assert f"at least {expected}" in html
    assert "You called 1 day migraine" in html
    unrecorded = today.day - expected
    if unrecorded:
        assert f"{unrecorded} day" in html


def test_a_medicine_keeps_its_strength_and_dates(diarist_client, diarist):
    reply = diarist_client.post(
        "/journal/medications/",
        {"name": "Propranolol", "drug_class": "beta_blocker", "use": "preventive", "strength": "80 mg",
         "started_on": "2026-01-05"},
    )  # fmt: skip
    assert reply.status_code == 302
    medicine = Medication.objects.get(user=diarist, name="Propranolol")
    assert (medicine.strength, medicine.started_on.isoformat(), medicine.stopped_on) == ("80 mg", "2026-01-05", None)


def test_a_stop_date_before_the_start_is_a_form_error(diarist_client, diarist):
    reply = diarist_client.post(
        "/journal/medications/",
        {"name": "Topiramate", "drug_class": "anticonvulsant", "use": "preventive", "started_on": "2026-03-01",
         "stopped_on": "2026-02-01"},
    )  # fmt: skip
    assert reply.status_code in (200, 400)
    assert "The stop date comes before the start date." in reply.content.decode()
    assert not Medication.objects.filter(name="Topiramate").exists()


def test_the_combination_help_says_two_simple_painkillers_are_not_one(diarist_client):
    html = diarist_client.get("/journal/medications/").content.decode()
    assert "two simple painkillers taken together are not a combination" in html


def test_the_day_form_asks_throbbing_and_worse_with_activity(diarist_client, today):
    html = diarist_client.get("/journal/").content.decode()
    assert 'name="throbbing"' in html
    assert 'name="worse_with_activity"' in html
