"""Monthly figures and the ICHD-3 warnings, without a database, on hand-built months."""

from datetime import date, timedelta

import pytest

from journal.stats import (
    CHRONIC_PATTERN,
    OVERUSE_CLASS,
    OVERUSE_COMBINED,
    DayRecord,
    figures,
    month_bounds,
    month_figures,
    month_start_before,
    months_between,
    pain_level,
    rolling_figures,
)

NOVEMBER = [date(2026, 11, d) for d in range(1, 31)]


def month(headache: int = 0, migraine: int = 0, medicine: dict[str, int] | None = None) -> list[DayRecord]:
    """November 2026: the first `migraine` days migraine, the next headache days, then none;
    acute medicine on the first N days for each class."""
    records = []
    for index, day in enumerate(NOVEMBER):
        kind = "migraine" if index < migraine else "headache" if index < migraine + headache else "none"
        classes = frozenset(c for c, n in (medicine or {}).items() if index < n)
        records.append(DayRecord(day=day, headache=kind, acute_classes=classes))
    return records


def codes(result):
    return [(w.code, w.drug_class) for w in result.warnings]


def test_a_hand_counted_month():
    records = [
        DayRecord(date(2026, 11, 2), "migraine", frozenset({"triptan"})),
        DayRecord(date(2026, 11, 3), "migraine", frozenset({"triptan", "simple"})),
        DayRecord(date(2026, 11, 10), "headache", frozenset({"simple"})),
        DayRecord(date(2026, 11, 11), "none"),
        DayRecord(date(2026, 11, 20), "headache"),
        DayRecord(date(2026, 10, 31), "migraine", frozenset({"triptan"})),  # another month
    ]
    result = month_figures(records, 2026, 11)
    assert (result.headache_days, result.migraine_days, result.acute_days) == (4, 2, 3)
    assert result.acute_days_by_class == {"simple": 2, "triptan": 2}
    assert (result.recorded_days, result.length) == (5, 30)
    assert result.warnings == ()


@pytest.mark.parametrize(("days", "warned"), [(9, False), (10, True)])
def test_triptans_warn_at_10_days_not_9(days, warned):
    result = month_figures(month(migraine=days, medicine={"triptan": days}), 2026, 11)
    assert ((OVERUSE_CLASS, "triptan") in codes(result)) is warned


@pytest.mark.parametrize("drug_class", ["ergot", "opioid", "combination"])
def test_ergots_opioids_and_combination_analgesics_warn_at_10_days(drug_class):
    assert (OVERUSE_CLASS, drug_class) in codes(month_figures(month(medicine={drug_class: 10}), 2026, 11))
    assert codes(month_figures(month(medicine={drug_class: 9}), 2026, 11)) == []


@pytest.mark.parametrize(("days", "warned"), [(14, False), (15, True)])
def test_simple_analgesics_warn_at_15_days_not_14(days, warned):
    result = month_figures(month(headache=days, medicine={"simple": days}), 2026, 11)
    assert ((OVERUSE_CLASS, "simple") in codes(result)) is warned
    assert (OVERUSE_COMBINED, None) not in codes(result)  # one class alone is never "several"


@pytest.mark.parametrize(("headache_days", "warned"), [(14, False), (15, True)])
def test_the_chronic_pattern_needs_15_headache_days(headache_days, warned):
    result = month_figures(month(migraine=8, headache=headache_days - 8), 2026, 11)
    assert result.headache_days == headache_days
    assert ((CHRONIC_PATTERN, None) in codes(result)) is warned


@pytest.mark.parametrize(("migraine_days", "warned"), [(7, False), (8, True)])
def test_the_chronic_pattern_needs_8_migraine_days_among_them(migraine_days, warned):
    result = month_figures(month(migraine=migraine_days, headache=20 - migraine_days), 2026, 11)
    assert ((CHRONIC_PATTERN, None) in codes(result)) is warned


def test_several_classes_together_warn_at_10_days_when_none_alone_does():
    # Days 1-6 a triptan, days 7-10 a simple analgesic: 6 + 4 = 10 days, neither class at its own limit.
    records = [
        DayRecord(d, "migraine", frozenset({"triptan"} if i < 6 else {"simple"} if i < 10 else set()))
        for i, d in enumerate(NOVEMBER[:12])
    ]
    assert codes(month_figures(records, 2026, 11)) == [(OVERUSE_COMBINED, None)]
    assert codes(month_figures(records[:9] + records[10:], 2026, 11)) == []  # 9 days


def test_gepants_ditans_and_other_medicines_do_not_count_toward_overuse():
    result = month_figures(month(medicine={"gepant": 20, "ditan": 20, "other": 20}), 2026, 11)
    assert result.acute_days == 20
    assert result.warnings == ()


def test_rolling_30_days_ends_today_and_includes_it():
    today = date(2026, 11, 25)
    records = [DayRecord(today - timedelta(days=n), "headache") for n in range(40)]
    result = rolling_figures(records, today)
    assert (result.start, result.end, result.headache_days) == (date(2026, 10, 27), today, 30)


def test_a_period_with_nothing_recorded():
    result = figures([], date(2026, 2, 1), date(2026, 2, 28))
    assert (result.recorded_days, result.headache_days, result.length, result.warnings) == (0, 0, 28, ())


def test_calendar_helpers():
    assert month_bounds(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))
    assert months_between(date(2025, 11, 15), date(2026, 2, 1)) == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
    assert month_start_before(date(2026, 1, 31), months=2) == date(2025, 11, 1)
    assert [pain_level("none", 0), pain_level("headache", 3), pain_level("migraine", 4), pain_level("migraine", 7)] == [
        "none", "mild", "moderate", "severe"]  # fmt: skip
