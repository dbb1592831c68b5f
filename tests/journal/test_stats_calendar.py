"""The calendar's cells, the report's strip and the days an attack touches, worked out in the pure
stats module (no database)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.stats import DayRecord, attack_features, attack_hours_by_day, month_cells, relief_question, strip_rows

LONDON = ZoneInfo("Europe/London")


def test_a_month_is_weeks_from_monday_with_empty_cells_outside_it():
    weeks = month_cells(2026, 11, {}, linkable_until=date(2026, 11, 25))
    # November 2026 starts on a Sunday and ends on a Monday: six weeks.
    assert len(weeks) == 6
    assert weeks[0][:6] == [None] * 6
    assert weeks[0][6]["day"] == date(2026, 11, 1)
    assert weeks[-1][0]["day"] == date(2026, 11, 30)
    assert weeks[-1][1:] == [None] * 6
    assert sum(1 for week in weeks for cell in week if cell) == 30


def test_each_cell_has_its_pain_level_record_and_link():
    records = {
        date(2026, 11, 2): DayRecord(day=date(2026, 11, 2), headache="migraine", pain=8),
        date(2026, 11, 3): DayRecord(day=date(2026, 11, 3), headache="headache", pain=3),
        date(2026, 11, 4): DayRecord(day=date(2026, 11, 4), headache="headache", pain=4),
        date(2026, 11, 5): DayRecord(day=date(2026, 11, 5)),
    }
    cells = {
        cell["day"]: cell
        for week in month_cells(2026, 11, records, linkable_until=date(2026, 11, 25))
        for cell in week
        if cell
    }
    levels = {day.day: cells[day]["level"] for day in records}
    assert levels == {2: "severe", 3: "mild", 4: "moderate", 5: "none"}
    assert cells[date(2026, 11, 6)]["level"] == "unrecorded"
    assert cells[date(2026, 11, 6)]["record"] is None
    assert cells[date(2026, 11, 2)]["record"] is records[date(2026, 11, 2)]
    assert cells[date(2026, 11, 25)]["link"] is True
    assert cells[date(2026, 11, 26)]["link"] is False


def test_days_outside_first_and_last_show_nothing_recorded():
    records = {date(2026, 11, d): DayRecord(day=date(2026, 11, d), headache="headache", pain=5) for d in (9, 10, 11)}
    weeks = month_cells(
        2026, 11, records, linkable_until=date(2026, 11, 30), first=date(2026, 11, 10), last=date(2026, 11, 10)
    )
    levels = {
        cell["day"].day: cell["level"] for week in weeks for cell in week if cell and cell["day"].day in (9, 10, 11)
    }
    assert levels == {9: "unrecorded", 10: "moderate", 11: "unrecorded"}


def test_the_strip_marks_migraine_headache_and_acute_days_within_the_range_only():
    by_day = {
        date(2026, 10, 30): DayRecord(day=date(2026, 10, 30), headache="headache", pain=5),
        date(2026, 10, 31): DayRecord(day=date(2026, 10, 31), headache="headache", pain=2, aura=True),
        date(2026, 11, 1): DayRecord(day=date(2026, 11, 1), acute_classes=frozenset({"simple"})),
    }
    october, november = strip_rows(date(2026, 10, 30), date(2026, 11, 1), by_day)
    assert (october["month"], november["month"]) == (date(2026, 10, 1), date(2026, 11, 1))
    assert (len(october["cells"]), len(november["cells"])) == (31, 30)
    assert [(c["mark"], c["kind"]) for c in october["cells"][28:]] == [
        ("", "outside"),
        ("H", "headache"),
        ("M", "migraine"),  # aura makes a migraine day
    ]
    assert november["cells"][0] == {"day": 1, "mark": "", "kind": "none", "acute": True}
    assert november["cells"][1]["kind"] == "outside"


def test_a_day_in_the_range_without_a_record_is_marked_unrecorded():
    (row,) = strip_rows(date(2026, 11, 2), date(2026, 11, 3), {})
    assert row["cells"][1:3] == [{"day": d, "mark": "", "kind": "unrecorded", "acute": False} for d in (2, 3)]


# --- Pure: the days an attack touches -------------------------------------------------------------


def test_an_attack_within_a_day_counts_its_hours_rounded_up():
    start = datetime(2026, 6, 15, 9, 10, tzinfo=LONDON)
    assert attack_hours_by_day(start, start + timedelta(hours=2, minutes=1)) == {date(2026, 6, 15): 3}
    assert attack_hours_by_day(start, start) == {date(2026, 6, 15): 1}  # a day it touched counts
    # Times carry seconds (an attack started "now"): one second past the hour is another hour.
    assert attack_hours_by_day(start, start + timedelta(hours=1, seconds=1)) == {date(2026, 6, 15): 2}


def test_an_attack_across_midnight_counts_on_both_days():
    hours = attack_hours_by_day(
        datetime(2026, 6, 14, 22, 30, tzinfo=LONDON), datetime(2026, 6, 15, 1, 10, tzinfo=LONDON)
    )
    assert hours == {date(2026, 6, 14): 2, date(2026, 6, 15): 2}


def test_an_attack_of_three_days_is_24_hours_on_the_whole_day_between():
    hours = attack_hours_by_day(datetime(2026, 6, 13, 18, 0, tzinfo=LONDON), datetime(2026, 6, 15, 6, 0, tzinfo=LONDON))
    assert hours == {date(2026, 6, 13): 6, date(2026, 6, 14): 24, date(2026, 6, 15): 6}


def test_an_attack_cannot_end_before_it_starts():
    start = datetime(2026, 6, 15, 9, 0, tzinfo=LONDON)
    with pytest.raises(ValueError, match=r"^an attack ends after it starts$"):
        attack_hours_by_day(start, start - timedelta(minutes=1))


# --- The relief question: from 2 to 24 hours after a dose ------------------------------------------

TAKEN = datetime(2026, 6, 14, 21, 30, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("after", "due", "changes"),
    [
        (timedelta(0), False, TAKEN + timedelta(hours=2)),
        (timedelta(hours=1, minutes=59), False, TAKEN + timedelta(hours=2)),
        (timedelta(hours=2), True, TAKEN + timedelta(hours=24)),
        (timedelta(hours=23, minutes=59), True, TAKEN + timedelta(hours=24)),
        (timedelta(hours=24), True, TAKEN + timedelta(hours=24)),
        (timedelta(hours=24, seconds=1), False, None),
        (timedelta(days=3), False, None),
    ],
)
def test_the_relief_question_is_due_from_two_to_twenty_four_hours_and_says_when_that_changes(after, due, changes):
    assert relief_question(TAKEN, TAKEN + after) == (due, changes)


def test_the_relief_question_reads_aware_times_in_any_zone():
    # 21:30 in London is 20:30 UTC: two hours later in Tokyo's clock is still two hours.
    later = (TAKEN + timedelta(hours=2)).astimezone(ZoneInfo("Asia/Tokyo"))
    assert relief_question(TAKEN, later) == (True, TAKEN + timedelta(hours=24))


# --- Pure: what the report says of the attacks -----------------------------------------------------

NOTHING = {"all_day": False, "headache_hours": None, "missed_work": False, "productivity_halved": False,
           "missed_household": False, "missed_social": False}  # fmt: skip


def day(n, headache="headache", **fields):
    record = {k: v for k, v in fields.items() if k not in NOTHING}
    extra = {**NOTHING, **{k: v for k, v in fields.items() if k in NOTHING}}
    return DayRecord(day=date(2026, 6, n), headache=headache, pain=5 if headache != "none" else 0, **record), extra


def test_attack_features_count_headache_days_and_their_hours_and_the_flags_of_every_day():
    features = attack_features([
        day(1, headache_hours=3, aura=True, side="left", nausea=True),
        day(2, "migraine", headache_hours=6, vomiting=True, light_sensitive=True, sound_sensitive=True, side="left"),
        day(3, all_day=True, headache_hours=20, light_sensitive=True, side="changing"),  # hours of an all-day left out
        day(4, "none", missed_work=True, productivity_halved=True),  # flags count on any day
        day(5, headache_hours=None, missed_social=True, missed_household=True, side="right"),
    ])  # fmt: skip
    assert features == {
        "headache_days": 4,
        "all_day": 1,
        "typical_hours": 4.5,  # (3 + 6) / 2
        "share": {"aura": 25, "nausea": 50, "light_and_sound": 25},
        "usual_side": "left",
        "missed_work": 1,
        "productivity_halved": 1,
        "missed_household": 1,
        "missed_social": 1,
    }


def test_attack_features_of_a_period_without_headache_say_nothing_rather_than_zero():
    features = attack_features([day(1, "none"), day(2, "none", side="left")])
    assert (features["headache_days"], features["typical_hours"], features["usual_side"]) == (0, None, None)
    assert features["share"] == {"aura": None, "nausea": None, "light_and_sound": None}


def test_a_side_that_changes_counts_with_both_sides():
    assert attack_features([day(1, side="both"), day(2, side="changing"), day(3, side="left")])["usual_side"] == "both"


def test_the_usual_side_is_the_one_most_often_named_and_counts_every_day():
    three_right = [day(n, side="right") for n in (2, 3, 4)]
    assert attack_features([day(1, side="left"), *three_right])["usual_side"] == "right"
    # A tie goes to the side named first in left, right, both: one day each of both and right is right.
    assert attack_features([day(1, side="both"), day(2, side="right")])["usual_side"] == "right"


def test_typical_hours_keep_one_decimal_and_shares_are_whole_percents():
    features = attack_features(
        [day(1, headache_hours=1, aura=True), day(2, headache_hours=1), day(3, headache_hours=2)]
    )
    assert features["typical_hours"] == 1.3  # 4 / 3 = 1.333...
    assert features["share"]["aura"] == 33  # 1 of 3, not 33.7
