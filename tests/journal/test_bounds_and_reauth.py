"""Diary days and report ranges stay between 1900-01-01 and today, ids too big for any row are
form errors, and the CSV export asks for the password again like the privacy downloads."""

import pytest

from journal.models import Dose, Entry
from tests.factories import PASSWORD
from tests.journal.conftest import entry_post

HUGE = "9999999999999999999999999"


def test_the_csv_export_asks_for_the_password_again(diarist_client):
    response = diarist_client.get("/journal/export.csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert diarist_client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302
    response = diarist_client.get("/journal/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "0999-06-15"])
def test_a_day_before_1900_is_404_and_a_post_there_stores_nothing(diarist_client, diarist, day):
    assert diarist_client.get(f"/journal/{day}/").status_code == 404
    assert diarist_client.post(f"/journal/{day}/", entry_post(notes="year one")).status_code == 404
    assert not Entry.objects.filter(user=diarist).exists()


def test_the_first_diary_day_is_1900_01_01_and_has_no_previous_day_link(diarist_client, diarist):
    response = diarist_client.get("/journal/1900-01-01/")
    assert response.status_code == 200
    assert 'href="/journal/1899-12-31/"' not in response.content.decode()
    assert diarist_client.post("/journal/1900-01-01/", entry_post()).status_code == 302
    assert Entry.objects.filter(user=diarist, day="1900-01-01").count() == 1


def test_a_far_future_day_is_refused_without_an_error(diarist_client, diarist):
    assert diarist_client.get("/journal/9999-12-31/").status_code == 400
    assert diarist_client.post("/journal/9999-12-31/", entry_post()).status_code == 400
    assert not Entry.objects.filter(user=diarist).exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("9999-12-30", "9999-12-31"),
        ("0001-01-01", "0001-01-02"),
        ("1899-12-01", "1899-12-31"),
        ("2026-01-01", "9999-12-31"),
    ],
)
def test_a_report_range_outside_1900_to_today_is_a_clear_400(diarist_client, today, start, end):
    response = diarist_client.get(f"/journal/report/?start={start}&end={end}")
    assert response.status_code == 400
    assert f"Choose a day between 1900-01-01 and today ({today.isoformat()})." in response.content.decode()


def test_a_report_ending_today_is_fine(diarist_client, today):
    assert diarist_client.get(f"/journal/report/?start={today.isoformat()}&end={today.isoformat()}").status_code == 200


@pytest.mark.parametrize("field", ["triggers", "doses-0-medication"])
@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "9223372036854775808"])
def test_a_huge_trigger_or_medicine_id_is_a_form_error(diarist_client, diarist, field, value):
    extra = {"doses-0-amount": "50 mg"} if field.startswith("doses") else {}
    response = diarist_client.post("/journal/", entry_post(**{field: value}, **extra))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Entry.objects.filter(user=diarist).exists()
    assert not Dose.objects.exists()


@pytest.mark.parametrize("url", [f"/journal/medications/{HUGE}/remove/", f"/journal/triggers/{HUGE}/remove/"])
def test_a_huge_id_in_a_remove_address_is_404(diarist_client, url):
    assert diarist_client.post(url).status_code == 404
