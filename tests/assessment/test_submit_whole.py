"""Submitting is one transaction that holds the row lock: a failure after the result is written
takes it back, and the attempt's row is read with SELECT ... FOR UPDATE.

Issue 12 point 6: removing `transaction.atomic` or `select_for_update` from the submit service
once left every test green. The first test goes red without the transaction, the second without
the lock. The attempt is started and answered through the pages; its model is only ever reached
as `type(attempt)`, so these tests outlive a rename of the model."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from tests.assessment.conftest import start, step_data

pytestmark = pytest.mark.django_db


class FailedAfterTheWrite(Exception):
    pass


def answer_all_but_submit(client, attempt) -> dict:
    """Answer every step through the page; return the last step's POST data, ready to submit."""
    count = attempt.questionnaire.sections.count()
    for step in range(count - 1):
        assert client.post(f"/assessment/r/{attempt.pk}/", step_data(attempt, step, 2)).status_code == 302
    return step_data(attempt, count - 1, 2, action="submit")


@pytest.fixture
def ready(client, consenting_user, phq9):
    client.force_login(consenting_user)
    attempt = start(client, phq9)
    return client, attempt, answer_all_but_submit(client, attempt)


def test_a_failure_after_the_result_is_written_leaves_the_response_unsubmitted(ready, monkeypatch):
    client, attempt, submit = ready
    model = type(attempt)
    real_save = model.save

    def save_then_fail(self, *args, **kwargs):
        real_save(self, *args, **kwargs)  # the UPDATE of result, status and submitted_at runs ...
        raise FailedAfterTheWrite  # ... and something after it fails (a receiver, the next write)

    monkeypatch.setattr(model, "save", save_then_fail)
    with pytest.raises(FailedAfterTheWrite):
        client.post(f"/assessment/r/{attempt.pk}/", submit)
    monkeypatch.undo()

    attempt.refresh_from_db()
    assert attempt.status == "in_progress"
    assert attempt.result is None
    assert attempt.submitted_at is None
    # And the same submit then goes through, scored once.
    assert client.post(f"/assessment/r/{attempt.pk}/", submit).status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    assert attempt.result["dimensions"][0]["raw"] == 2 * 9


def test_submitting_reads_the_response_row_with_a_lock(ready, monkeypatch):
    client, attempt, submit = ready
    model = type(attempt)
    locked_reads = []
    real_execute = SQLCompiler.execute_sql

    def recording(self, *args, **kwargs):
        if self.query.model is model and self.query.select_for_update:
            locked_reads.append(self.query)
        return real_execute(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "execute_sql", recording)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(f"/assessment/r/{attempt.pk}/", submit).status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    # The last step's answers are saved under a lock too; the submit takes its own.
    assert len(locked_reads) == 2
    if connection.features.has_select_for_update:  # PostgreSQL: the lock is in the SQL itself
        table = connection.ops.quote_name(model._meta.db_table)
        locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"] and table in q["sql"]]
        assert len(locking) == 2, locking
