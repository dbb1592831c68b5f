"""Twelve identical posts at the same moment, each from its own request and database connection
(a double click, several tabs): every create-if-missing ends in one row and a normal answer,
never an IntegrityError. Written for PostgreSQL, where the race is real; on SQLite every write
transaction takes the lock at BEGIN, so the same test must hold there too."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import time

import pytest
from django.db import IntegrityError, connections, transaction
from django.test import Client

from accounts.consent import CURRENT_CONSENT_VERSION
from accounts.models import Consent
from accounts.services import consent_give
from journal.models import Medication, ReminderSetting, Trigger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
AT_ONCE = 12


def post_all_at_once(user, url: str, data: dict) -> list[int]:
    clients = []
    for _ in range(AT_ONCE):
        client = Client(raise_request_exception=True)
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(AT_ONCE)

    def post(client):
        try:
            barrier.wait(timeout=20)
            return client.post(url, data).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(post, clients))  # re-raises any error, e.g. an IntegrityError


@pytest.fixture
def consenting():
    user = UserFactory()
    consent_give(user=user)
    return user


def test_the_same_medicine_added_twelve_times_at_once_is_one_row(consenting):
    statuses = post_all_at_once(
        consenting, "/journal/medications/", {"name": "Sumatriptan", "drug_class": "triptan", "use": "acute"}
    )
    assert statuses == [302] * AT_ONCE
    assert list(Medication.objects.filter(user=consenting).values_list("name", "active")) == [("Sumatriptan", True)]


def test_the_same_trigger_added_twelve_times_at_once_is_one_row(consenting):
    statuses = post_all_at_once(consenting, "/journal/triggers/", {"name": "Red wine"})
    assert statuses == [302] * AT_ONCE
    assert list(Trigger.objects.filter(user=consenting).values_list("name", flat=True)) == ["Red wine"]


def test_the_reminder_setting_saved_twelve_times_at_once_is_one_row(consenting):
    statuses = post_all_at_once(consenting, "/journal/reminders/", {"enabled": "on", "time": "19:30"})
    assert statuses == [302] * AT_ONCE
    assert list(ReminderSetting.objects.filter(user=consenting).values_list("enabled", "time")) == [
        (True, time(19, 30))
    ]


def test_consent_given_twelve_times_at_once_is_one_consent_in_force():
    user = UserFactory()
    statuses = post_all_at_once(user, "/account/consent/", {"agree": "on"})
    assert statuses == [302] * AT_ONCE
    assert Consent.objects.filter(user=user).count() == 1
    assert Consent.objects.filter(user=user, version=CURRENT_CONSENT_VERSION, withdrawn_at__isnull=True).count() == 1


def test_the_database_allows_one_consent_in_force_per_person_and_version():
    user = UserFactory()
    Consent.objects.create(user=user, version="v1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(user=user, version="v1")
    Consent.objects.filter(user=user).update(withdrawn_at=Consent.objects.get(user=user).given_at)
    Consent.objects.create(user=user, version="v1")  # given again after withdrawing: allowed
    Consent.objects.create(user=user, version="v2")
    assert Consent.objects.filter(user=user, withdrawn_at__isnull=True).count() == 2


ROUNDS = 5


def call_all_at_once(write) -> None:
    """`write(round)` from AT_ONCE threads at the same moment, ROUNDS times."""
    for round_ in range(ROUNDS):
        barrier = threading.Barrier(AT_ONCE)

        def call(_n, round_=round_, barrier=barrier):
            try:
                barrier.wait(timeout=20)
                return write(round_)
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
            list(pool.map(call, range(AT_ONCE)))  # re-raises any error


def test_the_services_called_at_once_leave_one_row_each(consenting):
    from journal.services import medication_create, reminder_update, trigger_create

    call_all_at_once(
        lambda n: medication_create(user=consenting, name=f"Medicine {n}", drug_class="other", use="acute")
    )
    call_all_at_once(lambda n: trigger_create(user=consenting, name=f"Trigger {n}"))
    call_all_at_once(lambda n: reminder_update(user=consenting, enabled=True, at=time(18, n)))
    assert Medication.objects.filter(user=consenting).count() == ROUNDS
    assert Trigger.objects.filter(user=consenting).count() == ROUNDS
    assert ReminderSetting.objects.filter(user=consenting).count() == 1
