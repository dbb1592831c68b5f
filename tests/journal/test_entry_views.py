"""Writing the diary through the test client: today, any past day, doses, triggers, consent,
ownership, and the wrong methods."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.services import consent_withdraw
from journal.models import Dose, Entry, Medication, Trigger
from tests.accounts.test_privacy import reauthenticate
from tests.factories import UserFactory
from tests.journal.conftest import entry_post, fill_diary

pytestmark = pytest.mark.django_db


def test_a_good_day_is_one_short_post(diarist_client, diarist, today):
    response = diarist_client.post("/journal/", entry_post())
    assert response.status_code == 302
    assert response["Location"] == "/journal/"
    entry = Entry.objects.get(user=diarist)
    assert (entry.day, entry.headache, entry.mood, entry.sleep_hours) == (today, "none", 4, 7.5)


def test_a_migraine_with_a_triptan_and_triggers(diarist_client, diarist, today):
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    stress = Trigger.objects.get(user__isnull=True, name="Stress")
    day = today - timedelta(days=3)
    data = entry_post(
        headache="migraine", pain="8", nausea="on", light_sensitive="on", impact="3", missed_work="on",
        triggers=[str(stress.pk)], **{"doses-0-medication": str(triptan.pk), "doses-0-amount": "50 mg",
                                       "doses-0-taken_at": "07:30", "doses-0-relief_2h": "2"},
    )  # fmt: skip
    response = diarist_client.post(f"/journal/{day.isoformat()}/", data)
    assert response.status_code == 302
    entry = Entry.objects.get(user=diarist, day=day)
    assert (entry.headache, entry.pain, entry.nausea, entry.missed_work) == ("migraine", 8, True, True)
    assert list(entry.triggers.all()) == [stress]
    dose = entry.doses.get()
    assert (dose.medication, dose.amount, dose.taken_at.hour, dose.relief_2h) == (triptan, "50 mg", 7, 2)

    html = diarist_client.get(f"/journal/{day.isoformat()}/").content.decode()
    assert 'value="50 mg"' in html
    assert "You have already written about this day" in html


def test_saving_a_day_again_replaces_it(diarist_client, diarist, today):
    ibuprofen = Medication.objects.get(user=diarist, name="Ibuprofen")
    diarist_client.post("/journal/", entry_post(headache="headache", pain="4", **{"doses-0-medication": ibuprofen.pk}))
    diarist_client.post("/journal/", entry_post(mood="2"))
    entry = Entry.objects.get(user=diarist)
    assert (entry.headache, entry.pain, entry.mood) == ("none", 0, 2)
    assert not Dose.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"headache": "none", "pain": "5"}, "You chose no headache, so the pain should be 0."),
        ({"headache": "migraine", "pain": "0"}, "How bad was the pain at its worst?"),
        ({"pain": "11"}, "Select a valid choice"),
        ({"sleep_hours": "25"}, "less than or equal to 24"),
        ({"mood": "9"}, "Select a valid choice"),
        ({"headache": "sometimes"}, "Select a valid choice"),
        ({"doses-0-amount": "2 tablets"}, "Which medicine was it?"),
    ],
)
def test_bad_input_is_a_clear_form_error_and_nothing_is_stored(diarist_client, overrides, message):
    response = diarist_client.post("/journal/", entry_post(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Entry.objects.exists()


def test_a_future_day_is_refused_with_a_clear_message(diarist_client, today):
    tomorrow = (today + timedelta(days=1)).isoformat()
    response = diarist_client.get(f"/journal/{tomorrow}/")
    assert response.status_code == 400
    assert "That day hasn" in response.content.decode()
    assert diarist_client.post(f"/journal/{tomorrow}/", entry_post()).status_code == 400
    assert not Entry.objects.exists()


def test_an_impossible_date_is_404(diarist_client):
    assert diarist_client.get("/journal/2026-02-30/").status_code == 404


def test_nothing_is_stored_without_consent(diarist_client, diarist):
    consent_withdraw(user=diarist)
    response = diarist_client.post("/journal/", entry_post())
    assert response.status_code == 302
    assert response["Location"].startswith("/account/consent/?next=")
    assert diarist_client.post("/journal/medications/", {"name": "X", "drug_class": "other", "use": "acute"})[
        "Location"
    ].startswith("/account/consent/")
    assert not Entry.objects.exists()
    assert Medication.objects.filter(name="X").count() == 0


def test_a_stranger_sees_only_their_own_empty_day(diarist_client, diarist, client, today):
    diarist_client.post("/journal/", entry_post(notes="a private note"))
    stranger = UserFactory()
    from accounts.services import consent_give

    consent_give(user=stranger)
    client.force_login(stranger)
    html = client.get(f"/journal/{today.isoformat()}/").content.decode()
    assert "a private note" not in html
    assert "You have already written about this day" not in html
    assert "Sumatriptan" not in html  # another person's medicines are not offered either
    client.post("/journal/", entry_post(notes="mine"))
    assert Entry.objects.get(user=diarist).notes == "a private note"


def test_another_persons_medicine_cannot_be_used_or_removed(diarist_client, diarist, client):
    stranger = UserFactory()
    from accounts.services import consent_give

    consent_give(user=stranger)
    theirs = Medication.objects.get(user=diarist, name="Sumatriptan")
    client.force_login(stranger)
    response = client.post("/journal/", entry_post(headache="migraine", pain="7", **{"doses-0-medication": theirs.pk}))
    assert response.status_code == 400
    assert not Dose.objects.exists()
    assert client.post(f"/journal/medications/{theirs.pk}/remove/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.active


def test_medicines_can_be_added_and_removed_keeping_past_doses(diarist_client, diarist):
    response = diarist_client.post("/journal/medications/", {"name": "Rimegepant", "drug_class": "gepant",
                                                             "use": "acute"})  # fmt: skip
    assert response.status_code == 302
    gepant = Medication.objects.get(user=diarist, name="Rimegepant")
    diarist_client.post("/journal/", entry_post(headache="migraine", pain="6", **{"doses-0-medication": gepant.pk}))
    assert diarist_client.post(f"/journal/medications/{gepant.pk}/remove/").status_code == 302
    gepant.refresh_from_db()
    assert not gepant.active
    assert Dose.objects.get().medication == gepant
    diarist_client.get("/journal/medications/")  # shows (and uses up) the "off your list" message
    assert "Rimegepant" not in diarist_client.get("/journal/medications/").content.decode()


def test_own_triggers_can_be_added_and_removed_but_not_the_default_list(diarist_client, diarist):
    diarist_client.post("/journal/triggers/", {"name": "Chocolate"})
    chocolate = Trigger.objects.get(user=diarist, name="Chocolate")
    assert "Chocolate" in diarist_client.get("/journal/").content.decode()
    default = Trigger.objects.filter(user__isnull=True).first()
    assert diarist_client.post(f"/journal/triggers/{default.pk}/remove/").status_code == 404
    assert diarist_client.post(f"/journal/triggers/{chocolate.pk}/remove/").status_code == 302
    chocolate.refresh_from_db()
    assert not chocolate.active


def test_someone_elses_trigger_cannot_be_ticked_or_removed(diarist_client, client, diarist):
    other = UserFactory()
    secret = Trigger.objects.create(user=other, name="Secret trigger")
    response = diarist_client.post("/journal/", entry_post(triggers=[str(secret.pk)]))
    assert response.status_code == 400
    assert "Secret trigger" not in diarist_client.get("/journal/").content.decode()
    assert diarist_client.post(f"/journal/triggers/{secret.pk}/remove/").status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("put", "/journal/"), ("delete", "/journal/2026-01-01/"), ("post", "/journal/history/"),
        ("post", "/journal/charts/"), ("post", "/journal/insights/"), ("post", "/journal/report/"),
        ("post", "/journal/export.csv"), ("post", "/journal/calendar/2026/1/"),
        ("get", "/journal/medications/1/remove/"), ("get", "/journal/triggers/1/remove/"),
        ("put", "/journal/reminders/"),
    ],
)  # fmt: skip
def test_the_wrong_method_is_405(diarist_client, method, url):
    assert getattr(diarist_client, method)(url).status_code == 405


def test_the_calendar_shows_the_month_with_links_and_figures(diarist_client, diarist, today):
    diarist_client.post("/journal/", entry_post(headache="migraine", pain="8"))
    html = diarist_client.get(f"/journal/calendar/{today.year}/{today.month}/").content.decode()
    assert f'href="/journal/{today.isoformat()}/"' in html
    assert "Migraine" in html
    assert "8/10" in html
    assert "pain-severe" in html
    assert "Previous month" in html
    assert diarist_client.get("/journal/calendar/").status_code == 302


def test_the_calendar_has_a_short_mark_for_narrow_phone_cells(diarist_client, today):
    """On a phone the words are read out but not shown; the mark beside them is explained below."""
    diarist_client.post("/journal/", entry_post(headache="migraine", pain="8"))
    html = diarist_client.get(f"/journal/calendar/{today.year}/{today.month}/").content.decode()
    assert '<span class="day-summary">Migraine 8/10</span><span class="day-short" aria-hidden="true">M8</span>' in html
    assert "M migraine, H headache, then the worst pain" in html


@pytest.mark.parametrize(
    "url", ["/journal/calendar/2026/13/", "/journal/calendar/1999/1/", "/journal/calendar/2026/0/"]
)
def test_a_month_that_does_not_exist_is_404(diarist_client, url):
    assert diarist_client.get(url).status_code == 404


def test_the_csv_export_has_every_entry_and_escapes_formulas(diarist_client, diarist, today):
    diarist_client.post("/journal/triggers/", {"name": "+cmd|' /C calc'!A0"})
    risky = Trigger.objects.get(user=diarist)
    ibuprofen = Medication.objects.get(user=diarist, name="Ibuprofen")
    Medication.objects.filter(pk=ibuprofen.pk).update(name="@SUM(1+1)")
    diarist_client.post("/journal/", entry_post(
        headache="headache", pain="3", notes='=HYPERLINK("http://evil.example","click")', triggers=[str(risky.pk)],
        **{"doses-0-medication": ibuprofen.pk, "doses-0-amount": "-2+3"},
    ))  # fmt: skip
    diarist_client.post(f"/journal/{(today - timedelta(days=1)).isoformat()}/", entry_post())
    # The form strips leading white space; a tab can still arrive from elsewhere (an import, say).
    Entry.objects.filter(day=today - timedelta(days=1)).update(notes="\tTabbed")
    reauthenticate(diarist_client)
    response = diarist_client.get("/journal/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2
    yesterday, day = rows
    assert day["notes"] == '\'=HYPERLINK("http://evil.example","click")'
    assert day["triggers"] == "'+cmd|' /C calc'!A0"
    assert day["doses"] == "'@SUM(1+1) -2+3"
    assert yesterday["notes"] == "'\tTabbed"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t")), value


def test_the_export_never_includes_anyone_elses_entries(diarist_client, diarist):
    other = UserFactory()
    fill_diary(other, 5)
    diarist_client.post("/journal/", entry_post())
    reauthenticate(diarist_client)
    rows = b"".join(diarist_client.get("/journal/export.csv").streaming_content).decode().strip().splitlines()
    assert len(rows) == 2


def test_the_report_refuses_a_backwards_or_too_long_range(diarist_client):
    backwards = diarist_client.get("/journal/report/?start=2026-05-01&end=2026-04-01")
    assert backwards.status_code == 400
    assert "on or after the start date" in backwards.content.decode()
    too_long = diarist_client.get("/journal/report/?start=2020-01-01&end=2026-04-01")
    assert "up to two years" in too_long.content.decode()
    assert diarist_client.get("/journal/report/?start=junk&end=").status_code == 400


# --- Query counts: the same for 1, 30 and 1,095 days of diary --------------------------------

PAGES = [
    "/journal/",
    "/journal/{day}/",
    "/journal/calendar/{year}/{month}/",
    "/journal/history/",
    "/journal/history/?page=2",
    "/journal/charts/",
    "/journal/insights/",
    "/journal/report/?start={year_ago}&end={day}",
]


def page_query_counts(client, today) -> dict[str, int]:
    counts = {}
    for template in PAGES:
        url = template.format(day=today.isoformat(), year=today.year, month=today.month,
                              year_ago=(today - timedelta(days=364)).isoformat())  # fmt: skip
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[template] = len(ctx.captured_queries)
    return counts


# Cold (the first view after a write). Every page: session, user, the page cache's look-up (a
# miss). Then:
# today / a day (the newest, so it is today): the last 30 days' entries with their doses, in one
#   read (today's entry, the 30-day figures, today's dose rows and the relief questions about
#   yesterday's and today's doses), the trigger list with this day's ticks, the medicines (dose
#   choices and attack mode's buttons), the attack going on. Consent comes with the user
#   (accounts.backends). A past day reads itself and the day before instead, and no attack.
# calendar: the month's days (cells and figures from one read)
# history: count, page, doses, triggers
# charts: daily pain and mood, days per month, trigger counts
# insights: entries, the triggers ticked (with the pathway of each default among them), latest results
# report: the period's days (calendars, figures and attack features, with the months before), medicine use,
#   latest results, the PHQ-9/GAD-7 "how difficult" answers (only when there are such results), preventives
# and last the page cache's write (one upsert). With Redis as the cache the two cache steps are
# not database queries, so a cold page is 2 fewer.
EXPECTED = {
    "/journal/": 8,
    "/journal/{day}/": 8,
    "/journal/calendar/{year}/{month}/": 5,
    "/journal/history/": 8,
    "/journal/history/?page=2": 8,
    "/journal/charts/": 6,
    "/journal/insights/": 7,
    "/journal/report/?start={year_ago}&end={day}": 7,
}


@pytest.mark.parametrize("days", [1, 30, 1095])
def test_query_counts_are_pinned_and_do_not_grow_with_the_history(diarist_client, diarist, today, days):
    fill_diary(diarist, days)
    assert Entry.objects.filter(user=diarist).count() == days
    assert page_query_counts(diarist_client, today) == EXPECTED


@pytest.mark.parametrize("days", [1, 1095])
def test_a_page_asked_again_costs_three_queries(diarist_client, diarist, today, days):
    """Warm: session, user, the cached page."""
    fill_diary(diarist, days)
    page_query_counts(diarist_client, today)
    assert set(page_query_counts(diarist_client, today).values()) == {3}


@pytest.mark.parametrize("days_ago", [3, 400])
def test_a_past_day_costs_seven_queries_with_or_without_an_entry(diarist_client, diarist, today, days_ago):
    fill_diary(diarist, 30)
    day = today - timedelta(days=days_ago)
    assert Entry.objects.filter(user=diarist, day=day).exists() == (days_ago < 30)
    with CaptureQueriesContext(connection) as ctx:
        assert diarist_client.get(f"/journal/{day.isoformat()}/").status_code == 200
    # session, user (with consent), page cache look-up, the day and the day before with their
    # doses (one read), trigger list, medicines, page cache write
    assert len(ctx.captured_queries) == 7


# --- Hypothesis: random bodies never 500 and never store bad data -----------------------------

FIELDS = ["headache", "pain", "mood", "stress", "anxiety", "sleep_hours", "sleep_quality", "impact", "notes",
          "caffeine_drinks", "alcohol_drinks", "headache_hours", "triggers", "side", "region",
          "doses-TOTAL_FORMS", "doses-INITIAL_FORMS", "doses-0-medication", "doses-0-amount", "doses-0-taken_at",
          "doses-0-relief_2h"]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=20),
    st.integers(-3, 40).map(str),
    st.sampled_from(["none", "headache", "migraine", "7.5", "24.5", "99:99", "07:30", "2", "1000", ""]),
    st.sampled_from(["9999999999999999999999999", "-9223372036854775809", "9223372036854775807"]),  # ids
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=12))
def test_random_entry_posts_never_500_and_never_store_invalid_data(diarist_client, diarist, body):
    Entry.objects.filter(user=diarist).delete()
    data = {k: v.replace("\x00", "") for k, v in body.items()}
    response = diarist_client.post("/journal/", data)
    assert response.status_code in (302, 400)
    entries = list(Entry.objects.filter(user=diarist))
    if response.status_code == 400:
        assert entries == []
    else:
        (entry,) = entries
        entry.full_clean()  # what was stored passes every model validation
        assert (entry.headache == "none") == (entry.pain == 0)
