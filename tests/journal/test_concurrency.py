"""Saving the same day at once, from several threads with their own database connections,
ends in one entry with one of the submitted values and no error, on SQLite and PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from journal.models import Dose, Entry, Medication
from journal.services import DoseData, entry_save

WRITERS = 6


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_day_leave_exactly_one_entry(diarist, today):
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    barrier = threading.Barrier(WRITERS)

    def save(n: int):
        try:
            barrier.wait(timeout=10)
            entry_save(
                user=diarist,
                day=today,
                today=today,
                values={"headache": "migraine", "pain": n + 1, "mood": 2, "notes": f"writer {n}"},
                trigger_ids=[],
                doses=[DoseData(medication_id=triptan.pk, amount=f"{n} mg")],
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        results = list(pool.map(save, range(WRITERS)))  # re-raises any error from a writer

    assert len(results) == WRITERS
    entry = Entry.objects.get(user=diarist, day=today)
    writer = int(entry.notes.split()[-1])
    assert entry.pain == writer + 1
    # The doses belong to the same, last, write: never a mix of two writers or a doubled list.
    assert list(Dose.objects.filter(entry=entry).values_list("amount", flat=True)) == [f"{writer} mg"]
