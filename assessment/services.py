"""Writes for the assessment, each whole or nothing inside one transaction."""

import hashlib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.consent import ConsentRequired
from accounts.selectors import user_has_health_consent
from assessment import scoring
from assessment.content import CRISIS_TEXT, NOT_APPLICABLE, QUESTIONNAIRES
from assessment.models import (
    Answer,
    Attempt,
    Band,
    Choice,
    CrisisText,
    Dimension,
    Pattern,
    Question,
    Questionnaire,
    Section,
)
from assessment.selectors import answers_by_question, questionnaire_spec


class NotPublishedError(Exception):
    pass


def attempt_start(
    *, questionnaire: Questionnaire, user=None, consent_version: str, start_key: str | None = None
) -> tuple[Attempt, bool]:
    """Start an attempt at the published version; returns (attempt, created).

    `start_key` is the Start form's one-time key, already made unique to this person or browser
    by the caller: posting the same form again (a double click, two quick taps) returns the
    attempt it already started."""
    if questionnaire.status != Questionnaire.Status.PUBLISHED:
        raise NotPublishedError(questionnaire.slug)
    owner = user if user is not None and user.is_authenticated else None
    key = hashlib.sha256(start_key.encode()).hexdigest() if start_key else None
    if key:
        existing = Attempt.objects.filter(start_key=key, questionnaire=questionnaire).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            return (
                Attempt.objects.create(
                    questionnaire=questionnaire, user=owner, consent_version=consent_version, start_key=key
                ),
                True,
            )
    except IntegrityError:
        # The same form arrived twice at the same moment: the other request made it.
        return Attempt.objects.get(start_key=key, questionnaire=questionnaire), False


@transaction.atomic
def attempt_save_answers(
    *, attempt: Attempt, questions: list[Question], values: dict[int, scoring.AnswerValue | None], next_step: int
) -> None:
    """Replace the answers to `questions` with `values` (None or empty clears an answer) and
    move the attempt to `next_step`. Does nothing to a submitted attempt."""
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.is_submitted:
        return
    Answer.objects.filter(attempt=locked, question_id__in=[q.id for q in questions]).delete()
    by_id = {q.id: q for q in questions}
    Answer.objects.bulk_create(
        [
            Answer(
                attempt=locked,
                question_id=question_id,
                value=list(value) if isinstance(value, tuple) else value,
                crisis=is_crisis_answer(by_id[question_id], value),
            )
            for question_id, value in values.items()
            if question_id in by_id and value not in (None, ())
        ]
    )
    crisis = locked.crisis or answers_signal_crisis(questions, values)
    Attempt.objects.filter(pk=locked.pk).update(
        current_step=max(0, next_step), crisis=crisis, updated_at=timezone.now()
    )
    attempt.current_step = max(0, next_step)
    attempt.crisis = crisis


def attempt_restart(*, attempt: Attempt) -> None:
    """Send an attempt back to its first step, its answers kept (when submitting found a required
    question unanswered, e.g. after staff made one required: the person goes through again)."""
    attempt_save_answers(attempt=attempt, questions=[], values={}, next_step=0)


def attempt_flag_crisis(*, attempt: Attempt) -> None:
    """Remember that an answer signalled a crisis, even one on a page sent back with errors
    (its answers are not saved then, but the flag is, and it is never cleared)."""
    Attempt.objects.filter(pk=attempt.pk).update(crisis=True)
    attempt.crisis = True


def answers_signal_crisis(questions: list[Question], values: dict[int, scoring.AnswerValue | None]) -> bool:
    """Whether any of these answers (to these questions) is above 0 on a crisis item."""
    by_id = {q.id: q for q in questions}
    return any(
        is_crisis_answer(by_id[question_id], value)
        for question_id, value in values.items()
        if question_id in by_id and value not in (None, ())
    )


def is_crisis_answer(question: Question, value: scoring.AnswerValue) -> bool:
    """Above 0 on a crisis item (uses the question's prefetched choices)."""
    if not question.is_crisis_item:
        return False
    if question.kind in (scoring.SINGLE, scoring.MULTIPLE):
        chosen = set(value) if isinstance(value, tuple) else {value}
        return any(c.points > 0 for c in question.choices.all() if c.id in chosen)
    return isinstance(value, int) and value > 0


@transaction.atomic
def attempt_submit(*, attempt: Attempt) -> Attempt:
    """Score the attempt against its own questionnaire version and store the result.

    Submitting again returns the stored result unchanged. Raises scoring.ScoringError when a
    required question has no answer (nothing is written then).
    """
    locked = Attempt.objects.select_for_update().select_related("questionnaire").get(pk=attempt.pk)
    if locked.is_submitted:
        return locked
    result = scoring.score(questionnaire_spec(locked.questionnaire), answers_by_question(attempt=locked))
    locked.result = result_as_json(result)
    locked.crisis = result.crisis or locked.crisis  # once flagged, always flagged
    locked.status = Attempt.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["result", "crisis", "status", "submitted_at", "updated_at"])
    return locked


def result_as_json(result: scoring.Result) -> dict:
    return {
        "pattern": result.pattern,
        "crisis": result.crisis,
        "dimensions": [
            {
                "key": d.key,
                "name": d.name,
                "raw": d.raw,
                "maximum": d.maximum,
                "percent": d.percent,
                # What the person is shown, decided once by the dimension's band basis: a
                # profile's percentage, a screener's raw total.
                "shown": d.shown,
                "unit": "%" if d.basis == scoring.PERCENT else "",
                "band_id": d.band.id if d.band else None,
                "band_label": d.band.label if d.band else None,
                "severity": d.band.severity if d.band else None,
            }
            for d in result.dimensions
        ],
    }


@transaction.atomic
def attempts_claim(*, user, attempt_ids: list[str]) -> int:
    """Add the anonymous attempts this browser offered to `user`, who said yes.

    The account's own consent is needed first: the agreement given on the start page was for
    the anonymous answers only and never becomes the account's consent."""
    if not user_has_health_consent(user=user, fresh=True):
        raise ConsentRequired
    if not attempt_ids:
        return 0
    return Attempt.objects.filter(pk__in=attempt_ids, user__isnull=True).update(user=user)


@transaction.atomic
def attempts_discard(*, attempt_ids: list[str]) -> int:
    """Delete anonymous attempts the person chose not to keep (nobody else can reach them)."""
    if not attempt_ids:
        return 0
    deleted, _by_model = Attempt.objects.filter(pk__in=attempt_ids, user__isnull=True).delete()
    return deleted


# --- Versions --------------------------------------------------------------------------------


@transaction.atomic
def questionnaire_duplicate(*, questionnaire: Questionnaire) -> Questionnaire:
    """Copy a version, with everything in it, as the next draft version of the same slug."""
    latest = Questionnaire.objects.filter(slug=questionnaire.slug).aggregate(v=Max("version"))["v"] or 0
    source_id = questionnaire.pk
    copy = Questionnaire.objects.get(pk=source_id)
    copy.pk = None
    copy.version = latest + 1
    copy.status = Questionnaire.Status.DRAFT
    copy.published_at = None
    copy.save()

    dimension_map = {}
    for dimension in Dimension.objects.filter(questionnaire_id=source_id).prefetch_related("bands"):
        bands = list(dimension.bands.all())
        old_id = dimension.pk
        dimension.pk = None
        dimension.questionnaire = copy
        dimension.save()
        dimension_map[old_id] = dimension
        for band in bands:
            band.pk = None
            band.dimension = dimension
        Band.objects.bulk_create(bands)

    sections = Section.objects.filter(questionnaire_id=source_id).prefetch_related("questions__choices")
    for section in sections:
        questions = list(section.questions.all())
        section.pk = None
        section.questionnaire = copy
        section.save()
        for question in questions:
            choices = list(question.choices.all())
            question.pk = None
            question.section = section
            question.dimension = dimension_map.get(question.dimension_id)
            question.save()
            for choice in choices:
                choice.pk = None
                choice.question = question
            Choice.objects.bulk_create(choices)

    patterns = list(Pattern.objects.filter(questionnaire_id=source_id))
    for pattern in patterns:
        pattern.pk = None
        pattern.questionnaire = copy
    Pattern.objects.bulk_create(patterns)
    return copy


@transaction.atomic
def questionnaire_publish(*, questionnaire: Questionnaire) -> Questionnaire:
    """Publish this version and retire the one published before it (same slug)."""
    Questionnaire.objects.filter(slug=questionnaire.slug, status=Questionnaire.Status.PUBLISHED).exclude(
        pk=questionnaire.pk
    ).update(status=Questionnaire.Status.RETIRED)
    questionnaire.status = Questionnaire.Status.PUBLISHED
    questionnaire.published_at = timezone.now()
    questionnaire.save(update_fields=["status", "published_at"])
    return questionnaire


def anonymous_attempts_delete_old(*, now=None) -> int:
    """Anonymous attempts can be opened or kept for an hour only (assessment/anonymous.py);
    after a day nobody can reach them, so they are deleted rather than kept without an owner."""
    cutoff = (now or timezone.now()) - timedelta(days=1)
    deleted, _by_model = Attempt.objects.filter(user__isnull=True, started_at__lt=cutoff).delete()
    return deleted


# --- Default content ---------------------------------------------------------------------------


def default_content_load() -> list[str]:
    """Load the default questionnaires and crisis text (assessment/content.py) where they are
    missing or older than the content; returns what was loaded."""
    created = []
    for spec in QUESTIONNAIRES:
        newest = Questionnaire.objects.filter(slug=spec["slug"]).order_by("-version").first()
        version = spec.get("version", 1)
        if newest is None or newest.version < version:
            questionnaire_load(spec)
            created.append(f"{spec['slug']} v{version}")
    if not CrisisText.objects.exists():
        CrisisText.objects.create(title=CRISIS_TEXT["title"], body=CRISIS_TEXT["body"])
        created.append("crisis text")
    return created


@transaction.atomic
def questionnaire_load(spec: dict) -> Questionnaire:
    Questionnaire.objects.filter(slug=spec["slug"], status=Questionnaire.Status.PUBLISHED).update(
        status=Questionnaire.Status.RETIRED
    )
    questionnaire = Questionnaire.objects.create(
        slug=spec["slug"],
        version=spec.get("version", 1),
        status=Questionnaire.Status.PUBLISHED,
        published_at=timezone.now(),
        kind=spec["kind"],
        title=spec["title"],
        summary=spec["summary"],
        introduction=spec["introduction"],
        what_you_get=spec["what_you_get"],
        estimated_minutes=spec["estimated_minutes"],
        validated=spec["validated"],
        attribution=spec["attribution"],
        order=spec["order"],
    )
    dimensions = {}
    for order, d in enumerate(spec["dimensions"]):
        dimension = Dimension.objects.create(
            questionnaire=questionnaire,
            key=d["key"],
            name=d["name"],
            description=d["description"],
            band_basis=d["basis"],
            order=order,
        )
        dimensions[d["key"]] = dimension
        Band.objects.bulk_create(
            Band(
                dimension=dimension,
                min_score=b["min"],
                max_score=b["max"],
                label=b["label"],
                severity=b["severity"],
                advice=b["advice"],
            )
            for b in d["bands"]
        )
    for section_order, s in enumerate(spec["sections"]):
        section = Section.objects.create(
            questionnaire=questionnaire, title=s["title"], introduction=s["introduction"], order=section_order
        )
        for question_order, q in enumerate(s["questions"]):
            question = Question.objects.create(
                section=section,
                dimension=dimensions.get(q.get("dimension")),
                code=q.get("code", ""),
                text=q["text"],
                kind=q["kind"],
                required=q.get("required", True),
                min_value=q.get("min"),
                max_value=q.get("max"),
                is_crisis_item=q.get("crisis", False),
                order=question_order,
            )
            Choice.objects.bulk_create(
                Choice(
                    question=question,
                    label=choice[0],
                    points=choice[1],
                    not_applicable=len(choice) > 2 and choice[2] == NOT_APPLICABLE,
                    order=choice_order,
                )
                for choice_order, choice in enumerate(q.get("choices", []))
            )
    Pattern.objects.bulk_create(
        Pattern(
            questionnaire=questionnaire,
            key=p["key"],
            title=p["title"],
            explanation=p["explanation"],
            daily_steps="\n".join(p["steps"]),
            journal_tips="\n".join(p["tips"]),
        )
        for p in spec.get("patterns", [])
    )
    return questionnaire
