"""Hypothesis sends well over a thousand generated bodies to every form: none may answer 500,
and nothing invalid may be stored. (With the assessment step and journal entry tests in their
own folders, this suite sends about 1,400.)"""

import io
from datetime import date, time

import pytest
from django import forms
from django.core.cache import cache
from django.core.management import call_command
from django.core.validators import validate_email
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Consent, User
from accounts.services import consent_give
from assessment.models import Answer, Attempt, Questionnaire
from journal.days import EARLIEST_DAY
from journal.models import DrugClass, Medication, ReminderSetting, Trigger
from tests.conftest import PINNED_TODAY
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def fuzz(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=90)
VALUE = st.one_of(
    TEXT,
    st.integers(-10, 10**9).map(str),
    st.sampled_from(["on", "true", "false", "0", "1", "", "12:30", "25:00", "2026-01-01", "a@b.c", PASSWORD]),
    # Far dates and a number too big for any id (SQLite cannot even be asked about it).
    st.sampled_from(["0001-01-01", "1899-12-31", "9999-12-31", "9999999999999999999999999"]),
)


def ticked(data: dict, name: str) -> bool:
    """Whether Django reads the field as a ticked checkbox ("0" and "false" are not)."""
    return forms.BooleanField(required=False).clean(forms.CheckboxInput().value_from_datadict(data, {}, name))


def body(fields):
    return st.dictionaries(st.sampled_from(fields), VALUE, max_size=len(fields))


@pytest.fixture
def consenting(client):
    user = UserFactory()
    consent_give(user=user)
    client.force_login(user)
    return user


def ok(response):
    assert response.status_code < 500, response.status_code
    return response.status_code


@fuzz(150)
@given(data=body(["email", "password1", "password2", "adult", "health_data_consent"]))
def test_sign_up(client, data):
    users_before = set(User.objects.values_list("pk", flat=True))
    ok(client.post("/accounts/signup/", data))
    for user in User.objects.exclude(pk__in=users_before):
        validate_email(user.email)
        assert ticked(data, "adult")
    User.objects.exclude(pk__in=users_before).delete()


@fuzz(100)
@given(data=body(["login", "password", "remember"]))
def test_log_in(client, data):
    ok(client.post("/accounts/login/", data))


@fuzz(100)
@given(data=body(["agree", "next"]))
def test_consent(client, data):
    user = UserFactory()
    client.force_login(user)
    status = ok(client.post("/account/consent/", data))
    given_consent = Consent.objects.filter(user=user).exists()
    assert given_consent == (status == 302)
    if status == 302:
        assert client.post("/account/consent/", data)["Location"].startswith("/")


@fuzz(100)
@given(data=body(["agree", "csrfmiddlewaretoken"]))
def test_starting_a_questionnaire(client, data):
    call_command("load_default_content", stdout=io.StringIO())
    before = Attempt.objects.count()
    status = ok(client.post("/assessment/phq-9/", data))
    assert (Attempt.objects.count() > before) == (status == 302)


@fuzz(150)
@given(data=st.data())
def test_assessment_steps_of_the_profile(client, data):
    call_command("load_default_content", stdout=io.StringIO())
    profile = Questionnaire.objects.get(slug="migraine-profile")
    client.post("/assessment/migraine-profile/", {"agree": "on"})
    response = Attempt.objects.filter(questionnaire=profile).latest("started_at")
    question_ids = list(profile.sections.first().questions.values_list("pk", flat=True))
    fields = [f"q{pk}" for pk in question_ids] + ["step", "action"]
    posted = data.draw(body(fields))
    status = ok(client.post(f"/assessment/r/{response.pk}/", posted))
    saved = Answer.objects.filter(attempt=response).count()
    if posted.get("action") != "back":
        assert saved in (0, len(question_ids))  # the step whole, or nothing
        assert (saved > 0) == (status == 302)


@fuzz(120)
@given(data=body(["name", "drug_class", "use"]))
def test_adding_a_medicine(client, consenting, data):
    status = ok(client.post("/journal/medications/", data))
    stored = list(Medication.objects.filter(user=consenting))
    assert bool(stored) == (status == 302)
    for medication in stored:
        assert medication.drug_class in DrugClass.values
        assert 0 < len(medication.name) <= 80
    Medication.objects.filter(user=consenting).delete()


@fuzz(120)
@given(data=body(["name"]))
def test_adding_a_trigger(client, consenting, data):
    status = ok(client.post("/journal/triggers/", data))
    stored = list(Trigger.objects.filter(user=consenting))
    assert bool(stored) == (status == 302)
    assert all(0 < len(t.name.strip()) <= 60 for t in stored)
    Trigger.objects.filter(user=consenting).delete()


@fuzz(120)
@given(data=body(["enabled", "time", "ask_relief"]))
def test_reminder_settings(client, consenting, data):
    status = ok(client.post("/journal/reminders/", data))
    stored = ReminderSetting.objects.filter(user=consenting).first()
    assert (stored is not None) == (status == 302)
    if stored:
        assert isinstance(stored.time, time)
        assert stored.ask_relief == ticked(data, "ask_relief")
        stored.delete()


@fuzz(100)
@given(value=st.one_of(TEXT, st.sampled_from(["Asia/Tokyo", "Pacific/Kiritimati", "Etc/GMT+5", "UTC", "asia/tokyo"])))
def test_a_time_zone_cookie_of_any_text(client, consenting, value):
    """The browser's zone (static/js/time-zone.js) is whatever a cookie holds: a known zone is
    saved for a person with none, anything else changes nothing, and no page answers 500."""
    from accounts.time_zones import known_zones

    # What a header can carry at all (WSGI reads it as Latin-1; ";" ends a cookie).
    cookie = value.encode("latin-1", "ignore").decode("latin-1").translate({ord(c): None for c in ";\r\n"})
    session = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    assert ok(client.get("/journal/", HTTP_COOKIE=f"{session}; tz={cookie}")) == 200
    saved = User.objects.get(pk=consenting.pk).time_zone
    assert saved == (cookie.strip() if cookie.strip() in known_zones() else "")
    User.objects.filter(pk=consenting.pk).update(time_zone="")


@fuzz(100)
@given(data=body(["start", "end", "page"]))
def test_report_and_history_parameters(client, consenting, data):
    ok(client.get("/journal/report/", data))
    ok(client.get("/journal/history/", data))


@fuzz(100)
@given(day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_any_diary_day_in_the_address(client, consenting, day):
    """Before 1900: no such page (404); after today: refused (400); a GET never writes."""
    status = ok(client.get(f"/journal/{day.isoformat()}/"))
    today = PINNED_TODAY
    assert status == (404 if day < EARLIEST_DAY else 400 if day > today else 200)


@fuzz(100)
@given(data=body(["password", "understood"]))
def test_deleting_the_account_needs_the_real_password(client, data):
    cache.clear()  # each example logs in afresh; allauth's login limit must not carry over
    client.logout()
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    status = ok(client.post("/account/privacy/delete/", data))
    deleted = not User.objects.filter(pk=user.pk).exists()
    assert deleted == (data.get("password") == PASSWORD and ticked(data, "understood"))
    assert deleted == (status == 302)
    ok(client.post("/account/privacy/withdraw-consent/", data))
