"""Personal insights from the diary. Pure Python (numpy, imported lazily): no Django, no clock.

The outcome is an attack **onset**: a headache day whose day before was recorded and
headache-free. Only such days are "at risk": a day inside an ongoing attack cannot start a new
one, and a day after an unrecorded day is left out (missing days break the chain). For each
factor and lag:

- lag 0: the factor on the at-risk day itself;
- lag 1: the factor on the (headache-free) day before it;

the share of at-risk days on which an attack began is compared between days with and without
the factor: Fisher's exact test (two-sided), a risk ratio with a 95% interval (Katz's log
method, a zero cell counting as 0.5), and Benjamini–Hochberg across everything
tested for the person at q = 0.10. A link passing it is "likely", in either direction ("more"
or "fewer" attacks). The three computations are the same as ``scipy.stats.fisher_exact``,
``statsmodels``' ``Table2x2(...).riskratio_confint()`` and ``multipletests(method="fdr_bh")``
(the tests check them against those on many tables), written with numpy alone. Measured in a
Django process (RSS added by the first insights page): numpy alone about 11 MB; numpy with
scipy.stats about 72 MB; with statsmodels' contingency tables and multitest as well about 102 MB,
which would take a worker (about 55 MB) over the benchmark's 150 MB limit. numpy is imported
inside the functions that compute, so a worker that never shows insights or charts never loads
it; and one vectorised pass per person (under a millisecond for a year) keeps the calibration
simulation to seconds.

Nothing is tested below MIN_RECORDED_DAYS recorded days, or for a factor with fewer than
MIN_EXPOSED_DAYS at-risk days with it (or without it), MIN_ONSETS onsets or MIN_EXPOSED_ONSETS
onsets with it: the verdict is then "not_enough_data", with about how many more days with the
factor would be needed.

Calibration (``tests/journal/test_insights_calibration.py``, fixed seeds; 365 days, onset
chance 9–20% a day varying by person, attacks of 1–3 days clustering in bad spells, about 9% of
days unrecorded in runs, factors at 2–35% of days, a third of them in runs of 2–6 days; a real
factor acts on the day it is present):

=============================================================  ======  =============  ======
Simulated people                                               people  headache days  result
=============================================================  ======  =============  ======
no effect, 15 factors: anyone with any "likely" link           600     22%            7.5%
no effect, 25 factors: anyone with any "likely" link           600     22%            6.0%
trigger at risk ratio 3 on 15% of days: "likely", "more"       400     27%            82.5%
protective at risk ratio 1/3 on 30% of days: "likely", "fewer" 400     18%            28.0%
=============================================================  ======  =============  ======

Three other seeds gave 5.8–8.3% (null, 15 factors), 5.2–6.5% (null, 25), 79–85% (trigger) and
27.5–32% (protective). The test prints its figures (``pytest -s``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean

WINDOW_DAYS = 365  # charts and insights: the last 365 days, today included
MIN_RECORDED_DAYS = 90
MIN_EXPOSED_DAYS = 10
MIN_ONSETS = 5
MIN_EXPOSED_ONSETS = 3
FDR_Q = 0.10
Z_95 = 1.959963984540054
FISHER_TOLERANCE = 1e-7  # pmf values within this relative distance of the observed one count as ties

LIKELY, NO_CLEAR_LINK, NOT_ENOUGH_DATA = "likely", "no_clear_link", "not_enough_data"
MORE, FEWER = "more", "fewer"

# facts_for_entry's thresholds
HIGH_STRESS = 7
SHORT_SLEEP_HOURS = 6
POOR_SLEEP_QUALITY = 2
HEAVY_CAFFEINE = 3
LETDOWN_DROP = 3  # a fall in stress of 3 points or more (0–10) from one day to the next
MENSTRUAL_WINDOW = (-2, 2)  # ICHD-3 A1.1: day −2 to day +3, day 1 = first day of bleeding (no day 0)

# One vocabulary: a default trigger that means the same as a built-in field is that factor.
STRESS, SHORT_SLEEP, ALCOHOL, SKIPPED_MEAL = "stress", "short_sleep", "alcohol", "skipped_meal"
CAFFEINE, EXERCISE, LETDOWN, MENSTRUAL = "caffeine", "exercise", "letdown", "menstrual"
TRIGGER_FACTORS = {
    "stress": STRESS,
    "not enough sleep": SHORT_SLEEP,
    "alcohol": ALCOHOL,
    "hunger or a missed meal": SKIPPED_MEAL,
    "let-down after stress": LETDOWN,
}
# Often part of an attack's early (premonitory) phase rather than its cause (Giffin 2003;
# Pavlovic 2014): built-in factors, and words in a trigger's name.
EARLY_SIGN_FACTORS = frozenset({SHORT_SLEEP})
EARLY_SIGN_WORDS = ("craving", "chocolate", "food", "light", "noise", "smell", "neck", "shoulder", "low mood",
                    "tired", "yawn", "sleep")  # fmt: skip

PATHWAY_STRESS, INFLAMMATION, SEROTONIN = "stress", "inflammation", "serotonin"
ONE_DAY = timedelta(days=1)


# Not frozen, as stats.DayRecord: charts and insights build a year of these a page, and a frozen
# dataclass's __init__ costs about three times as much. Nothing changes one after it is made.
@dataclass(slots=True)
class DayFacts:
    day: date
    attack: bool
    factors: frozenset[str] = frozenset()
    stress: int | None = None
    mood: int | None = None
    sleep_hours: float | None = None
    menstruation: bool = False
    unknown: frozenset[str] = frozenset()  # factors that could not be judged this day (not recorded)


@dataclass(frozen=True)
class Link:
    """One factor at one lag: at-risk days with and without it, and onsets among them."""

    factor: str
    lag: int  # 0: the factor on the day; 1: on the headache-free day before
    verdict: str  # LIKELY, NO_CLEAR_LINK or NOT_ENOUGH_DATA
    direction: str | None  # MORE or FEWER when likely
    risk_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    exposed_days: int
    exposed_onsets: int
    unexposed_days: int
    unexposed_onsets: int
    p_value: float | None = None
    more_days_needed: int | None = None  # about how many more days with (or without) the factor
    more_days_without: bool = False  # True when what is missing is days *without* the factor
    early_sign: bool = False


@dataclass(frozen=True)
class Cycles:
    """ICHD-3 A1.1: attacks beginning from day −2 to +3 of the period in at least 2 of 3 cycles."""

    with_onset: int
    counted: int

    @property
    def meets_pattern(self) -> bool:
        return self.counted >= 3 and 3 * self.with_onset >= 2 * self.counted


@dataclass(frozen=True)
class MoodAroundAttacks:
    attacks: int
    before: float | None
    during: float | None
    after: float | None
    calm_days: float | None

    @property
    def enough(self) -> bool:
        return self.attacks >= MIN_EXPOSED_ONSETS and self.calm_days is not None and self.during is not None


@dataclass(frozen=True)
class Insights:
    recorded_days: int
    attacks: int  # onsets seen (a headache day after a recorded headache-free day)
    at_risk_days: int
    more_days_needed: int  # recorded days still missing before anything is tested
    links: tuple[Link, ...]
    cycles: Cycles | None
    mood: MoodAroundAttacks
    sleep_on_attack_days: float | None
    sleep_on_other_days: float | None
    pathways: dict[str, tuple[Link, ...]]

    @property
    def enough_days(self) -> bool:
        return self.more_days_needed == 0


# --- From diary rows to facts -------------------------------------------------------------------


def facts_for_entry(row: Mapping, trigger_names: Iterable[str]) -> DayFacts:
    """One diary row (the Entry fields by name) and its ticked trigger names, as facts.
    A default trigger meaning the same as a built-in field is that one factor; a field left
    empty makes its factor unknown that day rather than absent."""
    factors, unknown = set(), set()
    for name in trigger_names:
        factors.add(TRIGGER_FACTORS.get(name.strip().lower(), f"trigger:{name}"))
    stress, sleep_hours, quality = row.get("stress"), row.get("sleep_hours"), row.get("sleep_quality")
    sleep_hours = float(sleep_hours) if sleep_hours is not None else None
    if stress is not None and stress >= HIGH_STRESS:
        factors.add(STRESS)
    elif stress is None and STRESS not in factors:
        unknown.add(STRESS)
    short = (sleep_hours is not None and sleep_hours < SHORT_SLEEP_HOURS) or (
        quality is not None and quality <= POOR_SLEEP_QUALITY
    )
    if short:
        factors.add(SHORT_SLEEP)
    elif sleep_hours is None and quality is None and SHORT_SLEEP not in factors:
        unknown.add(SHORT_SLEEP)
    if row.get("alcohol_drinks"):
        factors.add(ALCOHOL)
    caffeine = row.get("caffeine_drinks")
    if caffeine is not None and caffeine >= HEAVY_CAFFEINE:
        factors.add(CAFFEINE)
    elif caffeine is None:
        unknown.add(CAFFEINE)
    if row.get("skipped_meal"):
        factors.add(SKIPPED_MEAL)
    if row.get("exercise"):
        factors.add(EXERCISE)
    return DayFacts(
        day=row["day"],
        attack=row["headache"] != "none",
        factors=frozenset(factors),
        stress=stress,
        mood=row.get("mood"),
        sleep_hours=sleep_hours,
        menstruation=bool(row.get("menstruation")),
        unknown=frozenset(unknown),
    )


def is_early_sign(factor: str) -> bool:
    if factor in EARLY_SIGN_FACTORS:
        return True
    if factor.startswith("trigger:"):
        name = factor.removeprefix("trigger:").lower()
        return any(word in name for word in EARLY_SIGN_WORDS)
    return False


# --- Factors that need the days around -----------------------------------------------------------


def period_starts(days: Sequence[DayFacts]) -> list[date]:
    """Days 1 of a period: a period day whose day before was recorded without one."""
    by_day = {d.day: d for d in days}
    starts = []
    for d in days:
        before = by_day.get(d.day - ONE_DAY)
        if d.menstruation and before is not None and not before.menstruation:
            starts.append(d.day)
    return starts


def menstrual_window_days(starts: Iterable[date]) -> set[date]:
    low, high = MENSTRUAL_WINDOW
    return {start + ONE_DAY * offset for start in starts for offset in range(low, high + 1)}


def with_derived_factors(days: Sequence[DayFacts]) -> list[DayFacts]:
    """Let-down (stress fell by LETDOWN_DROP or more since the recorded day before) and the
    menstrual window (day −2 to +3 of a period, when any period is recorded) added as factors."""
    by_day = {d.day: d for d in days}
    any_period = any(d.menstruation for d in days)
    window = menstrual_window_days(period_starts(days)) if any_period else set()
    out = []
    for d in days:
        factors, unknown = set(d.factors), set(d.unknown)
        before = by_day.get(d.day - ONE_DAY)
        if LETDOWN not in factors:
            if d.stress is not None and before is not None and before.stress is not None:
                if before.stress - d.stress >= LETDOWN_DROP:
                    factors.add(LETDOWN)
            else:
                unknown.add(LETDOWN)
        if any_period and d.day in window:
            factors.add(MENSTRUAL)
        if factors != d.factors or unknown != d.unknown:
            d = DayFacts(d.day, d.attack, frozenset(factors), d.stress, d.mood, d.sleep_hours, d.menstruation,
                         frozenset(unknown - factors))  # fmt: skip
        out.append(d)
    return out


# --- The statistics (numpy, vectorised over a person's tables) ------------------------------------

_LOG_FACTORIAL = None


def _log_factorials(n: int):
    import numpy as np

    global _LOG_FACTORIAL
    if _LOG_FACTORIAL is None or len(_LOG_FACTORIAL) <= n:
        size = max(n + 1, 2048)
        _LOG_FACTORIAL = np.array([math.lgamma(i + 1) for i in range(size)])
    return _LOG_FACTORIAL


def fisher_two_sided(a, n1, c, n0):
    """Two-sided Fisher exact p-values for tables [[a, n1 - a], [c, n0 - c]] (arrays), as
    scipy.stats.fisher_exact: the total probability of the tables with the same margins that are
    no more likely than the one observed."""
    import numpy as np

    a, n1, c, n0 = (np.asarray(x, dtype=np.int64) for x in (a, n1, c, n0))
    if a.size == 0:
        return np.zeros(0)
    total, onsets = n1 + n0, a + c
    lf = _log_factorials(int(total.max()))
    low = np.maximum(0, n1 + onsets - total)
    high = np.minimum(n1, onsets)
    width = int((high - low).max()) + 1
    x = low[:, None] + np.arange(width)[None, :]
    valid = x <= high[:, None]
    xs = np.where(valid, x, low[:, None])

    def log_pmf(k):
        return (lf[onsets[:, None]] - lf[k] - lf[onsets[:, None] - k] + lf[(total - onsets)[:, None]]
                - lf[n1[:, None] - k] - lf[(total - onsets - n1)[:, None] + k]
                - lf[total[:, None]] + lf[n1[:, None]] + lf[n0[:, None]])  # fmt: skip

    observed = log_pmf(a[:, None])
    grid = log_pmf(xs)
    keep = valid & (grid <= observed + math.log1p(FISHER_TOLERANCE))
    p = np.where(keep, np.exp(grid), 0.0).sum(axis=1)
    degenerate = (n1 == 0) | (n0 == 0) | (onsets == 0) | (onsets == total)
    return np.where(degenerate, 1.0, np.minimum(p, 1.0))


def risk_ratio_interval(a, n1, c, n0):
    """Risk ratio of onsets with the factor against without, and its 95% interval (Katz's log
    method; a zero cell counts as 0.5), as statsmodels'
    Table2x2(shift_zeros=True).riskratio and .riskratio_confint()."""
    import numpy as np

    t = np.stack([a, np.asarray(n1) - a, c, np.asarray(n0) - c], axis=1).astype(float)
    t = np.where(t == 0, 0.5, t)
    e, en, u, un = t[:, 0], t[:, 0] + t[:, 1], t[:, 2], t[:, 2] + t[:, 3]
    log_rr = np.log(e / en) - np.log(u / un)
    se = np.sqrt(1 / e - 1 / en + 1 / u - 1 / un)
    return np.exp(log_rr), np.exp(log_rr - Z_95 * se), np.exp(log_rr + Z_95 * se)


def benjamini_hochberg(p_values, q: float = FDR_Q):
    """Which hypotheses Benjamini–Hochberg rejects at false-discovery rate q (as
    statsmodels.stats.multitest.multipletests(method="fdr_bh"))."""
    import numpy as np

    p = np.asarray(p_values, dtype=float)
    m = p.size
    if m == 0:
        return np.zeros(0, dtype=bool)
    order = np.argsort(p, kind="mergesort")
    below = p[order] <= q * np.arange(1, m + 1) / m
    reject = np.zeros(m, dtype=bool)
    if below.any():
        reject[order[: np.flatnonzero(below).max() + 1]] = True
    return reject


# --- Links ---------------------------------------------------------------------------------------


def _tables(days: Sequence[DayFacts]):
    """Per factor and lag: at-risk days with it, onsets among them, and the same without it."""
    import numpy as np

    factors = sorted({f for d in days for f in d.factors})
    index = {f: i for i, f in enumerate(factors)}
    n = len(days)
    present = np.zeros((n, len(factors)), dtype=bool)
    known = np.ones((n, len(factors)), dtype=bool)
    for row, d in enumerate(days):
        for f in d.factors:
            present[row, index[f]] = True
        for f in d.unknown:
            if f in index:
                known[row, index[f]] = False
    ordinal = np.array([d.day.toordinal() for d in days], dtype=np.int64)
    attack = np.array([d.attack for d in days], dtype=bool)
    at_risk = np.zeros(n, dtype=bool)
    if n > 1:
        at_risk[1:] = (ordinal[1:] - ordinal[:-1] == 1) & ~attack[:-1]
    onset = at_risk & attack
    rows = np.flatnonzero(at_risk)
    results = []
    for lag in (0, 1):
        source = rows - lag
        exposed = present[source] & known[source]
        unexposed = ~present[source] & known[source]
        on = onset[rows][:, None]
        results.append((exposed.sum(0), (exposed & on).sum(0), unexposed.sum(0), (unexposed & on).sum(0)))
    return factors, results, int(at_risk.sum()), int(onset.sum())


def _more_days(exposed, exposed_onsets, rate) -> int:
    need = max(0, MIN_EXPOSED_DAYS - exposed)
    if exposed_onsets < MIN_EXPOSED_ONSETS and rate > 0:
        need = max(need, math.ceil((MIN_EXPOSED_ONSETS - exposed_onsets) / rate))
    return need


def _analyse(days: Iterable[DayFacts]):
    unique = {d.day: d for d in days}
    ordered = with_derived_factors([unique[k] for k in sorted(unique)])
    factors, tables, at_risk, onsets = _tables(ordered)
    more_recorded = max(0, MIN_RECORDED_DAYS - len(ordered))
    rate = onsets / at_risk if at_risk else 0.0
    pending = []
    for lag, (e_days, e_on, u_days, u_on) in enumerate(tables):
        for i, factor in enumerate(factors):
            counts = (int(e_days[i]), int(e_on[i]), int(u_days[i]), int(u_on[i]))
            enough = (
                not more_recorded
                and counts[0] >= MIN_EXPOSED_DAYS
                and counts[2] >= MIN_EXPOSED_DAYS
                and counts[1] + counts[3] >= MIN_ONSETS
                and counts[1] >= MIN_EXPOSED_ONSETS
            )
            pending.append((factor, lag, counts, enough))
    tested = [item for item in pending if item[3]]
    links = []
    if tested:
        import numpy as np

        n1, a, n0, c = (np.array([item[2][k] for item in tested]) for k in range(4))
        p = fisher_two_sided(a, n1, c, n0)
        rr, low, high = risk_ratio_interval(a, n1, c, n0)
        reject = benjamini_hochberg(p)
        results = {
            (item[0], item[1]): (float(p[k]), float(rr[k]), float(low[k]), float(high[k]), bool(reject[k]))
            for k, item in enumerate(tested)
        }
    for factor, lag, counts, enough in pending:
        early = is_early_sign(factor)
        if not enough:
            without_short = counts[2] < MIN_EXPOSED_DAYS and counts[0] >= MIN_EXPOSED_DAYS
            need = (MIN_EXPOSED_DAYS - counts[2]) if without_short else _more_days(counts[0], counts[1], rate)
            links.append(Link(factor, lag, NOT_ENOUGH_DATA, None, None, None, None, *counts,
                              more_days_needed=need or None, more_days_without=without_short,
                              early_sign=early))  # fmt: skip
            continue
        p_value, ratio, low_, high_, likely = results[(factor, lag)]
        direction = (MORE if ratio > 1 else FEWER) if likely else None
        links.append(Link(factor, lag, LIKELY if likely else NO_CLEAR_LINK, direction, ratio, low_, high_,
                          *counts, p_value=p_value, early_sign=early))  # fmt: skip
    return ordered, links, at_risk, onsets, more_recorded


def trigger_links(days: Iterable[DayFacts]) -> list[Link]:
    """One Link per factor and lag (0 and 1), factors in name order."""
    return sorted(_analyse(days)[1], key=lambda link: (link.factor, link.lag))


# --- The rest of the page ------------------------------------------------------------------------


def menstrual_cycles(days: Sequence[DayFacts]) -> Cycles | None:
    """For each period start: did an attack begin from day −2 to +3? A cycle counts when an
    onset is seen in its window, or when the window and the day before it are all recorded.
    None when no period start is recorded."""
    by_day = {d.day: d for d in days}
    starts = period_starts(days)
    if not starts:
        return None
    low, high = MENSTRUAL_WINDOW
    with_onset = counted = 0
    for start in starts:
        window = [start + ONE_DAY * k for k in range(low - 1, high + 1)]  # the day before the window first
        onset = any(
            by_day.get(day) is not None and by_day[day].attack and by_day.get(day - ONE_DAY) is not None
            and not by_day[day - ONE_DAY].attack
            for day in window[1:]
        )  # fmt: skip
        if onset:
            with_onset += 1
            counted += 1
        elif all(day in by_day for day in window):
            counted += 1
    return Cycles(with_onset=with_onset, counted=counted)


def mood_around_attacks(days: Sequence[DayFacts]) -> MoodAroundAttacks:
    by_day = {d.day: d for d in days}
    attack_days = [d for d in days if d.attack]

    def average_mood(selected):
        moods = [d.mood for d in selected if d is not None and d.mood is not None]
        return round(mean(moods), 1) if moods else None

    near_attack = {d.day + ONE_DAY * offset for d in attack_days for offset in (-1, 0, 1)}
    return MoodAroundAttacks(
        attacks=len(attack_days),
        before=average_mood(by_day.get(d.day - ONE_DAY) for d in attack_days),
        during=average_mood(attack_days),
        after=average_mood(by_day.get(d.day + ONE_DAY) for d in attack_days),
        calm_days=average_mood(d for d in days if d.day not in near_attack),
    )


def analyse(days: Iterable[DayFacts], pathway_of_factor: Mapping[str, str]) -> Insights:
    """Everything the insights page shows. Pathway signals come only from likely links."""
    ordered, links, at_risk, onsets, more_recorded = _analyse(days)
    links = sorted(links, key=lambda link: (link.factor, link.lag))
    signals: dict[str, list[Link]] = {PATHWAY_STRESS: [], INFLAMMATION: [], SEROTONIN: []}
    for link in links:
        pathway = pathway_of_factor.get(link.factor)
        if pathway in signals and link.verdict == LIKELY:
            signals[pathway].append(link)
    slept_attack = [d.sleep_hours for d in ordered if d.attack and d.sleep_hours is not None]
    slept_other = [d.sleep_hours for d in ordered if not d.attack and d.sleep_hours is not None]
    return Insights(
        recorded_days=len(ordered),
        attacks=onsets,
        at_risk_days=at_risk,
        more_days_needed=more_recorded,
        links=tuple(links),
        cycles=menstrual_cycles(ordered),
        mood=mood_around_attacks(ordered),
        sleep_on_attack_days=round(mean(slept_attack), 1) if slept_attack else None,
        sleep_on_other_days=round(mean(slept_other), 1) if slept_other else None,
        pathways={pathway: tuple(found) for pathway, found in signals.items()},
    )
