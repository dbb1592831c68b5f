"""The doctor's report: exact numbers on a hand-made diary, the PDF (two A4 pages for three
months of the demo diary), and the page without the PDF library."""

import io
import os
from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from journal import pdf
from journal.demo import seed_diary
from journal.models import Dose, Entry, Medication
from journal.views import report_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def diary(diarist, today):
    triptan = Medication.objects.get(user=diarist, name="Sumatriptan")
    ibuprofen = Medication.objects.get(user=diarist, name="Ibuprofen")
    Medication.objects.create(user=diarist, name="Propranolol", drug_class="beta_blocker", use="preventive",
                              strength="80 mg", started_on=date(2026, 1, 5))  # fmt: skip
    start = today - timedelta(days=89)
    a = Entry.objects.create(user=diarist, day=start + timedelta(days=1), headache="migraine", pain=7, nausea=True,
                             light_sensitive=True, sound_sensitive=True, side="left", headache_hours=6,
                             missed_work=True)  # fmt: skip
    b = Entry.objects.create(user=diarist, day=start + timedelta(days=2), headache="headache", pain=3, headache_hours=2)
    c = Entry.objects.create(user=diarist, day=start + timedelta(days=3), headache="headache", pain=5, aura=True,
                             side="left", all_day=True, productivity_halved=True)  # fmt: skip
    Entry.objects.create(user=diarist, day=start + timedelta(days=4))
    Entry.objects.create(user=diarist, day=start - timedelta(days=10), headache="headache", pain=4)  # period before
    Dose.objects.create(entry=a, medication=triptan, relief_2h=3)
    Dose.objects.create(entry=b, medication=ibuprofen, relief_2h=1)
    Dose.objects.create(entry=c, medication=ibuprofen, relief_2h=2)
    return start


def report(client, start, end):
    caches["pages"].clear()
    reply = client.get(f"/journal/report/?start={start.isoformat()}&end={end.isoformat()}")
    assert reply.status_code == 200
    return reply.context


def test_the_report_counts_exactly(diarist_client, diary, today):
    context = report(diarist_client, diary, today)
    data = context["data"]
    assert (data["totals"].recorded_days, data["totals"].headache_days, data["totals"].migraine_days) == (4, 3, 2)
    assert data["totals"].self_labelled_migraine_days == 1
    rates = {row["label"]: (row["now"], row["before"], row["change"]) for row in data["rates"]}
    assert rates == {"Headache days": (22.5, 30.0, -7.5), "Migraine days": (15.0, 0.0, 15.0),
                     "Acute-medicine days": (22.5, 0.0, 22.5)}  # fmt: skip
    features = data["features"]
    assert (features["typical_hours"], features["all_day"], features["usual_side"]) == (4.0, 1, "left")
    assert features["share"] == {"aura": 33, "nausea": 33, "light_and_sound": 33}
    assert (features["missed_work"], features["productivity_halved"], features["missed_household"]) == (1, 1, 0)
    medicines = {m["name"]: (m["days"], m["doses_taken"], m["relief"]) for m in data["medications"]}
    assert medicines == {"Sumatriptan": (1, 1, 3.0), "Ibuprofen": (2, 2, 1.5)}
    assert data["preventives"] == ["Propranolol 80 mg (since 2026-01-05)"]
    marks = [
        (cell["mark"], cell["acute"]) for row in data["strip"] for cell in row["cells"] if cell["kind"] != "outside"
    ]
    assert marks[1:5] == [("M", True), ("H", True), ("M", True), ("", False)]


def test_the_page_shows_the_person_not_their_email(diarist_client, diarist, diary, today):
    diarist.full_name, diarist.date_of_birth = "Ana Martin", date(1980, 2, 29)
    diarist.save()
    html = diarist_client.get(f"/journal/report/?start={diary.isoformat()}&end={today.isoformat()}").content.decode()
    assert "Ana Martin" in html
    assert "born 29 Feb 1980" in html
    assert diarist.email not in html.split('id="main-content"')[1].split("</header>")[0]
    assert "Written by the patient in Migraine Heroes" in html


@pytest.mark.skipif(not pdf.available(), reason="WeasyPrint cannot load Pango here")
def test_three_months_of_the_demo_diary_fit_two_a4_pages(diarist_client, diarist, today):
    seed_diary(diarist, days=365, end=today)
    start = today - timedelta(days=89)
    reply = diarist_client.get(f"/journal/report.pdf?start={start.isoformat()}&end={today.isoformat()}")
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"
    assert "no-store" in reply["Cache-Control"]
    assert reply["Content-Disposition"] == (
        f'attachment; filename="headache-report-{start.isoformat()}-to-{today.isoformat()}.pdf"'
    )
    document = PdfReader(io.BytesIO(reply.content))
    assert 1 <= len(document.pages) <= 2
    text = "".join(page.extract_text() for page in document.pages)
    assert "Days per 30 recorded days" in text
    assert "Written by the patient in Migraine Heroes" in text
    assert f"1 / {len(document.pages)}" in text


def test_without_the_pdf_library_the_page_explains_and_print_still_works(diarist_client, diary, today, monkeypatch):
    monkeypatch.setattr(pdf, "available", lambda: False)
    html = diarist_client.get(f"/journal/report/?start={diary.isoformat()}&end={today.isoformat()}").content.decode()
    assert "The PDF cannot be made on this server just now" in html
    assert "Days per 30 recorded days" in html
    reply = diarist_client.get(f"/journal/report.pdf?start={diary.isoformat()}&end={today.isoformat()}")
    assert reply.status_code == 302


@pytest.mark.parametrize("days", [1, 365])
def test_the_report_and_its_pdf_cost_the_same_queries_for_any_history(diarist_client, diarist, today, days):
    seed_diary(diarist, days=days, end=today)
    start = today - timedelta(days=89)
    # session, user, page cache look-up, the days (with the attack features' fields), medicines,
    # results, page cache write; the PDF also looks for a PDF of the same HTML, and keeps it with
    # the page (one upsert of both).
    expected = {f"/journal/report/?start={start}&end={today}": 7, f"/journal/report.pdf?start={start}&end={today}": 8}
    for url, count in expected.items():
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as ctx:
            diarist_client.get(url)
        assert len(ctx.captured_queries) == count, url


def page_streams(body: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(body)).pages]


def report_document(person, start, end) -> str:
    request = RequestFactory().get("/")
    request.user, request.session = person, {}
    context = {**report_context(person=person, start=start, end=end, today=end), "pdf": True}
    return render_to_string("journal/report_document.html", context, request=request)


@pytest.mark.skipif(not pdf.available(), reason="WeasyPrint cannot load Pango here")
def test_the_pdf_with_its_stylesheets_parsed_once_is_laid_out_as_with_them_linked(diarist_client, diarist, today):
    """The PDF's HTML links no stylesheet: the same two, parsed once per process, are given to
    every layout. Each page is drawn the same, mark for mark, as with them linked."""
    seed_diary(diarist, days=120, end=today)
    start = today - timedelta(days=89)
    reply = diarist_client.get(f"/journal/report.pdf?start={start.isoformat()}&end={today.isoformat()}")
    document = report_document(diarist, start, today)
    assert "<link" not in document
    links = "".join(f'<link rel="stylesheet" href="{static(name)}">' for name in pdf.STYLESHEETS)
    weasyprint = pdf._weasyprint()
    linked = weasyprint.HTML(
        string=document.replace("</head>", links + "</head>"),
        base_url=pdf.BASE_URL + "/",
        url_fetcher=pdf._static_only_fetcher(),
    ).write_pdf()
    unstyled = weasyprint.HTML(string=document).write_pdf()
    assert page_streams(reply.content) == page_streams(pdf.render(document)) == page_streams(linked)
    assert page_streams(unstyled) != page_streams(linked)  # the comparison can tell


@pytest.mark.skipif(not pdf.available(), reason="WeasyPrint cannot load Pango here")
def test_a_changed_stylesheet_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "_location", lambda name: str(tmp_path / name.replace("/", "_")))
    sheets = [tmp_path / name.replace("/", "_") for name in pdf.STYLESHEETS]
    for sheet in sheets:
        sheet.write_text("p { color: red }")
    html = "<!DOCTYPE html><html><body><p>Days per 30 recorded days</p></body></html>"
    red = page_streams(pdf.render(html))
    assert page_streams(pdf.render(html)) == red
    sheets[1].write_text("p { color: blue }")
    mtime = sheets[1].stat().st_mtime_ns
    os.utime(sheets[1], ns=(mtime, mtime + 1_000_000_000))  # however coarse the file system's clock
    assert page_streams(pdf.render(html)) != red
    pdf._parsed_stylesheets.cache_clear()
