"""The charts count migraine days by the same rule as the figures (stats.is_migraine_day)."""

from datetime import timedelta

import pytest

from journal import selectors, stats
from journal.demo import seed_diary

pytestmark = pytest.mark.django_db


def test_chart_months_count_the_derived_migraine_days(diarist, today):
    seed_diary(diarist, days=365, end=today)
    months = selectors.chart_data(user=diarist, today=today)["months"]
    records = selectors.day_records(user=diarist, start=months[0]["month"], end=today)
    for month in months:
        start, end = stats.month_bounds(month["month"].year, month["month"].month)
        expected = stats.figures(records, start, min(end, today))
        assert (month["headache_days"], month["migraine_days"]) == (expected.headache_days, expected.migraine_days)
    assert sum(m["migraine_days"] for m in months) > 0


def test_chart_months_count_exactly_the_days_the_rule_names(diarist, today):
    """Four days of this month: one the person called migraine, one a headache day with a triptan,
    one a headache with nausea and moderate pain, and one with nausea, mild pain on both sides,
    throbbing and worse with activity, which the rule does not count (nor does the report)."""
    from journal.models import Dose, Entry, Medication

    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    start = today.replace(day=1)
    days = [start + timedelta(days=n) for n in range(4)]  # today is the 15th (PINNED_TODAY)
    Entry.objects.create(user=diarist, day=days[0], headache="migraine", pain=5)
    with_triptan = Entry.objects.create(user=diarist, day=days[1], headache="headache", pain=2)
    Dose.objects.create(entry=with_triptan, medication=triptan)
    Entry.objects.create(user=diarist, day=days[2], headache="headache", pain=4, nausea=True)
    Entry.objects.create(
        user=diarist, day=days[3], headache="headache", pain=3, nausea=True, side="both", throbbing=True,
        worse_with_activity=True,
    )  # fmt: skip
    this_month = selectors.chart_data(user=diarist, today=today)["months"][-1]
    assert this_month == {"month": start, "recorded": 4, "headache_days": 4, "migraine_days": 3}
    report_figures = stats.figures(selectors.day_records(user=diarist, start=start, end=today), start, today)
    assert report_figures.migraine_days == 3
