"""The charts count migraine days by the same rule as the figures (stats.is_migraine_day)."""

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
