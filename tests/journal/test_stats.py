"""Monthly figures and the ICHD-3 warnings, without a database, on hand-built months."""

import signal
from datetime import date, timedelta

import pytest

from journal.stats import (
    CHRONIC_PATTERN,
    OVERUSE_CLASS,
    OVERUSE_COMBINED,
    DayRecord,
    figures,
    is_migraine_day,
    month_bounds,
    month_start_before,
    months_between,
    pain_level,
    rolling_figures,
    with_duration,
)

NOVEMBER = [date(2026, 11, d) for d in range(1, 31)]


def month_figures(records, year: int, month: int):
    """A calendar month's figures, as the calendar and the report ask for them."""
    return figures(records, *month_bounds(year, month))


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


@pytest.mark.parametrize("drug_class", ["ditan", "other", "triptan", "ergot", "opioid", "combination"])
@pytest.mark.parametrize(("days", "warned"), [(9, False), (10, True)])
def test_ten_day_classes_including_ditan_and_other(drug_class, days, warned):
    result = month_figures(month(medicine={drug_class: days}), 2026, 11)
    assert codes(result) == ([(OVERUSE_CLASS, drug_class)] if warned else [])


def test_gepants_are_counted_but_never_warn():
    result = month_figures(month(medicine={"gepant": 30}), 2026, 11)
    assert (result.acute_days, result.gepant_days, result.acute_days_by_class) == (30, 30, {"gepant": 30})
    assert result.warnings == ()


def test_gepants_do_not_make_several_classes_together():
    records = [
        DayRecord(d, "headache", frozenset({"simple"} if i < 5 else {"gepant"})) for i, d in enumerate(NOVEMBER[:12])
    ]
    assert codes(month_figures(records, 2026, 11)) == []


def test_ditan_and_simple_together_reach_several_classes_at_10():
    records = [DayRecord(d, "headache", frozenset({"ditan"} if i < 5 else {"simple"})) for i, d in enumerate(NOVEMBER)]
    assert codes(month_figures(records[:10], 2026, 11)) == [(OVERUSE_COMBINED, None)]
    assert codes(month_figures(records[:9], 2026, 11)) == []


@pytest.mark.parametrize(("days", "warned"), [(14, False), (15, True)])
def test_simple_analgesics_at_15_with_missing_days(days, warned):
    # Only `days` days recorded, all with a simple analgesic: the rest of the month is missing.
    records = [DayRecord(d, "headache", frozenset({"simple"})) for d in NOVEMBER[:days]]
    result = month_figures(records, 2026, 11)
    assert (result.recorded_days, result.unrecorded_days, result.acute_days) == (days, 30 - days, days)
    assert codes(result) == ([(OVERUSE_CLASS, "simple")] if warned else [])


@pytest.mark.parametrize(("days", "warned"), [(9, False), (10, True)])
def test_triptans_at_10_with_missing_days(days, warned):
    records = [DayRecord(d, "migraine", frozenset({"triptan"})) for d in NOVEMBER[:days]]
    result = month_figures(records, 2026, 11)
    assert result.unrecorded_days == 30 - days
    assert codes(result) == ([(OVERUSE_CLASS, "triptan")] if warned else [])


def test_a_full_month_has_no_unrecorded_days():
    assert month_figures(month(), 2026, 11).unrecorded_days == 0


DAY = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("record", "derived"),
    [
        (DayRecord(DAY, "migraine", pain=2), True),  # self-labelled
        (DayRecord(DAY, "headache", pain=2), False),
        (DayRecord(DAY, "none", aura=True), True),  # aura alone
        (DayRecord(DAY, "headache", frozenset({"triptan"}), pain=2), True),
        (DayRecord(DAY, "headache", frozenset({"ergot"})), True),
        (DayRecord(DAY, "headache", frozenset({"gepant"})), True),
        (DayRecord(DAY, "headache", frozenset({"ditan"})), True),
        (DayRecord(DAY, "headache", frozenset({"simple", "opioid", "combination", "other"}), pain=9), False),
        (DayRecord(DAY, "headache", pain=4, nausea=True), True),  # moderate pain is 4 or more
        (DayRecord(DAY, "headache", pain=3, nausea=True), False),
        (DayRecord(DAY, "headache", pain=3, nausea=True, side="left"), True),  # one-sided
        (DayRecord(DAY, "headache", pain=3, vomiting=True, side="right"), True),
        (DayRecord(DAY, "headache", pain=3, vomiting=True, side="both"), False),
        (DayRecord(DAY, "headache", pain=5, vomiting=True), True),
        (DayRecord(DAY, "headache", pain=8, light_sensitive=True, sound_sensitive=True), True),
        (DayRecord(DAY, "headache", pain=8, light_sensitive=True), False),  # one of the two is not enough
        (DayRecord(DAY, "headache", pain=8, sound_sensitive=True), False),
        (DayRecord(DAY, "headache", pain=9), False),  # severe pain alone is not migraine
        (DayRecord(DAY, "none", nausea=True, pain=0), False),
    ],
)
def test_derived_migraine_day(record, derived):
    assert is_migraine_day(record) is derived


def test_figures_keep_derived_and_self_labelled_migraine_days():
    records = [
        DayRecord(NOVEMBER[0], "migraine"),
        DayRecord(NOVEMBER[1], "headache", frozenset({"triptan"})),
        DayRecord(NOVEMBER[2], "headache", pain=6, nausea=True),
        DayRecord(NOVEMBER[3], "headache", pain=6),
    ]
    result = month_figures(records, 2026, 11)
    assert (result.headache_days, result.migraine_days, result.self_labelled_migraine_days) == (4, 3, 1)


def test_chronic_migraine_uses_the_derived_count():
    # 15 headache days, none labelled migraine, 8 treated with a triptan.
    records = [
        DayRecord(d, "headache", frozenset({"triptan"} if i < 8 else set())) for i, d in enumerate(NOVEMBER[:15])
    ]
    assert (CHRONIC_PATTERN, None) in codes(month_figures(records, 2026, 11))


def chronic_month(year, month_number):
    start, _ = month_bounds(year, month_number)
    return [DayRecord(start + timedelta(days=n), "migraine") for n in range(15)]


@pytest.mark.parametrize(("months", "pattern"), [(3, False), (4, True)])
def test_the_pattern_is_named_only_after_more_than_three_consecutive_months(months, pattern):
    chosen = [(2026, m) for m in range(12 - months, 12)]
    records = [r for year, m in chosen for r in chronic_month(year, m)]
    result = with_duration([month_figures(records, year, m) for year, m in chosen])[-1]
    (warning,) = result.warnings
    assert (warning.code, warning.months, warning.pattern) == (CHRONIC_PATTERN, months, pattern)


def test_a_gap_month_restarts_the_count():
    chosen = [(2026, m) for m in (7, 8, 9, 10, 11)]
    records = [r for year, m in chosen if m != 9 for r in chronic_month(year, m)]
    results = with_duration([month_figures(records, year, m) for year, m in chosen])
    assert [w.months for r in results for w in r.warnings] == [1, 2, 1, 2]


def test_duration_is_counted_per_class():
    months = [(2026, m) for m in (8, 9, 10, 11)]
    records = []
    for year, m in months:
        start, _ = month_bounds(year, m)
        kind = {"triptan"} if m != 10 else {"ditan"}
        records += [DayRecord(start + timedelta(days=n), "headache", frozenset(kind)) for n in range(10)]
    results = with_duration([month_figures(records, year, m) for year, m in months])
    assert [(w.drug_class, w.months) for r in results for w in r.warnings] == [
        ("triptan", 1),
        ("triptan", 2),
        ("ditan", 1),
        ("triptan", 1),
    ]


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
    assert month_start_before(date(2026, 1, 31), months=2) == date(2025, 11, 1)
    assert month_start_before(date(2026, 5, 15), months=2) == date(2026, 3, 1)
    assert month_start_before(date(2026, 5, 15), months=12) == date(2025, 5, 1)
    assert [pain_level("none", 0), pain_level("headache", 3), pain_level("migraine", 4), pain_level("migraine", 7)] == [
        "none", "mild", "moderate", "severe"]  # fmt: skip


def within_a_second(function, *args):
    """Call `function`, failing (rather than hanging) if it has not returned after a second."""

    def too_long(signum, frame):
        raise TimeoutError(f"{function.__name__} did not return")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        return function(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_months_between_counts_every_month_across_a_year_end():
    assert within_a_second(months_between, date(2026, 1, 15), date(2026, 3, 1)) == [(2026, 1), (2026, 2), (2026, 3)]
    assert within_a_second(months_between, date(2025, 11, 15), date(2026, 2, 1)) == [
        (2025, 11), (2025, 12), (2026, 1), (2026, 2)]  # fmt: skip
    assert within_a_second(months_between, date(2026, 12, 1), date(2026, 12, 31)) == [(2026, 12)]


def test_rolling_figures_over_other_lengths():
    today = date(2026, 11, 25)
    records = [DayRecord(today - timedelta(days=n), "headache") for n in range(40)]
    week = rolling_figures(records, today, 7)
    assert (week.start, week.end, week.headache_days, week.length) == (date(2026, 11, 19), today, 7, 7)


def test_each_warning_carries_its_days_and_threshold():
    result = month_figures(month(migraine=16, medicine={"triptan": 12, "simple": 16}), 2026, 11)
    found = {(w.code, w.drug_class): (w.days, w.threshold) for w in result.warnings}
    assert found == {
        (CHRONIC_PATTERN, None): (16, 15),
        (OVERUSE_CLASS, "triptan"): (12, 10),
        (OVERUSE_CLASS, "simple"): (16, 15),
    }
    combined = month_figures(month(medicine={"ergot": 6, "opioid": 11}), 2026, 11)
    assert [(w.code, w.days, w.threshold) for w in combined.warnings] == [(OVERUSE_CLASS, 11, 10)]
    several = month_figures(month(medicine={"ergot": 6, "simple": 12}), 2026, 11)
    assert [(w.code, w.days, w.threshold) for w in several.warnings] == [(OVERUSE_COMBINED, 12, 10)]


@pytest.mark.parametrize(
    "medicine",
    [{"triptan": 10, "simple": 5}, {"simple": 15, "triptan": 5}, {"ditan": 10, "opioid": 9}],
)
def test_one_class_over_its_own_threshold_is_not_also_several_classes(medicine):
    result = month_figures(month(medicine=medicine), 2026, 11)
    assert [code for code, _class in codes(result)] == [OVERUSE_CLASS]
