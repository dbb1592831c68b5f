"""Reads for the assessment: turning a questionnaire version into scoring specs, finding a
person's attempts, and what a result page needs. Query counts stay flat however many
questions a questionnaire has (prefetches, never per-question queries)."""

from dataclasses import dataclass

from django.db.models import F, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast

from assessment import crisis, fhir, scoring
from assessment.models import (
    Answer,
    Attempt,
    Band,
    CrisisText,
    Dimension,
    Pattern,
    Question,
    Questionnaire,
    Section,
)


def questionnaire_spec(questionnaire: Questionnaire) -> scoring.QuestionnaireSpec:
    dimensions = Dimension.objects.filter(questionnaire=questionnaire).prefetch_related("bands")
    questions = (
        Question.objects.filter(section__questionnaire=questionnaire)
        .select_related("dimension")
        .prefetch_related("choices")
        .order_by("section__order", "section_id", "order", "id")
    )
    return scoring.QuestionnaireSpec(
        kind=questionnaire.kind,
        dimensions=tuple(
            scoring.DimensionSpec(
                key=d.key,
                name=d.name,
                basis=d.band_basis,
                bands=tuple(
                    scoring.BandSpec(id=b.id, low=b.min_score, high=b.max_score, label=b.label, severity=b.severity)
                    for b in d.bands.all()
                ),
            )
            for d in dimensions
        ),
        questions=tuple(question_spec(q) for q in questions),
    )


def question_spec(question: Question) -> scoring.QuestionSpec:
    return scoring.QuestionSpec(
        id=question.id,
        kind=question.kind,
        dimension=question.dimension.key if question.dimension_id else None,
        required=question.required,
        choices=tuple(
            scoring.ChoiceSpec(id=c.id, points=c.points, not_applicable=c.not_applicable)
            for c in question.choices.all()
        ),
        min_value=question.min_value,
        max_value=question.max_value,
        crisis=question.is_crisis_item,
    )


def answers_by_question(*, attempt: Attempt) -> dict[int, scoring.AnswerValue]:
    """{question_id: value} as scoring wants it (multiple choice as a tuple)."""
    answers, _crisis = saved_answers(attempt=attempt)
    return answers


def attempt_of(*, attempt_id, user=None, anonymous_ids=()) -> Attempt | None:
    """The attempt if it is this person's: their account's when signed in, else one of the
    anonymous attempts this browser started (`anonymous_ids`). None otherwise."""
    attempts = Attempt.objects.select_related("questionnaire")
    if user is not None and user.is_authenticated:
        return attempts.filter(pk=attempt_id, user=user).first()
    if str(attempt_id) not in anonymous_ids:
        return None
    return attempts.filter(pk=attempt_id, user__isnull=True).first()


def open_attempts(*, user=None, anonymous_ids=()):
    """Attempts this person started and has not submitted yet, newest first."""
    attempts = Attempt.objects.in_progress().select_related("questionnaire")
    if user is not None and user.is_authenticated:
        return attempts.filter(user=user)
    if not anonymous_ids:
        return Attempt.objects.none()
    return attempts.filter(pk__in=list(anonymous_ids), user__isnull=True)


def saved_answers(*, attempt: Attempt) -> tuple[dict[int, scoring.AnswerValue], bool]:
    """Every saved answer as {question_id: value} (multiple choice as a tuple), and whether any
    of them is above 0 on a crisis item: one query for the whole attempt."""
    answers, crisis = {}, False
    for question_id, value, flagged in attempt.answers.values_list("question_id", "value", "crisis"):
        answers[question_id] = tuple(value) if isinstance(value, list) else value
        crisis = crisis or flagged
    return answers, crisis


def active_crisis_text() -> CrisisText | None:
    return CrisisText.objects.filter(active=True).first()


def crisis_help(*, country: str) -> dict:
    """What the crisis box shows: staff's active text (or the built-in one when there is none)
    and the help lines for `country` (crisis.ALL for every line)."""
    return {"text": active_crisis_text(), "help": crisis.help_for(country)}


def claimable_attempts(*, attempt_ids) -> list[Attempt]:
    """The anonymous attempts among `attempt_ids` (those this browser offers), still unclaimed."""
    if not attempt_ids:
        return []
    return list(Attempt.objects.filter(pk__in=list(attempt_ids), user__isnull=True).select_related("questionnaire"))


def result_details(*, attempt: Attempt) -> dict:
    """What the result page shows beyond the stored numbers: band advice, dimension texts and
    the pattern, from the exact version the attempt was scored with (kept in memory)."""
    content = answered_version(questionnaire_id=attempt.questionnaire_id)
    result = attempt.result
    bands = {d["band_id"]: content.bands.get(d["band_id"]) for d in result["dimensions"] if d.get("band_id")}
    dimension_texts = {band.dimension.key: band.dimension.description for band in bands.values() if band}
    dimensions = [
        {**d, "band": bands.get(d.get("band_id")), "description": dimension_texts.get(d["key"], "")}
        for d in result["dimensions"]
    ]
    pattern = content.patterns.get(result["pattern"]) if result.get("pattern") else None
    return {"dimensions": dimensions, "pattern": pattern}


def answered_questions(*, attempt: Attempt) -> list[dict]:
    """Each answered question of the attempt's own version with the answer given, in the
    questionnaire's order (one query: the answers; the questions come from memory)."""
    content = answered_version(questionnaire_id=attempt.questionnaire_id)
    values = dict(attempt.answers.values_list("question_id", "value"))
    rows = []
    for question in (q for section in content.sections for q in section.question_list):
        if question.id not in values:
            continue
        value = values[question.id]
        if question.kind == scoring.MULTIPLE:
            shown = ", ".join(label_of(content, v) for v in value)
        elif question.kind == scoring.SINGLE:
            shown = label_of(content, value)
        else:
            shown = str(value)
        rows.append({"code": question.code, "text": question.text, "answer": shown})
    return rows


def label_of(content: "VersionContent", choice_id) -> str:
    choice = content.choices.get(choice_id)
    return choice.label if choice else "?"


def screener_results_for_fhir(*, user) -> list[fhir.ScreenerResult]:
    """The person's completed PHQ-9, GAD-7 and MIDAS results with their answers, oldest first
    (two queries: the attempts, then every answer; the questions come from memory)."""
    attempts = list(
        Attempt.objects.for_user(user)
        .submitted()
        .filter(questionnaire__slug__in=list(fhir.INSTRUMENTS))
        .select_related("questionnaire")
        .order_by("submitted_at")
    )
    values: dict = {}
    for attempt_id, question_id, value in Answer.objects.filter(attempt__in=attempts).values_list(
        "attempt_id", "question_id", "value"
    ):
        values.setdefault(attempt_id, {})[question_id] = value
    results = []
    for attempt in attempts:
        content = answered_version(questionnaire_id=attempt.questionnaire_id)
        given = values.get(attempt.pk, {})
        items = []
        for question in (q for section in content.sections for q in section.question_list):
            if question.id not in given or question.kind == scoring.MULTIPLE:
                continue
            value = given[question.id]
            choice = content.choices.get(value) if question.kind == scoring.SINGLE else None
            items.append(
                fhir.AnsweredItem(
                    link_id=question.code or str(question.id),
                    text=question.text,
                    points=choice.points if choice else None,
                    number=None if question.kind == scoring.SINGLE else value,
                    label=choice.label if choice else str(value),
                )
            )
        total = attempt.result["dimensions"][0] if attempt.result["dimensions"] else {}
        results.append(
            fhir.ScreenerResult(
                attempt_id=str(attempt.pk),
                slug=attempt.questionnaire.slug,
                title=attempt.questionnaire.title,
                completed_at=attempt.submitted_at.isoformat(),
                total=total.get("raw", 0),
                band=total.get("band_label") or "",
                items=tuple(items),
            )
        )
    return results


def results_with_change(*, user):
    """The person's submitted results, newest first, each with the change in every dimension
    since their previous result for the same questionnaire (across versions)."""
    attempts = list(Attempt.objects.for_user(user).submitted().select_related("questionnaire").order_by("submitted_at"))
    previous_by_slug = {}
    rows = []
    for attempt in attempts:
        previous = previous_by_slug.get(attempt.questionnaire.slug)
        rows.append({"attempt": attempt, "changes": dimension_changes(previous=previous, current=attempt)})
        previous_by_slug[attempt.questionnaire.slug] = attempt
    rows.reverse()
    return rows


def dimension_changes(*, previous: Attempt | None, current: Attempt) -> list[dict]:
    """The change in what is shown for each dimension (a profile's percentage, a screener's
    total) since the previous result, or None where the previous had no such dimension."""
    before = {d["key"]: d["shown"] for d in previous.result["dimensions"]} if previous else {}
    return [
        {
            "name": d["name"],
            "value": d["shown"],
            "unit": d["unit"],
            "band_label": d.get("band_label") or "",
            "change": d["shown"] - before[d["key"]] if d["key"] in before else None,
        }
        for d in current.result["dimensions"]
    ]


def latest_results(*, user, with_difficulty: bool = False) -> dict[str, Attempt]:
    """The newest submitted result for each questionnaire (by slug, across versions). With
    `with_difficulty`, each attempt also carries `difficulty`: the label chosen for its "how
    difficult" item, if it has one (for difficulty_answers; a subquery of the same read)."""
    latest = {}
    attempts = (
        Attempt.objects.for_user(user)
        .submitted()
        .select_related("questionnaire")
        .order_by("-submitted_at")
        .only("id", "result", "crisis", "submitted_at", "questionnaire__slug", "questionnaire__title",
              "questionnaire__kind", "questionnaire__version")
    )  # fmt: skip
    if with_difficulty:
        attempts = attempts.annotate(difficulty=_difficulty_label())
    previous: dict[str, Attempt] = {}
    for attempt in attempts:
        slug = attempt.questionnaire.slug
        if slug not in latest:
            latest[slug] = attempt
        elif slug not in previous:
            previous[slug] = attempt
    for slug, attempt in latest.items():
        # The change of the first dimension (a screener's total) since the result before, by the
        # same rule as "My results".
        changes = dimension_changes(previous=previous.get(slug), current=attempt)
        attempt.change = changes[0]["change"] if changes else None
    return latest


DIFFICULTY_SLUGS = ("phq-9", "gad-7")


def _difficulty_label() -> Subquery:
    """The label of the choice an attempt's answer to its unscored single-choice question names
    (the PHQ-9's and GAD-7's "how difficult"): the answer's value is the choice's id."""
    answers = (
        Answer.objects.filter(attempt=OuterRef("pk"), question__dimension__isnull=True, question__kind="single")
        .annotate(chosen=Cast("value", IntegerField()))
        .filter(question__choices__id=F("chosen"))
    )
    return Subquery(answers.values("question__choices__label")[:1])


def difficulty_answers(*, results: dict[str, Attempt]) -> dict[str, str]:
    """{slug: the chosen label} for the PHQ-9 and GAD-7 "how difficult" item (their one unscored
    question), from results read by latest_results(with_difficulty=True): no query of its own."""
    return {
        slug: attempt.difficulty
        for slug, attempt in results.items()
        if slug in DIFFICULTY_SLUGS and attempt.difficulty is not None
    }


def published_questionnaires():
    return Questionnaire.objects.published().order_by("order", "title")


# Each answered questionnaire version's content, kept in this process once read. Safe without
# invalidation: a version is read here only for an attempt, a version with attempts can no
# longer be changed (see the admin), and a new version has a new id.
_STRUCTURES: dict[int, "VersionContent"] = {}


@dataclass(frozen=True)
class VersionContent:
    sections: list  # Section, each with `question_list` (choices prefetched)
    questions: dict  # id -> Question
    choices: dict  # choice id -> Choice
    bands: dict  # id -> Band (with its dimension)
    patterns: dict  # key -> Pattern


def answered_version(*, questionnaire_id: int) -> VersionContent:
    """Five queries the first time in a process, none after."""
    content = _STRUCTURES.get(questionnaire_id)
    if content is None:
        sections = list(
            Section.objects.filter(questionnaire_id=questionnaire_id).prefetch_related(
                Prefetch("questions", queryset=Question.objects.prefetch_related("choices"), to_attr="question_list")
            )
        )
        questions = {q.id: q for section in sections for q in section.question_list}
        content = VersionContent(
            sections=sections,
            questions=questions,
            choices={c.id: c for q in questions.values() for c in q.choices.all()},
            bands={
                b.id: b
                for b in Band.objects.filter(dimension__questionnaire_id=questionnaire_id).select_related("dimension")
            },
            patterns={p.key: p for p in Pattern.objects.filter(questionnaire_id=questionnaire_id)},
        )
        _STRUCTURES[questionnaire_id] = content
    return content


def answered_version_structure(*, questionnaire_id: int) -> list:
    return answered_version(questionnaire_id=questionnaire_id).sections


def sections_with_questions(*, questionnaire: Questionnaire):
    """Every section with its questions and choices (for the admin preview)."""
    return questionnaire.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.prefetch_related("choices"))
    )
