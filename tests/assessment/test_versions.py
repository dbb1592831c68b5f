"""Versions people have answered never change; staff duplicate, edit, preview and publish."""

import pytest
from django.core.management import call_command

from assessment.models import Attempt, Band, Choice, Question, Questionnaire, Section
from tests.assessment.conftest import answer_everything, start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def answered_phq9(phq9):
    """A PHQ-9 answered anonymously in a browser of its own (staff use the `client`)."""
    from django.test import Client

    browser = Client()
    response = start(browser, phq9)
    answer_everything(browser, response, points=2)
    response.browser = browser
    return response


def test_loading_the_default_content_twice_changes_nothing(default_content):
    counts = [m.objects.count() for m in (Questionnaire, Section, Question, Choice, Band)]
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.objects.count() for m in (Questionnaire, Section, Question, Choice, Band)] == counts
    assert counts[0] == 4


def test_a_published_version_with_responses_is_read_only_in_the_admin(staff_client, answered_phq9):
    phq9 = answered_phq9.questionnaire
    page = staff_client.get(f"/admin/assessment/questionnaire/{phq9.pk}/change/").content.decode()
    assert 'name="_save"' not in page

    refused = staff_client.post(f"/admin/assessment/questionnaire/{phq9.pk}/change/", {"title": "Changed"})
    assert refused.status_code == 403
    section = phq9.sections.first()
    assert staff_client.post(f"/admin/assessment/section/{section.pk}/change/", {"title": "X"}).status_code == 403
    question = section.questions.first()
    assert staff_client.post(f"/admin/assessment/question/{question.pk}/change/", {"text": "X"}).status_code == 403
    assert staff_client.post(f"/admin/assessment/question/{question.pk}/delete/", {"post": "yes"}).status_code == 403
    phq9.refresh_from_db()
    assert phq9.title == "PHQ-9: mood"
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_version_nobody_has_answered_can_be_edited(staff_client, phq9):
    page = staff_client.get(f"/admin/assessment/questionnaire/{phq9.pk}/change/").content.decode()
    assert 'name="_save"' in page


def test_new_sections_cannot_be_added_to_an_answered_version(staff_client, answered_phq9):
    page = staff_client.get("/admin/assessment/section/add/").content.decode()
    select = page[page.index('name="questionnaire"') :].split("</select>")[0]
    assert f'value="{answered_phq9.questionnaire_id}"' not in select
    gad7 = Questionnaire.objects.get(slug="gad-7")
    assert f'value="{gad7.pk}"' in select


def test_duplicate_then_publish_keeps_old_results_with_their_old_questions_and_scores(staff_client, answered_phq9):
    v1 = answered_phq9.questionnaire
    staff_client.post("/admin/assessment/questionnaire/", {"action": "duplicate_as_draft", "_selected_action": [v1.pk]})
    v2 = Questionnaire.objects.get(slug="phq-9", version=2)
    assert v2.status == Questionnaire.Status.DRAFT
    assert Question.objects.filter(section__questionnaire=v2).count() == 10
    assert Band.objects.filter(dimension__questionnaire=v2).count() == 5
    assert Question.objects.get(section__questionnaire=v2, is_crisis_item=True).dimension.questionnaire == v2

    # Staff reword a question and rename a band in the draft, preview it, then publish it.
    Question.objects.filter(section__questionnaire=v2, code="1").update(text="Little interest in things (reworded)")
    Band.objects.filter(dimension__questionnaire=v2, label="Moderately severe").update(label="Quite severe")
    preview = staff_client.get(f"/admin/assessment/questionnaire/{v2.pk}/preview/").content.decode()
    assert "Little interest in things (reworded)" in preview
    staff_client.post("/admin/assessment/questionnaire/", {"action": "publish", "_selected_action": [v2.pk]})
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (Questionnaire.Status.RETIRED, Questionnaire.Status.PUBLISHED)

    # The old result still shows the old wording, the old band and the old score.
    client = answered_phq9.browser
    html = client.get(f"/assessment/r/{answered_phq9.pk}/").content.decode()
    assert "Little interest or pleasure in doing things" in html
    assert "reworded" not in html
    assert "Moderately severe" in html
    assert "Your total: 18 of 27" in html

    # New people take the new version.
    new = start(client, v2)
    assert new.questionnaire == v2
    assert Attempt.objects.filter(questionnaire=v1).count() == 1


def test_only_staff_see_the_preview(client, user, phq9):
    client.force_login(user)
    response = client.get(f"/admin/assessment/questionnaire/{phq9.pk}/preview/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_responses_and_answers_are_not_in_the_admin(staff_client, answered_phq9):
    assert staff_client.get("/admin/assessment/response/").status_code == 404
    assert staff_client.get("/admin/assessment/answer/").status_code == 404
    index = staff_client.get("/admin/").content.decode()
    assert "Responses" not in index
