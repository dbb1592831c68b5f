"""The demo and benchmark data: deterministic, realistic enough to fill every page, and reused."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from assessment.models import Attempt
from bench.seed import seed
from journal.demo import seed_crowd, seed_diary
from journal.models import Dose, Entry
from tests.conftest import PINNED_TODAY

pytestmark = pytest.mark.django_db


def test_the_demo_diary_is_the_same_every_time(user):
    today = PINNED_TODAY
    seed_diary(user, days=60, end=today, seed=5)
    first = list(Entry.objects.filter(user=user).order_by("day").values_list("day", "headache", "pain", "stress"))
    seed_diary(user, days=60, end=today, seed=5)
    again = list(Entry.objects.filter(user=user).order_by("day").values_list("day", "headache", "pain", "stress"))
    assert first == again
    assert len(first) == 60
    kinds = {headache for _, headache, _, _ in first}
    assert kinds == {"none", "headache", "migraine"}
    assert Dose.objects.filter(entry__user=user).count() == sum(1 for _, h, _, _ in first if h != "none")


def test_the_crowd_cannot_log_in_and_has_a_year_each(db):
    call_command("load_default_content", stdout=io.StringIO())
    assert seed_crowd(count=3, days=365, end=PINNED_TODAY) == 3 * 365
    crowd = User.objects.filter(email__startswith="crowd")
    assert crowd.count() == 3
    assert not any(u.has_usable_password() for u in crowd)


def test_the_benchmark_seed_is_reused_when_it_matches(db):
    out = io.StringIO()
    seed(crowd=2, out=out)
    person = User.objects.get(email="bench@example.com")
    assert Entry.objects.filter(user=person).count() == 3 * 365
    assert Attempt.objects.filter(user=person, status="submitted").count() == 7
    assert Attempt.objects.filter(user=person, status="in_progress").count() == 1
    out = io.StringIO()
    seed(crowd=2, out=out)
    assert "reusing it" in out.getvalue()
    assert User.objects.filter(email="bench@example.com").get() == person
