"""Score a questionnaire's answers. Pure Python: no Django, no database, no clock.

The caller turns a questionnaire version into plain specs (``QuestionnaireSpec``) and passes
the answers as ``{question_id: value}``, where the value is a choice id (single choice), a
tuple of choice ids (multiple choice) or a whole number (0–10 scale, number questions).

Rules:
- per dimension: raw score, the maximum possible, a 0–100 percentage and the band;
- questions with no dimension (context questions, MIDAS items A and B) never count;
- an unanswered optional question leaves both the raw score and the maximum, and so does a
  "does not apply" choice (``ChoiceSpec.not_applicable``, e.g. the menstrual item for someone
  without periods);
- for profiles, the pattern: "low" when every pathway is under 25 %; a leading pathway only when
  it is at least 25 % and leads the next by at least LEAD_BY (18) points; else "mixed".
  Why 18: each pathway has about 9 items of 0-4 points (36 raw points), so one answer moved by
  one step shifts it by about 3 points, and a 10-point lead is only about 4 raw points -- two or
  three answers, within what the same person would change on another day. The profile is not
  validated, so there is no published standard error; 18 points (about 6-7 raw points, several
  answers in one direction) is our documented margin, in the 15-20 range the clinical review
  asked for;
- crisis: any answer above 0 on a question marked as a crisis item (PHQ-9 item 9).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SINGLE = "single"
MULTIPLE = "multiple"
SCALE = "scale"
NUMBER = "number"

RAW = "raw"
PERCENT = "percent"

PROFILE = "profile"
SCREENER = "screener"

LOW = "low"
MIXED = "mixed"
LOW_BELOW = 25
LEAD_BY = 18  # points of 100 a pathway must lead the next by to be named (see the docstring)

SCALE_MAX = 10

AnswerValue = int | tuple[int, ...]


class ScoringError(ValueError):
    """The answers do not fit the questionnaire (a missing required answer, an unknown choice)."""


@dataclass(frozen=True)
class ChoiceSpec:
    id: int
    points: int
    not_applicable: bool = False  # "does not apply": leaves both raw and maximum


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    kind: str
    dimension: str | None = None
    required: bool = True
    choices: tuple[ChoiceSpec, ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    crisis: bool = False


@dataclass(frozen=True)
class BandSpec:
    id: int
    low: int
    high: int
    label: str
    severity: int


@dataclass(frozen=True)
class DimensionSpec:
    key: str
    name: str
    basis: str = RAW
    bands: tuple[BandSpec, ...] = ()


@dataclass(frozen=True)
class QuestionnaireSpec:
    kind: str
    dimensions: tuple[DimensionSpec, ...]
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class DimensionScore:
    key: str
    name: str
    raw: int
    maximum: int
    percent: int
    band: BandSpec | None
    basis: str = RAW  # what the bands read, and so what a person is shown: RAW or PERCENT

    @property
    def shown(self) -> int:
        return self.percent if self.basis == PERCENT else self.raw


@dataclass(frozen=True)
class Result:
    dimensions: tuple[DimensionScore, ...]
    pattern: str | None = None
    crisis: bool = False

    def dimension(self, key: str) -> DimensionScore:
        return next(score for score in self.dimensions if score.key == key)


def score(questionnaire: QuestionnaireSpec, answers: Mapping[int, AnswerValue]) -> Result:
    raw = {dimension.key: 0 for dimension in questionnaire.dimensions}
    maximum = dict(raw)
    crisis = False

    for question in questionnaire.questions:
        value = answers.get(question.id)
        if value is None or value == ():
            if question.required:
                raise ScoringError(f"question {question.id} is required but has no answer")
            continue
        if question.kind == SINGLE and _choice(question, value).not_applicable:
            continue
        points = answer_points(question, value)
        if question.crisis and points > 0:
            crisis = True
        if question.dimension is None:
            continue
        if question.dimension not in raw:
            raise ScoringError(f"question {question.id} counts toward unknown dimension {question.dimension!r}")
        raw[question.dimension] += points
        maximum[question.dimension] += question_maximum(question)

    scores = tuple(
        _dimension_score(dimension, raw[dimension.key], maximum[dimension.key])
        for dimension in questionnaire.dimensions
    )
    pattern = profile_pattern(scores) if questionnaire.kind == PROFILE else None
    return Result(dimensions=scores, pattern=pattern, crisis=crisis)


def answer_points(question: QuestionSpec, value: AnswerValue) -> int:
    if question.kind == SINGLE:
        return _choice_points(question, value)
    if question.kind == MULTIPLE:
        if not isinstance(value, tuple) or len(set(value)) != len(value):
            raise ScoringError(f"question {question.id} needs distinct choices")
        return sum(_choice_points(question, choice_id) for choice_id in value)
    if question.kind in (SCALE, NUMBER):
        low, high = _number_range(question)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ScoringError(f"question {question.id} needs a whole number from {low} to {high}")
        return value
    raise ScoringError(f"question {question.id} has unknown kind {question.kind!r}")


def question_maximum(question: QuestionSpec) -> int:
    if question.kind == SINGLE:
        return max((choice.points for choice in question.choices if not choice.not_applicable), default=0)
    if question.kind == MULTIPLE:
        return sum(choice.points for choice in question.choices if choice.points > 0)
    return _number_range(question)[1]


def percent(raw: int, maximum: int) -> int:
    """raw as a whole percentage of maximum, rounded half up; 0 when nothing could be scored."""
    if maximum <= 0:
        return 0
    return min(100, max(0, (200 * raw + maximum) // (2 * maximum)))


def find_band(bands: tuple[BandSpec, ...], value: int) -> BandSpec | None:
    return next((band for band in bands if band.low <= value <= band.high), None)


def profile_pattern(scores: tuple[DimensionScore, ...]) -> str | None:
    """The leading pathway, "mixed" or "low", decided on the percentages a person sees."""
    if not scores:
        return None
    ranked = sorted(scores, key=lambda s: s.percent, reverse=True)
    if all(s.percent < LOW_BELOW for s in ranked):
        return LOW
    leader = ranked[0]
    if leader.percent >= LOW_BELOW and (len(ranked) == 1 or leader.percent - ranked[1].percent >= LEAD_BY):
        return leader.key
    return MIXED


def _dimension_score(dimension: DimensionSpec, raw: int, maximum: int) -> DimensionScore:
    pct = percent(raw, maximum)
    band = find_band(dimension.bands, pct if dimension.basis == PERCENT else raw)
    return DimensionScore(
        key=dimension.key, name=dimension.name, raw=raw, maximum=maximum, percent=pct, band=band, basis=dimension.basis
    )


def _choice(question: QuestionSpec, choice_id: AnswerValue) -> ChoiceSpec:
    for choice in question.choices:
        if choice.id == choice_id:
            return choice
    raise ScoringError(f"question {question.id} has no choice {choice_id!r}")


def _choice_points(question: QuestionSpec, choice_id: AnswerValue) -> int:
    return _choice(question, choice_id).points


def _number_range(question: QuestionSpec) -> tuple[int, int]:
    if question.kind == SCALE:
        return 0, SCALE_MAX
    low = question.min_value if question.min_value is not None else 0
    high = question.max_value if question.max_value is not None else low
    return low, high


# MIDAS: question 2 counts days at work or school with productivity halved *not* counted in question 1
# (missed), and question 4 the same for household work and question 3. Each pair therefore shares
# the 90 days of the 3 months: Q1 + Q2 and Q3 + Q4 can be at most 90 (Stewart et al. 2001).
MIDAS_DAY_PAIRS = (("1", "2"), ("3", "4"))
MIDAS_DAYS = 90


def midas_pairs_over(values_by_code: Mapping[str, int | None]) -> list[tuple[str, str]]:
    """The MIDAS question pairs whose days add up to more than the 90 days of 3 months."""
    over = []
    for first, second in MIDAS_DAY_PAIRS:
        a, b = values_by_code.get(first), values_by_code.get(second)
        if isinstance(a, int) and isinstance(b, int) and a + b > MIDAS_DAYS:
            over.append((first, second))
    return over
