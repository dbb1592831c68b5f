"""Sign up, verify, log in, log out and reset a password, through the test client."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.consent import CURRENT_CONSENT_VERSION
from accounts.models import Consent

pytestmark = pytest.mark.django_db

User = get_user_model()
STRONG = "a calm and steady rhythm 42"


def signup(client, email="new.person@example.com", password=STRONG, **extra):
    data = {"email": email, "password1": password, "password2": password, "adult": "on", **extra}
    return client.post("/accounts/signup/", data)


def link_in(message) -> str:
    match = re.search(r"http://testserver(/accounts/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_verify_log_in_and_log_out(client, mailoutbox):
    response = signup(client, health_data_consent="on")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"

    user = User.objects.get(email="new.person@example.com")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.person@example.com"]

    # Unverified, logging in only sends the person back to the verification page.
    response = client.post("/accounts/login/", {"login": "new.person@example.com", "password": STRONG})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    confirm_url = link_in(mailoutbox[-1])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    response = client.post("/accounts/login/", {"login": "New.Person@Example.com", "password": STRONG})
    assert response.status_code == 302
    assert response["Location"] == "/journal/"
    assert int(client.session["_auth_user_id"]) == user.pk

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_consent_ticked_at_sign_up_is_recorded_with_the_text_version(client):
    signup(client, health_data_consent="on")
    consent = Consent.objects.get(user__email="new.person@example.com")
    assert consent.version == CURRENT_CONSENT_VERSION
    assert consent.withdrawn_at is None


def test_consent_left_unticked_records_nothing(client):
    signup(client)
    assert User.objects.filter(email="new.person@example.com").exists()
    assert not Consent.objects.exists()


def test_sign_up_needs_the_person_to_confirm_they_are_an_adult(client):
    response = client.post(
        "/accounts/signup/", {"email": "young@example.com", "password1": STRONG, "password2": STRONG}
    )
    assert response.status_code == 400
    assert "please confirm you are 18 or older" in response.content.decode()
    assert not User.objects.exists()


def test_the_sign_up_page_shows_the_consent_text_in_full(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "Your consent to storing health information" in html
    assert "You can withdraw your consent at any time" in html
    assert CURRENT_CONSENT_VERSION in html


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1A!", "at least 12 characters"),
        ("password1234", "too common"),
        ("418203948571", "entirely numeric"),
    ],
)
def test_a_weak_password_is_refused_with_a_clear_message(client, password, message):
    response = signup(client, password=password)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_an_email_is_unique_whatever_its_case(client, user, mailoutbox):
    response = signup(client, email=user.email.upper())
    # Same answer as for a new address (no account enumeration), but no second account.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact=user.email).count() == 1


def test_password_reset_sends_a_working_link(client, user, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    reset_url = link_in(mailoutbox[0])

    response = client.get(reset_url, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    new_password = "a different steady rhythm 43"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_answers_known_and_unknown_emails_alike(client, user, mailoutbox):
    known = client.post("/accounts/password/reset/", {"email": user.email}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(known.content.decode()) == strip(unknown.content.decode())


def test_changing_the_password_needs_the_current_password(client, user, password):
    client.force_login(user)
    new = "a brand new calm rhythm 9"
    response = client.post("/accounts/password/change/", {"oldpassword": "not it at all 123", "password1": new,
                                                          "password2": new})  # fmt: skip
    assert response.status_code == 400
    assert "Please type your current password" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(password)


def test_changing_the_email_asks_for_the_password_again_first(client, user):
    client.force_login(user)  # logged in, but not by entering the password just now
    response = client.post("/accounts/email/", {"action_add": "", "email": "another@example.com"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not user.emailaddress_set.filter(email="another@example.com").exists()


def test_the_password_can_be_changed_by_the_logged_in_person(client, user, password):
    client.post("/accounts/login/", {"login": user.email, "password": password})
    new_password = "another calm rhythm 77"
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": password, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_sign_up_answers_known_and_unknown_emails_alike(client, user, mailoutbox):
    known = signup(client, email=user.email)
    unknown = signup(client, email="brand.new@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/confirm-email/"
    assert len(mailoutbox) == 2  # the owner of the known address is told someone tried


def test_logging_in_gives_a_new_session_key(client, user, password):
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/accounts/login/", {"login": user.email, "password": password})
    assert client.session.session_key != before
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_idle_session_is_logged_out(client, user, password, settings):
    client.post("/accounts/login/", {"login": user.email, "password": password})
    assert client.get("/account/privacy/").status_code == 200
    session = client.session
    session["last_seen"] -= settings.SESSION_IDLE_TIMEOUT + 1
    session.save()
    response = client.get("/account/privacy/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_an_active_session_stays_logged_in(client, user, password, settings):
    client.post("/accounts/login/", {"login": user.email, "password": password})
    session = client.session
    session["last_seen"] -= settings.SESSION_IDLE_TIMEOUT - 60
    session.save()
    assert client.get("/account/privacy/").status_code == 200
    assert client.session["last_seen"] > session["last_seen"]  # the clock starts again


def test_a_wrong_password_at_login_answers_400_with_the_form(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": "not the password at all"})
    assert response.status_code == 400
    assert "The email address and/or password you specified are not correct." in response.content.decode()
