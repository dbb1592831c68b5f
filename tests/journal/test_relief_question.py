"""The relief question by email (issue 13): for people who asked for it, 2 to 24 hours after a
dose whose relief is not told, in each person's own time zone, once per dose, one email per run."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from accounts.services import consent_give, consent_withdraw
from journal.models import Dose, Entry, Medication, ReminderSetting
from journal.services import DoseData, attack_start, entry_save, reminders_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# 19:00 UTC on 15 June 2026 is 20:00 in London, 09:00 on the 16th in Kiritimati (UTC+14), 08:00
# on the 15th in Pago Pago (UTC-11), 12:00 in Los Angeles and 04:00 on the 16th in Tokyo.
NOW = datetime(2026, 6, 15, 19, 0, tzinfo=UTC)
JUNE_15, JUNE_16 = date(2026, 6, 15), date(2026, 6, 16)
SITE = "https://migraine.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def person(email, zone, *, ask_relief=True, daily=False, at=time(20, 0)):
    user = UserFactory(email=email, time_zone=zone)
    consent_give(user=user)
    ReminderSetting.objects.create(user=user, enabled=daily, time=at, ask_relief=ask_relief)
    return user


def dose(user, day, taken_at, relief=None) -> Dose:
    medication, _created = Medication.objects.get_or_create(
        user=user, name="Sumatriptan", defaults={"drug_class": "triptan", "use": "acute"}
    )
    entry, _created = Entry.objects.get_or_create(user=user, day=day, defaults={"headache": "migraine", "pain": 7})
    return Dose.objects.create(entry=entry, medication=medication, taken_at=taken_at, relief_2h=relief)


def body(*, daily=False, doses):
    intro = (
        "This is the daily reminder you asked for. A few seconds in your journal today helps you and your doctor "
        "see your pattern.\n\n"
        if daily
        else ""
    )
    which = "the dose" if len(doses) == 1 else "the doses"
    listed = "\n".join(f"- {when}" for when in doses)
    return (
        f"Hello,\n\n{intro}How much did your medicine help, 2 hours after you took it? You have not said yet for "
        f"{which} you logged:\n\n{listed}\n\nIt takes one tap on Today, in your journal:\n\n{SITE}/journal/\n\n"
        "You can turn these emails off on the reminders page of your journal.\n\nMigraine Heroes\n"
    )


@pytest.fixture
def world():
    london = person("london@example.com", "Europe/London")
    dose(london, JUNE_15, time(17, 30))  # 2 h 30 min ago: due
    dose(london, JUNE_15, time(19, 0))  # 1 h ago: not yet
    dose(london, JUNE_15, time(12, 0), relief=2)  # told already
    kiritimati = person("kiritimati@example.com", "Pacific/Kiritimati", daily=True, at=time(8, 0))
    dose(kiritimati, JUNE_15, time(22, 30))  # its yesterday, 10 h 30 min ago; nothing logged on its 16th
    pago = person("pago@example.com", "Pacific/Pago_Pago", ask_relief=False)
    dose(pago, JUNE_15, time(5, 0))  # due, but they did not ask
    la = person("la@example.com", "America/Los_Angeles")
    dose(la, date(2026, 6, 14), time(6, 0))  # 30 hours ago: too late to ask
    tokyo = person("tokyo@example.com", "Asia/Tokyo")
    dose(tokyo, JUNE_16, time(1, 0))  # 3 h ago, but it is 04:00 there
    withdrawn = person("withdrawn@example.com", "Europe/London")
    dose(withdrawn, JUNE_15, time(16, 0))
    consent_withdraw(user=withdrawn)
    return {"london": london, "kiritimati": kiritimati, "pago": pago, "la": la, "tokyo": tokyo}


def test_one_run_asks_only_those_who_want_it_whose_dose_is_due_each_once(world, mailoutbox):
    assert reminders_send(now=NOW) == 2
    mails = {m.to[0]: m for m in mailoutbox}
    assert sorted(mails) == ["kiritimati@example.com", "london@example.com"]
    london, kiritimati = mails["london@example.com"], mails["kiritimati@example.com"]
    assert london.subject == "[Migraine Heroes] How much did it help?"
    assert london.body == body(doses=["today at 17:30"])
    # Kiritimati's daily reminder is due in the same run: one email with both.
    assert kiritimati.subject == "[Migraine Heroes] How was your day?"
    assert kiritimati.body == body(daily=True, doses=["yesterday at 22:30"])
    for mail in mailoutbox:
        assert "Sumatriptan" not in mail.subject + mail.body
    assert ReminderSetting.objects.get(user=world["kiritimati"]).last_sent_on == JUNE_16

    # The same run again, and ten minutes later: nobody is asked twice.
    assert reminders_send(now=NOW) == 0
    assert reminders_send(now=NOW + timedelta(minutes=10)) == 0
    assert len(mailoutbox) == 2

    # An hour later London's second dose is 2 hours old: asked about alone, the first not again.
    assert reminders_send(now=NOW + timedelta(hours=1)) == 1
    assert (mailoutbox[-1].to, mailoutbox[-1].body) == (["london@example.com"], body(doses=["today at 19:00"]))

    # Tokyo's waited for the morning: 07:00 there (22:00 UTC), 6 hours after the dose.
    assert reminders_send(now=datetime(2026, 6, 15, 21, 59, tzinfo=UTC)) == 0
    assert reminders_send(now=datetime(2026, 6, 15, 22, 0, tzinfo=UTC)) == 1
    assert (mailoutbox[-1].to, mailoutbox[-1].body) == (["tokyo@example.com"], body(doses=["today at 01:00"]))
    assert reminders_send(now=datetime(2026, 6, 16, 10, 0, tzinfo=UTC)) == 0  # every dose asked, or too old
    assert len(mailoutbox) == 4


def test_doses_due_together_are_asked_in_one_email(mailoutbox):
    london = person("london@example.com", "Europe/London")
    dose(london, JUNE_15, time(9, 10))
    dose(london, date(2026, 6, 14), time(23, 15))
    assert reminders_send(now=NOW) == 1
    assert mailoutbox[0].body == body(doses=["yesterday at 23:15", "today at 09:10"])
    assert ReminderSetting.objects.get(user=london).relief_asked_through == datetime(2026, 6, 15, 8, 10, tzinfo=UTC)


def test_saving_the_day_form_again_does_not_ask_about_the_same_dose_again(mailoutbox):
    london = person("london@example.com", "Europe/London")
    taken = dose(london, JUNE_15, time(12, 0))
    assert reminders_send(now=NOW) == 1
    # The day form writes the day's doses afresh (new rows), still without relief.
    entry_save(user=london, day=JUNE_15, today=JUNE_15, values={"headache": "migraine", "pain": 7}, trigger_ids=[],
               doses=[DoseData(medication_id=taken.medication_id, taken_at=time(12, 0))])  # fmt: skip
    assert not Dose.objects.filter(pk=taken.pk).exists()
    assert reminders_send(now=NOW + timedelta(hours=1, minutes=30)) == 0  # 21:30 there, before quiet hours
    assert len(mailoutbox) == 1


def test_a_dose_told_before_the_run_is_not_asked_about(mailoutbox):
    london = person("london@example.com", "Europe/London")
    taken = dose(london, JUNE_15, time(17, 30))
    Dose.objects.filter(pk=taken.pk).update(relief_2h=3)
    assert reminders_send(now=NOW) == 0
    assert mailoutbox == []
    assert ReminderSetting.objects.get(user=london).relief_asked_through is None


def test_at_night_the_question_goes_only_with_the_daily_reminder_they_chose(mailoutbox):
    early = person("early@example.com", "Europe/London", daily=True, at=time(6, 0))
    dose(early, date(2026, 6, 14), time(23, 0))  # nothing logged on the 15th
    assert reminders_send(now=datetime(2026, 6, 15, 0, 30, tzinfo=UTC)) == 0  # 01:30 there, 2 h 30 min: quiet
    assert reminders_send(now=datetime(2026, 6, 15, 4, 59, tzinfo=UTC)) == 0  # 05:59: quiet, daily not yet
    assert reminders_send(now=datetime(2026, 6, 15, 5, 0, tzinfo=UTC)) == 1  # 06:00: the reminder, with it
    assert mailoutbox[0].subject == "[Migraine Heroes] How was your day?"
    assert mailoutbox[0].body == body(daily=True, doses=["yesterday at 23:00"])


def test_someone_who_logged_an_attack_today_has_logged_their_day(mailoutbox):
    """An attack writes the day's entry at once, so the daily "log your day" reminder has nothing
    to ask; the relief question for its dose still comes, on its own."""
    user = person("attack@example.com", "Europe/London", daily=True, at=time(19, 0))
    attack_start(
        user=user, key="attack-key-relief-01", started_at=NOW - timedelta(hours=4), now=NOW - timedelta(hours=4)
    )
    dose(user, JUNE_15, time(16, 0))
    assert Entry.objects.filter(user=user, day=JUNE_15).exists()
    assert reminders_send(now=NOW) == 1
    assert mailoutbox[0].subject == "[Migraine Heroes] How much did it help?"
    assert mailoutbox[0].body == body(doses=["today at 16:00"])
    assert ReminderSetting.objects.get(user=user).last_sent_on is None


def test_without_the_question_the_daily_reminder_is_as_it_was(mailoutbox):
    user = person("daily@example.com", "Europe/London", ask_relief=False, daily=True)
    dose(user, date(2026, 6, 14), time(21, 0))
    assert reminders_send(now=NOW) == 1
    assert mailoutbox[0].subject == "[Migraine Heroes] How was your day?"
    assert mailoutbox[0].body == (
        "Hello,\n\nThis is the daily reminder you asked for. A few seconds in your journal today helps you and your "
        f"doctor see your pattern:\n\n{SITE}/journal/\n\n"
        "You can turn these emails off on the reminders page of your journal.\n\nMigraine Heroes\n"
    )


def test_the_question_is_off_by_default_and_asked_for_on_the_reminders_page(diarist_client, diarist):
    html = diarist_client.get("/journal/reminders/").content.decode()
    assert 'name="ask_relief"' in html
    assert "Email me 2 hours after a dose to ask how much it helped" in html
    diarist_client.post("/journal/reminders/", {"time": "20:00", "ask_relief": "on"})
    setting = ReminderSetting.objects.get(user=diarist)
    assert (setting.enabled, setting.ask_relief) == (False, True)
    diarist_client.post("/journal/reminders/", {"enabled": "on", "time": "20:00"})
    setting.refresh_from_db()
    assert (setting.enabled, setting.ask_relief) == (True, False)
    assert ReminderSetting._meta.get_field("ask_relief").default is False
