"""The year-long reads behind the calendar, charts, insights and report go through a raw cursor
(core.raw); these prove they give exactly what the ORM gives, value for value and type for type,
on a seeded diary with the awkward cases added: sleep of 7 and 6.3 hours and none, several doses
on a day, a preventive, a day without doses, another person's days in the same range. The one
difference is meant: sleep comes as the float the insights keep it in (float() of the ORM's
Decimal), not as a Decimal."""

from dataclasses import astuple
from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from core import raw
from journal import selectors, stats
from journal.demo import seed_diary
from journal.models import Dose, Entry, Medication, Trigger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sleep_as_float(row: dict) -> dict:
    """The ORM's row with its sleep as the year reads give it (selectors._diary_columns)."""
    if row.get("sleep_hours") is None:
        return row
    return {**row, "sleep_hours": float(row["sleep_hours"])}


def typed(value):
    """A value with its type, so that True and 1, or Decimal("7") and Decimal("7.0"), differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [typed(item) for item in value]
    if isinstance(value, set | frozenset):
        return (type(value).__name__, sorted(value))
    return (type(value).__name__, str(value))


@pytest.fixture
def diary(diarist, today):
    seed_diary(diarist, days=400, end=today)
    Entry.objects.filter(user=diarist, day=today).update(sleep_hours=Decimal("7"), stress=None)
    Entry.objects.filter(user=diarist, day=today - timedelta(days=1)).update(sleep_hours=Decimal("6.3"))
    Entry.objects.filter(user=diarist, day=today - timedelta(days=2)).update(sleep_hours=None, menstruation=True)
    busy = Entry.objects.get(user=diarist, day=today - timedelta(days=3))
    busy.doses.all().delete()
    for name in ("Sumatriptan", "Sumatriptan", "Ibuprofen", "Propranolol"):
        Dose.objects.create(entry=busy, medication=Medication.objects.get(user=diarist, name=name))
    Entry.objects.get(user=diarist, day=today - timedelta(days=4)).doses.all().delete()
    stranger = UserFactory()
    seed_diary(stranger, days=30, end=today)
    return diarist


def orm_day_records_with(*, user, start, end, extra=()):
    """What day_records_with read through the ORM before it went through core.raw, and built its
    records by the columns' names."""
    rows = (
        Entry.objects.for_user(user)
        .between(start, end)
        .values_list(*selectors.DAY_RECORD_COLUMNS, *extra, "doses__medication__drug_class", "doses__medication__use")
        .distinct()
    )
    days, extras, classes = {}, {}, {}
    base = len(selectors.DAY_RECORD_COLUMNS)
    for *fields, drug_class, use in rows:
        days[fields[0]] = tuple(fields[:base])
        if extra:
            extras[fields[0]] = sleep_as_float(dict(zip(extra, fields[base:], strict=True)))
        if use == Medication.Use.ACUTE:
            classes.setdefault(fields[0], set()).add(drug_class)
    records = [
        stats.DayRecord(**dict(zip(selectors.DAY_RECORD_COLUMNS, values, strict=True)),
                        acute_classes=frozenset(classes.get(values[0], ())))
        for values in days.values()
    ]  # fmt: skip
    return records, extras


@pytest.mark.parametrize("extra", [(), selectors.INSIGHT_COLUMNS, ("all_day", "headache_hours", "missed_work")])
def test_day_records_are_what_the_orm_reads(diary, today, extra):
    start = today - timedelta(days=380)
    records, extras = selectors.day_records_with(user=diary, start=start, end=today, extra=extra)
    expected_records, expected_extras = orm_day_records_with(user=diary, start=start, end=today, extra=extra)
    assert [record.day for record in records] == [record.day for record in expected_records]  # newest first
    assert typed([astuple(record) for record in records]) == typed([astuple(record) for record in expected_records])
    assert typed(extras) == typed(expected_extras)
    busy = next(record for record in records if record.day == today - timedelta(days=3))
    assert busy.acute_classes == frozenset({"triptan", "simple"})  # the preventive never counts
    if "sleep_hours" in extra:
        assert typed([extras[today - timedelta(days=n)]["sleep_hours"] for n in range(3)]) == typed([7.0, 6.3, None])


def test_diary_rows_and_ticked_triggers_are_what_the_orm_reads(diary, today):
    start = today - timedelta(days=364)
    foods, _ = Trigger.objects.update_or_create(user=None, name="Certain foods", defaults={"pathway": "inflammation"})
    Entry.objects.get(user=diary, day=today).triggers.add(foods)
    rows, ticked, pathways = selectors.diary_rows(user=diary, start=start, end=today)
    expected = [
        sleep_as_float(row)
        for row in Entry.objects.for_user(diary)
        .between(start, today)
        .order_by("day")
        .values(*selectors.DIARY_ROW_COLUMNS)
    ]
    assert typed(rows) == typed(expected)
    assert typed([row["sleep_hours"] for row in rows[-3:]]) == typed([None, 6.3, 7.0])
    assert len(rows) == 365
    links = Entry.triggers.through.objects.filter(entry__user=diary, entry__day__gte=start, entry__day__lte=today)
    expected_ticked = {}
    for entry_id, name in links.values_list("entry_id", "trigger__name"):
        expected_ticked.setdefault(entry_id, set()).add(name)
    assert ticked == expected_ticked
    assert selectors.ticked_trigger_names(user=diary, start=start, end=today) == expected_ticked
    assert any("Chocolate" in names for names in ticked.values())  # the person's own trigger too
    # The pathways of the default triggers ticked in the period, by name, as staff set them.
    ticked_names = {name for names in ticked.values() for name in names}
    defaults = Trigger.objects.filter(user__isnull=True, name__in=ticked_names).exclude(pathway="")
    expected_pathways = selectors.trigger_pathways(defaults.values_list("name", "pathway"))
    assert pathways == expected_pathways == {"trigger:Certain foods": "inflammation"}


def test_a_range_with_no_days_reads_nothing(diarist):
    assert selectors.day_records_with(user=diarist, start=date(2001, 1, 1), end=date(2001, 12, 31)) == ([], {})
    assert selectors.diary_rows(user=diarist, start=date(2001, 1, 1), end=date(2001, 12, 31)) == ([], {}, {})


def test_times_and_moments_are_made_as_the_orm_makes_them(diary, today):
    """A moment comes aware of its time zone (SQLite's driver gives it naive), a time of day as a
    time, an empty one as None: each through the ORM's own converters."""
    busy = Entry.objects.get(user=diary, day=today - timedelta(days=3))
    Dose.objects.filter(entry=busy).update(taken_at=time(7, 45, 30))
    Dose.objects.filter(pk=Dose.objects.filter(entry=busy).first().pk).update(taken_at=None)
    e, d = raw.Table(Entry, "e"), raw.Table(Dose, "d")
    sql = (
        f"SELECT {e['created_at']}, {e['updated_at']}, {d['taken_at']} FROM {e} "  # noqa: S608
        f"JOIN {d} ON {d['entry']} = {e['id']} WHERE {e['user']} = %s ORDER BY {d['id']}"
    )
    fields = [e.field("created_at"), e.field("updated_at"), d.field("taken_at")]
    rows = raw.fetch(sql, [diary.pk], fields)
    expected = list(
        Dose.objects.filter(entry__user=diary)
        .order_by("pk")
        .values_list("entry__created_at", "entry__updated_at", "taken_at")
    )
    assert typed(rows) == typed(expected)
    assert all(created.tzinfo is not None for created, _updated, _taken in rows)
    assert {taken for _created, _updated, taken in rows if taken is None or taken == time(7, 45, 30)} == {
        None,
        time(7, 45, 30),
    }


def test_a_decimal_is_made_as_the_orm_makes_it(diarist, today):
    e = raw.Table(Entry, "e")
    sql = f"SELECT {e['sleep_hours']} FROM {e} WHERE {e['user']} = %s"  # noqa: S608
    for stored, expected in [("7", "7.0"), ("6.3", "6.3"), ("0.5", "0.5"), ("24", "24.0")]:
        Entry.objects.update_or_create(user=diarist, day=today, defaults={"sleep_hours": Decimal(stored)})
        [(value,)] = raw.fetch(sql, [diarist.pk], [e.field("sleep_hours")])
        [orm] = Entry.objects.filter(user=diarist).values_list("sleep_hours", flat=True)
        assert (type(value), str(value)) == (Decimal, expected) == (type(orm), str(orm))


def test_a_table_writes_its_names_quoted_as_the_database_quotes_them():
    from django.db import connection

    e = raw.Table(Entry, "e")
    quote = connection.ops.quote_name
    assert str(e) == f"{quote('journal_entry')} e"
    assert e["user"] == f"e.{quote('user_id')}"  # the column, not the field's name
    assert e.field("sleep_hours") is Entry._meta.get_field("sleep_hours")
