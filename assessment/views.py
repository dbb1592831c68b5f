import json
import secrets

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.consent import CURRENT_CONSENT_VERSION
from accounts.decorators import consent_url
from accounts.selectors import user_has_health_consent
from assessment import anonymous, fhir, scoring
from assessment.forms import SectionForm, StartForm
from assessment.models import Questionnaire
from assessment.selectors import (
    answered_questions,
    answered_version_structure,
    claim_offer_for,
    crisis_help_for,
    open_responses_for_request,
    published_questionnaires,
    response_for_request,
    result_details,
    results_with_change,
    saved_answers,
    screener_results_for_fhir,
)
from assessment.services import (
    ConsentRequired,
    answers_signal_crisis,
    response_flag_crisis,
    response_save_answers,
    response_start,
    response_submit,
    responses_claim,
    responses_discard,
)
from core.page_cache import person_cached


@login_not_required
@require_safe
def questionnaire_list(request):
    return render(
        request,
        "assessment/questionnaire_list.html",
        {"questionnaires": published_questionnaires(), "open_responses": open_responses_for_request(request)},
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def questionnaire_intro(request, slug):
    """Introduce a questionnaire and, on POST, start a response to its published version."""
    questionnaire = get_object_or_404(Questionnaire.objects.published(), slug=slug)
    page_url = consent_url(request.path)
    needs_consent_page = request.user.is_authenticated and not user_has_health_consent(request.user)
    form = StartForm(request.POST if request.method == "POST" else None)

    if request.method == "POST":
        if needs_consent_page:
            return redirect(page_url)
        if request.user.is_authenticated or form.is_valid():
            response, _created = response_start(
                questionnaire=questionnaire,
                user=request.user,
                consent_version=CURRENT_CONSENT_VERSION,
                start_key=posted_start_key(request),
            )
            if not request.user.is_authenticated:
                anonymous.remember(request, response)
            return redirect("assessment:response", response_id=response.pk)

    return render(
        request,
        "assessment/questionnaire_intro.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "needs_consent_page": needs_consent_page,
            "consent_url": page_url,
            "start_key": secrets.token_urlsafe(16),
        },
    )


def posted_start_key(request) -> str | None:
    """The Start form's one-time key (a double click posts it twice), if it looks like one, tied
    to this person (or, when anonymous, to this browser's session) so that nobody else's post of
    the same key can find the response."""
    key = request.POST.get("start_key", "")
    if not (16 <= len(key) <= 64 and key.replace("-", "").replace("_", "").isalnum()):
        return None
    owner = f"user:{request.user.pk}" if request.user.is_authenticated else anonymous.browser_secret(request)
    return f"{owner}:{key}"


@login_not_required
@require_http_methods(["GET", "POST"])
@person_cached(lambda request: timezone.localdate())  # signed-in people only; every save moves the version on
def response_detail(request, response_id):
    """One step of a response in progress, or its result once submitted."""
    response = response_for_request(request, response_id)
    if response.is_submitted:
        if request.method == "POST":
            # A second submit, or a step posted from an old tab: the result stands as it is.
            return redirect("assessment:response", response_id=response.pk)
        return render_result(request, response)

    if request.user.is_authenticated and not user_has_health_consent(request.user):
        messages.info(request, _("Please give your consent before we keep more of your answers."))
        return redirect(consent_url(request.path))

    sections = answered_version_structure(response.questionnaire_id)
    if not sections:
        raise ValueError(f"questionnaire {response.questionnaire_id} has no sections")
    step = posted_step(request, len(sections), default=min(response.current_step, len(sections) - 1))
    section = sections[step]
    questions = section.question_list

    if request.method == "POST":
        form = SectionForm(questions, data=request.POST)
        form.is_valid()
        if not response.crisis and answers_signal_crisis(questions, form.answer_values(only_valid=True)):
            # Decided from what was posted, so the crisis box shows even on a page sent back
            # with errors, and on every later page of this response.
            response_flag_crisis(response=response)
        action = request.POST.get("action", "next")
        if action == "back":
            response_save_answers(
                response=response, questions=questions, values=form.answer_values(only_valid=True), next_step=step - 1
            )
            return redirect("assessment:response", response_id=response.pk)
        if form.is_valid():
            is_last = step == len(sections) - 1
            response_save_answers(
                response=response,
                questions=questions,
                values=form.answer_values(),
                next_step=step if is_last else step + 1,
            )
            if not is_last:
                return redirect("assessment:response", response_id=response.pk)
            try:
                response_submit(response=response)
            except scoring.ScoringError:
                messages.error(request, _("A few questions still need an answer. Please go through the steps again."))
                response_save_answers(response=response, questions=[], values={}, next_step=0)
            return redirect("assessment:response", response_id=response.pk)

    answers, crisis_saved = saved_answers(response)
    if request.method == "GET":
        form = SectionForm(questions, initial=SectionForm.initial_from(questions, answers))
    return render(
        request,
        "assessment/step.html",
        {
            "response": response,
            "questionnaire": response.questionnaire,
            "section": section,
            "form": form,
            "step_number": step + 1,
            "step_index": step,
            "step_count": len(sections),
            "is_last": step == len(sections) - 1,
            "crisis": crisis_help_for(request) if response.crisis or crisis_saved else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def posted_step(request, count: int, *, default: int) -> int:
    """The step the form was shown for (an old tab may post an earlier step), else the current one."""
    raw = request.POST.get("step") if request.method == "POST" else None
    try:
        step = int(raw) if raw is not None else default
    except ValueError:
        step = default
    return step if 0 <= step < count else default


def render_result(request, response):
    details = result_details(response)
    questionnaire = response.questionnaire
    chart = {
        "labels": [d["name"] for d in details["dimensions"]],
        "values": [d["percent"] if questionnaire.is_profile else d["raw"] for d in details["dimensions"]],
        "max": 100 if questionnaire.is_profile else max((d["maximum"] for d in details["dimensions"]), default=0),
        "unit": "%" if questionnaire.is_profile else "",
    }
    return render(
        request,
        "assessment/result.html",
        {
            "response": response,
            "questionnaire": questionnaire,
            "dimensions": details["dimensions"],
            "pattern": details["pattern"],
            "crisis": crisis_help_for(request) if response.crisis else None,
            "chart": chart,
            "answered": answered_questions(response),
        },
    )


@require_safe
def results(request):
    return render(
        request,
        "assessment/results.html",
        {"rows": results_with_change(request.user), "open_responses": open_responses_for_request(request)},
    )


@require_http_methods(["GET", "POST"])
def claim(request):
    """After logging in or signing up: keep what was answered in this browser in the last hour?

    Nothing moves without a yes, and the account's own consent comes first."""
    offered = claim_offer_for(request)
    if request.method == "POST":
        ids = [str(r.pk) for r in offered]
        if request.POST.get("answer") == "yes":
            try:
                responses_claim(user=request.user, response_ids=ids)
            except ConsentRequired:
                messages.info(request, _("Please give your consent first; then we can add the answers."))
                return redirect(consent_url(request.path))
            anonymous.close_offer(request)
            messages.success(request, _("Added to your account."))
            return redirect("assessment:results")
        if request.POST.get("answer") == "no":
            responses_discard(response_ids=ids)
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
    data = fhir.bundle(screener_results_for_fhir(request.user), generated_at=now.isoformat())
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = (
        f'attachment; filename="migraine-heroes-screeners-{now.date().isoformat()}.fhir.json"'
    )
    return response
