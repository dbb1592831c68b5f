from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from accounts.consent import CURRENT_CONSENT_VERSION
from accounts.models import Consent
from accounts.selectors import user_has_health_consent
from accounts.services import consent_give, consent_withdraw

pytestmark = pytest.mark.django_db


def test_it_shows_the_full_text_and_a_form_to_agree(logged_in_client):
    response = logged_in_client.get("/account/consent/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your consent to storing health information" in html
    assert 'name="agree"' in html


def test_agreeing_records_consent_and_goes_on_to_a_safe_next_page(logged_in_client, user):
    response = logged_in_client.post("/account/consent/", {"agree": "on", "next": "/account/consent/"})
    assert response.status_code == 302
    assert response["Location"] == "/account/consent/"
    assert Consent.objects.get(user=user).version == CURRENT_CONSENT_VERSION
    assert user_has_health_consent(user=user)


def test_it_never_redirects_to_another_site(logged_in_client):
    response = logged_in_client.post("/account/consent/", {"agree": "on", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_not_ticking_the_box_is_a_form_error_and_stores_nothing(logged_in_client, user):
    response = logged_in_client.post("/account/consent/", {})
    assert response.status_code == 400
    assert "Tick the box to agree" in response.content.decode()
    assert not Consent.objects.filter(user=user).exists()


def test_once_given_the_page_says_so(logged_in_client, user):
    consent_give(user=user)
    html = logged_in_client.get("/account/consent/").content.decode()
    assert "You have given your consent" in html
    assert 'name="agree"' not in html


def test_it_rejects_other_methods(logged_in_client):
    assert logged_in_client.put("/account/consent/").status_code == 405


def test_giving_twice_keeps_one_record(user):
    assert consent_give(user=user) == consent_give(user=user)
    assert Consent.objects.filter(user=user).count() == 1


def test_withdrawn_or_outdated_consent_is_not_consent(user, stranger):
    consent_give(user=user)
    assert consent_withdraw(user=user) == 1
    assert not user_has_health_consent(user=user)
    assert Consent.objects.get(user=user).withdrawn_at is not None

    consent_give(user=stranger, version="an-older-text")
    assert not user_has_health_consent(user=stranger)


def test_one_persons_consent_is_not_anothers(user, stranger):
    consent_give(user=user)
    assert user_has_health_consent(user=user)
    assert not user_has_health_consent(user=stranger)


def test_pages_read_the_consent_loaded_with_the_person_and_services_ask_again(client, user):
    """accounts.backends loads consent with the person (one query less on every journal page);
    a service about to store health data asks the database, so a withdrawal in another tab since
    the request began is never missed."""
    from django.contrib.auth import get_user

    consent_give(user=user)
    client.force_login(user)
    request = type("Request", (), {"session": client.session})()
    loaded = get_user(request)
    assert loaded.has_health_consent is True
    assert user_has_health_consent(user=loaded)
    consent_withdraw(user=type(user).objects.get(pk=user.pk))  # in another tab, meanwhile
    assert user_has_health_consent(user=loaded)  # what this request's page already knew
    assert not user_has_health_consent(user=loaded, fresh=True)


def test_a_journal_write_after_consent_was_withdrawn_elsewhere_stores_nothing(user):
    from journal.models import Entry
    from journal.services import good_day_save

    consent_give(user=user)
    consent_withdraw(user=type(user).objects.get(pk=user.pk))  # in another tab
    user.has_health_consent = True  # as loaded at the start of this request
    with pytest.raises(PermissionDenied):
        good_day_save(user=user, today=date(2026, 6, 15))
    assert not Entry.objects.filter(user=user).exists()
