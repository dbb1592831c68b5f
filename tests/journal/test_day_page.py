"""Today's page reads its entry, recent doses and 30-day figures from one read of the last 30
days with their doses (journal.selectors.day_page, through days_with_doses and core.raw); these
prove it finds what the separate reads find, and builds the same objects the ORM builds."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal import selectors
from journal.demo import seed_diary
from journal.models import Attack, Dose, Entry, Medication
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(diarist, today):
    """Today: a migraine, treated with a triptan and a preventive. Yesterday: a headache of pain 3
    with an NSAID from a medicine since taken off the list. Day 30 (the window's first): a headache,
    no medicine. Day 31, just outside: a migraine with a triptan."""
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    preventive = Medication.objects.create(
        user=diarist, name="Propranolol", drug_class="beta_blocker", use="preventive"
    )
    naproxen = Medication.objects.create(user=diarist, name="Naproxen", drug_class="simple", use="acute")
    entry = Entry.objects.create(user=diarist, day=today, headache="migraine", pain=7)
    Dose.objects.create(entry=entry, medication=triptan)
    Dose.objects.create(entry=entry, medication=preventive)
    yesterday = Entry.objects.create(user=diarist, day=today - timedelta(days=1), headache="headache", pain=3)
    Dose.objects.create(entry=yesterday, medication=naproxen)
    naproxen.active = False
    naproxen.save()
    Entry.objects.create(user=diarist, day=today - timedelta(days=29), headache="headache", pain=2)
    outside = Entry.objects.create(user=diarist, day=today - timedelta(days=30), headache="migraine", pain=8)
    Dose.objects.create(entry=outside, medication=triptan)
    Dose.objects.create(entry=Entry.objects.create(user=diarist, day=today - timedelta(days=2)), medication=preventive)
    return entry


def test_today_reads_its_entry_doses_and_figures_from_the_last_30_days(diarist, today, window):
    entry, recent, figures = selectors.day_page(user=diarist, day=today, today=today)
    assert entry == window
    assert [(dose.day, dose.medication.name) for dose in recent] == [
        (today - timedelta(days=1), "Naproxen"),
        (today, "Sumatriptan"),
        (today, "Propranolol"),
    ]
    assert (figures.start, figures.end) == (today - timedelta(days=29), today)
    assert figures.recorded_days == 4
    assert figures.headache_days == 3
    assert figures.migraine_days == 1
    assert figures.acute_days == 2  # the preventive never counts; the archived NSAID does
    assert figures.acute_days_by_class == {"simple": 1, "triptan": 1}


@pytest.mark.parametrize("days", [1, 45, 400])
def test_today_finds_what_the_separate_reads_find(diarist, today, days):
    seed_diary(diarist, days=days, end=today)
    entry, recent, figures = selectors.day_page(user=diarist, day=today, today=today)
    assert entry == selectors.entry_for_day(user=diarist, day=today)
    assert [dose.pk for dose in recent] == [dose.pk for dose in selectors.recent_doses(user=diarist, day=today)]
    assert figures == selectors.rolling_figures(user=diarist, today=today)


def test_a_past_day_has_no_figures_and_reads_its_doses_only_when_it_has_an_entry(diarist, today, window):
    entry, recent, figures = selectors.day_page(user=diarist, day=today - timedelta(days=1), today=today)
    assert entry.pain == 3
    assert [dose.medication.name for dose in recent] == ["Propranolol", "Naproxen"]
    assert figures is None
    assert selectors.day_page(user=diarist, day=today - timedelta(days=3), today=today) == (None, [], None)


def fields_of(instance) -> list:
    """Every stored field's value with its type (True and 1 differ, so do aware and naive moments)."""
    return [
        (field.attname, type(value).__name__, str(value), getattr(value, "tzinfo", None) is not None)
        for field in type(instance)._meta.concrete_fields
        for value in [getattr(instance, field.attname)]
    ]


def test_the_entry_and_doses_are_the_objects_the_orm_makes(diarist, today, window):
    window.sleep_hours, window.notes, window.side = "6.5", "Dark room helped", "left"
    window.save()
    Dose.objects.filter(entry=window, medication__name="Sumatriptan").update(
        taken_at=time(6, 30), amount="50 mg", relief_2h=2
    )
    entry, recent, _figures = selectors.day_page(user=diarist, day=today, today=today)
    assert fields_of(entry) == fields_of(Entry.objects.get(pk=window.pk))
    expected = list(
        Dose.objects.filter(entry__user=diarist, entry__day__gte=today - timedelta(days=1))
        .select_related("medication")
        .order_by("entry__day", "taken_at", "pk")
    )
    assert [dose.pk for dose in recent] == [dose.pk for dose in expected]
    for dose, orm in zip(recent, expected, strict=True):
        assert fields_of(dose) == fields_of(orm)
        assert fields_of(dose.medication) == fields_of(orm.medication)
        assert dose.day == orm.entry.day
    with CaptureQueriesContext(connection) as ctx:
        names = [dose.medication.name for dose in recent]
    # (A dose with no time comes first on SQLite and last on PostgreSQL, as through the ORM.)
    assert (names, len(ctx.captured_queries)) == ([dose.medication.name for dose in expected], 0)
    assert sorted(names) == ["Naproxen", "Propranolol", "Sumatriptan"]
    # Loaded, not new: saving it again updates the row rather than adding a day.
    assert entry._state.adding is False
    entry.pain = 8
    entry.save()
    assert list(Entry.objects.filter(user=diarist, day=today).values_list("pain", flat=True)) == [8]


def test_the_medicines_in_use_by_name_and_no_one_elses(diarist):
    Medication.objects.filter(user=diarist).delete()
    zolmi = Medication.objects.create(user=diarist, name="Zolmitriptan", drug_class="triptan")
    Medication.objects.create(user=diarist, name="Codeine", drug_class="opioid", active=False)
    beta = Medication.objects.create(user=diarist, name="Bisoprolol", drug_class="beta_blocker", use="preventive")
    Medication.objects.create(user=UserFactory(), name="Aspirin", drug_class="simple")
    assert selectors.active_medicines(user=diarist) == [
        {"pk": beta.pk, "name": "Bisoprolol", "use": "preventive"},
        {"pk": zolmi.pk, "name": "Zolmitriptan", "use": "acute"},
    ]


def test_the_attack_going_on_is_the_newest_open_one_of_the_person(diarist):
    assert selectors.ongoing_attack(user=diarist) is None
    moment = datetime(2026, 6, 14, 9, 30, tzinfo=UTC)
    Attack.objects.create(user=diarist, key="ended", started_at=moment, ended_at=moment + timedelta(hours=3))
    Attack.objects.create(user=UserFactory(), key="someone else", started_at=moment + timedelta(hours=5))
    assert selectors.ongoing_attack(user=diarist) is None
    Attack.objects.create(user=diarist, key="older", started_at=moment + timedelta(hours=1))
    newest = Attack.objects.create(user=diarist, key="newest", started_at=moment + timedelta(hours=2), peak_pain=6)
    found = selectors.ongoing_attack(user=diarist)
    assert fields_of(found) == fields_of(Attack.objects.get(pk=newest.pk))
    assert (found.key, found.started_at, found.peak_pain) == ("newest", moment + timedelta(hours=2), 6)
