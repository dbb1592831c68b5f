"""The screener results as a FHIR R4 Bundle: every resource validated by fhir.resources, codes
and values checked against the app's own scores."""

import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from assessment.models import Questionnaire
from tests.accounts.test_privacy import reauthenticate
from tests.assessment.conftest import answer_everything, start, step_data
from tests.assessment.test_crisis import with_item9

pytestmark = pytest.mark.django_db

URL = "/assessment/results/screeners.fhir.json"


def download(client) -> dict:
    reauthenticate(client)
    reply = client.get(URL)
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/fhir+json"
    assert "no-store" in reply["Cache-Control"]
    assert reply["Content-Disposition"].startswith('attachment; filename="migraine-heroes-screeners-')
    return json.loads(reply.content)


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle.get("entry", []) if e["resource"]["resourceType"] == kind]


def test_a_phq9_gad7_and_midas_become_validated_resources_with_their_codes_and_scores(
    client, consenting_user, default_content
):
    client.force_login(consenting_user)
    phq9 = start(client, Questionnaire.objects.get(slug="phq-9", status="published"))
    client.post(f"/assessment/r/{phq9.pk}/", with_item9(phq9, 2))
    client.post(f"/assessment/r/{phq9.pk}/", step_data(phq9, 1, points=1, action="submit"))
    gad7 = start(client, Questionnaire.objects.get(slug="gad-7", status="published"))
    answer_everything(client, gad7, points=3)
    start(client, Questionnaire.objects.get(slug="migraine-profile", status="published"))  # not exported
    phq9.refresh_from_db()
    gad7.refresh_from_db()

    bundle = download(client)
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    observations = {o["code"]["coding"][0]["code"]: o for o in resources(bundle, "Observation")}
    assert set(observations) == {"44261-6", "70274-6"}
    phq_total = observations["44261-6"]
    Observation.model_validate(phq_total)
    assert phq_total["valueInteger"] == phq9.result["dimensions"][0]["raw"]
    assert phq_total["category"][0]["coding"][0]["code"] == "survey"
    (component,) = phq_total["component"]
    assert component["code"]["coding"][0]["code"] == "44260-8"
    assert component["valueInteger"] == 2
    assert observations["70274-6"]["valueInteger"] == 21 == gad7.result["dimensions"][0]["raw"]
    responses = resources(bundle, "QuestionnaireResponse")
    assert [r["questionnaire"] for r in responses] == ["http://loinc.org/q/44249-1", "http://loinc.org/q/69737-5"]
    for response in responses:
        QuestionnaireResponse.model_validate(response)
    phq_items = {i["linkId"]: i["answer"][0]["valueCoding"]["code"] for i in responses[0]["item"]}
    assert phq_items["9"] == "2"
    # Each Observation points at its own QuestionnaireResponse.
    urls = {e["resource"]["resourceType"] + str(i): e["fullUrl"] for i, e in enumerate(bundle["entry"])}
    assert phq_total["derivedFrom"][0]["reference"] == urls["QuestionnaireResponse0"]


def test_midas_is_coded_locally_with_a_note_and_its_day_counts(client, consenting_user, default_content):
    client.force_login(consenting_user)
    midas = start(client, Questionnaire.objects.get(slug="midas", status="published"))
    answer_everything(client, midas, points=4)
    midas.refresh_from_db()
    bundle = download(client)
    (observation,) = resources(bundle, "Observation")
    assert observation["code"]["coding"][0]["code"] == "midas-total"
    assert observation["valueInteger"] == midas.result["dimensions"][0]["raw"]
    assert any("no LOINC code" in note["text"] for note in observation["note"])
    (response,) = resources(bundle, "QuestionnaireResponse")
    assert all(item["answer"][0]["valueInteger"] == 4 for item in response["item"])


def test_no_results_is_an_empty_valid_collection(client, consenting_user):
    client.force_login(consenting_user)
    bundle = download(client)
    Bundle.model_validate(bundle)
    assert bundle.get("entry", []) == []


def test_it_asks_for_the_password_again(client, consenting_user):
    client.force_login(consenting_user)
    assert client.get(URL)["Location"].startswith("/accounts/reauthenticate/")


def test_a_stranger_never_gets_another_persons_results(client, consenting_user, default_content):
    from accounts.services import consent_give
    from tests.factories import UserFactory

    client.force_login(consenting_user)
    answer_everything(client, start(client, Questionnaire.objects.get(slug="gad-7", status="published")))
    stranger = UserFactory()
    consent_give(user=stranger)
    client.force_login(stranger)
    assert resources(download(client), "Observation") == []
