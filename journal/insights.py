"""Personal insights from the diary. Pure Python: no Django, no clock.

Every comparison is of attack rates: the share of days with an attack (any headache) among
days with a factor, against days without it; and the same for the day after the factor. A
comparison is only shown with enough evidence: at least 3 days with the factor, 3 without,
and 3 attacks among them. Otherwise the answer is "not enough data yet".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean

MIN_WITH = 3
MIN_WITHOUT = 3
MIN_ATTACKS = 3
LETDOWN_DROP = 3  # a fall in stress of 3 points or more (0–10) from one day to the next
SHORT_SLEEP_HOURS = 6
STANDS_OUT_RATIO = 1.5
STANDS_OUT_DIFFERENCE = 0.10
ONE_DAY = timedelta(days=1)

STRESS, INFLAMMATION, SEROTONIN = "stress", "inflammation", "serotonin"


@dataclass(frozen=True)
class DayFacts:
    day: date
    attack: bool
    factors: frozenset[str] = frozenset()
    stress: int | None = None
    mood: int | None = None
    sleep_hours: float | None = None
    menstruation: bool = False


@dataclass(frozen=True)
class Comparison:
    with_days: int
    with_attacks: int
    without_days: int
    without_attacks: int

    @property
    def enough(self) -> bool:
        return (
            self.with_days >= MIN_WITH
            and self.without_days >= MIN_WITHOUT
            and self.with_attacks + self.without_attacks >= MIN_ATTACKS
        )

    @property
    def rate_with(self) -> float:
        return self.with_attacks / self.with_days if self.with_days else 0.0

    @property
    def rate_without(self) -> float:
        return self.without_attacks / self.without_days if self.without_days else 0.0

    @property
    def stands_out(self) -> bool:
        """Enough evidence, and attacks clearly more common with the factor than without."""
        if not self.enough:
            return False
        higher = self.rate_with - self.rate_without >= STANDS_OUT_DIFFERENCE
        return higher and (self.rate_without == 0 or self.rate_with / self.rate_without >= STANDS_OUT_RATIO)


@dataclass(frozen=True)
class FactorInsight:
    factor: str
    same_day: Comparison
    next_day: Comparison


@dataclass(frozen=True)
class MoodAroundAttacks:
    attacks: int
    before: float | None
    during: float | None
    after: float | None
    calm_days: float | None

    @property
    def enough(self) -> bool:
        return self.attacks >= MIN_ATTACKS and self.calm_days is not None and self.during is not None


@dataclass(frozen=True)
class Insights:
    recorded_days: int
    attacks: int
    factors: tuple[FactorInsight, ...]
    letdown: Comparison
    short_sleep: Comparison
    sleep_on_attack_days: float | None
    sleep_on_other_days: float | None
    menstrual: Comparison | None
    mood: MoodAroundAttacks
    pathways: dict[str, tuple[str, ...]]


def compare(days: Iterable[DayFacts], has_factor, attack_of=lambda d: d.attack) -> Comparison:
    with_days = with_attacks = without_days = without_attacks = 0
    for facts in days:
        flag = has_factor(facts)
        if flag is None:
            continue
        attack = attack_of(facts)
        if attack is None:
            continue
        if flag:
            with_days += 1
            with_attacks += attack
        else:
            without_days += 1
            without_attacks += attack
    return Comparison(with_days, with_attacks, without_days, without_attacks)


def factor_insights(days: list[DayFacts]) -> tuple[FactorInsight, ...]:
    by_day = {d.day: d for d in days}
    factors = sorted({factor for d in days for factor in d.factors})

    def next_attack(facts):
        following = by_day.get(facts.day + ONE_DAY)
        return None if following is None else following.attack

    return tuple(
        FactorInsight(
            factor=factor,
            same_day=compare(days, lambda d, f=factor: f in d.factors),
            next_day=compare(days, lambda d, f=factor: f in d.factors, next_attack),
        )
        for factor in factors
    )


def letdown(days: list[DayFacts]) -> Comparison:
    """Attacks on the day stress fell by 3 or more points, or the day after, against other days
    with stress recorded (the "let-down": attacks often follow a drop in stress)."""
    by_day = {d.day: d for d in days}

    def dropped(facts):
        before = by_day.get(facts.day - ONE_DAY)
        if facts.stress is None or before is None or before.stress is None:
            return None
        return before.stress - facts.stress >= LETDOWN_DROP

    def attack_then_or_next(facts):
        following = by_day.get(facts.day + ONE_DAY)
        return facts.attack or (following is not None and following.attack)

    return compare(days, dropped, attack_then_or_next)


def short_sleep(days: list[DayFacts]) -> Comparison:
    return compare(days, lambda d: None if d.sleep_hours is None else d.sleep_hours < SHORT_SLEEP_HOURS)


def menstrual_window(days: list[DayFacts]) -> Comparison | None:
    """Attacks from 2 days before to 3 days after a period starts, against the other days.
    None when no period is recorded at all."""
    by_day = {d.day: d for d in days}
    starts = [d.day for d in days if d.menstruation and not getattr(by_day.get(d.day - ONE_DAY), "menstruation", False)]
    if not starts:
        return None
    window = {start + timedelta(days=offset) for start in starts for offset in range(-2, 4)}
    return compare(days, lambda d: d.day in window)


def mood_around_attacks(days: list[DayFacts]) -> MoodAroundAttacks:
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


def pathway_signals(
    factors: tuple[FactorInsight, ...],
    pathway_of_factor: Mapping[str, str],
    *,
    letdown_comparison: Comparison,
    short_sleep_comparison: Comparison,
    menstrual: Comparison | None,
    mood: MoodAroundAttacks,
) -> dict[str, tuple[str, ...]]:
    """Which of the diary's findings speak to each pathway: the factors that stand out (same day
    or the day before an attack), grouped by the pathway `pathway_of_factor` assigns them."""
    signals: dict[str, list[str]] = {STRESS: [], INFLAMMATION: [], SEROTONIN: []}
    for insight in factors:
        pathway = pathway_of_factor.get(insight.factor)
        if pathway and (insight.same_day.stands_out or insight.next_day.stands_out):
            signals[pathway].append(insight.factor)
    if letdown_comparison.stands_out:
        signals[STRESS].append("letdown")
    if short_sleep_comparison.stands_out:
        signals[STRESS].append("short_sleep")
    if menstrual is not None and menstrual.stands_out:
        signals[SEROTONIN].append("menstrual")
    if mood.enough and mood.before is not None and mood.calm_days is not None and mood.before <= mood.calm_days - 0.5:
        signals[SEROTONIN].append("low_mood_before")
    return {pathway: tuple(found) for pathway, found in signals.items()}


def insights(days: Iterable[DayFacts], pathway_of_factor: Mapping[str, str]) -> Insights:
    days = sorted(days, key=lambda d: d.day)
    factors = factor_insights(days)
    letdown_comparison = letdown(days)
    sleep_comparison = short_sleep(days)
    menstrual = menstrual_window(days)
    mood = mood_around_attacks(days)
    slept_attack = [d.sleep_hours for d in days if d.attack and d.sleep_hours is not None]
    slept_other = [d.sleep_hours for d in days if not d.attack and d.sleep_hours is not None]
    return Insights(
        recorded_days=len(days),
        attacks=sum(d.attack for d in days),
        factors=factors,
        letdown=letdown_comparison,
        short_sleep=sleep_comparison,
        sleep_on_attack_days=round(mean(slept_attack), 1) if slept_attack else None,
        sleep_on_other_days=round(mean(slept_other), 1) if slept_other else None,
        menstrual=menstrual,
        mood=mood,
        pathways=pathway_signals(
            factors,
            pathway_of_factor,
            letdown_comparison=letdown_comparison,
            short_sleep_comparison=sleep_comparison,
            menstrual=menstrual,
            mood=mood,
        ),
    )
