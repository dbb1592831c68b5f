import pytest
from django.core.management import call_command

from accounts.services import consent_give
from journal.demo import seed_diary
from journal.models import Medication
from tests.conftest import PINNED_TODAY
from tests.factories import UserFactory


@pytest.fixture
def triggers(db):
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def diarist(db, triggers):
    """A person who has consented and has a triptan and ibuprofen on their list."""
    user = UserFactory()
    consent_give(user=user)
    Medication.objects.create(user=user, name="Sumatriptan", drug_class="triptan", use="acute")
    Medication.objects.create(user=user, name="Ibuprofen", drug_class="simple", use="acute")
    return user


@pytest.fixture
def diarist_client(client, diarist):
    client.force_login(diarist)
    return client


def fill_diary(user, days: int) -> None:
    seed_diary(user, days=days, end=PINNED_TODAY)


def entry_post(**overrides) -> dict:
    """A complete, valid day form: a good day unless overridden; no doses unless given."""
    data = {
        "headache": "none",
        "pain": "0",
        "mood": "4",
        "stress": "3",
        "sleep_hours": "7.5",
        "sleep_quality": "4",
        "impact": "0",
        "doses-TOTAL_FORMS": "2",
        "doses-INITIAL_FORMS": "0",
        "doses-MIN_NUM_FORMS": "0",
        "doses-MAX_NUM_FORMS": "12",
    }
    data.update(overrides)
    return data
