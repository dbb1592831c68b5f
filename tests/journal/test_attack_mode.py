"""Attack mode: an attack in a few taps, across midnight, with its doses and the relief question."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal import days
from journal.models import Attack, Dose, Entry, Medication
from tests.conftest import PINNED_NOW
from tests.factories import UserFactory

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """These tests read Today after each tap inside one rolled-back transaction, where the page
    cache's version bump (on commit) never runs; tests/journal/test_page_cache.py covers it."""
    settings.PAGE_CACHE_ENABLED = False


# --- Views: taps, each saved at once ----------------------------------------------------------------


def attack_of(user) -> Attack:
    return Attack.objects.get(user=user)


@pytest.mark.django_db
def test_three_taps_log_an_attack_with_its_pain_and_a_dose(diarist_client, diarist, today):
    page = diarist_client.get("/journal/")
    assert 'action="/journal/attack/"' in page.content.decode()
    response = diarist_client.post("/journal/attack/", {"minutes_ago": "30", "key": "phone-key-0001"})
    assert response.status_code == 302
    attack = attack_of(diarist)
    assert attack.started_at == PINNED_NOW - timedelta(minutes=30)
    assert Entry.objects.get(user=diarist, day=today).headache == "headache"

    diarist_client.post(f"/journal/attack/{attack.pk}/pain/", {"peak_pain": "7"})
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    diarist_client.post(f"/journal/attack/{attack.pk}/dose/", {"medication": triptan.pk})

    entry = Entry.objects.get(user=diarist, day=today)
    assert (entry.headache, entry.pain, entry.headache_hours) == ("headache", 7, 1)
    (dose,) = Dose.objects.filter(entry=entry)
    assert (dose.medication_id, dose.taken_at.isoformat()) == (triptan.pk, "12:00:00")  # 11:00 UTC is 12:00 BST
    text = diarist_client.get("/journal/").content.decode()
    assert "Attack since 11:30" in text
    assert "It&#x27;s over" in text or "It's over" in text


@pytest.mark.django_db
def test_the_same_attack_sent_twice_is_saved_once(diarist_client, diarist):
    for _ in range(2):
        diarist_client.post("/journal/attack/", {"minutes_ago": "0", "key": "phone-key-0002"})
    assert Attack.objects.filter(user=diarist).count() == 1


@pytest.mark.django_db
def test_an_attack_kept_offline_arrives_with_its_own_start_time(diarist_client, diarist):
    started = (PINNED_NOW - timedelta(hours=3)).isoformat()
    response = diarist_client.post("/journal/attack/", {"started_at": started, "key": "offline-key-0003"})
    assert response.status_code == 302
    assert attack_of(diarist).started_at == PINNED_NOW - timedelta(hours=3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"minutes_ago": "45"},
        {"started_at": (PINNED_NOW + timedelta(hours=1)).isoformat()},
        {"started_at": (PINNED_NOW - timedelta(days=8)).isoformat()},
        {"minutes_ago": "0", "key": "a b"},
    ],
)
def test_a_bad_attack_tap_is_a_clear_400_and_saves_nothing(diarist_client, diarist, data):
    response = diarist_client.post("/journal/attack/", data)
    assert response.status_code == 400
    assert "That tap was not saved" in response.content.decode()
    assert not Attack.objects.exists()
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_ending_an_attack_the_next_day_counts_both_days(diarist_client, diarist, monkeypatch):
    yesterday_evening = datetime(2026, 6, 14, 21, 0, tzinfo=UTC)  # 22:00 in London
    monkeypatch.setattr(days, "now", lambda: yesterday_evening + timedelta(minutes=5))
    diarist_client.post("/journal/attack/", {"started_at": yesterday_evening.isoformat(), "key": "late-key-0004"})
    attack = attack_of(diarist)
    diarist_client.post(f"/journal/attack/{attack.pk}/pain/", {"peak_pain": "6"})
    monkeypatch.setattr(days, "now", lambda: datetime(2026, 6, 15, 2, 30, tzinfo=UTC))  # 03:30 in London
    response = diarist_client.post(f"/journal/attack/{attack.pk}/over/")
    assert response.status_code == 302
    attack.refresh_from_db()
    assert attack.ended_at == datetime(2026, 6, 15, 2, 30, tzinfo=UTC)
    rows = list(
        Entry.objects.filter(user=diarist).order_by("day").values_list("day", "headache", "pain", "headache_hours")
    )
    assert rows == [(date(2026, 6, 14), "headache", 6, 2), (date(2026, 6, 15), "headache", 6, 4)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("started", "heading"),
    [
        (datetime(2026, 6, 15, 8, 15, tzinfo=UTC), "Attack since 09:15"),  # this morning in London
        (datetime(2026, 6, 14, 20, 30, tzinfo=UTC), "Attack since yesterday 21:30"),
        (datetime(2026, 6, 14, 23, 30, tzinfo=UTC), "Attack since 00:30"),  # after midnight in London, 14th in UTC
        (datetime(2026, 6, 12, 19, 5, tzinfo=UTC), "Attack since Friday 12 June, 20:05"),
    ],
)
def test_the_heading_of_an_attack_from_an_earlier_day_names_the_day(diarist_client, diarist, started, heading):
    Attack.objects.create(user=diarist, key="since-key-0009", started_at=started)
    text = diarist_client.get("/journal/").content.decode()
    assert f'<h2 id="attack-heading" class="h5">{heading}</h2>' in text


@pytest.mark.django_db
def test_what_the_day_form_says_is_kept_when_an_attack_touches_the_day(diarist_client, diarist, today):
    Entry.objects.create(user=diarist, day=today, headache="migraine", pain=9, headache_hours=10, nausea=True)
    diarist_client.post("/journal/attack/", {"minutes_ago": "60", "key": "kept-key-0005"})
    diarist_client.post(f"/journal/attack/{attack_of(diarist).pk}/pain/", {"peak_pain": "5"})
    entry = Entry.objects.get(user=diarist, day=today)
    assert (entry.headache, entry.pain, entry.headache_hours, entry.nausea) == ("migraine", 9, 10, True)


@pytest.mark.django_db
def test_two_hours_after_a_dose_today_asks_how_much_it_helped(diarist_client, diarist, today, monkeypatch):
    diarist_client.post("/journal/attack/", {"minutes_ago": "0", "key": "relief-key-0006"})
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    diarist_client.post(f"/journal/attack/{attack_of(diarist).pk}/dose/", {"medication": triptan.pk})
    assert "How much did Sumatriptan" not in diarist_client.get("/journal/").content.decode()
    monkeypatch.setattr(days, "now", lambda: PINNED_NOW + timedelta(hours=2))
    text = diarist_client.get("/journal/").content.decode()
    assert "How much did Sumatriptan at 12:00 help, 2 hours later?" in text
    dose = Dose.objects.get(entry__user=diarist)
    assert diarist_client.post(f"/journal/doses/{dose.pk}/relief/", {"relief": "2"}).status_code == 302
    dose.refresh_from_db()
    assert dose.relief_2h == 2
    assert "How much did Sumatriptan" not in diarist_client.get("/journal/").content.decode()


@pytest.mark.django_db
def test_a_good_day_is_one_tap(diarist_client, diarist, today):
    assert diarist_client.post("/journal/good-day/").status_code == 302
    entry = Entry.objects.get(user=diarist, day=today)
    assert (entry.headache, entry.pain) == ("none", 0)
    assert "A good day: no headache" not in diarist_client.get("/journal/").content.decode()


@pytest.mark.django_db
def test_a_stranger_cannot_touch_someone_elses_attack_or_dose(client, diarist_client, diarist):
    diarist_client.post("/journal/attack/", {"minutes_ago": "0", "key": "mine-key-0007"})
    attack = attack_of(diarist)
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    diarist_client.post(f"/journal/attack/{attack.pk}/dose/", {"medication": triptan.pk})
    dose = Dose.objects.get(entry__user=diarist)
    stranger = UserFactory()
    from accounts.services import consent_give

    consent_give(user=stranger)
    client.force_login(stranger)
    for path, data in [
        (f"/journal/attack/{attack.pk}/pain/", {"peak_pain": "1"}),
        (f"/journal/attack/{attack.pk}/dose/", {"medication": triptan.pk}),
        (f"/journal/attack/{attack.pk}/over/", {}),
        (f"/journal/doses/{dose.pk}/relief/", {"relief": "0"}),
    ]:
        assert client.post(path, data).status_code == 404
    attack.refresh_from_db()
    assert (attack.peak_pain, attack.ended_at) == (None, None)
    # And a medicine of someone else's cannot be logged against one's own attack.
    client.post("/journal/attack/", {"minutes_ago": "0", "key": "their-key-0008"})
    theirs = Attack.objects.get(user=stranger)
    assert client.post(f"/journal/attack/{theirs.pk}/dose/", {"medication": triptan.pk}).status_code == 400
