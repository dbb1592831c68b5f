"""Monthly figures from the diary, against the ICHD-3 thresholds. Pure Python: no Django.

The caller passes plain `DayRecord`s and the period; nothing here reads a clock. Figures:
headache days (any headache, migraine included), migraine days, and days with acute
medication by drug class, per calendar month and per rolling 30 days.

Warnings follow the ICHD-3 criteria, which a doctor applies over three months or more; the
app only ever says "talk to your doctor":
- chronic migraine pattern: 15 or more headache days, of which 8 or more migraine days;
- medication overuse risk: 10 or more days of triptans, ergots, opioids or combination
  analgesics (each class on its own), 15 or more days of simple analgesics, or 10 or more
  days of these classes together when no single class reaches its own threshold.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

TRIPTAN, ERGOT, OPIOID, COMBINATION, SIMPLE = "triptan", "ergot", "opioid", "combination", "simple"
TEN_DAY_CLASSES = (TRIPTAN, ERGOT, OPIOID, COMBINATION)
OVERUSE_CLASSES = (*TEN_DAY_CLASSES, SIMPLE)
TEN_DAY_THRESHOLD = 10
SIMPLE_THRESHOLD = 15
COMBINED_THRESHOLD = 10
CHRONIC_HEADACHE_DAYS = 15
CHRONIC_MIGRAINE_DAYS = 8

CHRONIC_PATTERN = "chronic_pattern"
OVERUSE_CLASS = "overuse_class"
OVERUSE_COMBINED = "overuse_combined"


@dataclass(frozen=True)
class DayRecord:
    day: date
    headache: str = "none"  # none | headache | migraine
    acute_classes: frozenset[str] = frozenset()
    pain: int = 0


@dataclass(frozen=True)
class Warning:
    code: str
    days: int
    threshold: int
    drug_class: str | None = None


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    recorded_days: int
    headache_days: int
    migraine_days: int
    acute_days: int
    acute_days_by_class: dict[str, int] = field(default_factory=dict)
    warnings: tuple[Warning, ...] = ()

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1


def figures(records: Iterable[DayRecord], start: date, end: date) -> Figures:
    """Figures for the days from `start` to `end` inclusive (records outside are ignored)."""
    in_period = [r for r in records if start <= r.day <= end]
    by_day = {r.day: r for r in in_period}  # one record a day; a later duplicate wins
    headache_days = sum(1 for r in by_day.values() if r.headache in ("headache", "migraine"))
    migraine_days = sum(1 for r in by_day.values() if r.headache == "migraine")
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
    )


def warnings_for(headache_days: int, migraine_days: int, by_class: dict[str, int], overuse_days: int):
    warnings = []
    if headache_days >= CHRONIC_HEADACHE_DAYS and migraine_days >= CHRONIC_MIGRAINE_DAYS:
        warnings.append(Warning(CHRONIC_PATTERN, headache_days, CHRONIC_HEADACHE_DAYS))
    single = False
    for drug_class in TEN_DAY_CLASSES:
        if by_class.get(drug_class, 0) >= TEN_DAY_THRESHOLD:
            warnings.append(Warning(OVERUSE_CLASS, by_class[drug_class], TEN_DAY_THRESHOLD, drug_class))
            single = True
    if by_class.get(SIMPLE, 0) >= SIMPLE_THRESHOLD:
        warnings.append(Warning(OVERUSE_CLASS, by_class[SIMPLE], SIMPLE_THRESHOLD, SIMPLE))
        single = True
    classes_used = sum(1 for c in OVERUSE_CLASSES if by_class.get(c))
    if not single and classes_used >= 2 and overuse_days >= COMBINED_THRESHOLD:
        warnings.append(Warning(OVERUSE_COMBINED, overuse_days, COMBINED_THRESHOLD))
    return tuple(warnings)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_figures(records: Iterable[DayRecord], year: int, month: int) -> Figures:
    return figures(records, *month_bounds(year, month))


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
    if headache == "none":
        return "none"
    if pain >= 7:
        return "severe"
    if pain >= 4:
        return "moderate"
    return "mild"
