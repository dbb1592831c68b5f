"""Monthly figures from the diary, against the ICHD-3 thresholds. Pure Python: no Django.

The caller passes plain `DayRecord`s and the period; nothing here reads a clock. Figures:
headache days (any headache, migraine included), migraine days, and days with acute
medication by drug class, per calendar month and per rolling 30 days.

Warnings follow the ICHD-3 criteria month by month; the app only ever says "talk to your doctor":
- chronic migraine (ICHD-3 1.3): 15 or more headache days, of which 8 or more migraine days;
- medication overuse (ICHD-3 8.2): 10 or more days of triptans, ergots, opioids, combination
  analgesics, ditans (Rau 2020, treated like triptans) or "other" acute medicines (8.2.8), each
  class on its own; 15 or more days of simple analgesics; or 10 or more days of several classes
  together (8.2.6) when no single class reaches its own threshold. Gepants are counted and shown
  but set no threshold: ICHD-3 (2018) predates them. Preventive medicines never count (the
  caller passes acute classes only).
ICHD-3 names the *pattern* only when it has lasted MORE than three months: `with_duration` counts
the consecutive calendar months that met each threshold, and `ThresholdReached.pattern` is true from the
fourth; before that the month only "reached" the threshold.

Figures count recorded days only; `unrecorded_days` says how many are missing, so the page can
say "at least N".

A migraine day (`is_migraine_day`) is counted the way clinicians count it in diaries (ICHD-3
1.1 C/D and 1.3 C; the Leiden migraine e-diary rules, van Casteren et al. 2021): a day the person
called migraine, or a headache day with migraine features -- nausea or vomiting, or both light and
sound sensitivity -- together with pain at least moderate (MODERATE_PAIN, 4 or more on the 0-10
scale, the usual mapping of "moderate" onto a numeric scale) or one-sided pain; or a day with aura;
or a day a migraine-specific acute medicine was taken (triptan, ergot, gepant, ditan). The
self-labelled count is kept beside it.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

# The vocabularies below are owned here; journal.models builds its choices from them.
NONE, HEADACHE, MIGRAINE = "none", "headache", "migraine"  # a day's headache
HEADACHE_KINDS = (HEADACHE, MIGRAINE)
LEFT, RIGHT, BOTH, CHANGING = "left", "right", "both", "changing"  # where it hurt
TRIPTAN, ERGOT, OPIOID, COMBINATION, SIMPLE = "triptan", "ergot", "opioid", "combination", "simple"
DITAN, GEPANT, OTHER = "ditan", "gepant", "other"
TEN_DAY_CLASSES = (TRIPTAN, ERGOT, OPIOID, COMBINATION, DITAN, OTHER)
OVERUSE_CLASSES = (*TEN_DAY_CLASSES, SIMPLE)  # gepants: counted, no threshold (ICHD-3 predates them)
MIGRAINE_SPECIFIC_CLASSES = frozenset({TRIPTAN, ERGOT, GEPANT, DITAN})
MODERATE_PAIN = 4  # 0-10 scale: 1-3 mild, 4-6 moderate, 7-10 severe (as pain_level)
ONE_SIDED = frozenset({LEFT, RIGHT})
PATTERN_AFTER_MONTHS = 3  # ICHD-3: "for more than 3 months"
TEN_DAY_THRESHOLD = 10
SIMPLE_THRESHOLD = 15
COMBINED_THRESHOLD = 10
CHRONIC_HEADACHE_DAYS = 15
CHRONIC_MIGRAINE_DAYS = 8

CHRONIC_PATTERN = "chronic_pattern"
OVERUSE_CLASS = "overuse_class"
OVERUSE_COMBINED = "overuse_combined"


# Not frozen: a report builds hundreds of these a page, and a frozen dataclass's __init__ costs
# nearly three times as much (1.2 against 0.4 ms for 800). Nothing here changes one after it is made.
@dataclass(slots=True)
class DayRecord:
    day: date
    headache: str = NONE  # NONE | HEADACHE | MIGRAINE
    acute_classes: frozenset[str] = frozenset()
    pain: int = 0
    aura: bool = False
    nausea: bool = False
    vomiting: bool = False
    light_sensitive: bool = False
    sound_sensitive: bool = False
    side: str = ""


def is_migraine_day(record: DayRecord) -> bool:
    """The derived migraine day (see the module docstring for the rule and its sources)."""
    if record.headache == MIGRAINE or record.aura or record.acute_classes & MIGRAINE_SPECIFIC_CLASSES:
        return True
    if record.headache != HEADACHE:
        return False
    features = record.nausea or record.vomiting or (record.light_sensitive and record.sound_sensitive)
    return features and (record.pain >= MODERATE_PAIN or record.side in ONE_SIDED)


@dataclass(frozen=True)
class ThresholdReached:
    """An ICHD-3 threshold met in a month (a "warning" on the pages; never a diagnosis)."""

    code: str
    days: int
    threshold: int
    drug_class: str | None = None
    months: int = 1  # consecutive calendar months, this one included, that met the threshold

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.code, self.drug_class)

    @property
    def pattern(self) -> bool:
        """ICHD-3 names the pattern only when it has lasted more than three months."""
        return self.months > PATTERN_AFTER_MONTHS


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    recorded_days: int
    headache_days: int
    migraine_days: int  # derived (is_migraine_day)
    acute_days: int
    acute_days_by_class: dict[str, int] = field(default_factory=dict)
    warnings: tuple[ThresholdReached, ...] = ()
    self_labelled_migraine_days: int = 0

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def unrecorded_days(self) -> int:
        return self.length - self.recorded_days

    @property
    def gepant_days(self) -> int:
        return self.acute_days_by_class.get(GEPANT, 0)


def figures(records: Iterable[DayRecord], start: date, end: date) -> Figures:
    """Figures for the days from `start` to `end` inclusive (records outside are ignored)."""
    in_period = [r for r in records if start <= r.day <= end]
    by_day = {r.day: r for r in in_period}  # one record a day; a later duplicate wins
    headache_days = sum(1 for r in by_day.values() if r.headache in HEADACHE_KINDS)
    migraine_days = sum(1 for r in by_day.values() if is_migraine_day(r))
    self_labelled = sum(1 for r in by_day.values() if r.headache == MIGRAINE)
    by_class: dict[str, int] = {}
    for record in by_day.values():
        for drug_class in record.acute_classes:
            by_class[drug_class] = by_class.get(drug_class, 0) + 1
    acute_days = sum(1 for r in by_day.values() if r.acute_classes)
    overuse_days = sum(1 for r in by_day.values() if r.acute_classes & set(OVERUSE_CLASSES))
    return Figures(
        start=start,
        end=end,
        recorded_days=len(by_day),
        headache_days=headache_days,
        migraine_days=migraine_days,
        acute_days=acute_days,
        acute_days_by_class=dict(sorted(by_class.items())),
        warnings=warnings_for(headache_days, migraine_days, by_class, overuse_days),
        self_labelled_migraine_days=self_labelled,
    )


def warnings_for(headache_days: int, migraine_days: int, by_class: dict[str, int], overuse_days: int):
    warnings = []
    if headache_days >= CHRONIC_HEADACHE_DAYS and migraine_days >= CHRONIC_MIGRAINE_DAYS:
        warnings.append(ThresholdReached(CHRONIC_PATTERN, headache_days, CHRONIC_HEADACHE_DAYS))
    single = False
    for drug_class in TEN_DAY_CLASSES:
        if by_class.get(drug_class, 0) >= TEN_DAY_THRESHOLD:
            warnings.append(ThresholdReached(OVERUSE_CLASS, by_class[drug_class], TEN_DAY_THRESHOLD, drug_class))
            single = True
    if by_class.get(SIMPLE, 0) >= SIMPLE_THRESHOLD:
        warnings.append(ThresholdReached(OVERUSE_CLASS, by_class[SIMPLE], SIMPLE_THRESHOLD, SIMPLE))
        single = True
    classes_used = sum(1 for c in OVERUSE_CLASSES if by_class.get(c))
    if not single and classes_used >= 2 and overuse_days >= COMBINED_THRESHOLD:
        warnings.append(ThresholdReached(OVERUSE_COMBINED, overuse_days, COMBINED_THRESHOLD))
    return tuple(warnings)


def with_duration(months: list[Figures]) -> list[Figures]:
    """Consecutive calendar months' figures, oldest first, with each warning's `months` set to
    how many months in a row (this one included) met the same threshold."""
    result: list[Figures] = []
    previous: dict[tuple[str, str | None], int] = {}
    for month in months:
        runs = {w.key: previous.get(w.key, 0) + 1 for w in month.warnings}
        warnings = tuple(replace(w, months=runs[w.key]) for w in month.warnings)
        result.append(replace(month, warnings=warnings))
        previous = runs
    return result


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


ROLLING_DAYS = 30


def rolling_start(today: date, days: int = ROLLING_DAYS) -> date:
    """The first of the `days` days that end with (and include) `today`."""
    return today - timedelta(days=days - 1)


def rolling_figures(records: Iterable[DayRecord], today: date, days: int = ROLLING_DAYS) -> Figures:
    """The `days` days up to and including `today`."""
    return figures(records, rolling_start(today, days), today)


def months_between(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) for every calendar month touched by start..end, in order."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_start_before(today: date, months: int) -> date:
    """The first day of the month `months` months before today's month."""
    index = today.year * 12 + (today.month - 1) - months
    return date(index // 12, index % 12 + 1, 1)


def pain_level(headache: str, pain: int) -> str:
    """A colour band for the calendar: none, mild (1–3), moderate (4–6), severe (7–10)."""
    if headache == NONE:
        return "none"
    if pain >= 7:
        return "severe"
    if pain >= 4:
        return "moderate"
    return "mild"


def month_cells(
    year: int,
    month: int,
    records: dict[date, DayRecord],
    *,
    linkable_until: date,
    first: date | None = None,
    last: date | None = None,
) -> list[list[dict | None]]:
    """A month as weeks (Monday first) of cells, None outside the month. Each cell has its day,
    its pain level (for the colour: "unrecorded" when nothing was recorded, or outside first..last),
    its record (or None) and whether it links to its day (not after linkable_until)."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells: list[dict | None] = []
        for day in week:
            if day.month != month:
                cells.append(None)
                continue
            shown = (first is None or first <= day) and (last is None or day <= last)
            record = records.get(day) if shown else None
            level = pain_level(record.headache, record.pain) if record else "unrecorded"
            cells.append({"day": day, "level": level, "record": record, "link": day <= linkable_until})
        weeks.append(cells)
    return weeks


def strip_rows(start: date, end: date, by_day: dict[date, DayRecord]) -> list[dict]:
    """The report's calendar strip: a row per month, a cell per day marked migraine (M), headache
    (H) or nothing, and whether an acute medicine was taken."""
    rows = []
    for year, month in months_between(start, end):
        month_start, month_end = month_bounds(year, month)
        cells = []
        for offset in range((month_end - month_start).days + 1):
            day = month_start + timedelta(days=offset)
            record = by_day.get(day)
            if not start <= day <= end:
                mark, kind = "", "outside"
            elif record is None:
                mark, kind = "", "unrecorded"
            elif is_migraine_day(record):
                mark, kind = "M", "migraine"
            elif record.headache != NONE:
                mark, kind = "H", "headache"
            else:
                mark, kind = "", "none"
            cells.append({"day": day.day, "mark": mark, "kind": kind, "acute": bool(record and record.acute_classes)})
        rows.append({"month": month_start, "cells": cells})
    return rows


def attack_hours_by_day(start: datetime, end: datetime) -> dict[date, int]:
    """The days an attack touched (start and end as local times, in the person's zone) and its
    whole hours on each, rounded up: an attack from 22:30 to 01:10 is 2 hours on the first day
    and 2 on the next. Every day it touches counts, with at least 1 hour and at most 24."""
    if end < start:
        raise ValueError("an attack ends after it starts")
    hours = {}
    day = start.date()
    while day <= end.date():
        day_start = datetime.combine(day, datetime.min.time(), tzinfo=start.tzinfo)
        overlap = min(end, day_start + timedelta(days=1)) - max(start, day_start)
        hours[day] = min(24, max(1, math.ceil(overlap.total_seconds() / 3600)))
        day += timedelta(days=1)
    return hours


# The relief question ("how much did it help, 2 hours later?") is asked from 2 to 24 hours
# after a dose; after a day the answer would be a guess.
RELIEF_ASKED_FROM = timedelta(hours=2)
RELIEF_ASKED_UNTIL = timedelta(hours=24)


def relief_question(taken: datetime, now: datetime) -> tuple[bool, datetime | None]:
    """Whether the relief question is due now for a dose taken at `taken` (aware times), and the
    next moment that changes (None when it never will again). Counted in UTC: the night the clocks
    change is an hour shorter or longer on the wall, not in the body."""
    taken, now = taken.astimezone(UTC), now.astimezone(UTC)
    if now < taken + RELIEF_ASKED_FROM:
        return False, taken + RELIEF_ASKED_FROM
    if now <= taken + RELIEF_ASKED_UNTIL:
        return True, taken + RELIEF_ASKED_UNTIL
    return False, None


# What the report says of the attacks in a period, besides the figures: the day fields it reads.
ATTACK_FEATURE_FIELDS = (
    "all_day", "headache_hours", "missed_work", "productivity_halved", "missed_household", "missed_social",
)  # fmt: skip


def attack_features(days: Iterable[tuple[DayRecord, dict]]) -> dict:
    """What the headache days of a period were like, for the doctor: how many, how long (the mean
    of the hours written on days not marked "all day"), the share with aura, with nausea or
    vomiting, with light and sound sensitivity together, the usual side, and the days each
    MIDAS-aligned flag was ticked (any day of the period, headache or not).

    `days` are (record, {field: value} for ATTACK_FEATURE_FIELDS), one per recorded day."""
    count = dict.fromkeys(("headache", "all_day", "aura", "nausea", "light_and_sound"), 0)
    sides = {LEFT: 0, RIGHT: 0, "both": 0}
    flags = dict.fromkeys(("missed_work", "productivity_halved", "missed_household", "missed_social"), 0)
    hours = []
    for record, extra in days:
        for flag in flags:
            flags[flag] += bool(extra[flag])
        if record.headache not in HEADACHE_KINDS:
            continue
        count["headache"] += 1
        count["all_day"] += bool(extra["all_day"])
        if not extra["all_day"] and extra["headache_hours"] is not None:
            hours.append(extra["headache_hours"])
        count["aura"] += record.aura
        count["nausea"] += record.nausea or record.vomiting
        count["light_and_sound"] += record.light_sensitive and record.sound_sensitive
        if record.side in ONE_SIDED:
            sides[record.side] += 1
        elif record.side in (BOTH, CHANGING):
            sides["both"] += 1
    days_with = count["headache"]
    return {
        "headache_days": days_with,
        "all_day": count["all_day"],
        "typical_hours": round(sum(hours) / len(hours), 1) if hours else None,
        "share": {
            key: round(100 * count[key] / days_with) if days_with else None
            for key in ("aura", "nausea", "light_and_sound")
        },
        "usual_side": max(sides, key=sides.get) if any(sides.values()) else None,
        **flags,
    }
