"""Insights without a database: attack rates, the evidence minimums, let-down, sleep, cycle, mood."""

from datetime import date, timedelta

import pytest

from journal.insights import (
    Comparison,
    DayFacts,
    factor_insights,
    insights,
    letdown,
    menstrual_window,
    mood_around_attacks,
    short_sleep,
)

START = date(2026, 1, 1)


def diary(rows):
    """rows: (attack, factors, extra) per consecutive day from START."""
    return [
        DayFacts(day=START + timedelta(days=i), attack=attack, factors=frozenset(factors), **extra)
        for i, (attack, factors, extra) in enumerate(rows)
    ]


def test_attack_rates_with_and_without_a_factor():
    days = diary([(True, {"alcohol"}, {})] * 3 + [(False, {"alcohol"}, {})] + [(False, set(), {})] * 5
                 + [(True, set(), {})])  # fmt: skip
    alcohol = factor_insights(days)[0]
    assert alcohol.factor == "alcohol"
    same = alcohol.same_day
    assert (same.with_days, same.with_attacks, same.without_days, same.without_attacks) == (4, 3, 6, 1)
    assert same.enough
    assert same.rate_with == 0.75
    assert same.stands_out


def test_the_day_after_compares_the_factor_with_the_next_days_attack():
    # alcohol on even days, an attack on the day after each of them
    days = diary([(i % 2 == 1, {"alcohol"} if i % 2 == 0 else set(), {}) for i in range(10)])
    next_day = factor_insights(days)[0].next_day
    assert (next_day.with_days, next_day.with_attacks) == (5, 5)
    assert (next_day.without_days, next_day.without_attacks) == (4, 0)  # the last day has no next day
    assert next_day.stands_out


@pytest.mark.parametrize(
    ("comparison", "enough"),
    [
        (Comparison(with_days=3, with_attacks=2, without_days=3, without_attacks=1), True),
        (Comparison(with_days=2, with_attacks=2, without_days=10, without_attacks=5), False),  # 2 days with
        (Comparison(with_days=10, with_attacks=5, without_days=2, without_attacks=2), False),  # 2 days without
        (Comparison(with_days=10, with_attacks=1, without_days=10, without_attacks=1), False),  # 2 attacks
        (Comparison(with_days=10, with_attacks=2, without_days=10, without_attacks=1), True),  # 3 attacks
    ],
)
def test_the_evidence_minimums(comparison, enough):
    assert comparison.enough is enough
    if not enough:
        assert not comparison.stands_out


def test_similar_rates_do_not_stand_out():
    assert not Comparison(10, 3, 10, 3).stands_out
    assert Comparison(10, 3, 10, 0).stands_out


def test_letdown_counts_an_attack_on_the_day_stress_fell_or_the_next():
    stresses = [8, 8, 4, 4, 8, 3, 3, 3, 3, 3]  # falls on days 2 and 5
    attacks = [False, False, False, True, False, True, False, False, False, True]
    days = [
        DayFacts(day=START + timedelta(days=i), attack=a, stress=s)
        for i, (s, a) in enumerate(zip(stresses, attacks, strict=True))
    ]
    result = letdown(days)
    assert (result.with_days, result.with_attacks) == (2, 2)
    assert result.without_days == 7  # the first day has no day before
    assert not result.enough  # only 2 let-down days


def test_short_sleep_leaves_out_days_without_sleep_recorded():
    days = diary([(True, set(), {"sleep_hours": 5.0})] * 3 + [(False, set(), {"sleep_hours": 8.0})] * 3
                 + [(True, set(), {})])  # fmt: skip
    result = short_sleep(days)
    assert (result.with_days, result.with_attacks, result.without_days, result.without_attacks) == (3, 3, 3, 0)


def test_the_menstrual_window_runs_from_2_days_before_to_3_after_a_period_starts():
    days = diary([(False, set(), {"menstruation": 5 <= i <= 8}) for i in range(20)])
    result = menstrual_window(days)
    assert result.with_days == 6  # days 3..8
    assert menstrual_window(diary([(False, set(), {})] * 5)) is None


def test_mood_around_attacks():
    moods = [4, 4, 2, 1, 3, 4, 4, 2, 1, 3, 4, 2, 1, 3, 4]
    days = [DayFacts(day=START + timedelta(days=i), attack=i in (3, 8, 12), mood=m) for i, m in enumerate(moods)]
    result = mood_around_attacks(days)
    assert (result.before, result.during, result.after) == (2.0, 1.0, 3.0)
    assert result.calm_days == 4.0
    assert result.enough


def test_a_short_diary_says_not_enough_data_everywhere():
    days = diary([(True, {"alcohol"}, {"stress": 5, "mood": 3})] * 2)
    found = insights(days, {"alcohol": "inflammation"})
    assert not any(f.same_day.enough or f.next_day.enough for f in found.factors)
    assert not found.mood.enough
    assert found.pathways == {"stress": (), "inflammation": (), "serotonin": ()}


def test_pathways_collect_the_findings_that_stand_out():
    rows = []
    for i in range(30):
        alcohol = i % 3 == 0
        rows.append((alcohol, {"alcohol"} if alcohol else set(), {"menstruation": i in (20, 21)}))
    found = insights(diary(rows), {"alcohol": "inflammation"})
    assert found.pathways["inflammation"] == ("alcohol",)
    assert found.attacks == 10
    assert found.recorded_days == 30
