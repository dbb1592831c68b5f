"""Sessions end with the account, messages stay out of cookies, and the admin neither shows a
person's health data on deletion nor traps a logged-in person who is not staff."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import LoginSession
from accounts.services import consent_give
from journal.demo import seed_diary
from journal.models import Entry, Medication, Trigger
from tests.conftest import PINNED_TODAY
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "another calm rhythm 77"


def logged_in(email: str, password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302
    return client


def test_deleting_the_account_ends_a_session_whose_key_rotated_at_a_password_change():
    user = UserFactory(email="rotating@example.com")
    laptop = logged_in(user.email)
    key_at_login = laptop.session.session_key
    response = laptop.post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    rotated_key = laptop.session.session_key
    assert rotated_key != key_at_login
    assert laptop.get("/account/privacy/").status_code == 200  # still logged in, under the new key
    assert LoginSession.objects.filter(user=user, session_key=rotated_key).exists()

    phone = logged_in(user.email, NEW_PASSWORD)
    phone.post("/account/privacy/delete/", {"password": NEW_PASSWORD, "understood": "on"})
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Session.objects.filter(session_key=rotated_key).exists()
    assert laptop.get("/account/privacy/").status_code == 302


def test_the_readme_schedules_clearsessions_beside_the_reminders():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    cron = [line for line in readme.splitlines() if line.lstrip().startswith(("*/", "0 ", "15 ", "30 "))]
    assert any("manage.py send_reminders" in line for line in cron), cron
    assert any("manage.py clearsessions" in line for line in cron), cron


def test_flash_messages_stay_in_the_session_never_in_a_cookie():
    user = UserFactory()
    consent_give(user=user)
    client = logged_in(user.email)
    response = client.post("/journal/medications/", {"name": "Sumatriptan", "drug_class": "triptan", "use": "acute"})
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert "messages" not in client.cookies
    page = client.get("/journal/medications/")
    assert "Added to your medicines." in page.content.decode()  # shown, once
    assert "messages" not in page.cookies
    assert "Added to your medicines." not in client.get("/journal/medications/").content.decode()


def test_deleting_a_person_in_the_admin_shows_counts_not_their_health_data(client):
    person = UserFactory(email="private.person@example.com")
    consent_give(user=person)
    Medication.objects.create(user=person, name="Rizatriptan-Secret", drug_class="triptan", use="acute")
    Trigger.objects.create(user=person, name="Secret-trigger-name")
    end = PINNED_TODAY
    seed_diary(person, days=5, end=end)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    for response in [
        client.get(f"/admin/accounts/user/{person.pk}/delete/"),
        client.post("/admin/accounts/user/", {"action": "delete_selected", "_selected_action": [person.pk]}),
    ]:
        assert response.status_code == 200
        html = response.content.decode()
        assert "private.person@example.com" in html
        assert "Rizatriptan-Secret" not in html
        assert "Secret-trigger-name" not in html
        assert end.isoformat() not in html
        assert end.strftime("%b. %-d, %Y") not in html
        for model in [Medication, Trigger, Entry]:
            label = str(model._meta.verbose_name_plural).capitalize()
            assert f"<li>{label}: {model.objects.filter(user=person).count()}</li>" in html


def test_a_logged_in_person_who_is_not_staff_gets_a_403_at_the_admin_not_a_loop(client):
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1  # /admin/ -> /admin/login/, then the answer
    assert "only open to staff" in response.content.decode()


def test_a_stranger_at_the_admin_is_sent_to_the_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
