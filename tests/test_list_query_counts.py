"""Query counts pinned on the list and export endpoints, with a small and a large history
(issue 12): they must not grow with the number of results or diary days."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal.demo import seed_diary
from tests.accounts.test_privacy import reauthenticate
from tests.assessment.conftest import answer_everything, start

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def phq9(db):
    from django.core.management import call_command

    from assessment.models import Questionnaire

    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Questionnaire.objects.get(slug="phq-9", status="published")


@pytest.fixture
def person(client, consenting_user):
    client.force_login(consenting_user)
    return consenting_user


@pytest.mark.parametrize("results", [1, 12])
def test_the_questionnaire_list_and_my_results(client, person, phq9, results):
    for _ in range(results):
        answer_everything(client, start(client, phq9))
    # list: session, user, published questionnaires, open attempts
    assert count(client, "/assessment/") == 4
    # my results: session, user, submitted attempts with their questionnaires, open attempts
    assert count(client, "/assessment/results/") == 4


@pytest.mark.parametrize("days", [1, 400])
def test_the_csv_and_the_privacy_export(client, person, today, days):
    from journal.models import Medication

    Medication.objects.create(user=person, name="Sumatriptan", drug_class="triptan", use="acute")
    seed_diary(person, days=days, end=today)
    reauthenticate(client)
    csv_queries = count(client, "/journal/export.csv")
    json_queries = count(client, "/account/privacy/my-data.json")
    # CSV: session, user, page cache look-up, entries, doses, triggers, page cache write.
    # Privacy JSON: session, user, then one query per kind of row the person has (attempts,
    # answers, entries, doses, triggers, attacks, medicines, own triggers, email addresses, consents,
    # reminder, report shares with their openings): never one per row.
    assert (csv_queries, json_queries) == (7, 13)
