import json
import secrets

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.consent import CURRENT_CONSENT_VERSION, ConsentRequired
from accounts.decorators import ask_for_consent, consent_url, health_consent_required
from accounts.selectors import user_has_health_consent
from accounts.time_zones import zone_of
from assessment import anonymous, crisis, fhir, scoring
from assessment.forms import SectionForm, StartForm
from assessment.models import Attempt, Questionnaire
from assessment.selectors import (
    answered_questions,
    answered_version_structure,
    attempt_of,
    claimable_attempts,
    crisis_help,
    open_attempts,
    published_questionnaires,
    result_details,
    results_with_change,
    saved_answers,
    screener_results_for_fhir,
)
from assessment.services import (
    answers_signal_crisis,
    attempt_flag_crisis,
    attempt_restart,
    attempt_save_answers,
    attempt_start,
    attempt_submit,
    attempts_claim,
    attempts_discard,
)
from core import clock
from core.page_cache import person_cached

ANSWERS_CONSENT_MESSAGE = gettext_lazy("Please give your consent before we keep more of your answers.")


def get_attempt_for_visitor(request, attempt_id) -> Attempt:
    """The attempt if it is this visitor's (their account's, or this browser's when anonymous);
    404 otherwise, so nobody learns that someone else's attempt exists."""
    attempt = attempt_of(attempt_id=attempt_id, user=request.user, anonymous_ids=anonymous.open_ids(request))
    if attempt is None:
        raise Http404
    return attempt


def visitor_open_attempts(request):
    return open_attempts(user=request.user, anonymous_ids=anonymous.open_ids(request))


def visitor_crisis_help(request) -> dict:
    """Help lines for the person's country: their setting, else a guess from the browser's
    language; anonymous visitors see every line."""
    if request.user.is_authenticated:
        country = request.user.country or crisis.guess_country(request.headers.get("Accept-Language", ""))
    else:
        country = crisis.ALL
    return crisis_help(country=country)


@login_not_required
@require_safe
def questionnaire_list(request):
    return render(
        request,
        "assessment/questionnaire_list.html",
        {"questionnaires": published_questionnaires(), "open_attempts": visitor_open_attempts(request)},
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def questionnaire_intro(request, slug):
    """Introduce a questionnaire and, on POST, start an attempt at its published version."""
    questionnaire = get_object_or_404(Questionnaire.objects.published(), slug=slug)
    if request.method == "POST":
        return questionnaire_start(request, questionnaire)
    return render_intro(request, questionnaire, StartForm())


def render_intro(request, questionnaire, form, status=200):
    return render(
        request,
        "assessment/questionnaire_intro.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "needs_consent_page": request.user.is_authenticated and not user_has_health_consent(user=request.user),
            "consent_url": consent_url(request.path),
            "start_key": secrets.token_urlsafe(16),
        },
        status=status,
    )


@health_consent_required(allow_anonymous=True, message=ANSWERS_CONSENT_MESSAGE)
def questionnaire_start(request, questionnaire):
    """Signed-in people start on their account's consent; anonymous visitors tick the agreement."""
    form = StartForm(request.POST)
    if not request.user.is_authenticated and not form.is_valid():
        return render_intro(request, questionnaire, form, status=400)
    attempt, _created = attempt_start(
        questionnaire=questionnaire,
        user=request.user,
        consent_version=CURRENT_CONSENT_VERSION,
        start_key=posted_start_key(request),
    )
    if not request.user.is_authenticated:
        anonymous.remember(request, attempt)
    return redirect("assessment:attempt", attempt_id=attempt.pk)


def posted_start_key(request) -> str | None:
    """The Start form's one-time key (a double click posts it twice), if it looks like one, tied
    to this person (or, when anonymous, to this browser's session) so that nobody else's post of
    the same key can find the attempt."""
    key = request.POST.get("start_key", "")
    if not (16 <= len(key) <= 64 and key.replace("-", "").replace("_", "").isalnum()):
        return None
    owner = f"user:{request.user.pk}" if request.user.is_authenticated else anonymous.browser_secret(request)
    return f"{owner}:{key}"


@login_not_required
@require_http_methods(["GET", "POST"])
# Signed-in people only; every save moves the version on. "Today" in the person's own zone.
@person_cached(lambda request: clock.now().astimezone(zone_of(request.user)).date())
def attempt_detail(request, attempt_id):
    """One step of an attempt in progress, or its result once submitted."""
    attempt = get_attempt_for_visitor(request, attempt_id)
    if attempt.is_submitted:
        if request.method == "POST":
            # A second submit, or a step posted from an old tab: the result stands as it is.
            return redirect("assessment:attempt", attempt_id=attempt.pk)
        return render_result(request, attempt)
    if request.method == "POST":
        return step_save(request, attempt)
    return step_show(request, attempt)


def current_section(request, attempt) -> tuple[int, list]:
    """(the step shown or posted, every section of the attempt's version)."""
    sections = answered_version_structure(questionnaire_id=attempt.questionnaire_id)
    if not sections:
        raise ValueError(f"questionnaire {attempt.questionnaire_id} has no sections")
    return posted_step(request, len(sections), default=min(attempt.current_step, len(sections) - 1)), sections


@health_consent_required(allow_anonymous=True, message=ANSWERS_CONSENT_MESSAGE)
def step_show(request, attempt):
    step, sections = current_section(request, attempt)
    questions = sections[step].question_list
    answers, crisis_saved = saved_answers(attempt=attempt)
    form = SectionForm(questions, initial=SectionForm.initial_from(questions, answers))
    return render_step(request, attempt, sections, step, form, crisis_saved=crisis_saved)


@health_consent_required(allow_anonymous=True, message=ANSWERS_CONSENT_MESSAGE)
def step_save(request, attempt):
    step, sections = current_section(request, attempt)
    questions = sections[step].question_list
    form = SectionForm(questions, data=request.POST)
    valid = form.is_valid()
    if not attempt.crisis and answers_signal_crisis(questions, form.answer_values(only_valid=True)):
        # Decided from what was posted, so the crisis box shows even on a page sent back
        # with errors, and on every later page of this attempt.
        attempt_flag_crisis(attempt=attempt)
    if request.POST.get("action", "next") == "back":
        attempt_save_answers(
            attempt=attempt, questions=questions, values=form.answer_values(only_valid=True), next_step=step - 1
        )
        return redirect("assessment:attempt", attempt_id=attempt.pk)
    if not valid:
        _answers, crisis_saved = saved_answers(attempt=attempt)
        return render_step(request, attempt, sections, step, form, crisis_saved=crisis_saved, status=400)
    is_last = step == len(sections) - 1
    attempt_save_answers(
        attempt=attempt, questions=questions, values=form.answer_values(), next_step=step if is_last else step + 1
    )
    if is_last:
        try:
            attempt_submit(attempt=attempt)
        except scoring.ScoringError:
            messages.error(request, _("A few questions still need an answer. Please go through the steps again."))
            attempt_restart(attempt=attempt)
    return redirect("assessment:attempt", attempt_id=attempt.pk)


def render_step(request, attempt, sections, step, form, *, crisis_saved: bool, status=200):
    return render(
        request,
        "assessment/step.html",
        {
            "attempt": attempt,
            "questionnaire": attempt.questionnaire,
            "section": sections[step],
            "form": form,
            "step_number": step + 1,
            "step_index": step,
            "step_count": len(sections),
            "is_last": step == len(sections) - 1,
            "crisis": visitor_crisis_help(request) if attempt.crisis or crisis_saved else None,
        },
        status=status,
    )


def posted_step(request, count: int, *, default: int) -> int:
    """The step the form was shown for (an old tab may post an earlier step), else the current one."""
    raw = request.POST.get("step") if request.method == "POST" else None
    try:
        step = int(raw) if raw is not None else default
    except ValueError:
        step = default
    return step if 0 <= step < count else default


def render_result(request, attempt):
    details = result_details(attempt=attempt)
    dimensions = details["dimensions"]
    percentages = bool(dimensions) and all(d["unit"] == "%" for d in dimensions)
    chart = {
        "labels": [d["name"] for d in dimensions],
        "values": [d["shown"] for d in dimensions],
        "max": 100 if percentages else max((d["maximum"] for d in dimensions), default=0),
        "unit": "%" if percentages else "",
    }
    return render(
        request,
        "assessment/result.html",
        {
            "attempt": attempt,
            "questionnaire": attempt.questionnaire,
            "dimensions": dimensions,
            "pattern": details["pattern"],
            "crisis": visitor_crisis_help(request) if attempt.crisis else None,
            "chart": chart,
            "answered": answered_questions(attempt=attempt),
        },
    )


@require_safe
def results(request):
    return render(
        request,
        "assessment/results.html",
        {"rows": results_with_change(user=request.user), "open_attempts": visitor_open_attempts(request)},
    )


@require_http_methods(["GET", "POST"])
def claim(request):
    """After logging in or signing up: keep what was answered in this browser in the last hour?

    Nothing moves without a yes, and the account's own consent comes first."""
    offered = claimable_attempts(attempt_ids=anonymous.offer(request))
    if request.method == "POST":
        ids = [str(r.pk) for r in offered]
        if request.POST.get("answer") == "yes":
            try:
                attempts_claim(user=request.user, attempt_ids=ids)
            except ConsentRequired:
                return ask_for_consent(request, _("Please give your consent first; then we can add the answers."))
            anonymous.close_offer(request)
            messages.success(request, _("Added to your account."))
            return redirect("assessment:results")
        if request.POST.get("answer") == "no":
            attempts_discard(attempt_ids=ids)
            anonymous.close_offer(request)
            messages.info(request, _("Those answers are deleted; nothing was added to your account."))
            return redirect("home")
        return render(request, "assessment/claim.html", {"offered": offered}, status=400)
    if not offered:
        anonymous.close_offer(request)
        return redirect("assessment:results")
    return render(request, "assessment/claim.html", {"offered": offered})


@require_safe
@reauthentication_required
def results_fhir(request):
    """The person's PHQ-9, GAD-7 and MIDAS results as a FHIR R4 Bundle, to hand to a clinician."""
    now = timezone.now()
    data = fhir.bundle(screener_results_for_fhir(user=request.user), generated_at=now.isoformat())
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = (
        f'attachment; filename="migraine-heroes-screeners-{now.date().isoformat()}.fhir.json"'
    )
    return response
