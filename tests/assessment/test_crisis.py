"""Crisis help for PHQ-9 item 9: shown at once (even on a page sent back with errors), never
forgotten, never missing, and fitted to the person's country."""

import pytest

from assessment import crisis
from assessment.models import Attempt, CrisisText
from tests.assessment.conftest import start, step_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def item9_of(response):
    return response.questionnaire.sections.first().questions.get(is_crisis_item=True)


def with_item9(response, points: int, **overrides) -> dict:
    data = step_data(response, 0, points=0)
    item9 = item9_of(response)
    data[f"q{item9.pk}"] = str(item9.choices.get(points=points).pk)
    data.update(overrides)
    return data


def test_a_page_sent_back_with_errors_shows_crisis_help_at_once(client, phq9):
    response = start(client, phq9)
    data = with_item9(response, 2)
    item1 = next(k for k in data if k.startswith("q") and k != f"q{item9_of(response).pk}")
    del data[item1]  # another question on the same page left blank
    reply = client.post(f"/assessment/r/{response.pk}/", data)
    html = reply.content.decode()
    assert reply.status_code == 400
    assert "Please answer this question." in html
    assert 'id="crisis-heading"' in html
    # ... and on every later page of this response, although nothing of that page was saved.
    assert 'id="crisis-heading"' in client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert Attempt.objects.get(pk=response.pk).crisis is True


def test_changing_item_9_back_to_zero_does_not_erase_it(client, phq9):
    response = start(client, phq9)
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 1, action="back"))
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 0))  # changed back to 0
    client.post(f"/assessment/r/{response.pk}/", step_data(response, 1, points=0, action="submit"))
    response.refresh_from_db()
    assert response.is_submitted
    assert response.result["dimensions"][0]["raw"] == 0
    assert response.crisis is True
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert 'id="crisis-heading"' in html


def test_the_reassuring_advice_is_replaced_on_a_result_with_crisis_help(client, phq9):
    response = start(client, phq9)
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 1))
    client.post(f"/assessment/r/{response.pk}/", step_data(response, 1, points=0, action="submit"))
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    minimal_advice = response.questionnaire.dimensions.get().bands.get(min_score=0).advice
    assert minimal_advice
    assert minimal_advice.splitlines()[0] not in html
    assert "Whatever your total score, that matters more than any number here" in html


def test_without_an_active_text_the_built_in_help_shows(client, phq9):
    CrisisText.objects.update(active=False)
    response = start(client, phq9)
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 3))
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    assert "If you are thinking about harming yourself, please reach out now" in html
    for number in ["116 123", "988", "3114"]:
        assert number in html
    assert "Nobody at Migraine Heroes reads your answers" in html
    assert "contact a doctor today" in html


def test_anonymous_visitors_see_every_countrys_lines(client, phq9):
    response = start(client, phq9)
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 1))
    html = client.get(f"/assessment/r/{response.pk}/", headers={"accept-language": "fr-FR"}).content.decode()
    for number in ["3114", "0800 32 123", "1813", "116 123", "988", "findahelpline.com"]:
        assert number in html


@pytest.mark.parametrize(
    ("country", "shown", "not_shown"),
    [
        ("FR", ["3114", "112", "findahelpline.com"], ["116 123", "988", "1813"]),
        ("BE", ["0800 32 123", "1813", "112"], ["3114", "988"]),
        ("GB", ["116 123", "999"], ["3114", "988"]),
        ("IE", ["116 123", "112"], ["988"]),
        ("US", ["988", "911"], ["116 123", "3114"]),
        ("ZZ", ["findahelpline.com", "112 in Europe"], ["3114", "116 123", "988"]),
    ],
)
def test_a_person_sees_their_countrys_lines(client, phq9, country, shown, not_shown):
    person = UserFactory(country=country)
    from accounts.services import consent_give

    consent_give(user=person)
    client.force_login(person)
    response = start(client, phq9)
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 1))
    html = client.get(f"/assessment/r/{response.pk}/").content.decode()
    box = html[html.index('id="crisis-heading"') : html.index("</section>", html.index('id="crisis-heading"'))]
    for text in shown:
        assert text in box
    for text in not_shown:
        assert text not in box


def test_without_a_country_setting_the_browser_language_decides(client, consenting_user, phq9):
    client.force_login(consenting_user)
    response = start(client, phq9)
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 1))
    html = client.get(f"/assessment/r/{response.pk}/", headers={"accept-language": "nl-BE,nl;q=0.9"}).content.decode()
    assert "1813" in html
    assert "3114" not in html


@pytest.mark.parametrize(
    ("header", "country"),
    [
        ("fr-BE,fr;q=0.9,en;q=0.8", "BE"),
        ("en-US,en;q=0.9", "US"),
        ("en-GB", "GB"),
        ("en-IE", "IE"),
        ("fr", "FR"),
        ("de-DE,de;q=0.9", "ZZ"),
        ("en", ""),
        ("*", ""),
        ("", ""),
        ("zh-Hant-TW", "ZZ"),
    ],
)
def test_the_country_guessed_from_the_browser_language(header, country):
    assert crisis.guess_country(header) == country


def test_every_country_has_findahelpline_and_an_emergency_number():
    for country in ["FR", "BE", "GB", "IE", "US", "ZZ", ""]:
        found = crisis.help_for(country)
        assert any(line.contact == "findahelpline.com" for line in found.lines)
        assert found.emergency


def test_the_doctors_report_keeps_the_flag_after_item_9_went_back_to_zero(client, consenting_user, phq9):
    client.force_login(consenting_user)
    response = start(client, phq9)
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 2, action="back"))
    client.post(f"/assessment/r/{response.pk}/", with_item9(response, 0))
    client.post(f"/assessment/r/{response.pk}/", step_data(response, 1, points=0, action="submit"))
    html = client.get("/journal/report/").content.decode()
    assert "Answered above 0 on PHQ-9 item 9 (thoughts of being better off dead or of self-harm)." in html
