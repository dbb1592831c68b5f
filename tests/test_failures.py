"""Failure injection: an exception half-way through a save leaves no partial rows.

The failure is injected by making the second write of each save raise, after the first write
has gone to the database; the transaction must take the first one back."""

import io

import pytest
from django.core.management import call_command

from accounts.services import consent_give
from assessment.models import Answer, Attempt, Questionnaire
from assessment.services import attempt_save_answers, attempt_submit
from journal.models import Dose, Entry, Medication
from journal.services import DoseData, entry_save
from tests.conftest import PINNED_TODAY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Injected(Exception):
    pass


def explode(*args, **kwargs):
    raise Injected


def test_an_entry_with_its_doses_and_triggers_is_saved_whole_or_not_at_all(monkeypatch):
    today = PINNED_TODAY
    call_command("load_default_content", stdout=io.StringIO())
    user = UserFactory()
    consent_give(user=user)
    triptan = Medication.objects.create(user=user, name="Sumatriptan", drug_class="triptan")
    save = {
        "user": user,
        "day": today,
        "today": today,
        "trigger_ids": [],
        "doses": [DoseData(medication_id=triptan.pk, amount="50 mg")],
    }
    entry_save(values={"headache": "headache", "pain": 3, "notes": "first"}, **save)

    monkeypatch.setattr(Dose.objects, "bulk_create", explode)  # after the entry row is updated
    with pytest.raises(Injected):
        entry_save(values={"headache": "migraine", "pain": 9, "notes": "second"}, **save)
    entry = Entry.objects.get(user=user)
    assert (entry.headache, entry.pain, entry.notes) == ("headache", 3, "first")
    assert entry.doses.get().amount == "50 mg"

    Entry.objects.all().delete()
    with pytest.raises(Injected):
        entry_save(values={"headache": "migraine", "pain": 9}, **save)
    assert not Entry.objects.exists()


@pytest.fixture
def half_answered(db):
    call_command("load_default_content", stdout=io.StringIO())
    user = UserFactory()
    consent_give(user=user)
    phq9 = Questionnaire.objects.get(slug="phq-9")
    response = Attempt.objects.create(questionnaire=phq9, user=user, consent_version="x")
    questions = list(phq9.sections.first().questions.prefetch_related("choices"))
    values = {q.pk: q.choices.all()[1].pk for q in questions}
    attempt_save_answers(attempt=response, questions=questions, values=values, next_step=1)
    return response, questions, values


def test_a_step_is_saved_whole_or_not_at_all(monkeypatch, half_answered):
    response, questions, values = half_answered
    monkeypatch.setattr(Answer.objects, "bulk_create", explode)  # after the old answers are deleted
    changed = {q.pk: q.choices.all()[3].pk for q in questions}
    with pytest.raises(Injected):
        attempt_save_answers(attempt=response, questions=questions, values=changed, next_step=1)
    stored = dict(Answer.objects.filter(attempt=response).values_list("question_id", "value"))
    assert stored == values


def test_a_submit_is_scored_and_stored_whole_or_not_at_all(monkeypatch, half_answered):
    response, _questions, _values = half_answered
    monkeypatch.setattr(Attempt, "save", explode)
    with pytest.raises(Injected):
        attempt_submit(attempt=response)
    monkeypatch.undo()
    response.refresh_from_db()
    assert response.status == Attempt.Status.IN_PROGRESS
    assert response.result is None
    assert response.submitted_at is None
    assert attempt_submit(attempt=response).status == Attempt.Status.SUBMITTED
