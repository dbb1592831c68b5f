"""Taking questionnaires in Chromium: anonymously to a result, then keeping it by signing up;
and the crisis resources for PHQ-9 item 9. axe-core checks every page visited."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

PASSWORD = "a calm and steady rhythm 42"


@pytest.fixture
def content(transactional_db):
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def answer_step(page, prefer: str):
    """Tick `prefer` in every radio group that offers it (else the first option), fill numbers."""
    for group in page.locator("main fieldset").all():
        radios = group.get_by_role("radio")
        if radios.count() == 0:
            continue
        wanted = group.get_by_label(prefer, exact=True)
        (wanted if wanted.count() else radios.first).check()
    for number in page.locator("main input[type=number]").all():
        number.fill("8")


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_person_takes_the_profile_signs_up_and_finds_the_result(
    live_server, page, content, mailoutbox, console_errors
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Take the Migraine Profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Migraine Profile")
    assert_accessible(page)
    page.get_by_label(re.compile("I agree that Migraine Heroes may store")).check()
    page.get_by_role("button", name="Start").click()

    for step in range(1, 5):
        expect(page.get_by_text(f"Step {step} of 4").first).to_be_visible()
        assert_accessible(page)
        answer_step(page, prefer="Often" if step == 2 else "Rarely")
        page.get_by_role("button", name="See my result" if step == 4 else "Next").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Your result: The Migraine Profile")
    expect(page.get_by_role("heading", name="Your answers lean towards the stress pattern")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Stress response")
    expect(page.locator("#score-chart")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Sign up to keep this result").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("profile@example.com")
    page.get_by_label("Password*", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I am 18 or older.").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    link = re.search(r"http://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[-1].body).group(1)
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Email").fill("profile@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Nothing moves without a yes; the account's own consent comes first.
    page.get_by_role("link", name="Decide what to keep").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keep these answers?")
    expect(page.get_by_text("We found 1 questionnaire answered in this browser in the last hour")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, add them to my account").click()
    page.get_by_label(re.compile("I agree that Migraine Heroes may store")).check()
    page.get_by_role("button", name=re.compile("agree", re.I)).click()
    page.get_by_role("button", name="Yes, add them to my account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My results")
    expect(page.get_by_role("heading", level=1)).to_have_text("My results")
    expect(page.get_by_role("table")).to_contain_text("The Migraine Profile")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^View")).click()
    expect(page.get_by_role("heading", name="Your answers lean towards the stress pattern")).to_be_visible()
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
def test_phq9_item_9_above_zero_shows_crisis_resources(live_server, page, content, console_errors):
    page.goto(live_server.url + "/assessment/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Find out more about PHQ-9")).click()
    assert_accessible(page)
    page.get_by_label(re.compile("I agree that Migraine Heroes may store")).check()
    page.get_by_role("button", name="Start").click()

    answer_step(page, prefer="Not at all")
    item9 = page.get_by_role("group", name=re.compile("^9\\. Thoughts that you would be better off dead"))
    item9.get_by_label("Several days").check()
    assert_accessible(page)
    page.get_by_role("button", name="Next").click()

    crisis = page.get_by_role("alert").filter(has_text="please reach out now")
    expect(crisis).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="See my result").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Your result: PHQ-9")
    expect(crisis).to_be_visible()
    expect(crisis).to_contain_text("116 123")
    expect(page.get_by_text("Your total: 1 of 27")).to_be_visible()
    assert_accessible(page)
    assert console_errors == []


def start_phq9(page, live_server):
    page.goto(live_server.url + "/assessment/phq-9/")
    page.get_by_label(re.compile("I agree that Migraine Heroes may store")).check()
    page.get_by_role("button", name="Start").click()


@pytest.mark.django_db(transaction=True)
def test_crisis_help_shows_on_a_page_sent_back_with_errors_with_every_countrys_lines(
    live_server, page, content, console_errors
):
    start_phq9(page, live_server)
    answer_step(page, prefer="Not at all")
    page.get_by_role("group", name=re.compile("^1\\. ")).get_by_role("radio").first.evaluate("r => r.checked = false")
    item9 = page.get_by_role("group", name=re.compile("^9\\. Thoughts that you would be better off dead"))
    item9.get_by_label("Several days").check()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Please answer this question.").first).to_be_visible()
    crisis = page.get_by_role("alert").filter(has_text="please reach out now")
    expect(crisis).to_be_visible()
    for number in ["3114", "0800 32 123", "1813", "116 123", "988", "findahelpline.com"]:
        expect(crisis).to_contain_text(number)
    expect(crisis).to_contain_text("Nobody at Migraine Heroes reads your answers")
    assert_accessible(page)
    assert [e for e in console_errors if "status of 400" not in e] == []  # the page itself is a 400


@pytest.mark.django_db(transaction=True)
def test_a_person_in_belgium_sees_belgian_lines(live_server, page, content, console_errors):
    from accounts.services import consent_give
    from tests.factories import UserFactory

    person = UserFactory(country="BE")
    consent_give(user=person)
    log_in(page, live_server, person.email)
    page.goto(live_server.url + "/assessment/phq-9/")
    page.get_by_role("button", name="Start").click()
    answer_step(page, prefer="Not at all")
    page.get_by_role("group", name=re.compile("^9\\. Thoughts")).get_by_label("More than half the days").check()
    page.get_by_role("button", name="Next").click()
    crisis = page.get_by_role("alert").filter(has_text="please reach out now")
    expect(crisis).to_contain_text("0800 32 123")
    expect(crisis).to_contain_text("1813")
    expect(crisis).to_contain_text("Call 112")
    expect(crisis).not_to_contain_text("988")
    assert_accessible(page)
    assert console_errors == []


def log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.django_db(transaction=True)
def test_two_people_on_one_browser_the_second_never_gets_the_firsts_answers(live_server, page, content, console_errors):
    from accounts.services import consent_give
    from assessment.models import Attempt
    from tests.factories import UserFactory

    start_phq9(page, live_server)  # Ann, anonymous
    answer_step(page, prefer="More than half the days")
    page.get_by_role("button", name="Next").click()
    answer_step(page, prefer="More than half the days")
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your result: PHQ-9")

    bob = UserFactory()
    consent_give(user=bob)
    log_in(page, live_server, bob.email)  # Bob, on the same browser
    page.goto(live_server.url + "/assessment/results/")
    expect(page.get_by_text("We found 1 questionnaire answered in this browser")).to_be_visible()
    assert Attempt.objects.filter(user=bob).count() == 0
    assert_accessible(page)
    page.get_by_role("link", name="Decide what to keep").click()
    page.get_by_role("button", name="No, these are not mine").click()
    page.goto(live_server.url + "/assessment/results/")
    expect(page.get_by_text("We found")).to_have_count(0)
    assert Attempt.objects.filter(user=bob).count() == 0
    assert Attempt.objects.filter(user__isnull=True).count() == 0
    assert console_errors == []
