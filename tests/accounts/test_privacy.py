"""Download everything, withdraw consent, delete the account: every row of the person's, and
nobody else's."""

import io
import json
import zipfile
from datetime import time

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client

from accounts.models import Consent, LoginSession
from accounts.services import consent_give
from assessment.models import Answer, Attempt, Questionnaire
from journal.demo import seed_diary
from journal.models import Dose, Entry, Medication, ReminderSetting, Trigger
from tests.assessment.conftest import answer_everything, start
from tests.conftest import PINNED_TODAY
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def person_with_everything(email: str) -> tuple:
    """A person with a row in every model that holds personal data, logged in through the
    login form (so the session is recorded); returns (user, client)."""
    user = UserFactory(email=email)
    consent_give(user=user)
    client = Client()
    client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    profile = Questionnaire.objects.get(slug="phq-9")
    answer_everything(client, start(client, profile), points=1)
    start(client, Questionnaire.objects.get(slug="gad-7"))  # one left in progress
    seed_diary(user, days=40, end=PINNED_TODAY)
    ReminderSetting.objects.create(user=user, enabled=True, time=time(19, 30))
    return user, client


@pytest.fixture
def everything(db):
    call_command("load_default_content", stdout=io.StringIO())
    me = person_with_everything("me@example.com")
    other = person_with_everything("other@example.com")
    return me, other


def reauthenticate(client):
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_the_privacy_page_offers_downloads_withdrawal_and_deletion(logged_in_client):
    html = logged_in_client.get("/account/privacy/").content.decode()
    for words in ["Download as JSON", "Download as CSV files (zip)", "Delete my account", 'name="password"']:
        assert words in html


def test_downloads_ask_for_the_password_again(logged_in_client):
    response = logged_in_client.get("/account/privacy/my-data.json")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_the_json_export_has_every_row_of_mine_and_none_of_anyone_elses(everything):
    (me, client), (other, _other_client) = everything
    reauthenticate(client)
    response = client.get("/account/privacy/my-data.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)

    assert data["account"]["email"] == "me@example.com"
    assert [e["email"] for e in data["email_addresses"]] == ["me@example.com"]
    assert {c["id"] for c in data["consents"]} == ids(Consent.objects.filter(user=me))
    assert {r["id"] for r in data["assessment_attempts"]} == {str(pk) for pk in ids(Attempt.objects.filter(user=me))}
    exported_answers = sum(len(r["answers"]) for r in data["assessment_attempts"])
    assert exported_answers == Answer.objects.filter(attempt__user=me).count() > 0
    submitted = next(r for r in data["assessment_attempts"] if r["status"] == "submitted")
    assert submitted["result"]["dimensions"][0]["raw"] == 9
    assert submitted["answers"][0]["answer"] == "Several days"
    assert {e["id"] for e in data["journal_entries"]} == ids(Entry.objects.filter(user=me))
    assert {d["id"] for e in data["journal_entries"] for d in e["doses"]} == ids(Dose.objects.filter(entry__user=me))
    assert {m["id"] for m in data["medications"]} == ids(Medication.objects.filter(user=me))
    assert {t["id"] for t in data["triggers"]} == ids(Trigger.objects.filter(user=me))
    assert data["reminder"] == {
        "enabled": True,
        "time": "19:30:00",
        "last_sent_on": None,
        "ask_relief": False,
        "relief_asked_through": None,
    }

    text = response.content.decode()
    assert "other@example.com" not in text
    assert not ids(Entry.objects.filter(user=other)) & {e["id"] for e in data["journal_entries"]}


def test_the_csv_zip_has_a_file_per_table_with_every_row(everything):
    (me, client), _ = everything
    reauthenticate(client)
    response = client.get("/account/privacy/my-data.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert names == {"account.csv", "email_addresses.csv", "consents.csv", "assessment_attempts.csv",
                     "assessment_answers.csv", "journal_entries.csv", "doses.csv", "attacks.csv", "medications.csv",
                     "triggers.csv", "reminder.csv", "report_shares.csv"}  # fmt: skip
    entry_rows = archive.read("journal_entries.csv").decode().strip().splitlines()
    assert len(entry_rows) == 1 + Entry.objects.filter(user=me).count()
    dose_rows = archive.read("doses.csv").decode().strip().splitlines()
    assert len(dose_rows) == 1 + Dose.objects.filter(entry__user=me).count()


def test_withdrawing_consent_stops_new_health_data(everything):
    (me, client), _ = everything
    response = client.post("/account/privacy/withdraw-consent/")
    assert response.status_code == 302
    assert not Consent.objects.filter(user=me).in_force().exists()
    assert Consent.objects.filter(user=me).exists()  # the record of what was agreed stays
    before = Entry.objects.filter(user=me).count()
    client.post("/journal/", {"headache": "none", "pain": "0", "impact": "0"})
    assert Entry.objects.filter(user=me).count() == before


def test_a_wrong_password_deletes_nothing(everything):
    (me, client), _ = everything
    reauthenticate(client)
    response = client.post("/account/privacy/delete/", {"password": "not my password at all", "understood": "on"})
    assert response.status_code == 400
    assert "That is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=me.pk).exists()


def models_pointing_at_the_user():
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and (field.many_to_one or field.one_to_one) and field.related_model is user_model:
                yield model, field.name


def test_deleting_the_account_removes_every_row_and_every_session(everything):
    (me, client), (other, other_client) = everything
    # The same person is also logged in on a second device.
    phone = Client()
    phone.post("/accounts/login/", {"login": "me@example.com", "password": PASSWORD})
    my_sessions = list(LoginSession.objects.filter(user=me).values_list("session_key", flat=True))
    assert len(my_sessions) == 2
    my_entries, my_responses = ids(Entry.objects.filter(user=me)), ids(Attempt.objects.filter(user=me))
    others_before = {model: model.objects.filter(**{field: other}).count() for model, field in
                     models_pointing_at_the_user()}  # fmt: skip

    reauthenticate(client)
    response = client.post("/account/privacy/delete/", {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    assert not get_user_model().objects.filter(pk=me.pk).exists()
    checked = []
    for model, field in models_pointing_at_the_user():
        assert not model.objects.filter(**{f"{field}_id": me.pk}).exists(), model
        checked.append(model)
    assert {Consent, Attempt, Entry, Medication, Trigger, ReminderSetting, EmailAddress, LoginSession} <= set(checked)
    assert not Dose.objects.filter(entry_id__in=my_entries).exists()
    assert not Answer.objects.filter(attempt_id__in=my_responses).exists()
    assert not Entry.triggers.through.objects.filter(entry_id__in=my_entries).exists()
    assert not Session.objects.filter(session_key__in=my_sessions).exists()
    assert phone.get("/journal/").status_code == 302  # the other device is logged out too

    # Nobody else lost anything.
    assert {model: model.objects.filter(**{field: other}).count() for model, field in
            models_pointing_at_the_user()} == others_before  # fmt: skip
    assert other_client.get("/journal/").status_code == 200


def test_private_pages_are_never_cached(everything):
    (_me, client), _ = everything
    for url in ["/journal/", "/account/privacy/", "/assessment/results/", "/journal/export.csv"]:
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_guessing_the_password_on_the_delete_form_is_rate_limited(logged_in_client, user):
    for _ in range(10):
        logged_in_client.post("/account/privacy/delete/", {"password": "a wrong guess 1234", "understood": "on"})
    response = logged_in_client.post("/account/privacy/delete/", {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 400
    assert "Too many attempts" in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_staff_can_delete_a_person_with_a_diary_in_the_admin(client, user):
    seed_diary(user, days=20, end=PINNED_TODAY)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Entry.objects.exists()
    assert not Medication.objects.exists()


def test_a_medicine_with_doses_cannot_be_deleted_on_its_own(user):
    from django.db.models import RestrictedError

    seed_diary(user, days=20, end=PINNED_TODAY)
    medication = Medication.objects.filter(doses__isnull=False).first()
    with pytest.raises(RestrictedError):
        medication.delete()
