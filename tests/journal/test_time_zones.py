"""Every person's own "today": in their time zone for the day page, the future-day refusal and
the reminders, from one run for people all over the world."""

from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from accounts.time_zones import zone_of
from journal import days, stats
from journal.models import Entry, ReminderSetting
from journal.services import reminders_due, reminders_send
from tests.factories import UserFactory

# 06:25 UTC on 25 November 2026 is 22:25 on the 24th in Los Angeles.
MOMENT = datetime(2026, 11, 25, 6, 25, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("America/Los_Angeles", date(2026, 11, 24)),
        ("Europe/London", date(2026, 11, 25)),
        ("Pacific/Kiritimati", date(2026, 11, 25)),  # UTC+14: 20:25 on the 25th
        ("Pacific/Pago_Pago", date(2026, 11, 24)),  # UTC-11: 19:25 on the 24th
        ("Asia/Kolkata", date(2026, 11, 25)),
    ],
)
def test_today_is_the_day_in_the_persons_own_zone(zone, day):
    assert days.local_today(MOMENT, zone_of(SimpleNamespace(time_zone=zone))) == day


def test_no_or_an_unknown_zone_means_the_sites(settings):
    assert zone_of(SimpleNamespace(time_zone="")) == ZoneInfo(settings.TIME_ZONE)
    assert zone_of(SimpleNamespace(time_zone="Mars/Olympus")) == ZoneInfo(settings.TIME_ZONE)


def setting(zone, at_time, last_sent_on=None):
    return SimpleNamespace(user=SimpleNamespace(time_zone=zone), time=at_time, last_sent_on=last_sent_on)


def test_reminders_are_due_at_each_persons_own_evening():
    la, london = setting("America/Los_Angeles", time(22, 0)), setting("Europe/London", time(20, 0))
    kiritimati, pago = setting("Pacific/Kiritimati", time(21, 0)), setting("Pacific/Pago_Pago", time(19, 0))
    already = setting("America/Los_Angeles", time(20, 0), last_sent_on=date(2026, 11, 24))
    due = reminders_due([la, london, kiritimati, pago, already], MOMENT)
    # LA 22:25 >= 22:00 on the 24th; London 06:25 < 20:00; Kiritimati 20:25 < 21:00 on the 25th;
    # Pago Pago 19:25 >= 19:00 on the 24th; the last was reminded on its 24th already.
    assert due == [(la, date(2026, 11, 24)), (pago, date(2026, 11, 24))]


@pytest.mark.django_db
def test_one_run_reminds_people_in_different_zones_each_on_their_own_day(mailoutbox):
    people = {}
    for zone, at_time in [("America/Los_Angeles", time(22, 0)), ("Europe/London", time(6, 0)),
                          ("Pacific/Kiritimati", time(20, 0)), ("Pacific/Pago_Pago", time(19, 0))]:  # fmt: skip
        person = UserFactory(time_zone=zone)
        ReminderSetting.objects.create(user=person, enabled=True, time=at_time)
        people[zone] = person
    # Pago Pago has already logged its 24th; Kiritimati logged the 24th, but its today is the 25th.
    Entry.objects.create(user=people["Pacific/Pago_Pago"], day=date(2026, 11, 24))
    Entry.objects.create(user=people["Pacific/Kiritimati"], day=date(2026, 11, 24))
    assert reminders_send(now=MOMENT) == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        people[z].email for z in ["America/Los_Angeles", "Europe/London", "Pacific/Kiritimati"]
    )
    assert ReminderSetting.objects.get(user=people["America/Los_Angeles"]).last_sent_on == date(2026, 11, 24)
    assert ReminderSetting.objects.get(user=people["Pacific/Kiritimati"]).last_sent_on == date(2026, 11, 25)
    assert reminders_send(now=MOMENT) == 0  # never twice on one day


@pytest.mark.django_db
def test_a_person_in_los_angeles_at_2225_on_the_24th_edits_the_24th(diarist_client, diarist, monkeypatch):
    from tests.journal.conftest import entry_post

    diarist.time_zone = "America/Los_Angeles"
    diarist.save()
    monkeypatch.setattr(days, "now", lambda: MOMENT)
    html = diarist_client.get("/journal/").content.decode()
    assert "24 November 2026" in html or "November 24, 2026" in html or "Tuesday 24 November" in html
    diarist_client.post("/journal/", entry_post(headache="headache", pain="4"))
    assert list(Entry.objects.filter(user=diarist).values_list("day", flat=True)) == [date(2026, 11, 24)]
    # The 25th is still the future for them.
    assert diarist_client.get("/journal/2026-11-25/").status_code == 400


@pytest.mark.django_db
def test_sign_up_keeps_the_time_zone_the_browser_gave(client, mailoutbox):
    from tests.factories import PASSWORD

    client.post("/accounts/signup/", {"email": "tz@example.com", "password1": PASSWORD, "password2": PASSWORD,
                                      "adult": "on", "time_zone": "Asia/Tokyo"})  # fmt: skip
    client.post("/accounts/signup/", {"email": "bad@example.com", "password1": PASSWORD, "password2": PASSWORD,
                                      "adult": "on", "time_zone": "Nowhere/Atlantis"})  # fmt: skip
    from accounts.models import User

    assert User.objects.get(email="tz@example.com").time_zone == "Asia/Tokyo"
    assert User.objects.get(email="bad@example.com").time_zone == ""


@pytest.mark.django_db
def test_a_person_with_no_zone_gets_their_browsers_and_their_today_is_theirs(diarist_client, diarist, monkeypatch):
    from tests.journal.conftest import entry_post

    assert diarist.time_zone == ""
    ReminderSetting.objects.create(user=diarist, enabled=True, time=time(22, 0))
    monkeypatch.setattr(days, "now", lambda: MOMENT)  # 06:25 on the 25th in London, 22:25 on the 24th in LA
    assert "Today, Wednesday 25 November" in diarist_client.get("/journal/").content.decode()  # no cookie yet
    diarist_client.cookies["tz"] = "America/Los_Angeles"
    assert "Today, Tuesday 24 November" in diarist_client.get("/journal/").content.decode()
    diarist.refresh_from_db()
    assert diarist.time_zone == "America/Los_Angeles"
    # The saved zone serves where no browser asks: 22:25 in LA is past their 22:00 (not London's 06:25).
    assert reminders_send(now=MOMENT) == 1
    assert ReminderSetting.objects.get(user=diarist).last_sent_on == date(2026, 11, 24)
    diarist_client.post("/journal/", entry_post(headache="headache", pain="4"))
    assert list(Entry.objects.filter(user=diarist).values_list("day", flat=True)) == [date(2026, 11, 24)]
    assert diarist_client.get("/journal/2026-11-25/").status_code == 400


@pytest.mark.django_db
def test_a_bad_browser_zone_leaves_the_sites_today(diarist_client, diarist, monkeypatch):
    monkeypatch.setattr(days, "now", lambda: MOMENT)
    diarist_client.cookies["tz"] = "America/Atlantis"
    assert "Today, Wednesday 25 November" in diarist_client.get("/journal/").content.decode()
    diarist.refresh_from_db()
    assert diarist.time_zone == ""


def test_the_relief_question_counts_hours_really_elapsed_across_a_change_of_the_clocks():
    london = ZoneInfo("Europe/London")
    # 29 March 2026: at 01:00 GMT London's clocks go forward to 02:00 BST.
    taken = days.dose_moment(date(2026, 3, 29), time(0, 30), london)  # 00:30 GMT
    assert not stats.relief_question(taken, datetime(2026, 3, 29, 2, 29, tzinfo=UTC))[0]  # 03:29 BST: 1 h 59 min
    assert stats.relief_question(taken, datetime(2026, 3, 29, 2, 30, tzinfo=UTC))[0]  # 03:30 BST: 2 h
    assert stats.relief_question(taken, datetime(2026, 3, 30, 0, 30, tzinfo=UTC))[0]  # 24 h
    assert not stats.relief_question(taken, datetime(2026, 3, 30, 0, 31, tzinfo=UTC))[0]
    assert not stats.relief_question(days.dose_moment(date(2026, 3, 29), time(4, 0), london), taken)[0]  # later on
