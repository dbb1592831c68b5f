from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command

from journal.models import Entry, ReminderSetting
from journal.services import reminders_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo(settings.TIME_ZONE)


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL)


@pytest.fixture
def asked(db):
    user = UserFactory(email="remind.me@example.com")
    ReminderSetting.objects.create(user=user, enabled=True, time=time(20, 0))
    return user


def test_it_is_off_by_default_and_can_be_turned_on(diarist_client, diarist):
    assert 'name="enabled"' in diarist_client.get("/journal/reminders/").content.decode()
    assert not ReminderSetting.objects.filter(user=diarist).exists()
    diarist_client.post("/journal/reminders/", {"enabled": "on", "time": "21:15"})
    setting = ReminderSetting.objects.get(user=diarist)
    assert (setting.enabled, setting.time) == (True, time(21, 15))


def test_a_bad_time_is_a_form_error(diarist_client, diarist):
    response = diarist_client.post("/journal/reminders/", {"enabled": "on", "time": "25:99"})
    assert response.status_code == 400
    assert "Enter a valid time" in response.content.decode()


def test_it_sends_once_a_day_when_the_time_has_come_and_nothing_is_logged(asked, mailoutbox, today):
    assert reminders_send(now=at(today, 19, 59)) == 0
    assert reminders_send(now=at(today, 20, 0)) == 1
    assert reminders_send(now=at(today, 20, 5)) == 0
    assert reminders_send(now=at(today, 23, 55)) == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["remind.me@example.com"]
    assert "/journal/" in mailoutbox[0].body
    # The next day it may remind again.
    assert reminders_send(now=at(today + timedelta(days=1), 20, 1)) == 1


def test_it_does_not_remind_someone_who_has_logged_today(asked, mailoutbox, today):
    Entry.objects.create(user=asked, day=today)
    assert reminders_send(now=at(today, 21, 0)) == 0
    assert mailoutbox == []


def test_it_does_not_remind_people_who_did_not_ask(asked, mailoutbox, today):
    ReminderSetting.objects.filter(user=asked).update(enabled=False)
    UserFactory()
    assert reminders_send(now=at(today, 23, 0)) == 0


def test_the_command_is_safe_to_run_every_few_minutes(asked, mailoutbox):
    ReminderSetting.objects.filter(user=asked).update(time=time(0, 0))  # due whenever the test runs
    for _ in range(3):
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mailoutbox) == 1
