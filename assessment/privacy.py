"""What the assessment stores about a person, for the privacy download and account deletion
(see core/personal_data.py): every attempt with its answers, in two queries."""

import json

from django.db.models import Prefetch

from assessment.models import Answer, Attempt
from core.personal_data import plain


def personal_data(user) -> dict:
    attempts = (
        Attempt.objects.for_user(user)
        .select_related("questionnaire")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("question").prefetch_related("question__choices"),
            )
        )
        .order_by("started_at")
    )
    return {"assessment_attempts": [attempt_data(a) for a in attempts]}


def attempt_data(attempt: Attempt) -> dict:
    return {
        "id": str(attempt.pk),
        "questionnaire": attempt.questionnaire.slug,
        "questionnaire_title": attempt.questionnaire.title,
        "questionnaire_version": attempt.questionnaire.version,
        "status": attempt.status,
        "consent_version": attempt.consent_version,
        "started_at": plain(attempt.started_at),
        "submitted_at": plain(attempt.submitted_at),
        "result": attempt.result,
        "answers": [
            {
                "question_id": a.question_id,
                "code": a.question.code,
                "question": a.question.text,
                "value": a.value,
                "answer": answer_label(a),
            }
            for a in attempt.answers.all()
        ],
    }


def answer_label(answer: Answer) -> str:
    labels = {c.pk: c.label for c in answer.question.choices.all()}
    values = answer.value if isinstance(answer.value, list) else [answer.value]
    return "; ".join(labels.get(v, str(v)) for v in values)


def csv_tables(data: dict) -> dict[str, list[dict]]:
    return {
        "assessment_attempts.csv": [
            {k: (json.dumps(v) if k == "result" else v) for k, v in r.items() if k != "answers"}
            for r in data["assessment_attempts"]
        ],
        "assessment_answers.csv": [
            {"attempt_id": r["id"], **{k: (json.dumps(v) if k == "value" else v) for k, v in a.items()}}
            for r in data["assessment_attempts"]
            for a in r["answers"]
        ],
    }


def delete_personal_data(*, user) -> None:
    Attempt.objects.filter(user=user).delete()  # answers go with their attempt
