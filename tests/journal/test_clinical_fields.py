"""The day form's migraine features, a medicine's strength and dates, and the report's preventives."""

from datetime import date

from journal.models import Entry, Medication
from journal.selectors import day_records, describe_preventive, report_data
from tests.journal.conftest import entry_post


def test_the_day_form_saves_throbbing_and_worse_with_activity(diarist_client, diarist, today):
    response = diarist_client.post(
        "/journal/",
        entry_post(headache="headache", pain="6", throbbing="on", worse_with_activity="on"),
    )
    assert response.status_code == 302
    entry = Entry.objects.get(user=diarist, day=today)
    assert (entry.throbbing, entry.worse_with_activity) == (True, True)


def test_the_medication_form_keeps_strength_and_dates(diarist_client, diarist):
    response = diarist_client.post(
        "/journal/medications/",
        {"name": "Propranolol", "drug_class": "beta_blocker", "use": "preventive", "strength": "80 mg",
         "started_on": "2026-01-05", "stopped_on": ""},
    )  # fmt: skip
    assert response.status_code == 302
    medication = Medication.objects.get(user=diarist, name="Propranolol")
    assert (medication.strength, medication.started_on, medication.stopped_on) == ("80 mg", date(2026, 1, 5), None)
    page = diarist_client.get("/journal/medications/").content.decode()
    assert "80 mg" in page
    assert "ICHD-3 8.2.5" in page


def test_stopping_before_starting_is_a_form_error(diarist_client):
    response = diarist_client.post(
        "/journal/medications/",
        {"name": "Topiramate", "drug_class": "anticonvulsant", "use": "preventive",
         "started_on": "2026-03-01", "stopped_on": "2026-02-01"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "cannot be before" in response.content.decode()


def test_preventives_are_described_with_strength_and_dates(diarist, today):
    Medication.objects.create(
        user=diarist, name="Propranolol", drug_class="beta_blocker", use="preventive", strength="80 mg",
        started_on=date(2026, 1, 5),
    )  # fmt: skip
    assert report_data(user=diarist, start=today, end=today, today=today)["preventives"] == [
        "Propranolol 80 mg (since 2026-01-05)"
    ]
    assert describe_preventive("X", "", date(2026, 1, 5), date(2026, 6, 30)) == "X (2026-01-05 to 2026-06-30)"
    assert describe_preventive("X", "", None, None) == "X"


def test_preventive_medicines_never_count_toward_overuse(diarist, today):
    preventive = Medication.objects.create(user=diarist, name="Topiramate", drug_class="other", use="preventive")
    entry = Entry.objects.create(user=diarist, day=today, headache="headache", pain=2)
    entry.doses.create(medication=preventive)
    (record,) = day_records(user=diarist, start=today, end=today)
    assert record.acute_classes == frozenset()


def test_the_report_shows_phq9_difficulty_and_item_9_in_full(client, diarist, today):
    from assessment.models import Questionnaire
    from tests.assessment.conftest import answer_everything, start

    client.force_login(diarist)
    phq9 = Questionnaire.objects.get(slug="phq-9", status="published")
    response = start(client, phq9)
    answer_everything(client, response, points=1)  # item 9 above 0; difficulty gets its first choice
    html = client.get(f"/journal/report/?start={today.isoformat()}&end={today.isoformat()}").content.decode()
    assert "How difficult these problems made daily life: Not difficult at all" in html
    assert "thoughts of being better off dead or of self-harm" in html


def chronic_months(user, months):
    from journal.stats import month_bounds

    for year, month in months:
        first, _last = month_bounds(year, month)
        for n in range(15):
            Entry.objects.create(user=user, day=first.replace(day=n + 1), headache="migraine", pain=6)


def test_the_calendar_names_the_pattern_only_in_the_fourth_month_in_a_row(diarist_client, diarist):
    chronic_months(diarist, [(2026, 4), (2026, 5), (2026, 6), (2026, 7)])
    third = diarist_client.get("/journal/calendar/2026/6/").content.decode()
    assert "This month reached 15 or more headache days (15)" in third
    assert "3 month(s) in a row" in third
    assert "at least" in third  # 15 of 30 days recorded
    assert "15 days are not recorded" in third
    fourth = diarist_client.get("/journal/calendar/2026/7/").content.decode()
    assert "4 months in a row like this: this is the pattern doctors call chronic migraine" in fourth
    assert "three months or more" not in fourth


def test_the_report_counts_months_before_its_range(diarist_client, diarist):
    chronic_months(diarist, [(2026, 4), (2026, 5), (2026, 6), (2026, 7)])
    data = report_data(user=diarist, start=date(2026, 7, 1), end=date(2026, 7, 31), today=date(2026, 8, 1))
    (month,) = data["months"]
    (warning,) = month["figures"].warnings
    assert (warning.months, warning.pattern, month["figures"].migraine_days) == (4, True, 15)
    clipped = report_data(user=diarist, start=date(2026, 7, 10), end=date(2026, 7, 31), today=date(2026, 8, 1))
    assert clipped["months"][0]["figures"].start == date(2026, 7, 10)


def test_the_day_page_speaks_of_these_30_days(diarist_client, diarist, today):
    from datetime import timedelta

    for n in range(15):
        Entry.objects.create(user=diarist, day=today - timedelta(days=n), headache="migraine", pain=6)
    html = diarist_client.get("/journal/").content.decode()
    assert "These 30 days reached 15 or more headache days (15)" in html
    assert "month(s) in a row" not in html


def test_the_report_names_each_screeners_difficulty_in_the_query_of_the_results(client, diarist, today):
    """The PHQ-9's and GAD-7's "how difficult" answers come with the latest results' own read, so a
    person with both costs the report no more queries than a person with neither."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessment.models import Answer, Choice, Questionnaire
    from tests.assessment.conftest import answer_everything, start

    client.force_login(diarist)
    for slug, label in (("phq-9", "Very difficult"), ("gad-7", "Extremely difficult")):
        attempt = start(client, Questionnaire.objects.get(slug=slug, status="published"))
        answer_everything(client, attempt, points=1)
        answer = Answer.objects.get(attempt=attempt, question__dimension__isnull=True)
        answer.value = Choice.objects.get(question=answer.question, label=label).pk
        answer.save()
    period = f"start={today.isoformat()}&end={today.isoformat()}"
    html = client.get(f"/journal/report/?{period}").content.decode()
    assert "How difficult these problems made daily life: Very difficult" in html
    assert "How difficult these problems made daily life: Extremely difficult" in html
    assert "Not difficult at all" not in html
    data = report_data(user=diarist, start=today, end=today, today=today)
    assert data["difficulty"] == {"phq-9": "Very difficult", "gad-7": "Extremely difficult"}
    # As pinned in tests/journal/test_report.py for a person without these results.
    for url, count in ((f"/journal/report/?{period}", 7), (f"/journal/report.pdf?{period}", 8)):
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert len(ctx.captured_queries) == count, url
