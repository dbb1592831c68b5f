"""Taking a questionnaire through the test client: starting, saving every step, resuming,
submitting, claiming anonymous answers, and never seeing or touching someone else's."""

import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Consent
from accounts.services import consent_give, consent_withdraw
from assessment.models import Answer, Attempt
from tests.assessment.conftest import answer_everything, start, step_data
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_four_published_questionnaires(client, default_content):
    html = client.get("/assessment/").content.decode()
    for title in ["The Migraine Profile", "PHQ-9: mood", "GAD-7: anxiety", "MIDAS: migraine disability"]:
        assert title in html
    assert "Educational, not a validated test" in html


def test_the_introduction_says_how_long_what_you_get_and_about_privacy(client, profile):
    html = client.get("/assessment/migraine-profile/").content.decode()
    assert "About 6 minutes" in html
    assert "What you get" in html
    assert "Our staff never see your answers" in html
    assert "Educational, not a validated test" in html
    assert "Your consent to storing health information" in html  # shown in full before anything is kept


def test_an_unknown_or_unpublished_questionnaire_is_404(client, default_content):
    assert client.get("/assessment/no-such-thing/").status_code == 404


def test_an_anonymous_person_must_agree_before_any_answer_is_kept(client, phq9):
    response = client.post("/assessment/phq-9/", {})
    assert response.status_code == 400  # every invalid POST answers 400
    assert "Tick the box to agree" in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_logged_in_person_without_consent_is_asked_for_it_first(client, user, phq9):
    client.force_login(user)
    response = client.post("/assessment/phq-9/")
    assert response.status_code == 302
    assert response["Location"] == "/account/consent/?next=/assessment/phq-9/"
    assert not Attempt.objects.exists()


def test_withdrawing_consent_mid_way_stops_further_answers_being_kept(client, consenting_user, phq9):
    client.force_login(consenting_user)
    response = start(client, phq9)
    consent_withdraw(user=consenting_user)
    reply = client.post(f"/assessment/r/{response.pk}/", step_data(response, 0))
    assert reply.status_code == 302
    assert reply["Location"].startswith("/account/consent/")
    assert not Answer.objects.exists()


def test_each_step_is_saved_and_the_person_resumes_where_they_left_off(client, profile):
    response = start(client, profile)
    client.post(f"/assessment/r/{response.pk}/", step_data(response, 0))
    client.post(f"/assessment/r/{response.pk}/", step_data(response, 1, points=3))
    response.refresh_from_db()
    assert response.current_step == 2
    assert Answer.objects.filter(attempt=response).count() == 4 + 9

    # The tab is closed; later the list offers to resume, and the step opens where they were.
    assert f"/assessment/r/{response.pk}/" in client.get("/assessment/").content.decode()
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert "Step 3 of 4" in html
    assert "Your body and inflammation" in html

    # Going back shows the earlier answers, ticked.
    client.post(f"/assessment/r/{response.pk}/", {**step_data(response, 2), "action": "back"})
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert "Step 2 of 4" in html
    assert html.count("checked") == 9


def test_the_last_step_scores_and_shows_the_result(client, profile):
    response = start(client, profile)
    answer_everything(client, response, points=3)
    assert response.status == Attempt.Status.SUBMITTED
    assert response.result["pattern"] == "mixed"
    assert [d["percent"] for d in response.result["dimensions"]] == [75, 75, 75]
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert "Your answers: mixed, no pattern clearly ahead" in html
    assert "Twin Research and Human Genetics" in html
    assert "Educational, not a diagnosis." in html
    assert "75%" in html


def test_submitting_twice_or_posting_an_old_step_changes_nothing(client, phq9):
    response = start(client, phq9)
    answer_everything(client, response, points=2)
    stored = (response.result, response.submitted_at)
    again = client.post(f"/assessment/r/{response.pk}/", step_data(response, 1, action="submit"))
    back = client.post(f"/assessment/r/{response.pk}/", step_data(response, 0, points=0, action="back"))
    assert again.status_code == back.status_code == 302
    response.refresh_from_db()
    assert (response.result, response.submitted_at) == stored
    assert response.result["dimensions"][0]["raw"] == 18


def test_phq9_item_9_above_zero_shows_the_crisis_resources_at_the_top(client, phq9):
    response = start(client, phq9)
    data = step_data(response, 0, points=0)
    item9 = response.questionnaire.sections.first().questions.get(is_crisis_item=True)
    data[f"q{item9.pk}"] = str(item9.choices.get(points=1).pk)
    client.post(f"/assessment/r/{response.pk}/", data)

    # At once, on the very next step, before the result.
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert 'id="crisis-heading"' in html
    assert "116 123" in html

    client.post(f"/assessment/r/{response.pk}/", step_data(response, 1, action="submit"))
    response.refresh_from_db()
    assert response.crisis is True
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert html.index('id="crisis-heading"') < html.index("<h1")
    assert "Minimal" in html  # a total of 1, and the crisis help shows all the same


def test_no_crisis_box_when_item_9_is_zero(client, phq9):
    response = start(client, phq9)
    answer_everything(client, response, points=0)
    assert 'id="crisis-heading"' not in client.get(f"/assessment/r/{response.pk}/").content.decode()


def test_signing_up_offers_the_anonymous_answers_and_moves_nothing_without_a_yes(client, phq9, mailoutbox):
    response = start(client, phq9)
    answer_everything(client, response)
    client.post(
        "/accounts/signup/",
        {"email": "later@example.com", "password1": PASSWORD, "password2": PASSWORD, "adult": "on"},
    )
    response.refresh_from_db()
    assert response.user is None
    # Agreeing on the start page covered the anonymous answers only: no consent on the account.
    assert not Consent.objects.filter(user__email="later@example.com").exists()


def test_logging_in_asks_and_a_yes_adds_the_answers_to_my_results(client, consenting_user, phq9):
    response = start(client, phq9)
    answer_everything(client, response)
    client.post("/accounts/login/", {"login": consenting_user.email, "password": PASSWORD})
    page = client.get("/assessment/results/").content.decode()
    assert "We found 1 questionnaire answered in this browser before you logged in." in page
    offer = client.get("/assessment/keep/").content.decode()
    assert "We found 1 questionnaire answered in this browser in the last hour" in offer
    assert "PHQ-9: mood" in offer
    reply = client.post("/assessment/keep/", {"answer": "yes"})
    assert reply["Location"] == "/assessment/results/"
    response.refresh_from_db()
    assert response.user == consenting_user
    html = client.get("/assessment/results/").content.decode()
    assert f"/assessment/r/{response.pk}/" in html
    assert "We found" not in html  # the offer is closed


def test_a_yes_without_the_accounts_own_consent_asks_for_it_first(client, user, phq9):
    response = start(client, phq9)
    answer_everything(client, response)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    reply = client.post("/assessment/keep/", {"answer": "yes"})
    assert reply["Location"].startswith("/account/consent/?next=/assessment/keep/")
    response.refresh_from_db()
    assert response.user is None
    client.post("/account/consent/", {"agree": "on", "next": "/assessment/keep/"})
    client.post("/assessment/keep/", {"answer": "yes"})
    response.refresh_from_db()
    assert response.user == user


def test_two_people_on_one_browser_nothing_moves_without_a_yes(client, phq9):
    """Ann answers the PHQ-9 anonymously and leaves; Bob logs in on the same browser."""
    anns = start(client, phq9)
    answer_everything(client, anns, points=2)
    bob = UserFactory()
    consent_give(user=bob)
    client.post("/accounts/login/", {"login": bob.email, "password": PASSWORD})
    client.get("/journal/")
    client.get("/assessment/results/")
    anns.refresh_from_db()
    assert anns.user is None  # looking around moves nothing
    reply = client.post("/assessment/keep/", {"answer": "no"})
    assert reply.status_code == 302
    assert not Attempt.objects.filter(pk=anns.pk).exists()  # declined: deleted, never Bob's
    assert not Attempt.objects.filter(user=bob).exists()
    assert "We found" not in client.get("/assessment/results/").content.decode()


def test_answers_older_than_an_hour_are_neither_offered_nor_opened(client, consenting_user, phq9):
    response = start(client, phq9)
    Attempt.objects.filter(pk=response.pk).update(started_at=response.started_at - timedelta(minutes=61))
    session = client.session
    session["assessment_anonymous"] = {str(response.pk): (response.started_at - timedelta(minutes=61)).timestamp()}
    session.save()
    assert client.get(f"/assessment/r/{response.pk}/").status_code == 404
    client.post("/accounts/login/", {"login": consenting_user.email, "password": PASSWORD})
    assert "We found" not in client.get("/assessment/results/").content.decode()


def test_double_clicking_start_makes_one_response(client, consenting_user, phq9):
    client.force_login(consenting_user)
    page = client.get("/assessment/phq-9/").content.decode()
    key = re.search(r'name="start_key" value="([^"]+)"', page).group(1)
    first = client.post("/assessment/phq-9/", {"start_key": key})
    second = client.post("/assessment/phq-9/", {"start_key": key})
    assert first["Location"] == second["Location"]
    assert Attempt.objects.filter(user=consenting_user).count() == 1


def test_double_clicking_start_anonymously_makes_one_response(client, phq9):
    key = re.search(r'name="start_key" value="([^"]+)"', client.get("/assessment/phq-9/").content.decode()).group(1)
    first = client.post("/assessment/phq-9/", {"agree": "on", "start_key": key})
    second = client.post("/assessment/phq-9/", {"agree": "on", "start_key": key})
    assert first["Location"] == second["Location"]
    assert Attempt.objects.count() == 1


def test_another_persons_start_key_never_hands_over_their_response(client, django_client_factory, phq9):
    key = "k" * 22
    client.post("/assessment/phq-9/", {"agree": "on", "start_key": key})
    other = django_client_factory()
    reply = other.post("/assessment/phq-9/", {"agree": "on", "start_key": key})
    assert other.get(reply["Location"]).status_code == 200  # a response of its own
    assert Attempt.objects.count() == 2


def test_a_stranger_gets_404_on_another_persons_response(client, consenting_user, phq9):
    client.force_login(consenting_user)
    response = start(client, phq9)
    answer_everything(client, response)
    stranger = UserFactory()
    consent_give(user=stranger)
    client.force_login(stranger)
    assert client.get(f"/assessment/r/{response.pk}/").status_code == 404
    assert client.post(f"/assessment/r/{response.pk}/", step_data(response, 0)).status_code == 404
    assert "PHQ-9" not in client.get("/assessment/results/").content.decode()


def test_another_browser_session_gets_404_on_an_anonymous_response(client, django_client_factory, phq9):
    response = start(client, phq9)
    other = django_client_factory()
    assert other.get(f"/assessment/r/{response.pk}/").status_code == 404
    assert other.post(f"/assessment/r/{response.pk}/", step_data(response, 0)).status_code == 404
    assert not Answer.objects.exists()


def test_an_anonymous_visitor_cannot_open_a_users_response_by_its_id(client, consenting_user, phq9):
    client.force_login(consenting_user)
    response = start(client, phq9)
    client.logout()
    assert client.get(f"/assessment/r/{response.pk}/").status_code == 404


def test_the_step_rejects_other_methods(client, phq9):
    response = start(client, phq9)
    assert client.put(f"/assessment/r/{response.pk}/").status_code == 405
    assert client.delete(f"/assessment/r/{response.pk}/").status_code == 405


def test_a_missing_answer_is_a_clear_form_error_and_nothing_is_written(client, phq9):
    response = start(client, phq9)
    data = step_data(response, 0)
    del data[next(k for k in data if k.startswith("q"))]
    reply = client.post(f"/assessment/r/{response.pk}/", data)
    assert reply.status_code == 400
    assert "Please answer this question." in reply.content.decode()
    assert not Answer.objects.exists()


@pytest.fixture
def django_client_factory():
    from django.test import Client

    return Client


def query_count(client, method, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        reply = getattr(client, method)(url, data or {})
    assert reply.status_code in (200, 302), reply.status_code
    return len(ctx.captured_queries)


def cold(client, url) -> int:
    """Queries for the page as rendered afresh (its cached copy dropped, as a save would)."""
    caches["pages"].clear()
    return query_count(client, "get", url)


def test_a_step_costs_the_same_queries_for_10_and_60_questions(client, consenting_user, ten_questions,
                                                               sixty_questions):  # fmt: skip
    client.force_login(consenting_user)
    small, large = start(client, ten_questions), start(client, sixty_questions)
    # The first view in a process reads each version's content once (sections, questions,
    # choices, bands, patterns) and keeps it: versions with responses never change.
    assert cold(client, f"/assessment/r/{small.pk}/") == cold(client, f"/assessment/r/{large.pk}/") == 11
    # Then: session, user (with their consent, accounts.backends), page cache look-up, response +
    # questionnaire, the saved answers (with their crisis flags), page cache write.
    assert cold(client, f"/assessment/r/{small.pk}/") == cold(client, f"/assessment/r/{large.pk}/") == 6
    # Asked again: session, user, the cached page.
    assert query_count(client, "get", f"/assessment/r/{large.pk}/") == 3
    # POST: session, user (with consent), response; then savepoint, lock the response, delete + one
    # bulk insert of this step's answers, move the step, release.
    post_small = query_count(client, "post", f"/assessment/r/{small.pk}/", step_data(small, 0, action="submit"))
    post_large = query_count(client, "post", f"/assessment/r/{large.pk}/", step_data(large, 0))
    assert post_small > post_large  # the small one also scores and submits
    assert post_large == 9


def test_the_result_page_costs_the_same_queries_for_10_and_60_questions(client, consenting_user, ten_questions,
                                                                        sixty_questions):  # fmt: skip
    client.force_login(consenting_user)
    small, large = start(client, ten_questions), start(client, sixty_questions)
    answer_everything(client, small)
    answer_everything(client, large)
    # session, user, page cache look-up, response + questionnaire, the answers, page cache write
    # (bands, pattern, questions and labels come from the version kept in memory; no crisis text
    # without a crisis answer).
    assert cold(client, f"/assessment/r/{small.pk}/") == 6
    assert cold(client, f"/assessment/r/{large.pk}/") == 6


def test_a_profile_result_with_a_crisis_stays_within_8_queries(client, consenting_user, profile, phq9):
    client.force_login(consenting_user)
    result = start(client, profile)
    answer_everything(client, result, points=2)
    cold(client, f"/assessment/r/{result.pk}/")
    assert cold(client, f"/assessment/r/{result.pk}/") == 6
    crisis = start(client, phq9)
    answer_everything(client, crisis, points=1)  # item 9 above 0
    cold(client, f"/assessment/r/{crisis.pk}/")
    # the screener's six, and the crisis text
    assert cold(client, f"/assessment/r/{crisis.pk}/") == 7


FIELD_VALUES = st.one_of(st.text(max_size=12), st.integers(-5, 10**6).map(str), st.just(""))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(st.sampled_from(["step", "action", "q1", "q2", "qx", "q999999", "agree"]), FIELD_VALUES))
def test_random_post_bodies_never_500_and_never_write_a_partial_step(client, consenting_user, ten_questions, body):
    client.force_login(consenting_user)
    response = Attempt.objects.create(questionnaire=ten_questions, user=consenting_user, consent_version="x")
    section = ten_questions.sections.first()
    ids = [q.pk for q in section.questions.all()]
    body = {k.replace("q1", f"q{ids[0]}").replace("q2", f"q{ids[1]}"): v for k, v in body.items()}
    reply = client.post(f"/assessment/r/{response.pk}/", body)
    assert reply.status_code in (302, 400)
    # A step is saved whole or not at all: 10 answers (next) or none, except "back", which
    # keeps only answers that were valid on their own.
    saved = Answer.objects.filter(attempt=response).count()
    if body.get("action") == "back":
        assert saved <= 2
    else:
        assert saved in (0, 10)
        assert (saved == 10) == (reply.status_code == 302)


def test_old_anonymous_answers_are_deleted_and_nothing_else(client, consenting_user, phq9):
    from django.core.management import call_command

    old, recent = start(client, phq9), start(client, phq9)
    client.force_login(consenting_user)
    owned = start(client, phq9)
    Attempt.objects.filter(pk__in=[old.pk, owned.pk]).update(started_at=old.started_at - timedelta(days=2))
    call_command("delete_old_anonymous_answers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Attempt.objects.values_list("pk", flat=True)) == {recent.pk, owned.pk}
