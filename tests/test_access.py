"""Ownership, for every route: walks the URL resolver, so a new route that takes an id, a uuid
or a date fails this suite until it is listed here with how a stranger is kept out."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver

from accounts.services import consent_give
from assessment.models import Questionnaire
from journal.models import Medication, Trigger
from tests.assessment.conftest import answer_everything, start
from tests.conftest import PINNED_TODAY
from tests.factories import PASSWORD, UserFactory
from tests.journal.conftest import entry_post

SECRET = "the owners private note"

# Routes with arguments that are not anyone's data, and why.
NOT_OWNED = {
    "assessment:intro": "a published questionnaire, the same for everyone",
    "account_confirm_email": "an emailed one-time key; a wrong key shows the invalid-link page",
    "account_reset_password_from_key": "an emailed one-time key; a wrong key shows the invalid-link page",
    "shared_report": "a random 256-bit token, stored hashed; a wrong one is 404 (tests/journal/test_sharing.py)",
    "shared_report_pdf": "the same token as shared_report",
}
OWNED = {
    "assessment:attempt",
    "journal:day",
    "journal:calendar",
    "journal:medication_remove",
    "journal:trigger_remove",
    "journal:report_share_revoke",
    # Attack mode: tests/journal/test_attack_mode.py::test_a_stranger_cannot_touch_someone_elses_attack_or_dose
    "journal:attack_pain",
    "journal:attack_dose",
    "journal:attack_over",
    "journal:dose_relief",
}


def named_routes_with_arguments():
    """{route name: pattern} for every route whose pattern captures something."""
    names = {}
    resolver = get_resolver()

    def visit(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                visit(pattern.url_patterns, ns)
            elif pattern.name and (pattern.pattern.converters or re.search(r"\(\?P<", str(pattern.pattern))):
                names[namespace + pattern.name] = str(pattern.pattern)

    visit(resolver.url_patterns)
    return {name: route for name, route in names.items() if not name.startswith("admin:")}


def test_every_route_that_takes_an_argument_is_covered_here():
    unlisted = set(named_routes_with_arguments()) - OWNED - set(NOT_OWNED)
    assert not unlisted, f"add an ownership test for {sorted(unlisted)}"


@pytest.fixture
def owner_and_stranger(db):
    call_command("load_default_content", stdout=io.StringIO())
    owner, stranger = UserFactory(email="owner@example.com"), UserFactory(email="stranger@example.com")
    consent_give(user=owner)
    consent_give(user=stranger)
    owner_client, stranger_client = Client(), Client()
    owner_client.post("/accounts/login/", {"login": owner.email, "password": PASSWORD})
    stranger_client.post("/accounts/login/", {"login": stranger.email, "password": PASSWORD})
    return owner, owner_client, stranger, stranger_client


def test_a_stranger_gets_404_on_a_response(owner_and_stranger):
    _owner, owner_client, _stranger, stranger_client = owner_and_stranger
    response = start(owner_client, Questionnaire.objects.get(slug="phq-9"))
    answer_everything(owner_client, response)
    url = f"/assessment/r/{response.pk}/"
    assert owner_client.get(url).status_code == 200
    assert stranger_client.get(url).status_code == 404
    assert stranger_client.post(url, {"action": "next"}).status_code == 404
    assert Client().get(url).status_code == 404  # nor an anonymous browser


def test_a_stranger_sees_only_their_own_empty_day_and_month(owner_and_stranger):
    owner, owner_client, _stranger, stranger_client = owner_and_stranger
    today = PINNED_TODAY
    owner_client.post("/journal/", entry_post(headache="migraine", pain="9", notes=SECRET))
    for url in [f"/journal/{today.isoformat()}/", f"/journal/calendar/{today.year}/{today.month}/"]:
        mine, theirs = owner_client.get(url).content.decode(), stranger_client.get(url)
        assert theirs.status_code == 200
        html = theirs.content.decode()
        assert SECRET not in html
        assert "9/10" not in html
        assert "9/10" in mine or SECRET in mine
    yesterday = (today - timedelta(days=1)).isoformat()
    assert stranger_client.post(f"/journal/{yesterday}/", entry_post()).status_code == 302
    assert owner.journal_entries.count() == 1


def test_a_stranger_gets_404_on_medicines_and_triggers(owner_and_stranger):
    owner, _owner_client, _stranger, stranger_client = owner_and_stranger
    medication = Medication.objects.create(user=owner, name="Sumatriptan", drug_class="triptan")
    trigger = Trigger.objects.create(user=owner, name="Chocolate")
    assert stranger_client.post(f"/journal/medications/{medication.pk}/remove/").status_code == 404
    assert stranger_client.post(f"/journal/triggers/{trigger.pk}/remove/").status_code == 404
    medication.refresh_from_db()
    trigger.refresh_from_db()
    assert medication.active
    assert trigger.active
