"""Exact figures as the pages show them, for one known month of diary: the doctor's report (its
page and the shared link), and the charts page.

Issue 12 point 6: forcing every medicine's relief to 3 and the migraine days to all recorded days
on the report once left every test green (the older tests read the view's context, not what the
page says). These read the rendered tables and sentences, so a mistake in the selectors, the view
or the templates shows."""

from datetime import date, timedelta

import pytest
from django.core.cache import caches

from journal.models import Dose, Entry, Medication
from journal.services import report_share_create
from tests.conftest import PINNED_NOW
from tests.html_text import body_rows, visible_text

pytestmark = pytest.mark.django_db


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


@pytest.fixture
def month(diarist, today):
    """Last calendar month, days 1 to 10 recorded:

    day 2  migraine (called so), pain 7, nausea; sumatriptan, relief 2   -> migraine day
    day 3  headache, pain 5, aura                                         -> migraine day (aura)
    day 4  headache, pain 3, nothing else; ibuprofen, relief 1            -> headache day only
    day 5  headache, pain 6, nausea; ibuprofen, relief 2                  -> migraine day (features)
    day 6  headache, pain 2, light and sound, right side                  -> migraine day (one-sided)
    days 1, 7, 8, 9, 10 no headache

    10 recorded, 5 headache days, 4 migraine days (1 called migraine), 3 acute-medicine days.
    The period of the same length before: 2 recorded days, 1 of them a plain headache day.
    """
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    ibuprofen = Medication.objects.get(user=diarist, name="Ibuprofen")
    start, end = last_month(today)

    def day(n, **values):
        return Entry.objects.create(user=diarist, day=start + timedelta(days=n - 1), **values)

    for n in (1, 7, 8, 9, 10):
        day(n)
    Dose.objects.create(entry=day(2, headache="migraine", pain=7, nausea=True), medication=triptan, relief_2h=2)
    day(3, headache="headache", pain=5, aura=True)
    Dose.objects.create(entry=day(4, headache="headache", pain=3), medication=ibuprofen, relief_2h=1)
    Dose.objects.create(entry=day(5, headache="headache", pain=6, nausea=True), medication=ibuprofen, relief_2h=2)
    day(6, headache="headache", pain=2, light_sensitive=True, sound_sensitive=True, side="right")
    length = (end - start).days + 1
    Entry.objects.create(user=diarist, day=start - timedelta(days=length), headache="headache", pain=3)
    Entry.objects.create(user=diarist, day=start - timedelta(days=1))
    caches["pages"].clear()
    return start, end


def report_html(client, start, end) -> str:
    reply = client.get(f"/journal/report/?start={start.isoformat()}&end={end.isoformat()}")
    assert reply.status_code == 200
    return reply.content.decode()


def check_report(html: str, start: date, end: date) -> None:
    length = (end - start).days + 1
    text = visible_text(html)
    assert f"10 of {length} days recorded" in text
    assert "Migraine days: 4 by the ICHD-3-based rule" in text
    assert "1 called migraine by the patient" in text

    rates = body_rows(html, "This period against the period of the same length before it")
    assert rates == {
        "Headache days": ["15.0", "15.0", "0.0"],  # 5 of 10 recorded days; before, 1 of 2
        "Migraine days": ["12.0", "0.0", "+12.0"],  # 4 of 10; before, none
        "Acute-medicine days": ["9.0", "0.0", "+9.0"],  # 3 of 10
    }

    months = body_rows(html, "Headache, migraine and acute-medicine days per month")
    (row,) = months.values()
    recorded, headache, migraine, acute = row[:4]
    assert (recorded, headache, migraine) == (f"10/{length}", "≥5", "≥4")  # ≥: days unrecorded
    assert acute.startswith("3 ")

    medicines = body_rows(html, "Days taken, doses and average relief after 2 hours")
    assert {name: (row[1], row[2], row[3]) for name, row in medicines.items()} == {
        "Sumatriptan": ("1", "1", "2.0"),
        "Ibuprofen": ("2", "2", "1.5"),  # relief 1 and 2
    }

    features = text.split("Attacks and their effect", 1)[1]
    assert "With aura: 20%" in features  # 1 of 5 headache days
    assert "Nausea or vomiting: 40%" in features  # days 2 and 5
    assert "Light and sound sensitivity: 20%" in features


def test_the_report_page_shows_the_exact_figures(diarist_client, month):
    start, end = month
    check_report(report_html(diarist_client, start, end), start, end)


def test_the_shared_report_shows_the_same_exact_figures(client, diarist, month):
    start, end = month
    _share, token = report_share_create(user=diarist, start=start, end=end, days=7, now=PINNED_NOW)
    reply = client.get(f"/shared/{token}/")
    assert reply.status_code == 200, reply["Location"] if reply.status_code == 302 else reply.status_code
    check_report(reply.content.decode(), start, end)


def test_the_charts_page_shows_the_exact_days_per_month(diarist_client, month, today):
    start, _end = month
    reply = diarist_client.get("/journal/charts/")
    html = reply.content.decode()
    months = body_rows(html, "Headache days, migraine days and days recorded, per month")
    # Headache days, migraine days, days recorded
    assert months[start.strftime("%B %Y")] == ["5", "4", "10"]
    assert months[today.replace(day=1).strftime("%B %Y")] == ["0", "0", "0"]

    data = reply.context["chart_json"]["months"]
    label = data["labels"].index(start.strftime("%b %Y"))
    assert (data["headache_days"][label], data["migraine_days"][label]) == (5, 4)

    pain = body_rows(html, "Pain (0–10) and mood (1–5) by day since")
    assert pain[(start + timedelta(days=1)).strftime("%a %-d %b")][0] == "7"
    assert pain[(start + timedelta(days=5)).strftime("%a %-d %b")][0] == "2"
