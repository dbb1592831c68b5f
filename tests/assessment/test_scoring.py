"""Scoring, without a database: the published screeners at every band boundary, the profile
pattern rules at their edges, and properties that must hold for any answers."""

from itertools import count

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment import content, scoring
from assessment.scoring import DimensionScore, ScoringError, profile_pattern, score


def spec_from_content(data: dict) -> scoring.QuestionnaireSpec:
    """The default content's plain data, turned into scoring specs with made-up ids."""
    ids = count(1)
    dimensions = tuple(
        scoring.DimensionSpec(
            key=d["key"],
            name=d["name"],
            basis=d["basis"],
            bands=tuple(
                scoring.BandSpec(id=next(ids), low=b["min"], high=b["max"], label=b["label"], severity=b["severity"])
                for b in d["bands"]
            ),
        )
        for d in data["dimensions"]
    )
    questions = []
    for section in data["sections"]:
        for q in section["questions"]:
            questions.append(
                scoring.QuestionSpec(
                    id=next(ids),
                    kind=q["kind"],
                    dimension=q.get("dimension"),
                    required=q.get("required", True),
                    choices=tuple(
                        scoring.ChoiceSpec(id=next(ids), points=c[1], not_applicable=c[2:] == (content.NOT_APPLICABLE,))
                        for c in q.get("choices", [])
                    ),
                    min_value=q.get("min"),
                    max_value=q.get("max"),
                    crisis=q.get("crisis", False),
                )
            )
    return scoring.QuestionnaireSpec(kind=data["kind"], dimensions=dimensions, questions=tuple(questions))


PHQ9 = spec_from_content(content.PHQ9)
GAD7 = spec_from_content(content.GAD7)
MIDAS = spec_from_content(content.MIDAS)
PROFILE = spec_from_content(content.MIGRAINE_PROFILE)


def choice_with_points(question, points):
    return next(c.id for c in question.choices if c.points == points)


def answers_for_total(spec, total, *, crisis_points=0):
    """Answers to every scored single-choice item that add up to `total` (filled from the top
    item down, the crisis item held at `crisis_points`); unscored items get their first choice."""
    answers = {}
    remaining = total - crisis_points
    scored = [q for q in spec.questions if q.dimension]
    for question in scored:
        if question.crisis:
            answers[question.id] = choice_with_points(question, crisis_points)
            continue
        points = min(3, remaining)
        answers[question.id] = choice_with_points(question, points)
        remaining -= points
    assert remaining == 0, "total out of reach"
    for question in spec.questions:
        if not question.dimension and question.required:
            answers[question.id] = question.choices[0].id if question.choices else 0
    return answers


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
        (15, "Moderately severe"), (19, "Moderately severe"), (20, "Severe"), (27, "Severe"),
    ],
)  # fmt: skip
def test_phq9_bands_at_every_boundary(total, band):
    # Item 9 stays at 0 unless the total needs it (27 needs every item at 3).
    result = score(PHQ9, answers_for_total(PHQ9, total, crisis_points=max(0, total - 24)))
    depression = result.dimension("depression")
    assert (depression.raw, depression.maximum) == (total, 27)
    assert depression.band.label == band
    assert result.pattern is None


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
     (15, "Severe"), (21, "Severe")],
)  # fmt: skip
def test_gad7_bands_at_every_boundary(total, band):
    anxiety = score(GAD7, answers_for_total(GAD7, total)).dimension("anxiety")
    assert (anxiety.raw, anxiety.maximum, anxiety.band.label) == (total, 21, band)


@pytest.mark.parametrize("item9_points", [1, 2, 3])
def test_any_phq9_item9_answer_above_zero_is_a_crisis_whatever_the_total(item9_points):
    result = score(PHQ9, answers_for_total(PHQ9, item9_points, crisis_points=item9_points))
    assert result.crisis is True
    assert result.dimension("depression").band.label == "Minimal"


def test_phq9_item9_at_zero_is_not_a_crisis_even_at_a_high_total():
    result = score(PHQ9, answers_for_total(PHQ9, 24, crisis_points=0))
    assert result.crisis is False


def midas_answers(days: list[int], a: int = 60, b: int = 9) -> dict:
    scored = [q for q in MIDAS.questions if q.dimension]
    unscored = [q for q in MIDAS.questions if not q.dimension]
    answers = {q.id: d for q, d in zip(scored, days, strict=True)}
    answers[unscored[0].id] = a
    answers[unscored[1].id] = b
    return answers


@pytest.mark.parametrize(
    ("days", "grade"),
    [
        ([0, 0, 0, 0, 0], "Grade I"), ([1, 1, 1, 1, 1], "Grade I"), ([2, 1, 1, 1, 1], "Grade II"),
        ([2, 2, 2, 2, 2], "Grade II"), ([3, 2, 2, 2, 2], "Grade III"), ([4, 4, 4, 4, 4], "Grade III"),
        ([5, 4, 4, 4, 4], "Grade IV"), ([90, 90, 90, 90, 90], "Grade IV"),
    ],
)  # fmt: skip
def test_midas_grades_at_every_boundary(days, grade):
    disability = score(MIDAS, midas_answers(days)).dimension("disability")
    assert disability.raw == sum(days)
    assert disability.band.label.startswith(grade + ":")


def test_midas_items_a_and_b_are_asked_but_never_counted():
    few = score(MIDAS, midas_answers([1, 1, 1, 1, 1], a=0, b=0)).dimension("disability")
    many = score(MIDAS, midas_answers([1, 1, 1, 1, 1], a=90, b=10)).dimension("disability")
    assert few == many
    assert (few.raw, few.maximum) == (5, 450)


def test_a_number_outside_its_range_is_refused():
    with pytest.raises(ScoringError):
        score(MIDAS, midas_answers([91, 0, 0, 0, 0]))


def test_a_missing_required_answer_is_refused():
    answers = answers_for_total(PHQ9, 5)
    answers.pop(PHQ9.questions[0].id)
    with pytest.raises(ScoringError, match="required"):
        score(PHQ9, answers)


def test_an_unknown_choice_is_refused():
    answers = answers_for_total(PHQ9, 5)
    answers[PHQ9.questions[0].id] = 999_999
    with pytest.raises(ScoringError, match="no choice"):
        score(PHQ9, answers)


OPTIONAL = scoring.QuestionnaireSpec(
    kind="profile",
    dimensions=(scoring.DimensionSpec(key="stress", name="Stress", basis="percent"),),
    questions=(
        scoring.QuestionSpec(id=1, kind="scale", dimension="stress"),
        scoring.QuestionSpec(id=2, kind="scale", dimension="stress", required=False),
    ),
)


def test_an_unanswered_optional_question_leaves_both_the_raw_score_and_the_maximum():
    answered = score(OPTIONAL, {1: 5, 2: 10}).dimension("stress")
    skipped = score(OPTIONAL, {1: 5}).dimension("stress")
    assert (answered.raw, answered.maximum, answered.percent) == (15, 20, 75)
    assert (skipped.raw, skipped.maximum, skipped.percent) == (5, 10, 50)


def test_multiple_choice_adds_the_points_of_every_choice_ticked():
    spec = scoring.QuestionnaireSpec(
        kind="screener",
        dimensions=(scoring.DimensionSpec(key="d", name="D"),),
        questions=(
            scoring.QuestionSpec(
                id=1,
                kind="multiple",
                dimension="d",
                choices=(scoring.ChoiceSpec(1, 2), scoring.ChoiceSpec(2, 3), scoring.ChoiceSpec(3, 0)),
            ),
        ),
    )
    d = score(spec, {1: (1, 2)}).dimension("d")
    assert (d.raw, d.maximum) == (5, 5)
    with pytest.raises(ScoringError):
        score(spec, {1: (1, 1)})


def scores(**percents):
    return tuple(DimensionScore(key=k, name=k, raw=p, maximum=100, percent=p, band=None) for k, p in percents.items())


@pytest.mark.parametrize(
    ("percents", "pattern"),
    [
        ({"stress": 24, "inflammation": 24, "serotonin": 0}, "low"),
        ({"stress": 25, "inflammation": 24, "serotonin": 24}, "mixed"),  # not low: one is at 25
        ({"stress": 25, "inflammation": 7, "serotonin": 0}, "stress"),  # at 25, leads by exactly 18
        ({"stress": 25, "inflammation": 8, "serotonin": 0}, "mixed"),  # leads by 17
        ({"stress": 43, "inflammation": 25, "serotonin": 10}, "stress"),  # leads by exactly 18
        ({"stress": 42, "inflammation": 25, "serotonin": 10}, "mixed"),  # leads by 17
        ({"stress": 35, "inflammation": 25, "serotonin": 10}, "mixed"),  # a 10-point lead is not enough now
        ({"stress": 40, "inflammation": 10, "serotonin": 24}, "mixed"),  # only one above 25, lead 16
        ({"stress": 40, "inflammation": 78, "serotonin": 60}, "inflammation"),
        ({"stress": 40, "inflammation": 77, "serotonin": 60}, "mixed"),
        ({"stress": 0, "inflammation": 0, "serotonin": 100}, "serotonin"),
        ({"stress": 60, "inflammation": 60, "serotonin": 10}, "mixed"),  # a tie at the top
        ({"stress": 80, "inflammation": 80, "serotonin": 80}, "mixed"),
        ({"stress": 0, "inflammation": 0, "serotonin": 0}, "low"),  # all zero
    ],
)
def test_the_profile_pattern_rules_at_their_edges(percents, pattern):
    assert profile_pattern(scores(**percents)) == pattern


def test_the_default_profile_has_8_to_12_items_per_pathway_and_24_to_36_in_all():
    per_dimension = {}
    for q in PROFILE.questions:
        if q.dimension:
            per_dimension[q.dimension] = per_dimension.get(q.dimension, 0) + 1
    assert set(per_dimension) == {"stress", "inflammation", "serotonin"}
    assert all(8 <= n <= 12 for n in per_dimension.values())
    assert 24 <= len(PROFILE.questions) <= 36
    scored = [[c.points for c in q.choices if not c.not_applicable] for q in PROFILE.questions if q.dimension]
    assert all(points == [0, 1, 2, 3, 4] for points in scored)
    # Only the menstrual item offers "does not apply".
    assert sum(any(c.not_applicable for c in q.choices) for q in PROFILE.questions) == 1


def test_a_whole_profile_at_often_on_stress_only_leads_with_stress():
    answers = {}
    for q in PROFILE.questions:
        if q.dimension == "stress":
            answers[q.id] = choice_with_points(q, 3)
        elif q.dimension:
            answers[q.id] = choice_with_points(q, 0)
        elif q.kind == "number":
            answers[q.id] = 4
        elif q.required:
            answers[q.id] = q.choices[0].id
    result = score(PROFILE, answers)
    assert result.dimension("stress").percent == 75
    assert result.dimension("stress").band.label == "Very often reported"
    assert result.pattern == "stress"
    # A profile's bands read the percentage, and so a person is shown the percentage.
    stress = result.dimension("stress")
    assert (stress.basis, stress.shown) == (scoring.PERCENT, 75)
    assert stress.raw != stress.shown


def test_a_screener_shows_its_raw_total():
    depression = score(PHQ9, answers_for_total(PHQ9, 12)).dimension("depression")
    assert (depression.basis, depression.raw, depression.shown, depression.percent) == (scoring.RAW, 12, 12, 44)


@st.composite
def profile_answers(draw):
    answers = {}
    for q in PROFILE.questions:
        if q.kind == "number":
            value = draw(st.integers(q.min_value, q.max_value))
        elif q.kind == "multiple":
            picked = draw(st.lists(st.sampled_from([c.id for c in q.choices]), unique=True))
            if not picked and not q.required:
                continue
            value = tuple(picked)
        else:
            value = draw(st.sampled_from([c.id for c in q.choices]))
        answers[q.id] = value
    return answers


@given(profile_answers())
def test_percentages_stay_within_0_and_100_and_scoring_is_deterministic(answers):
    first = score(PROFILE, answers)
    assert first == score(PROFILE, answers)
    assert first.pattern in {"stress", "inflammation", "serotonin", "mixed", "low"}
    for d in first.dimensions:
        assert 0 <= d.raw <= d.maximum
        assert 0 <= d.percent <= 100
        assert d.band is not None


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_percent_is_bounded_for_any_numbers(raw, maximum):
    assert 0 <= scoring.percent(raw, maximum) <= 100


def test_does_not_apply_leaves_both_raw_and_maximum():
    spec = scoring.QuestionnaireSpec(
        kind="profile",
        dimensions=(scoring.DimensionSpec("d", "D"),),
        questions=(
            scoring.QuestionSpec(1, "single", "d", choices=(scoring.ChoiceSpec(1, 0), scoring.ChoiceSpec(2, 4))),
            scoring.QuestionSpec(
                2,
                "single",
                "d",
                choices=(
                    scoring.ChoiceSpec(3, 0),
                    scoring.ChoiceSpec(4, 4),
                    scoring.ChoiceSpec(5, 0, not_applicable=True),
                ),
            ),
        ),
    )
    applies = score(spec, {1: 2, 2: 4}).dimension("d")
    assert (applies.raw, applies.maximum, applies.percent) == (8, 8, 100)
    not_applicable = score(spec, {1: 2, 2: 5})
    d = not_applicable.dimension("d")
    assert (d.raw, d.maximum, d.percent) == (4, 4, 100)
    assert scoring.question_maximum(spec.questions[1]) == 4


# --- Exact edges (issue 12 point 7: these kill mutants that survived the tests above) ------------


def one_question(question: scoring.QuestionSpec) -> scoring.QuestionnaireSpec:
    return scoring.QuestionnaireSpec(
        kind="screener", dimensions=(scoring.DimensionSpec("d", "Days"),), questions=(question,)
    )


def test_an_unanswered_optional_question_does_not_stop_the_ones_after_it():
    spec = scoring.QuestionnaireSpec(
        kind="profile",
        dimensions=(scoring.DimensionSpec(key="stress", name="Stress", basis="percent"),),
        questions=(
            scoring.QuestionSpec(id=1, kind="scale", dimension="stress", required=False),
            scoring.QuestionSpec(id=2, kind="scale", dimension="stress"),
        ),
    )
    d = score(spec, {2: 7}).dimension("stress")
    assert (d.name, d.raw, d.maximum, d.percent) == ("Stress", 7, 10, 70)


def test_a_does_not_apply_answer_does_not_stop_the_questions_after_it():
    spec = scoring.QuestionnaireSpec(
        kind="profile",
        dimensions=(scoring.DimensionSpec(key="d", name="D", basis="percent"),),
        questions=(
            scoring.QuestionSpec(1, "single", "d", choices=(scoring.ChoiceSpec(1, 4), scoring.ChoiceSpec(2, 0, True))),
            scoring.QuestionSpec(2, "scale", "d"),
        ),
    )
    result = score(spec, {1: 2, 2: 6})
    assert (result.dimension("d").raw, result.dimension("d").maximum) == (6, 10)


@pytest.mark.parametrize(
    ("minimum", "maximum", "accepted", "refused"),
    [
        (None, 5, [0, 5], [-1, 6]),  # no minimum given: from 0
        (2, 5, [2, 5], [1, 6]),
        (None, None, [0], [1]),  # neither: only 0
        (3, None, [3], [2, 4]),  # no maximum: the minimum only
    ],
)
def test_a_number_question_takes_whole_numbers_within_its_range(minimum, maximum, accepted, refused):
    spec = one_question(scoring.QuestionSpec(1, "number", "d", min_value=minimum, max_value=maximum))
    for value in accepted:
        assert score(spec, {1: value}).dimension("d").raw == value
    for value in refused:
        low, high = minimum or 0, maximum if maximum is not None else (minimum or 0)
        with pytest.raises(ScoringError, match=f"question 1 needs a whole number from {low} to {high}"):
            score(spec, {1: value})


def test_yes_or_no_is_not_a_number():
    spec = one_question(scoring.QuestionSpec(1, "number", "d", min_value=0, max_value=10))
    for value in (True, False):
        with pytest.raises(ScoringError, match="whole number"):
            score(spec, {1: value})


def test_what_is_refused_says_which_question_and_why():
    single = scoring.QuestionSpec(7, "single", "elsewhere", choices=(scoring.ChoiceSpec(1, 1),))
    with pytest.raises(ScoringError, match="question 7 counts toward unknown dimension 'elsewhere'"):
        score(one_question(single), {7: 1})
    multiple = scoring.QuestionSpec(8, "multiple", "d", choices=(scoring.ChoiceSpec(1, 1), scoring.ChoiceSpec(2, 2)))
    for value in [(1, 1), 1]:
        with pytest.raises(ScoringError, match="question 8 needs distinct choices"):
            score(one_question(multiple), {8: value})
    with pytest.raises(ScoringError, match="question 9 has unknown kind 'slider'"):
        score(one_question(scoring.QuestionSpec(9, "slider", "d")), {9: 1})


def test_the_maximum_of_multiple_choice_adds_every_choice_worth_points():
    question = scoring.QuestionSpec(
        1, "multiple", "d", choices=(scoring.ChoiceSpec(1, 1), scoring.ChoiceSpec(2, 2), scoring.ChoiceSpec(3, 0))
    )
    assert scoring.question_maximum(question) == 3
    assert score(one_question(question), {1: (1,)}).dimension("d").percent == 33


def test_a_single_choice_question_with_nothing_to_choose_adds_0_to_the_maximum():
    assert scoring.question_maximum(scoring.QuestionSpec(1, "single", "d")) == 0
    only_na = scoring.QuestionSpec(1, "single", "d", choices=(scoring.ChoiceSpec(1, 0, not_applicable=True),))
    assert scoring.question_maximum(only_na) == 0


@pytest.mark.parametrize(
    ("raw", "maximum", "percent"),
    [(0, 0, 0), (3, 0, 0), (0, 10, 0), (1, 1, 100), (1, 3, 33), (2, 3, 67), (1, 2, 50), (1, 200, 1), (1, 201, 0),
     (5, 7, 71), (90, 90, 100)],
)  # fmt: skip
def test_percent_rounds_half_up_to_whole_numbers(raw, maximum, percent):
    assert scoring.percent(raw, maximum) == percent


@pytest.mark.parametrize(
    ("days", "over"),
    [
        ({"1": 60, "2": 31, "3": 45, "4": 45}, [("1", "2")]),  # 91 days in 3 months: impossible
        ({"1": 45, "2": 45, "3": 0, "4": 91}, [("3", "4")]),
        ({"1": 90, "2": 1, "3": 50, "4": 41}, [("1", "2"), ("3", "4")]),
        ({"1": 90, "2": 0, "3": 45, "4": 45}, []),  # exactly 90: possible
        ({"1": 91, "2": None, "3": None, "4": 95}, []),  # one of a pair unanswered: nothing to compare
        ({"2": 91, "4": 91}, []),
        ({}, []),
    ],
)
def test_midas_pairs_that_add_up_to_more_than_the_90_days(days, over):
    assert scoring.midas_pairs_over(days) == over
