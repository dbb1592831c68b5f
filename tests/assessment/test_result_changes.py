"""The change since the previous result, with its sign, as "My results" and the doctor's report
show it.

Issue 12 point 6: flipping the sign of the change (previous minus current) once left every test
green. Three PHQ-9 results are taken through the pages: every item answered 1 (total 9), then 2
(total 18), then 0 (total 0): up 9, then down 18."""

import pytest
from django.core.cache import caches

from tests.assessment.conftest import answer_everything, start
from tests.html_text import body_rows, table, visible_text

pytestmark = pytest.mark.django_db

RESULTS_CAPTION = "Your completed questionnaires, newest first"
REPORT_CAPTION = "The most recent result of each questionnaire, with the change since the one before"


@pytest.fixture
def signed_in(client, consenting_user):
    client.force_login(consenting_user)
    return client


def take_phq9(client, phq9, points: int) -> None:
    answer_everything(client, start(client, phq9), points=points)
    caches["pages"].clear()


def results_scores(client) -> list[str]:
    """The Scores cell of each row of My results, newest first."""
    html = client.get("/assessment/results/").content.decode()
    return [row[2] for row in table(html, RESULTS_CAPTION)[1:]]


def report_change(client) -> str:
    html = client.get("/journal/report/").content.decode()
    (phq9_row,) = [cells for title, cells in body_rows(html, REPORT_CAPTION).items() if "PHQ-9" in title]
    return phq9_row[-1]


def test_the_first_result_has_no_change(signed_in, phq9):
    take_phq9(signed_in, phq9, points=1)
    (scores,) = results_scores(signed_in)
    assert scores.startswith("Depression (PHQ-9): 9 (Mild) first result")
    assert report_change(signed_in) == "–"


def test_a_higher_score_shows_up_by_the_difference(signed_in, phq9):
    take_phq9(signed_in, phq9, points=1)
    take_phq9(signed_in, phq9, points=2)
    newest, first = results_scores(signed_in)
    assert newest == "Depression (PHQ-9): 18 (Moderately severe) up 9"
    assert first == "Depression (PHQ-9): 9 (Mild) first result"
    assert report_change(signed_in) == "+9"


def test_a_lower_score_shows_down_by_the_difference(signed_in, phq9):
    for points in (1, 2, 0):
        take_phq9(signed_in, phq9, points=points)
    newest, middle, first = results_scores(signed_in)
    assert newest == "Depression (PHQ-9): 0 (Minimal) down 18"
    assert middle == "Depression (PHQ-9): 18 (Moderately severe) up 9"
    assert first.endswith("first result")
    assert report_change(signed_in) == "-18"
    report = visible_text(signed_in.get("/journal/report/").content.decode())
    assert "Depression (PHQ-9): 0 (Minimal)" in report


def test_the_same_score_again_is_no_change(signed_in, phq9):
    take_phq9(signed_in, phq9, points=2)
    take_phq9(signed_in, phq9, points=2)
    newest, _first = results_scores(signed_in)
    assert newest == "Depression (PHQ-9): 18 (Moderately severe) no change"
    assert report_change(signed_in) == "0"
