"""The per-person page cache (core/page_cache.py): no stale page after a write, no page of one
person for another, and the cache switched off changes nothing."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from core import page_cache
from journal import days
from journal.models import Attack, Entry, Medication
from tests.conftest import PINNED_NOW
from tests.factories import UserFactory
from tests.journal.conftest import entry_post

pytestmark = pytest.mark.django_db(transaction=True)

HISTORY = "/journal/history/"


def belongs_to_a_person(model) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for field in model._meta.get_fields():
        if isinstance(field, models.ForeignKey | models.OneToOneField) and field.related_model in (
            user_model,
            Entry,
        ):
            return True
    return False


def without_tokens(html: str) -> str:
    """CSRF tokens are masked afresh for every response."""
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", html)


# Rows that never change what a person's pages show.
NOT_SHOWN = {"accounts.LoginSession"}


def test_every_model_that_belongs_to_a_person_is_watched():
    ours = [
        m for m in apps.get_models() if m._meta.app_label in {"accounts", "assessment", "journal"} and not m._meta.proxy
    ]
    labels = {m._meta.label for m in ours if belongs_to_a_person(m)} - NOT_SHOWN
    assert labels <= set(page_cache.WATCHED), sorted(labels - set(page_cache.WATCHED))


def test_a_second_visit_is_served_from_the_cache(diarist_client, django_assert_num_queries):
    first = diarist_client.get(HISTORY)
    # session, user, the cached page
    with django_assert_num_queries(3):
        second = diarist_client.get(HISTORY)
    assert second.status_code == 200
    assert without_tokens(first.content.decode()) == without_tokens(second.content.decode())


def test_a_saved_day_shows_at_once(diarist_client, today):
    before = diarist_client.get(HISTORY).content.decode()
    assert today.isoformat() not in before
    diarist_client.post("/journal/", entry_post(headache="migraine", pain="7"))
    after = diarist_client.get(HISTORY).content.decode()
    assert f'href="/journal/{today.isoformat()}/"' in after


def test_a_write_outside_a_request_also_moves_the_version_on(diarist_client, diarist, today):
    diarist_client.get(HISTORY)
    Entry.objects.create(user=diarist, day=today, headache="headache", pain=4)
    assert f'href="/journal/{today.isoformat()}/"' in diarist_client.get(HISTORY).content.decode()


def test_one_person_never_gets_another_persons_page(client, diarist, today):
    Entry.objects.create(user=diarist, day=today, headache="headache", pain=4)
    client.force_login(diarist)
    assert f"/journal/{today.isoformat()}/" in client.get(HISTORY).content.decode()
    stranger = UserFactory()
    stranger.page_version = diarist.page_version  # the same version number must not matter
    stranger.save()
    client.force_login(stranger)
    assert f"/journal/{today.isoformat()}/" not in client.get(HISTORY).content.decode()


def test_todays_kept_page_gives_way_when_the_relief_question_comes_due(diarist_client, diarist, monkeypatch):
    """Nothing is written between the two visits: the page changes by the clock alone."""
    diarist_client.post("/journal/attack/", {"minutes_ago": "0", "key": "cache-relief-0001"})
    attack = Attack.objects.get(user=diarist)
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    diarist_client.post(f"/journal/attack/{attack.pk}/dose/", {"medication": triptan.pk})
    question = "How much did Sumatriptan at 12:00 help, 2 hours later?"
    assert question not in diarist_client.get("/journal/").content.decode()
    monkeypatch.setattr(days, "now", lambda: PINNED_NOW + timedelta(hours=1, minutes=59))
    assert question not in diarist_client.get("/journal/").content.decode()  # still the kept page
    monkeypatch.setattr(days, "now", lambda: PINNED_NOW + timedelta(hours=2))
    assert question in diarist_client.get("/journal/").content.decode()
    monkeypatch.setattr(days, "now", lambda: PINNED_NOW + timedelta(hours=24, minutes=1))
    assert question not in diarist_client.get("/journal/").content.decode()


def test_the_csrf_token_and_messages_are_never_cached(diarist_client):
    diarist_client.get(HISTORY)
    html = diarist_client.get(HISTORY).content.decode()
    assert page_cache.CSRF_PLACEHOLDER not in html
    assert "<!--mh:" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert len(token) == 64


def test_switched_off_the_pages_are_the_same(diarist_client, diarist, today, settings):
    Entry.objects.create(user=diarist, day=today, headache="headache", pain=4)
    cached = diarist_client.get(HISTORY).content.decode()
    settings.PAGE_CACHE_ENABLED = False
    plain = diarist_client.get(HISTORY).content.decode()
    assert without_tokens(cached) == without_tokens(plain)


def test_a_long_query_string_makes_a_short_key(diarist_client):
    reply = diarist_client.get(HISTORY + "?page=" + "9" * 2000)
    assert reply.status_code in (200, 404)
    from django.core.cache import caches

    caches["pages"].get("x")  # the cache still works
    from django.test import RequestFactory

    from core.page_cache import page_key

    request = RequestFactory().get(HISTORY + "?q=" + "x" * 5000)
    request.user = type("U", (), {"pk": 1, "page_version": 2, "country": ""})()
    import datetime

    assert len(page_key(request, datetime.date(2026, 11, 25))) < 120


def test_today_is_kept_only_until_a_doses_relief_question_comes_due_and_again_once_told(
    diarist_client, diarist, monkeypatch, django_assert_num_queries
):
    """Today changes by itself two hours after a dose (its relief question appears, e.g. for the
    person following the reminder email's link): the page kept before then says until when."""
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from journal import days
    from journal.models import Attack, Medication
    from tests.conftest import PINNED_NOW

    diarist_client.post("/journal/attack/", {"minutes_ago": "0", "key": "cache-relief-0001"})
    attack = Attack.objects.get(user=diarist)
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    diarist_client.post(f"/journal/attack/{attack.pk}/dose/", {"medication": triptan.pk})
    diarist_client.post(f"/journal/attack/{attack.pk}/over/")
    assert "How much did Sumatriptan" not in diarist_client.get("/journal/").content.decode()
    with CaptureQueriesContext(connection) as again:
        diarist_client.get("/journal/")
    assert len(again) == 3  # kept: nothing changes before 14:00
    monkeypatch.setattr(days, "now", lambda: PINNED_NOW + timedelta(hours=2))
    assert "How much did Sumatriptan at 12:00 help, 2 hours later?" in diarist_client.get("/journal/").content.decode()
    (dose,) = triptan.doses.all()
    diarist_client.post(f"/journal/doses/{dose.pk}/relief/", {"relief": "3"})
    # Told: nothing on Today changes by itself any more, so it is kept again.
    assert "How much did Sumatriptan" not in diarist_client.get("/journal/").content.decode()
    with django_assert_num_queries(3):  # session, person, the kept page
        diarist_client.get("/journal/")


def counting(monkeypatch, module, name):
    """Wrap module.name so each call is counted; the real function still does the work."""
    real, calls = getattr(module, name), []

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.mark.skipif(not __import__("journal.pdf").pdf.available(), reason="WeasyPrint cannot load Pango here")
def test_a_pdf_is_laid_out_again_only_when_its_report_changed(diarist_client, diarist, today, monkeypatch):
    from journal import pdf

    layouts = counting(monkeypatch, pdf, "render")
    url = f"/journal/report.pdf?start={(today - timedelta(days=29)).isoformat()}&end={today.isoformat()}"
    first = diarist_client.get(url).content
    diarist_client.post("/journal/reminders/", {"time": "19:30"})  # a write the report does not show
    again = diarist_client.get(url).content
    assert (len(layouts), again) == (1, first)
    diarist_client.post("/journal/", entry_post(headache="migraine", pain="7"))  # one it does show
    changed = diarist_client.get(url).content
    assert len(layouts) == 2
    assert changed != first


@pytest.mark.skipif(not __import__("journal.pdf").pdf.available(), reason="WeasyPrint cannot load Pango here")
def test_a_kept_pdf_is_laid_out_again_when_its_stylesheets_changed(diarist_client, today, monkeypatch):
    from journal import pdf

    layouts = counting(monkeypatch, pdf, "render")
    url = f"/journal/report.pdf?start={(today - timedelta(days=29)).isoformat()}&end={today.isoformat()}"
    diarist_client.get(url)
    diarist_client.post("/journal/reminders/", {"time": "19:30"})
    monkeypatch.setattr(pdf, "stylesheets_version", lambda: "css/report.css@a-new-deploy")
    diarist_client.get(url)
    assert len(layouts) == 2


def test_content_is_kept_per_owner_and_not_at_all_when_the_cache_is_off(settings):
    from django.test import RequestFactory

    request = RequestFactory().get("/")  # not rendering a page for the cache: kept at once
    made = []

    def make():
        made.append(1)
        return b"%PDF laid out"

    assert page_cache.kept_by_content(request, "report-pdf", 1, "<p>same</p>", make) == b"%PDF laid out"
    page_cache.kept_by_content(request, "report-pdf", 1, "<p>same</p>", make)
    assert len(made) == 1
    page_cache.kept_by_content(request, "report-pdf", 2, "<p>same</p>", make)  # another person: never shared
    page_cache.kept_by_content(request, "report-pdf", 1, "<p>other</p>", make)
    assert len(made) == 3
    settings.PAGE_CACHE_ENABLED = False
    page_cache.kept_by_content(request, "report-pdf", 1, "<p>same</p>", make)
    assert len(made) == 4


@pytest.mark.skipif(not __import__("journal.pdf").pdf.available(), reason="WeasyPrint cannot load Pango here")
def test_a_new_pdf_is_kept_by_the_same_statement_as_its_page(diarist_client, diarist, today, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from journal import pdf

    layouts = counting(monkeypatch, pdf, "render")
    url = f"/journal/report.pdf?start={(today - timedelta(days=29)).isoformat()}&end={today.isoformat()}"
    with CaptureQueriesContext(connection) as ctx:
        diarist_client.get(url)
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT") and "page_cache" in q["sql"]]
    assert len(writes) == 1
    assert f":content:{diarist.pk}:report-pdf:" in writes[0]
    assert f":page:{diarist.pk}:" in writes[0]
    # The PDF written with the page is found by the next layout of the same report.
    diarist_client.post("/journal/reminders/", {"time": "19:30"})
    diarist_client.get(url)
    assert len(layouts) == 1
