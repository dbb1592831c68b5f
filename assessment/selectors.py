"""Reads for the assessment: turning a questionnaire version into scoring specs, finding a
person's responses, and what a result page needs. Query counts stay flat however many
questions a questionnaire has (prefetches, never per-question queries)."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from assessment import anonymous, crisis, fhir, scoring
from assessment.models import (
    Answer,
    Band,
    CrisisText,
    Dimension,
    Pattern,
    Question,
    Questionnaire,
    Response,
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


def answers_by_question(response: Response) -> dict[int, scoring.AnswerValue]:
    """{question_id: value} as scoring wants it (multiple choice as a tuple)."""
    answers, _crisis = saved_answers(response)
    return answers


def response_for_request(request, response_id) -> Response:
    """The response if it belongs to this person (their account, or this browser session when
    anonymous); 404 otherwise, so nobody learns that someone else's response exists."""
    responses = Response.objects.select_related("questionnaire")
    if request.user.is_authenticated:
        return get_object_or_404(responses, pk=response_id, user=request.user)
    if str(response_id) not in anonymous.open_ids(request):
        raise Http404
    return get_object_or_404(responses, pk=response_id, user__isnull=True)


def open_responses_for_request(request):
    """Responses this person started and has not submitted yet, newest first."""
    responses = Response.objects.in_progress().select_related("questionnaire")
    if request.user.is_authenticated:
        return responses.filter(user=request.user)
    ids = anonymous.open_ids(request)
    if not ids:
        return Response.objects.none()
    return responses.filter(pk__in=ids, user__isnull=True)


def saved_answers(response: Response) -> tuple[dict[int, scoring.AnswerValue], bool]:
    """Every saved answer as {question_id: value} (multiple choice as a tuple), and whether any
    of them is above 0 on a crisis item: one query for the whole response."""
    answers, crisis = {}, False
    for question_id, value, flagged in response.answers.values_list("question_id", "value", "crisis"):
        answers[question_id] = tuple(value) if isinstance(value, list) else value
        crisis = crisis or flagged
    return answers, crisis


def active_crisis_text() -> CrisisText | None:
    return CrisisText.objects.filter(active=True).first()


def crisis_help_for(request) -> dict:
    """What the crisis box shows: staff's active text (or the built-in one when there is none)
    and the help lines for the person's country. The country is their setting, else a guess from
    the browser's language; anonymous visitors see every line."""
    if request.user.is_authenticated:
        country = request.user.country or crisis.guess_country(request.headers.get("Accept-Language", ""))
    else:
        country = crisis.ALL
    return {"text": active_crisis_text(), "help": crisis.help_for(country)}


def claim_offer_for(request) -> list[Response]:
    """Anonymous responses answered in this browser in the last hour, offered to the person who
    has just logged in (their ids come from this session only)."""
    ids = list(anonymous.offer(request))
    if not ids:
        return []
    return list(Response.objects.filter(pk__in=ids, user__isnull=True).select_related("questionnaire"))


def result_details(response: Response) -> dict:
    """What the result page shows beyond the stored numbers: band advice, dimension texts and
    the pattern, from the exact version the response was scored with (kept in memory)."""
    content = answered_version(response.questionnaire_id)
    result = response.result
    bands = {d["band_id"]: content.bands.get(d["band_id"]) for d in result["dimensions"] if d.get("band_id")}
    dimension_texts = {band.dimension.key: band.dimension.description for band in bands.values() if band}
    dimensions = [
        {**d, "band": bands.get(d.get("band_id")), "description": dimension_texts.get(d["key"], "")}
        for d in result["dimensions"]
    ]
    pattern = content.patterns.get(result["pattern"]) if result.get("pattern") else None
    return {"dimensions": dimensions, "pattern": pattern}


def answered_questions(response: Response) -> list[dict]:
    """Each answered question of the response's own version with the answer given, in the
    questionnaire's order (one query: the answers; the questions come from memory)."""
    content = answered_version(response.questionnaire_id)
    values = dict(response.answers.values_list("question_id", "value"))
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


def screener_results_for_fhir(user) -> list[fhir.ScreenerResult]:
    """The person's completed PHQ-9, GAD-7 and MIDAS results with their answers, oldest first
    (two queries: the responses, then every answer; the questions come from memory)."""
    responses = list(
        Response.objects.for_user(user)
        .submitted()
        .filter(questionnaire__slug__in=list(fhir.INSTRUMENTS))
        .select_related("questionnaire")
        .order_by("submitted_at")
    )
    values: dict = {}
    for response_id, question_id, value in Answer.objects.filter(response__in=responses).values_list(
        "response_id", "question_id", "value"
    ):
        values.setdefault(response_id, {})[question_id] = value
    results = []
    for response in responses:
        content = answered_version(response.questionnaire_id)
        given = values.get(response.pk, {})
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
        total = response.result["dimensions"][0] if response.result["dimensions"] else {}
        results.append(
            fhir.ScreenerResult(
                response_id=str(response.pk),
                slug=response.questionnaire.slug,
                title=response.questionnaire.title,
                completed_at=response.submitted_at.isoformat(),
                total=total.get("raw", 0),
                band=total.get("band_label") or "",
                items=tuple(items),
            )
        )
    return results


def results_with_change(user):
    """The person's submitted results, newest first, each with the change in every dimension
    since their previous result for the same questionnaire (across versions)."""
    responses = list(
        Response.objects.for_user(user).submitted().select_related("questionnaire").order_by("submitted_at")
    )
    previous_by_slug = {}
    rows = []
    for response in responses:
        previous = previous_by_slug.get(response.questionnaire.slug)
        rows.append({"response": response, "changes": dimension_changes(previous, response)})
        previous_by_slug[response.questionnaire.slug] = response
    rows.reverse()
    return rows


def dimension_changes(previous: Response | None, current: Response) -> list[dict]:
    # Screeners are read as their raw totals, profiles as percentages.
    measure, unit = ("percent", "%") if current.questionnaire.is_profile else ("raw", "")
    before = {d["key"]: d[measure] for d in previous.result["dimensions"]} if previous else {}
    return [
        {
            "name": d["name"],
            "value": d[measure],
            "unit": unit,
            "band_label": d.get("band_label") or "",
            "change": d[measure] - before[d["key"]] if d["key"] in before else None,
        }
        for d in current.result["dimensions"]
    ]


def published_questionnaires():
    return Questionnaire.objects.published().order_by("order", "title")


# Each answered questionnaire version's content, kept in this process once read. Safe without
# invalidation: a version is read here only for a response, a version with responses can no
# longer be changed (see the admin), and a new version has a new id.
_STRUCTURES: dict[int, "VersionContent"] = {}


@dataclass(frozen=True)
class VersionContent:
    sections: list  # Section, each with `question_list` (choices prefetched)
    questions: dict  # id -> Question
    choices: dict  # choice id -> Choice
    bands: dict  # id -> Band (with its dimension)
    patterns: dict  # key -> Pattern


def answered_version(questionnaire_id: int) -> VersionContent:
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


def answered_version_structure(questionnaire_id: int) -> list:
    return answered_version(questionnaire_id).sections


def sections_with_questions(questionnaire: Questionnaire):
    """Every section with its questions and choices (for the admin preview)."""
    return questionnaire.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.prefetch_related("choices"))
    )
