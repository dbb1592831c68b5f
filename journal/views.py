import secrets
from datetime import date, timedelta
from functools import wraps

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import health_consent_required
from accounts.time_zones import zone_for
from assessment.selectors import latest_results
from core import page_cache
from core.page_cache import person_cached
from journal import days, insights, pdf, selectors, stats
from journal.csv_export import csv_rows
from journal.days import EARLIEST_DAY, today_for, today_of
from journal.forms import (
    AttackDoseForm,
    AttackStartForm,
    EntryForm,
    MedicationForm,
    PeakPainForm,
    ReliefForm,
    ReminderForm,
    ReportRangeForm,
    ReportShareForm,
    TriggerForm,
    dose_formset,
)
from journal.models import Attack, Dose, Medication, ReminderSetting, ReportShare, Trigger
from journal.services import (
    attack_end,
    attack_set_pain,
    attack_start,
    attack_take_medicine,
    dose_set_relief,
    entry_save,
    good_day_save,
    medication_archive,
    medication_create,
    reminder_update,
    report_share_create,
    report_share_opened,
    share_token_hash,
    trigger_archive,
    trigger_create,
)
from journal.services import report_share_revoke as report_share_revoke_service
from journal.tables import ratio


@require_http_methods(["GET", "POST"])
# Outside the consent check: withdrawing consent is a write, which moves the version on. Today's
# relief question comes due by itself, so its page says when it changes (core.page_cache.changes_at).
@person_cached(today_for, now=lambda: days.now())
@health_consent_required
def day_view(request, day: date | None = None):
    """Today (no date in the address) or any past day: add or edit its entry."""
    today = today_for(request)
    day = day or today
    if day > today:
        return render(request, "journal/future_day.html", {"day": day, "today": today}, status=400)
    medicines = selectors.active_medicines(user=request.user)
    if request.method == "POST":
        entry = selectors.entry_for_day(user=request.user, day=day)
        return day_save(request, day=day, today=today, entry=entry, medicines=medicines)
    # Today also asks about yesterday's doses, so it reads them even on a day with no entry yet.
    entry, recent, figures = selectors.day_page(user=request.user, day=day, today=today)
    form = EntryForm(instance=entry, user=request.user)
    doses = dose_formset(user=request.user, medicines=medicines, doses=[d for d in recent if d.day == day])
    return render_day(
        request, day=day, today=today, entry=entry, form=form, doses=doses, medicines=medicines, recent_doses=recent,
        figures=figures,
    )  # fmt: skip


def day_save(request, *, day: date, today: date, entry, medicines):
    form = EntryForm(request.POST, instance=entry, user=request.user)
    doses = dose_formset(user=request.user, medicines=medicines, data=request.POST)
    if not (form.is_valid() and doses.is_valid()):
        recent = selectors.recent_doses(user=request.user, day=day) if day == today else []
        figures = selectors.rolling_figures(user=request.user, today=today) if day == today else None
        return render_day(
            request, day=day, today=today, entry=entry, form=form, doses=doses, medicines=medicines,
            recent_doses=recent, figures=figures, status=400,
        )  # fmt: skip
    entry_save(
        user=request.user,
        day=day,
        today=today,
        values=form.values(),
        trigger_ids=form.trigger_ids(),
        doses=doses.doses(),
    )
    messages.success(request, _("Saved. Thank you for looking after yourself today."))
    if day == today:
        return redirect("journal:today")
    return redirect("journal:day", day=day)


def render_day(request, *, day: date, today: date, entry, form, doses, medicines, recent_doses, figures, status=200):
    attack_mode = None
    if day == today:
        attack_mode = selectors.attack_mode(
            user=request.user,
            now=days.now(),
            zone=zone_for(request),
            medicines=medicines,
            doses=recent_doses,
        )
        page_cache.changes_at(request, attack_mode["changes_at"])
    return render(
        request,
        "journal/day.html",
        {
            "day": day,
            "today": today,
            "entry": entry,
            "form": form,
            "doses": doses,
            "figures": figures,
            "attack_mode": attack_mode,
            "attack_key": secrets.token_urlsafe(16),
            "pain_scale": range(11),
            "previous_day": day - timedelta(days=1) if day > EARLIEST_DAY else None,
            "next_day": day + timedelta(days=1) if day < today else None,
        },
        status=status,
    )


# --- Attack mode: each tap is a small POST that saves at once and comes back to Today ---------------


def back_to_today():
    return redirect(f"{reverse('journal:today')}#attack")


def invalid_tap(request, form):
    """A tap that cannot be saved (a stale page, a tampered value): say so on Today, answer 400."""
    errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(request, "journal/attack_error.html", {"errors": errors}, status=400)


@require_POST
@health_consent_required
def attack_start_view(request):
    now = days.now()
    form = AttackStartForm(request.POST, now=now)
    if not form.is_valid():
        return invalid_tap(request, form)
    key = form.cleaned_data["key"] or secrets.token_urlsafe(16)
    attack_start(user=request.user, key=key, started_at=form.cleaned_data["started_at"], now=now)
    return back_to_today()


def get_attack_for_user(request, pk: int) -> Attack:
    return get_object_or_404(Attack, pk=pk, user=request.user)


@require_POST
@health_consent_required
def attack_pain(request, pk: int):
    attack = get_attack_for_user(request, pk)
    form = PeakPainForm(request.POST)
    if not form.is_valid():
        return invalid_tap(request, form)
    attack_set_pain(attack=attack, peak_pain=form.cleaned_data["peak_pain"], now=days.now())
    return back_to_today()


@require_POST
@health_consent_required
def attack_dose(request, pk: int):
    attack = get_attack_for_user(request, pk)
    form = AttackDoseForm(request.POST, user=request.user)
    if not form.is_valid():
        return invalid_tap(request, form)
    attack_take_medicine(attack=attack, medication=form.cleaned_data["medication"], now=days.now())
    messages.success(request, _("Noted. We will ask in 2 hours how much it helped."))
    return back_to_today()


@require_POST
@health_consent_required
def attack_over(request, pk: int):
    attack = get_attack_for_user(request, pk)
    attack_end(attack=attack, ended_at=days.now())
    messages.success(request, _("Glad it is over. Rest gently; you can add details on the day form any time."))
    return redirect("journal:today")


@require_POST
@health_consent_required
def dose_relief(request, pk: int):
    dose = get_object_or_404(Dose, pk=pk, entry__user=request.user)
    form = ReliefForm(request.POST)
    if not form.is_valid():
        return invalid_tap(request, form)
    dose_set_relief(dose=dose, relief=form.cleaned_data["relief"])
    messages.success(request, _("Thank you. That helps you and your doctor see what works."))
    return redirect("journal:today")


@require_POST
@health_consent_required
def good_day(request):
    good_day_save(user=request.user, today=today_for(request))
    messages.success(request, _("Saved: a day without headache. Enjoy it."))
    return redirect("journal:today")


@require_safe
def calendar_now(request):
    today = today_for(request)
    return redirect("journal:calendar", year=today.year, month=today.month)


@require_safe
@person_cached(today_for)
def calendar_month(request, year: int, month: int):
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    today = today_for(request)
    calendar = selectors.month_calendar(user=request.user, year=year, month=month, today=today)
    start = calendar["start"]
    next_month = start + timedelta(days=32)
    return render(
        request,
        "journal/calendar.html",
        {
            "month": start,
            "calendar": calendar,
            "figures": calendar["figures"],
            "previous_month": start - timedelta(days=1),
            "next_month": next_month if next_month.replace(day=1) <= today.replace(day=1) else None,
            "today": today,
        },
    )


@require_safe
@person_cached(today_for)
def history(request):
    page = selectors.history_page(user=request.user, page_number=request.GET.get("page"))
    return render(request, "journal/history.html", {"page": page})


@require_safe
@person_cached(today_for)
def charts(request):
    today = today_for(request)
    data = selectors.chart_data(user=request.user, today=today)
    ranked = ranked_factors(data["links"])
    chart_json = {
        "daily": {
            "labels": [row["day"].isoformat() for row in data["daily"]],
            "pain": [row["pain"] for row in data["daily"]],
            "mood": [row["mood"] for row in data["daily"]],
        },
        "months": {
            "labels": [row["month"].strftime("%b %Y") for row in data["months"]],
            "headache_days": [row["headache_days"] for row in data["months"]],
            "migraine_days": [row["migraine_days"] for row in data["months"]],
        },
        "triggers": {
            "labels": [row["label"] for row in ranked],
            "same_day": [round(row["same_day"].risk_ratio, 2) if row["same_day"] else None for row in ranked],
            "day_after": [round(row["day_after"].risk_ratio, 2) if row["day_after"] else None for row in ranked],
        },
    }
    return render(
        request,
        "journal/charts.html",
        {**data, "factors": ranked, "chart_json": chart_json, "today": today,
         "waiting": len({x.factor for x in data["links"] if x.factor != insights.MENSTRUAL}) - len(ranked)},
    )  # fmt: skip


FACTOR_LABELS = {
    "stress": gettext_lazy("High stress (7 or more, or ticked as a trigger)"),
    "short_sleep": gettext_lazy("Short or poor sleep"),
    "alcohol": gettext_lazy("Alcohol"),
    "caffeine": gettext_lazy("3 or more caffeine drinks"),
    "skipped_meal": gettext_lazy("A skipped meal"),
    "exercise": gettext_lazy("Exercise"),
    "letdown": gettext_lazy("A drop in stress of 3 or more points (let-down)"),
    "menstrual": gettext_lazy("Day −2 to +3 of your period"),
}
MAX_CHART_FACTORS = 12


def factor_label(key: str) -> str:
    return key.removeprefix("trigger:") if key.startswith("trigger:") else FACTOR_LABELS.get(key, key)


def ranked_factors(links) -> list[dict]:
    """Factors with enough data at either lag, by their larger risk ratio (not by how often they were
    noted). The menstrual window is left out: it is read per cycle, on the insights page (ICHD-3 A1.1)."""
    by_factor: dict[str, dict] = {}
    for link in links:
        if link.verdict == insights.NOT_ENOUGH_DATA or link.factor == insights.MENSTRUAL:
            continue
        row = by_factor.setdefault(link.factor, {"label": factor_label(link.factor), "same_day": None,
                                                 "day_after": None})  # fmt: skip
        row["same_day" if link.lag == 0 else "day_after"] = link
    for row in by_factor.values():
        row["top"] = max(x.risk_ratio for x in (row["same_day"], row["day_after"]) if x)
    return sorted(by_factor.values(), key=lambda row: (-row["top"], str(row["label"])))[:MAX_CHART_FACTORS]


def link_sentence(link, label) -> str:
    values = {
        "a": link.exposed_onsets, "n": link.exposed_days, "c": link.unexposed_onsets, "m": link.unexposed_days,
        "label": label, "rr": ratio(link.risk_ratio), "low": ratio(link.ci_low),
        "high": ratio(link.ci_high),
    }  # fmt: skip
    if link.lag == 0:
        counts = _("Attacks began on %(a)s of %(n)s days with “%(label)s”, against %(c)s of %(m)s days without it: "
                   "about %(rr)s times as often (95%% interval %(low)s–%(high)s).")  # fmt: skip
    else:
        counts = _("Attacks began on %(a)s of %(n)s days after a day with “%(label)s”, against %(c)s of %(m)s "
                   "days after a day without it: about %(rr)s times as often "
                   "(95%% interval %(low)s–%(high)s).")  # fmt: skip
    if link.direction == insights.MORE:
        verdict = _("Worth a closer look — not proof of a cause.")
    else:
        verdict = _("It may be linked with fewer attacks: worth a closer look — not proof of a cause.")
    return counts % values + " " + verdict


def missing_text(links, label) -> str:
    wanting = [link for link in links if link.more_days_needed]
    if not wanting:
        return _("more days with “%(label)s” noted") % {"label": label}
    link = min(wanting, key=lambda x: x.more_days_needed)
    words = (
        _("about %(n)s more days without “%(label)s”")
        if link.more_days_without
        else _("about %(n)s more days with “%(label)s” noted")
    )
    return words % {"n": link.more_days_needed, "label": label}


def cycles_sentence(cycles, link) -> str:
    values = {"x": cycles.with_onset, "y": cycles.counted}
    if link.direction == insights.MORE:
        return _("An attack began from 2 days before to the 3rd day of your period in %(x)s of %(y)s cycles "
                 "recorded, and attacks began more often on these days than on the rest of the month. Worth a "
                 "closer look — not proof of a cause.") % values  # fmt: skip
    return _("An attack began from 2 days before to the 3rd day of your period in %(x)s of %(y)s cycles "
             "recorded, and attacks began less often on these days than on the rest of the month.") % (
        values
    )  # fmt: skip


def grouped_links(found) -> dict:
    """Each factor once: under likely links (with a sentence per likely lag), no clear link yet,
    or not enough data yet (with what is missing). The menstrual window is told in cycles, not days."""
    by_factor: dict[str, list] = {}
    for link in found.links:
        by_factor.setdefault(link.factor, []).append(link)
    likely, unclear, waiting = [], [], []
    for factor, links in by_factor.items():
        label = factor_label(factor)
        passing = [link for link in links if link.verdict == insights.LIKELY]
        if passing:
            likely.append(
                {
                    "label": label,
                    "sentences": [cycles_sentence(found.cycles, passing[0])]
                    if factor == insights.MENSTRUAL and found.cycles
                    else [link_sentence(link, label) for link in passing],
                    "early_sign": links[0].early_sign,
                    "p": min(link.p_value for link in passing),
                }
            )
        elif any(link.verdict == insights.NO_CLEAR_LINK for link in links):
            unclear.append(label)
        else:
            missing = _("more cycles recorded") if factor == insights.MENSTRUAL else missing_text(links, label)
            waiting.append({"label": label, "missing": missing})
    return {
        "likely": sorted(likely, key=lambda row: row["p"]),
        "unclear": sorted(unclear, key=str),
        "waiting": sorted(waiting, key=lambda row: str(row["label"])),
    }


def pathway_signals(links) -> list[str]:
    labels = []
    for link in links:
        label = str(factor_label(link.factor))
        if link.direction == insights.FEWER:
            label = _("%(label)s (fewer attacks)") % {"label": label}
        labels.append(label)
    return list(dict.fromkeys(labels))  # a factor likely at both lags is named once


@require_safe
@person_cached(today_for)
def insights_page(request):
    today = today_for(request)
    found = selectors.personal_insights(user=request.user, today=today)
    profile = latest_results(user=request.user).get("migraine-profile")
    percents = {d["key"]: d["percent"] for d in profile.result["dimensions"]} if profile else {}
    return render(
        request,
        "journal/insights.html",
        {
            "found": found,
            "groups": grouped_links(found),
            "minimums": {
                "days": insights.MIN_RECORDED_DAYS,
                "onsets": insights.MIN_ONSETS,
                "exposed": insights.MIN_EXPOSED_DAYS,
                "exposed_onsets": insights.MIN_EXPOSED_ONSETS,
            },
            "too_few_onsets": found.attacks < insights.MIN_ONSETS,
            "window_start": selectors.insight_start(today),
            "profile": profile,
            "pathways": [
                {
                    "name": pathway.label,
                    "percent": percents.get(pathway.value),
                    "signals": pathway_signals(found.pathways.get(pathway.value, ())),
                }
                for pathway in Trigger.Pathway
            ],
        },
    )


def default_report_period(today: date) -> dict[str, str]:
    """This month and the two before, as form values."""
    return {"start": stats.month_start_before(today, months=2).isoformat(), "end": today.isoformat()}


def report_range(request, today):
    return ReportRangeForm(request.GET or default_report_period(today), today=today)


@require_safe
@person_cached(today_for)
def report(request):
    today = today_for(request)
    form = report_range(request, today)
    context = {"form": form, "today": today, "person": request.user, "pdf_available": pdf.available(), "data": None}
    if form.is_valid():
        context.update(
            report_context(person=request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"],
                           today=today)
        )  # fmt: skip
    return render(request, "journal/report.html", context, status=200 if context["data"] else 400)


def report_context(*, person, start, end, today) -> dict:
    """What the report's templates need, for the page, the shared link and the PDF alike."""
    data = selectors.report_data(user=person, start=start, end=end, today=today)
    return {"data": data, "person": person, "start": start, "end": end, "today": today}


def report_pdf_response(request, *, person, start, end, today, shared=False) -> HttpResponse:
    context = {**report_context(person=person, start=start, end=end, today=today), "pdf": True}
    html = render_to_string("journal/report_document.html", context, request=request)
    # The same report laid out again gives the same PDF: kept by its HTML, so a write that left
    # the report as it was (a setting, another day's note outside the range) costs no new layout.
    made_from = html + pdf.stylesheets_version()
    body = page_cache.kept_by_content(request, "report-pdf", person.pk, made_from, lambda: pdf.render(html))
    response = HttpResponse(body, content_type="application/pdf")
    name = f"headache-report-{start.isoformat()}-to-{end.isoformat()}.pdf"
    response["Content-Disposition"] = f'{"inline" if shared else "attachment"}; filename="{name}"'
    return response


@require_safe
@person_cached(today_for)
def report_pdf(request):
    today = today_for(request)
    form = report_range(request, today)
    if not form.is_valid() or not pdf.available():
        return redirect(f"{reverse('journal:report')}?{request.GET.urlencode()}")
    return report_pdf_response(
        request, person=request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"], today=today
    )


@require_http_methods(["GET", "POST"])
@health_consent_required
def report_shares(request):
    """Make a read-only link to the report for a clinician; see, and revoke, the links made."""
    today = today_for(request)
    created = None
    period = {**default_report_period(today), **{k: v for k, v in request.GET.items() if k in ("start", "end") and v}}
    form = ReportShareForm(request.POST or None, today=today, initial={**period, "days": 30})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            share, token = report_share_create(
                user=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                days=form.cleaned_data["days"],
                now=days.now(),
            )
            created = {"share": share, "url": request.build_absolute_uri(reverse("shared_report", args=[token]))}
        else:
            status = 400
    shares = ReportShare.objects.for_user(request.user).prefetch_related("openings")
    return render(
        request,
        "journal/report_shares.html",
        {"form": form, "shares": shares, "created": created, "now": days.now()},
        status=status,
    )


@require_POST
def report_share_revoke(request, pk: int):
    share = get_object_or_404(ReportShare, pk=pk, user=request.user)
    report_share_revoke_service(share=share, now=days.now())
    messages.success(request, _("The link is revoked: it no longer opens the report."))
    return redirect("journal:report_shares")


SHARE_OPENINGS_PER_HOUR = 30


def shared(view):
    """Open a shared report by its token: 404 for a token that was never made (or was altered),
    410 once revoked or expired; rate-limited per link; every opening logged (the time only)."""

    @wraps(view)
    def wrapper(request, token: str):
        share = ReportShare.objects.select_related("user").filter(token_hash=share_token_hash(token)).first()
        if share is None:
            raise Http404
        now = days.now()
        if share.revoked_at or share.expires_at <= now:
            return render(request, "journal/share_gone.html", status=410)
        # The opening log is the rate limit's counter too: at most so many openings an hour.
        if share.openings.filter(opened_at__gt=now - timedelta(hours=1)).count() >= SHARE_OPENINGS_PER_HOUR:
            return render(request, "429.html", status=429)
        report_share_opened(share=share)
        response = view(request, share)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


@login_not_required
@require_safe
@shared
def shared_report(request, share):
    context = {
        **report_context(person=share.user, start=share.start, end=share.end, today=today_of(share.user)),
        "shared": True,
        "pdf_url": reverse("shared_report_pdf", args=[request.resolver_match.kwargs["token"]])
        if pdf.available()
        else None,
    }
    return render(request, "journal/report_document.html", context)


@login_not_required
@require_safe
@shared
def shared_report_pdf(request, share):
    if not pdf.available():
        raise Http404
    return report_pdf_response(
        request, person=share.user, start=share.start, end=share.end, today=today_of(share.user), shared=True
    )


@require_safe
@reauthentication_required
@person_cached(today_for)
def export_csv(request):
    """Every diary day in one file: like the privacy downloads, it asks for the password again
    unless it was entered in the last few minutes."""
    response = StreamingHttpResponse(csv_rows(request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="migraine-journal-{today_for(request).isoformat()}.csv"'
    return response


@require_http_methods(["GET", "POST"])
@health_consent_required
def medications(request):
    form = MedicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        medication_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("Added to your medicines."))
        return redirect("journal:medications")
    return render(
        request,
        "journal/medications.html",
        {"form": form, "medications": Medication.objects.for_user(request.user).active()},
        status=400 if form.errors else 200,
    )


@require_POST
def medication_remove(request, pk: int):
    medication = get_object_or_404(Medication, pk=pk, user=request.user)
    medication_archive(medication=medication)
    messages.success(request, _("%(name)s is off your list. Past entries still show it.") % {"name": medication.name})
    return redirect("journal:medications")


@require_http_methods(["GET", "POST"])
@health_consent_required
def triggers(request):
    form = TriggerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        trigger_create(user=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Added to your triggers."))
        return redirect("journal:triggers")
    available = Trigger.objects.available_to(request.user)
    return render(
        request,
        "journal/triggers.html",
        {
            "form": form,
            "own": [t for t in available if t.user_id],
            "defaults": [t for t in available if not t.user_id],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def trigger_remove(request, pk: int):
    trigger = get_object_or_404(Trigger, pk=pk, user=request.user)
    trigger_archive(trigger=trigger)
    messages.success(request, _("Removed from your triggers. Past entries still show it."))
    return redirect("journal:triggers")


@require_http_methods(["GET", "POST"])
def reminders(request):
    setting = ReminderSetting.objects.filter(user=request.user).first() or ReminderSetting(user=request.user)
    form = ReminderForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        reminder_update(
            user=request.user,
            enabled=form.cleaned_data["enabled"],
            at=form.cleaned_data["time"],
            ask_relief=form.cleaned_data["ask_relief"],
        )
        messages.success(request, _("Your reminder setting is saved."))
        return redirect("journal:reminders")
    return render(
        request,
        "journal/reminders.html",
        {"form": form, "zone": zone_for(request).key},
        status=400 if form.errors else 200,
    )
