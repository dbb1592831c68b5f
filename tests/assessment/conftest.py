import pytest
from django.core.management import call_command
from django.utils import timezone

from assessment.models import Attempt, Band, Choice, Dimension, Question, Questionnaire, Section


@pytest.fixture
def default_content(db):
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def phq9(default_content):
    return Questionnaire.objects.get(slug="phq-9", status="published")


@pytest.fixture
def profile(default_content):
    return Questionnaire.objects.get(slug="migraine-profile", status="published")


def make_questionnaire(questions: int, *, per_section: int = 10, slug: str | None = None) -> Questionnaire:
    """A published screener with `questions` single-choice items (0–3 points), `per_section` a step."""
    questionnaire = Questionnaire.objects.create(
        slug=slug or f"made-{questions}",
        status=Questionnaire.Status.PUBLISHED,
        published_at=timezone.now(),
        kind=Questionnaire.Kind.SCREENER,
        title=f"Made-up {questions}",
        summary="For tests",
        introduction="For tests",
    )
    dimension = Dimension.objects.create(questionnaire=questionnaire, key="total", name="Total")
    Band.objects.create(dimension=dimension, min_score=0, max_score=questions * 3, label="Any")
    for start in range(0, questions, per_section):
        section = Section.objects.create(questionnaire=questionnaire, title=f"Part {start // per_section + 1}",
                                         order=start)  # fmt: skip
        for n in range(start, min(start + per_section, questions)):
            question = Question.objects.create(section=section, dimension=dimension, text=f"Question {n}", order=n)
            Choice.objects.bulk_create(Choice(question=question, label=str(p), points=p, order=p) for p in range(4))
    return questionnaire


@pytest.fixture
def ten_questions(db):
    return make_questionnaire(10)


@pytest.fixture
def sixty_questions(db):
    return make_questionnaire(60)


def start(client, questionnaire, *, agree=True) -> Attempt:
    data = {"agree": "on"} if agree else {}
    response = client.post(f"/assessment/{questionnaire.slug}/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return Attempt.objects.get(pk=response["Location"].split("/")[-2])


def step_data(response: Attempt, step: int, points: int = 1, action: str = "next") -> dict:
    """POST data answering every question of `step` with the choice worth `points` (number
    questions get `points` as the number, multiple choice ticks the first choice)."""
    section = list(response.questionnaire.sections.all())[step]
    data = {"step": str(step), "action": action}
    for question in section.questions.prefetch_related("choices"):
        name = f"q{question.pk}"
        if question.kind == "number" or question.kind == "scale":
            data[name] = str(points)
        elif question.kind == "multiple":
            data[name] = [str(question.choices.all()[0].pk)]
        else:
            choices = list(question.choices.all())
            data[name] = str(next((c.pk for c in choices if c.points == points), choices[0].pk))
    return data


def answer_everything(client, response: Attempt, points: int = 1):
    count = response.questionnaire.sections.count()
    last = None
    for step in range(count):
        action = "submit" if step == count - 1 else "next"
        last = client.post(f"/assessment/r/{response.pk}/", step_data(response, step, points, action))
        assert last.status_code == 302, last.content.decode()[:2000]
    response.refresh_from_db()
    return last
