from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.consent import CURRENT_CONSENT_VERSION
from accounts.decorators import consent_url
from accounts.selectors import user_has_health_consent
from assessment import scoring
from assessment.forms import SectionForm, StartForm
from assessment.models import Questionnaire
from assessment.selectors import (
    active_crisis_text,
    answered_questions,
    open_responses_for_request,
    published_questionnaires,
    response_for_request,
    result_details,
    results_with_change,
    saved_answers,
)
from assessment.services import response_save_answers, response_start, response_submit
from assessment.sessions import remember_response


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
            response = response_start(
                questionnaire=questionnaire, user=request.user, consent_version=CURRENT_CONSENT_VERSION
            )
            if not request.user.is_authenticated:
                remember_response(request, response)
            return redirect("assessment:response", response_id=response.pk)

    return render(
        request,
        "assessment/questionnaire_intro.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "needs_consent_page": needs_consent_page,
            "consent_url": page_url,
        },
    )


@login_not_required
@require_http_methods(["GET", "POST"])
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

    sections = list(response.questionnaire.sections.all())
    if not sections:
        raise ValueError(f"questionnaire {response.questionnaire_id} has no sections")
    step = posted_step(request, len(sections), default=min(response.current_step, len(sections) - 1))
    section = sections[step]
    questions = list(section.questions.prefetch_related("choices"))

    if request.method == "POST":
        form = SectionForm(questions, data=request.POST)
        action = request.POST.get("action", "next")
        if action == "back":
            form.is_valid()
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

    answers, crisis = saved_answers(response)
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
            "crisis_text": active_crisis_text() if crisis else None,
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
            "crisis_text": active_crisis_text() if response.crisis else None,
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
