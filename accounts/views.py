from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.forms import ConsentForm, DeleteAccountForm, SettingsForm
from accounts.privacy import as_csv_zip, as_json, personal_data
from accounts.selectors import user_has_health_consent
from accounts.services import account_delete, consent_give, consent_withdraw
from core.downloads import download


@require_http_methods(["GET", "POST"])
def consent(request):
    """Show the consent text in full and record the person's agreement."""
    next_url = safe_next_url(request)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        consent_give(user=request.user)
        messages.success(request, _("Thank you. Your consent is recorded, and you can withdraw it at any time."))
        return HttpResponseRedirect(next_url) if next_url else redirect("home")
    return render(
        request,
        "accounts/consent.html",
        {"form": form, "next_url": next_url, "has_consent": user_has_health_consent(user=request.user)},
        status=400 if request.method == "POST" else 200,
    )


def safe_next_url(request) -> str:
    """The `next` path to go on to, if it is a path on this site; otherwise empty."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    on_this_site = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure())
    return next_url if on_this_site and next_url.startswith("/") and not next_url.startswith("//") else ""


@require_http_methods(["GET", "POST"])
def settings_view(request):
    """The person's own settings. A bad value is a form error (400), never a partial save."""
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your settings are saved."))
            return redirect("accounts:settings")
        return render(request, "accounts/settings.html", {"form": form}, status=400)
    return render(request, "accounts/settings.html", {"form": form})


@require_safe
def privacy(request):
    return render(
        request,
        "accounts/privacy.html",
        {"has_consent": user_has_health_consent(user=request.user), "delete_form": DeleteAccountForm(request=request)},
    )


def my_data_filename(extension: str) -> str:
    return f"migraine-heroes-my-data-{timezone.localdate().isoformat()}.{extension}"


@require_safe
@reauthentication_required
def export_json(request):
    return download(
        as_json(personal_data(request.user)), content_type="application/json", filename=my_data_filename("json")
    )


@require_safe
@reauthentication_required
def export_zip(request):
    return download(
        as_csv_zip(personal_data(request.user)), content_type="application/zip", filename=my_data_filename("zip")
    )


@require_POST
def withdraw_consent(request):
    consent_withdraw(user=request.user)
    messages.success(
        request,
        _("Your consent is withdrawn. Nothing new will be stored; what is already here stays until you delete it."),
    )
    return redirect("accounts:privacy")


@require_POST
def delete_account(request):
    """The password entered in the form is the re-authentication (allauth's redirect to its
    re-authentication page would lose this POST)."""
    form = DeleteAccountForm(request.POST, request=request)
    if not form.is_valid():
        return render(
            request,
            "accounts/privacy.html",
            {"has_consent": user_has_health_consent(user=request.user), "delete_form": form},
            status=400,
        )
    account_delete(user=request.user)
    logout(request)
    messages.success(request, _("Your account and everything in it have been deleted. Take good care of yourself."))
    return redirect("home")
