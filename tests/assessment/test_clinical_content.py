"""Issue 10: the profile describes what was reported; content ships as new versions; MIDAS rules."""

import re

import pytest
from django.core.management import call_command

from assessment import content
from assessment.models import Pattern, Questionnaire
from tests.assessment.conftest import answer_everything, start, step_data

pytestmark = pytest.mark.django_db

# Phrases that claim a cause, a cure or measured biology. The profile is a self-report questionnaire.
FORBIDDEN = [
    "point strongly",
    "point most",
    "signs that",
    "signalling is involved",
    "can ease",
    "causes",
    "cure",
    "can disturb",
    "seems to matter",
    "more than one pathway seems to matter",
    "share biology",
    "not by chance",
    "can help a great deal",
]


def profile_texts():
    p = content.MIGRAINE_PROFILE
    yield p["summary"]
    yield p["introduction"]
    yield p["what_you_get"]
    for d in p["dimensions"]:
        yield d["description"]
        for band in d["bands"]:
            yield band["label"]
            yield band["advice"]
    for pattern in p["patterns"]:
        yield pattern["title"]
        yield pattern["explanation"]
        yield from pattern["steps"]
        yield from pattern["tips"]


def test_no_profile_text_claims_a_cause_or_a_cure():
    for text in profile_texts():
        for phrase in FORBIDDEN:
            assert phrase not in text.lower(), (phrase, text)


def test_the_research_text_claims_no_cause_or_cure():
    with open("templates/assessment/includes/pathways_research.html") as handle:
        text = re.sub(r"\s+", " ", handle.read()).lower()
    for phrase in [*FORBIDDEN, "can trigger", "feeding both", "you are not broken"]:
        assert phrase not in text, phrase


def test_the_result_page_says_educational_and_not_validated(client, profile):
    response = start(client, profile)
    answer_everything(client, response, points=1)
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert "not a validated instrument" in html


def test_an_old_profile_result_keeps_its_version_and_text(client, monkeypatch):
    # An install loaded before issue 10: the profile at version 1 with the old wording.
    monkeypatch.setitem(content.MIGRAINE_PROFILE, "version", 1)
    old_patterns = [dict(p, title="Old: " + p["key"]) for p in content.MIGRAINE_PROFILE["patterns"]]
    monkeypatch.setitem(content.MIGRAINE_PROFILE, "patterns", old_patterns)
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    v1 = Questionnaire.objects.get(slug="migraine-profile")
    answered = start(client, v1)
    answer_everything(client, answered, points=3)
    monkeypatch.undo()

    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    v2 = Questionnaire.objects.get(slug="migraine-profile", status="published")
    v1.refresh_from_db()
    assert (v1.version, v1.status, v2.version) == (1, "retired", 2)
    answered.refresh_from_db()
    assert answered.questionnaire_id == v1.pk
    assert Pattern.objects.get(questionnaire=v1, key="mixed").title == "Old: mixed"
    assert "Old: mixed" in client.get(f"/assessment/r/{answered.pk}/").content.decode()
    assert Pattern.objects.get(questionnaire=v2, key="mixed").title == "Your answers: mixed, no pattern clearly ahead"

    # Idempotent: a third run changes nothing.
    count = Questionnaire.objects.count()
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Questionnaire.objects.count() == count == 5  # profile v1 and v2, PHQ-9, GAD-7, MIDAS


def test_the_menstrual_item_can_be_answered_does_not_apply(client, profile):
    response = start(client, profile)
    data = step_data(response, 3, points=4)
    question = next(
        q for q in response.questionnaire.sections.all()[3].questions.all() if q.text == content.MENSTRUAL_ITEM
    )
    data[f"q{question.pk}"] = str(question.choices.get(not_applicable=True).pk)
    for step in range(3):
        client.post(f"/assessment/r/{response.pk}/", step_data(response, step, points=0))
    client.post(f"/assessment/r/{response.pk}/", {**data, "action": "submit"})
    response.refresh_from_db()
    serotonin = next(d for d in response.result["dimensions"] if d["key"] == "serotonin")
    assert (serotonin["raw"], serotonin["maximum"], serotonin["percent"]) == (32, 32, 100)


@pytest.fixture
def midas(default_content):
    return Questionnaire.objects.get(slug="midas", status="published")


def midas_step(response, days: dict[str, int]) -> dict:
    data = step_data(response, 0, points=0)
    for question in response.questionnaire.sections.all()[0].questions.all():
        if question.code in days:
            data[f"q{question.pk}"] = str(days[question.code])
    return data


@pytest.mark.parametrize(
    ("days", "refused"),
    [
        ({"1": 45, "2": 45}, None),
        ({"1": 45, "2": 46}, "2"),
        ({"3": 90, "4": 1}, "4"),
        ({"3": 0, "4": 90, "1": 90, "2": 0}, None),
    ],
)
def test_midas_refuses_more_than_90_days_in_a_pair(client, midas, days, refused):
    response = start(client, midas)
    reply = client.post(f"/assessment/r/{response.pk}/", midas_step(response, days))
    if refused is None:
        assert reply.status_code == 302
    else:
        html = reply.content.decode()
        assert reply.status_code == 400
        assert f"and {refused} together cannot come to more than 90 days" in html


def test_midas_shows_score_and_grade_never_of_450(client, midas):
    response = start(client, midas)
    client.post(f"/assessment/r/{response.pk}/", midas_step(response, {"1": 3, "2": 2, "3": 4, "4": 1, "5": 2}))
    client.post(f"/assessment/r/{response.pk}/", {**step_data(response, 1, points=5), "action": "submit"})
    response.refresh_from_db()
    assert response.status == "submitted"
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert "MIDAS score 12 (Grade III: moderate disability)" in html
    assert "of 450" not in html
    assert (
        "Write zero if you did not do the activity in the last 3 months."
        in content.MIDAS["sections"][0]["introduction"]
    )
    assert "to assess headache-related disability" in midas.attribution


@pytest.mark.parametrize("questionnaire", [content.PHQ9, content.GAD7])
def test_every_scored_phq9_and_gad7_item_is_required(questionnaire):
    questions = [q for s in questionnaire["sections"] for q in s["questions"]]
    assert all(q.get("required", True) for q in questions if q.get("dimension"))
    # The one unscored item is "how difficult", optional as published.
    (difficulty,) = [q for q in questions if not q.get("dimension")]
    assert "how difficult" in difficulty["text"]


def test_midas_pairs_rule_is_pure():
    from assessment.scoring import midas_pairs_over

    assert midas_pairs_over({"1": 45, "2": 45, "3": 90, "4": 0}) == []
    assert midas_pairs_over({"1": 45, "2": 46, "3": 0, "4": 91}) == [("1", "2"), ("3", "4")]
    assert midas_pairs_over({"1": 91}) == []  # a missing partner is the form's "required" error
