"""Monthly figures and the ICHD-3 thresholds, without a database, on hand-built months."""

from datetime import date, timedelta

import pytest

from journal.stats import (
    CHRONIC_MIGRAINE,
    OVERUSE_CLASS,
    OVERUSE_COMBINED,
    DayRecord,
    consecutive_months,
    figures,
    is_migraine_day,
    last_complete_month,
    month_bounds,
    month_figures,
    month_start_before,
    months_between,
    pain_level,
    rolling_figures,
)

NOVEMBER = [date(2026, 11, d) for d in range(1, 31)]
AFTER = date(2027, 1, 15)  # "today" for a complete November


def month(
    headache: int = 0, migraine: int = 0, medicine: dict[str, int] | None = None, *, year=2026, number=11, skip=0
) -> list[DayRecord]:
    """A month: the first `migraine` days labelled migraine, the next headache days, then none;
    acute medicine on the first N days for each class; the last `skip` days unrecorded."""
    start, end = month_bounds(year, number)
    days = [start + timedelta(days=n) for n in range((end - start).days + 1 - skip)]
    records = []
    for index, day in enumerate(days):
        kind = "migraine" if index < migraine else "headache" if index < migraine + headache else "none"
        classes = frozenset(c for c, n in (medicine or {}).items() if index < n)
        records.append(DayRecord(day=day, headache=kind, acute_classes=classes))
    return records


def codes(result):
    return [(a.code, a.drug_class) for a in result.alerts]


def november(records, today=AFTER):
    return month_figures(records, 2026, 11, today)


def test_a_hand_counted_month():
    records = [
        DayRecord(date(2026, 11, 2), "migraine", frozenset({"triptan"})),
        DayRecord(date(2026, 11, 3), "migraine", frozenset({"triptan", "simple"})),
        DayRecord(date(2026, 11, 10), "headache", frozenset({"simple"})),
        DayRecord(date(2026, 11, 11), "none"),
        DayRecord(date(2026, 11, 20), "headache"),
        DayRecord(date(2026, 10, 31), "migraine", frozenset({"triptan"})),  # another month
    ]
    result = november(records)
    assert (result.headache_days, result.migraine_days, result.acute_days) == (4, 2, 3)
    assert result.self_labelled_migraine_days == 2
    assert result.acute_days_by_class == {"simple": 2, "triptan": 2}
    assert (result.recorded_days, result.length, result.unrecorded_days) == (5, 30, 25)
    assert result.has_gaps
    assert result.alerts == ()


# --- The derived migraine day ------------------------------------------------------------------

HEADACHE = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("record", "migraine"),
    [
        (DayRecord(HEADACHE, "migraine", pain=2), True),  # self-labelled
        (DayRecord(HEADACHE, "headache", pain=2, aura=True), True),
        (DayRecord(HEADACHE, "headache", pain=2, acute_classes=frozenset({"triptan"})), True),
        (DayRecord(HEADACHE, "headache", pain=2, acute_classes=frozenset({"ergot"})), True),
        (DayRecord(HEADACHE, "headache", pain=2, acute_classes=frozenset({"gepant"})), True),
        (DayRecord(HEADACHE, "headache", pain=2, acute_classes=frozenset({"ditan"})), True),
        (DayRecord(HEADACHE, "headache", pain=9, acute_classes=frozenset({"simple", "opioid"})), False),
        (DayRecord(HEADACHE, "headache", pain=4, nausea=True), True),  # moderate + nausea
        (DayRecord(HEADACHE, "headache", pain=3, nausea=True), False),  # mild, both sides
        (DayRecord(HEADACHE, "headache", pain=3, vomiting=True, one_sided=True), True),
        (DayRecord(HEADACHE, "headache", pain=5, light_sensitive=True, sound_sensitive=True), True),
        (DayRecord(HEADACHE, "headache", pain=5, light_sensitive=True), False),  # light alone is not D
        (DayRecord(HEADACHE, "headache", pain=8, one_sided=True, throbbing=True), False),  # no D feature
        (DayRecord(HEADACHE, "headache", pain=2, nausea=True, throbbing=True), False),  # one C feature
        (DayRecord(HEADACHE, "headache", pain=2, nausea=True, throbbing=True, worse_with_activity=True), True),
        (DayRecord(HEADACHE, "none", aura=True, acute_classes=frozenset({"triptan"})), False),  # no headache
    ],
)
def test_a_migraine_day_is_derived_from_what_was_recorded(record, migraine):
    assert is_migraine_day(record) is migraine


def test_figures_count_derived_migraine_days_and_keep_the_self_labelled_count():
    records = [
        DayRecord(date(2026, 11, 1), "migraine"),
        DayRecord(date(2026, 11, 2), "headache", acute_classes=frozenset({"triptan"})),
        DayRecord(date(2026, 11, 3), "headache", pain=6, nausea=True),
        DayRecord(date(2026, 11, 4), "headache", pain=2),
    ]
    result = november(records)
    assert (result.headache_days, result.migraine_days, result.self_labelled_migraine_days) == (4, 3, 1)


# --- Thresholds in one month ("this month reached") -------------------------------------------


@pytest.mark.parametrize(("days", "reached"), [(9, False), (10, True)])
@pytest.mark.parametrize("drug_class", ["triptan", "ergot", "opioid", "combination", "ditan", "other"])
def test_ten_day_classes_reach_their_threshold_at_10_days_not_9(drug_class, days, reached):
    result = november(month(headache=days, medicine={drug_class: days}))
    assert ((OVERUSE_CLASS, drug_class) in codes(result)) is reached


@pytest.mark.parametrize(("days", "reached"), [(14, False), (15, True)])
def test_simple_analgesics_reach_theirs_at_15_days_not_14(days, reached):
    result = november(month(headache=days, medicine={"simple": days}))
    assert ((OVERUSE_CLASS, "simple") in codes(result)) is reached
    assert (OVERUSE_COMBINED, None) not in codes(result)  # one class alone is never "several"


def test_gepants_are_counted_with_no_threshold():
    result = november(month(headache=25, medicine={"gepant": 25}))
    assert result.acute_days_by_class == {"gepant": 25}
    assert result.gepant_days == 25
    assert [c for c in codes(result) if c[0] != CHRONIC_MIGRAINE] == []  # (gepant days are migraine days)


def test_twenty_days_of_other_acute_medicines_reach_the_threshold():
    assert codes(november(month(headache=20, medicine={"other": 20}))) == [(OVERUSE_CLASS, "other")]


@pytest.mark.parametrize(("headache_days", "reached"), [(14, False), (15, True)])
def test_chronic_migraine_needs_15_headache_days(headache_days, reached):
    result = november(month(migraine=8, headache=headache_days - 8))
    assert result.headache_days == headache_days
    assert ((CHRONIC_MIGRAINE, None) in codes(result)) is reached


@pytest.mark.parametrize(("migraine_days", "reached"), [(7, False), (8, True)])
def test_chronic_migraine_needs_8_migraine_days_among_them(migraine_days, reached):
    result = november(month(migraine=migraine_days, headache=20 - migraine_days))
    assert ((CHRONIC_MIGRAINE, None) in codes(result)) is reached


def test_derived_migraine_days_count_toward_chronic_migraine():
    # 15 headache days, none labelled migraine, 8 of them treated with a triptan (a migraine day).
    records = month(headache=15, medicine={"triptan": 8})
    result = november(records)
    assert (result.self_labelled_migraine_days, result.migraine_days) == (0, 8)
    assert (CHRONIC_MIGRAINE, None) in codes(result)


@pytest.mark.parametrize("mix", [("triptan", "simple"), ("triptan", "ditan"), ("opioid", "combination")])
def test_several_classes_together_reach_10_days_when_none_alone_does(mix):
    # triptans on days 1-6, the other class on days 7-10 (or 7-9): 10 (or 9) days in all.
    first, second = mix
    records = [
        DayRecord(d, "migraine", frozenset({first} if i < 6 else {second} if i < 10 else set()))
        for i, d in enumerate(NOVEMBER[:12])
    ]
    assert codes(november(records)) == [(OVERUSE_COMBINED, None)]
    assert codes(november(records[:9] + records[10:])) == []  # 9 days


def test_a_period_with_nothing_recorded():
    result = figures([], date(2026, 2, 1), date(2026, 2, 28))
    assert (result.recorded_days, result.headache_days, result.length, result.alerts) == (0, 0, 28, ())


# --- Missing days --------------------------------------------------------------------------------


@pytest.mark.parametrize(("skip", "recorded"), [(0, 30), (5, 25)])
def test_unrecorded_days_are_counted_and_shown(skip, recorded):
    result = november(month(headache=14, medicine={"simple": 14}, skip=skip))
    assert (result.recorded_days, result.unrecorded_days, result.has_gaps) == (recorded, 30 - recorded, skip > 0)
    assert result.headache_days == 14
    assert codes(result) == []  # 14 recorded days: not reached, "at least 14"


# --- Duration: more than three consecutive months ---------------------------------------------


def months_of_overuse(count: int, *, last=(2026, 11), days=12, drug_class="triptan") -> list[DayRecord]:
    records = []
    year, number = last
    for _ in range(count):
        records += month(headache=days, medicine={drug_class: days}, year=year, number=number)
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
    return records


@pytest.mark.parametrize(("months", "pattern"), [(3, False), (4, True)])
def test_the_overuse_pattern_is_named_only_after_more_than_three_months(months, pattern):
    result = november(months_of_overuse(months))
    (alert,) = result.alerts
    assert (alert.code, alert.drug_class, alert.months, alert.pattern) == (OVERUSE_CLASS, "triptan", months, pattern)


@pytest.mark.parametrize(("months", "pattern"), [(3, False), (4, True)])
def test_the_chronic_migraine_pattern_is_named_only_after_more_than_three_months(months, pattern):
    records = []
    for number in range(11, 11 - months, -1):
        records += month(migraine=8, headache=8, number=number)
    (alert,) = november(records).alerts
    assert (alert.code, alert.months, alert.pattern) == (CHRONIC_MIGRAINE, months, pattern)


def test_a_month_below_the_threshold_breaks_the_run():
    records = (
        months_of_overuse(2)
        + month(headache=9, medicine={"triptan": 9}, number=9)
        + months_of_overuse(3, last=(2026, 8))
    )
    assert consecutive_months(records, (2026, 11)) == {"overuse_class:triptan": 2}


def test_a_month_in_progress_does_not_count_toward_the_run():
    # Four complete months before, and December (in progress) has reached it again.
    records = months_of_overuse(4) + month(headache=10, medicine={"triptan": 10}, number=12, skip=21)
    december = month_figures(records, 2026, 12, date(2026, 12, 20))
    (alert,) = december.alerts
    assert (alert.months, alert.pattern) == (4, True)
    assert (december.length, december.unrecorded_days) == (20, 10)  # the future is not "unrecorded"


def test_rolling_figures_name_the_pattern_from_the_complete_months():
    today = date(2026, 12, 10)
    records = months_of_overuse(4) + [DayRecord(today - timedelta(days=n), "headache", frozenset({"triptan"}))
                                      for n in range(10)]  # fmt: skip
    result = rolling_figures(records, today)
    (alert,) = result.alerts
    assert (alert.days, alert.months, alert.pattern) == (12, 4, True)  # Nov 11-12 and Dec 1-10


def test_rolling_30_days_ends_today_and_includes_it():
    today = date(2026, 11, 25)
    records = [DayRecord(today - timedelta(days=n), "headache") for n in range(40)]
    result = rolling_figures(records, today)
    assert (result.start, result.end, result.headache_days) == (date(2026, 10, 27), today, 30)


def test_calendar_helpers():
    assert month_bounds(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))
    assert months_between(date(2025, 11, 15), date(2026, 2, 1)) == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
    assert month_start_before(date(2026, 1, 31), months=2) == date(2025, 11, 1)
    assert last_complete_month(date(2026, 1, 31)) == (2025, 12)
    assert [pain_level("none", 0), pain_level("headache", 3), pain_level("migraine", 4), pain_level("migraine", 7)] == [
        "none", "mild", "moderate", "severe"]  # fmt: skip
