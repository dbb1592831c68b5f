"""Monthly figures from the diary, against the ICHD-3 thresholds. Pure Python: no Django.

The caller passes plain `DayRecord`s and the period; nothing here reads a clock. Figures:
headache days (any headache, migraine included), migraine days, and days with acute
medication by drug class, per calendar month and per rolling 30 days, counted on the days that
were recorded (a period with unrecorded days says "at least N").

**Migraine days** are counted two ways, and both are kept. The person's own label, and the
*derived* migraine day that clinicians and the Leiden headache e-diary use (ICHD-3 1.1 and 1.3
criterion C), which the figures and warnings use. A day with headache is a migraine day when:
- the person called it migraine; or
- they had aura; or
- they took a migraine-specific acute medicine (triptan, ergot, gepant or ditan); or
- it had the accompanying features of ICHD-3 1.1 D (nausea or vomiting, or both light and sound
  sensitivity) together with pain of at least moderate intensity (4 or more of 10, the app's
  "moderate" band) or on one side, or with both of the other two C features (throbbing pain,
  worse with routine activity), so that two of the four C features are met.

**Warnings** follow ICHD-3 exactly, including its duration, and the app only ever says "talk to
your doctor":
- chronic migraine (1.3): 15 or more headache days a month, 8 or more of them migraine days, for
  **more than three months**;
- medication overuse (8.2): 10 or more days a month of triptans, ergots, opioids, combination
  analgesics (8.2.5; two simple analgesics taken together are not a combination), ditans (taken
  like triptans; Rau 2020) or other acute medicines (8.2.8); 15 or more days of simple
  analgesics or NSAIDs; or 10 or more days of several of these classes together when no single
  class reaches its own threshold (8.2.6); each for **more than three months**.
Gepants are counted and shown but carry no threshold: ICHD-3 (2018) predates them.
A month that reaches a threshold says "this month reached …"; the *pattern* is named only when
the threshold was met in more than three consecutive complete calendar months (four or more).
Preventive medicines never count: the caller passes acute doses only.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

TRIPTAN, ERGOT, OPIOID, COMBINATION, SIMPLE = "triptan", "ergot", "opioid", "combination", "simple"
GEPANT, DITAN, OTHER = "gepant", "ditan", "other"
TEN_DAY_CLASSES = (TRIPTAN, ERGOT, OPIOID, COMBINATION, DITAN, OTHER)
COMBINED_CLASSES = (TRIPTAN, ERGOT, OPIOID, COMBINATION, DITAN, SIMPLE)
NO_THRESHOLD_CLASSES = (GEPANT,)
MIGRAINE_SPECIFIC = frozenset({TRIPTAN, ERGOT, GEPANT, DITAN})
TEN_DAY_THRESHOLD = 10
SIMPLE_THRESHOLD = 15
COMBINED_THRESHOLD = 10
CHRONIC_HEADACHE_DAYS = 15
CHRONIC_MIGRAINE_DAYS = 8
MODERATE_PAIN = 4  # of 10: the app's "moderate" band starts here
PATTERN_AFTER_MONTHS = 3  # ICHD-3: "for more than 3 months"

CHRONIC_MIGRAINE = "chronic_migraine"
OVERUSE_CLASS = "overuse_class"
OVERUSE_COMBINED = "overuse_combined"


@dataclass(frozen=True)
class DayRecord:
    day: date
    headache: str = "none"  # none | headache | migraine
    acute_classes: frozenset[str] = frozenset()
    pain: int = 0
    aura: bool = False
    nausea: bool = False
    vomiting: bool = False
    light_sensitive: bool = False
    sound_sensitive: bool = False
    one_sided: bool = False
    throbbing: bool = False
    worse_with_activity: bool = False

    @property
    def has_headache(self) -> bool:
        return self.headache in ("headache", "migraine")


def is_migraine_day(record: DayRecord) -> bool:
    """The derived migraine day (see the module docstring)."""
    if not record.has_headache:
        return False
    if record.headache == "migraine" or record.aura or record.acute_classes & MIGRAINE_SPECIFIC:
        return True
    accompanied = record.nausea or record.vomiting or (record.light_sensitive and record.sound_sensitive)
    c_features = sum([record.pain >= MODERATE_PAIN, record.one_sided, record.throbbing, record.worse_with_activity])
    return accompanied and (record.pain >= MODERATE_PAIN or record.one_sided or c_features >= 2)


@dataclass(frozen=True)
class Alert:
    """A threshold reached in a period. `months` is how many consecutive complete calendar months
    (this one included, when it is complete) met it; `pattern` is True only beyond three."""

    code: str
    days: int
    threshold: int
    drug_class: str | None = None
    months: int = 1
    pattern: bool = False


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    recorded_days: int
    headache_days: int
    migraine_days: int  # derived (see is_migraine_day)
    self_labelled_migraine_days: int
    acute_days: int
    acute_days_by_class: dict[str, int] = field(default_factory=dict)
    overuse_days: int = 0  # days with any class that counts toward 8.2.6
    alerts: tuple[Alert, ...] = ()

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def unrecorded_days(self) -> int:
        return self.length - self.recorded_days

    @property
    def has_gaps(self) -> bool:
        return self.recorded_days < self.length

    @property
    def gepant_days(self) -> int:
        return self.acute_days_by_class.get(GEPANT, 0)


def figures(records: Iterable[DayRecord], start: date, end: date, *, runs: dict | None = None) -> Figures:
    """Figures for the days from `start` to `end` inclusive (records outside are ignored).

    `runs` ({alert key: consecutive complete months}, from `consecutive_months`) lets the alerts
    say whether a threshold has held for more than three months."""
    by_day = {r.day: r for r in records if start <= r.day <= end}  # one a day; a later duplicate wins
    headache_days = sum(1 for r in by_day.values() if r.has_headache)
    migraine_days = sum(1 for r in by_day.values() if is_migraine_day(r))
    labelled = sum(1 for r in by_day.values() if r.headache == "migraine")
    by_class: dict[str, int] = {}
    for record in by_day.values():
        for drug_class in record.acute_classes:
            by_class[drug_class] = by_class.get(drug_class, 0) + 1
    acute_days = sum(1 for r in by_day.values() if r.acute_classes)
    overuse_days = sum(1 for r in by_day.values() if r.acute_classes & set(COMBINED_CLASSES))
    reached = thresholds_reached(headache_days, migraine_days, by_class, overuse_days)
    runs = runs or {}
    alerts = tuple(
        Alert(
            code,
            days,
            threshold,
            drug_class,
            months=max(runs.get(alert_key(code, drug_class), 0), 1),
            pattern=runs.get(alert_key(code, drug_class), 0) > PATTERN_AFTER_MONTHS,
        )
        for code, days, threshold, drug_class in reached
    )
    return Figures(
        start=start,
        end=end,
        recorded_days=len(by_day),
        headache_days=headache_days,
        migraine_days=migraine_days,
        self_labelled_migraine_days=labelled,
        acute_days=acute_days,
        acute_days_by_class=dict(sorted(by_class.items())),
        overuse_days=overuse_days,
        alerts=alerts,
    )


def thresholds_reached(
    headache_days: int, migraine_days: int, by_class: dict[str, int], overuse_days: int
) -> list[tuple[str, int, int, str | None]]:
    """(code, days, threshold, drug class) for every ICHD-3 threshold these counts reach."""
    reached = []
    if headache_days >= CHRONIC_HEADACHE_DAYS and migraine_days >= CHRONIC_MIGRAINE_DAYS:
        reached.append((CHRONIC_MIGRAINE, headache_days, CHRONIC_HEADACHE_DAYS, None))
    single = False
    for drug_class in TEN_DAY_CLASSES:
        if by_class.get(drug_class, 0) >= TEN_DAY_THRESHOLD:
            reached.append((OVERUSE_CLASS, by_class[drug_class], TEN_DAY_THRESHOLD, drug_class))
            single = True
    if by_class.get(SIMPLE, 0) >= SIMPLE_THRESHOLD:
        reached.append((OVERUSE_CLASS, by_class[SIMPLE], SIMPLE_THRESHOLD, SIMPLE))
        single = True
    classes_used = sum(1 for c in COMBINED_CLASSES if by_class.get(c))
    if not single and classes_used >= 2 and overuse_days >= COMBINED_THRESHOLD:
        reached.append((OVERUSE_COMBINED, overuse_days, COMBINED_THRESHOLD, None))
    return reached


def alert_key(code: str, drug_class: str | None) -> str:
    return f"{code}:{drug_class}" if drug_class else code


def consecutive_months(records: Iterable[DayRecord], last_month: tuple[int, int]) -> dict[str, int]:
    """For each threshold: how many consecutive calendar months, ending with `last_month`, met it.

    The caller passes the last *complete* month (or the month being shown, when it is complete)
    and records reaching back as far as it wants to look."""
    records = list(records)
    runs: dict[str, int] = {}
    still_running: set[str] | None = None
    year, month = last_month
    earliest = min((r.day for r in records), default=None)
    while earliest is not None and (year, month) >= (earliest.year, earliest.month):
        summary = figures(records, *month_bounds(year, month))
        met = {alert_key(code, drug_class) for code, _d, _t, drug_class in thresholds_of(summary)}
        still_running = met if still_running is None else still_running & met
        if not still_running:
            break
        for key in still_running:
            runs[key] = runs.get(key, 0) + 1
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return runs


def thresholds_of(summary: Figures) -> list[tuple[str, int, int, str | None]]:
    return thresholds_reached(
        summary.headache_days, summary.migraine_days, summary.acute_days_by_class, summary.overuse_days
    )


def last_complete_month(today: date) -> tuple[int, int]:
    first = today.replace(day=1) - timedelta(days=1)
    return first.year, first.month


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


ROLLING_DAYS = 30
PATTERN_LOOKBACK_MONTHS = 12  # records this far back decide whether a threshold has held


def rolling_start(today: date, days: int = ROLLING_DAYS) -> date:
    """The first of the `days` days that end with (and include) `today`."""
    return today - timedelta(days=days - 1)


def rolling_figures(records: Iterable[DayRecord], today: date, days: int = ROLLING_DAYS) -> Figures:
    """The `days` days up to and including `today`; a threshold reached there is a pattern only
    when it has also held in more than three complete calendar months up to last month."""
    records = list(records)
    return figures(
        records, rolling_start(today, days), today, runs=consecutive_months(records, last_complete_month(today))
    )


def month_figures(records: Iterable[DayRecord], year: int, month: int, today: date) -> Figures:
    """A calendar month; when it is complete, its run of months ends with it, else with the month
    before (the month in progress cannot yet count toward "more than three months")."""
    records = list(records)
    start, end = month_bounds(year, month)
    last = (year, month) if end < today else last_complete_month(start)
    return figures(records, start, min(end, today) if start <= today else end, runs=consecutive_months(records, last))


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
    if pain >= MODERATE_PAIN:
        return "moderate"
    return "mild"
