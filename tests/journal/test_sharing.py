"""Sharing the report with a clinician: a random token stored as a hash, the report and its PDF
and nothing else, 404 for a wrong token, 410 once revoked or expired, every opening logged."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal.models import Entry, ReportShare, ReportShareOpening
from journal.services import share_token_hash
from tests.conftest import PINNED_NOW
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """A browser of its own, with no account (the diarist uses `diarist_client`)."""
    from django.test import Client

    return Client()


def make_link(client, today, days=30) -> str:
    start = today - timedelta(days=29)
    reply = client.post("/journal/report/share/", {"start": start.isoformat(), "end": today.isoformat(), "days": days})
    assert reply.status_code == 200
    return re.search(r"<code>http://testserver(/shared/[^<]+/)</code>", reply.content.decode()).group(1)


@pytest.fixture
def link(diarist_client, diarist, today):
    diarist.full_name = "Ana Martin"
    diarist.save()
    Entry.objects.create(user=diarist, day=today, headache="migraine", pain=8)
    return make_link(diarist_client, today)


def test_the_link_opens_the_report_without_an_account(visitor, link, diarist):
    reply = visitor.get(link)
    html = reply.content.decode()
    assert reply.status_code == 200
    assert "Ana Martin" in html
    assert "Days per 30 recorded days" in html
    assert reply["X-Robots-Tag"] == "noindex, nofollow"
    assert reply["Referrer-Policy"] == "no-referrer"
    assert "no-store" in reply["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert diarist.email not in html


def test_only_a_hash_of_the_token_is_stored(link):
    token = link.split("/")[2]
    assert len(token) >= 43  # 256 random bits
    share = ReportShare.objects.get()
    assert share.token_hash == share_token_hash(token)
    assert token not in share.token_hash


def test_a_wrong_or_altered_token_is_404(visitor, link):
    token = link.split("/")[2]
    assert visitor.get(f"/shared/{token[:-1]}x/").status_code == 404
    assert visitor.get("/shared/nothing-here/").status_code == 404
    assert visitor.get(f"/shared/{token}x/report.pdf").status_code == 404


def test_a_revoked_link_is_410(visitor, diarist_client, link):
    share = ReportShare.objects.get()
    assert diarist_client.post(f"/journal/report/share/{share.pk}/revoke/").status_code == 302
    reply = visitor.get(link)
    assert reply.status_code == 410
    assert "This link has ended" in reply.content.decode()
    assert visitor.get(link + "report.pdf").status_code == 410


def test_an_expired_link_is_410(visitor, link):
    ReportShare.objects.update(expires_at=PINNED_NOW - timedelta(seconds=1))
    assert visitor.get(link).status_code == 410


def test_every_opening_is_logged_and_shown_to_the_person(visitor, diarist_client, link):
    visitor.get(link)
    visitor.get(link)
    assert ReportShareOpening.objects.count() == 2
    html = diarist_client.get("/journal/report/share/").content.decode()
    assert "Opened:" in html
    assert "not yet" not in html


def test_a_stranger_cannot_revoke_or_see_someone_elses_links(visitor, link):
    from accounts.services import consent_give

    stranger = UserFactory()
    consent_give(user=stranger)
    visitor.force_login(stranger)
    share = ReportShare.objects.get()
    assert visitor.post(f"/journal/report/share/{share.pk}/revoke/").status_code == 404
    assert "Opened:" not in visitor.get("/journal/report/share/").content.decode()
    assert ReportShare.objects.get().revoked_at is None


def test_the_link_shows_the_owners_report_only_and_never_another_page(visitor, link, today):
    other = UserFactory(full_name="Somebody Else")
    Entry.objects.create(user=other, day=today, headache="headache", pain=2)
    html = visitor.get(link).content.decode()
    assert "Somebody Else" not in html
    assert visitor.get(link.replace("/shared/", "/journal/")).status_code in (302, 404)
    assert visitor.get("/journal/").status_code == 302  # the link is no login


def test_openings_are_rate_limited_per_link(visitor, link):
    for _ in range(30):
        assert visitor.get(link).status_code == 200
    assert visitor.get(link).status_code == 429


def test_deleting_the_account_deletes_its_links(diarist, link):
    diarist.delete()
    assert not ReportShare.objects.exists()


def test_a_bad_period_is_a_form_error_and_makes_no_link(diarist_client, today):
    backwards = {"start": today.isoformat(), "end": (today - timedelta(days=5)).isoformat(), "days": 7}
    reply = diarist_client.post("/journal/report/share/", backwards)
    assert reply.status_code == 400
    assert not ReportShare.objects.exists()
    reply = diarist_client.post("/journal/report/share/", {"start": today.isoformat(), "end": today.isoformat(),
                                                          "days": 365})  # fmt: skip
    assert reply.status_code == 400


@pytest.mark.parametrize("days", [1, 365])
def test_a_shared_view_costs_the_same_queries_for_any_history(visitor, diarist, link, today, days):
    from journal.demo import seed_diary

    Entry.objects.filter(user=diarist).delete()
    seed_diary(diarist, days=days, end=today)
    with CaptureQueriesContext(connection) as ctx:
        assert visitor.get(link).status_code == 200
    # the share with its owner, openings in the last hour (the rate limit), the opening, then the
    # report: days (with the attack features' fields), medicines, results
    assert len(ctx.captured_queries) == 6
