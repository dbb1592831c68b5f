from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.forms import ConsentForm, DeleteAccountForm
from accounts.privacy import as_csv_zip, as_json, personal_data
from accounts.selectors import user_has_health_consent
from accounts.services import account_delete, consent_give, consent_withdraw


@require_http_methods(["GET", "POST"])
def consent(request):
    """Show the consent text in full and record the person's agreement."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        consent_give(user=request.user)
        messages.success(request, _("Thank you. Your consent is recorded, and you can withdraw it at any time."))
        return redirect(next_url or "home")
    return render(
        request,
        "accounts/consent.html",
        {"form": form, "next_url": next_url, "has_consent": user_has_health_consent(request.user)},
    )


@require_safe
def privacy(request):
    return render(
        request,
        "accounts/privacy.html",
        {"has_consent": user_has_health_consent(request.user), "delete_form": DeleteAccountForm(user=request.user)},
    )


def download(content: bytes, *, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"migraine-heroes-my-data-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@reauthentication_required
def export_json(request):
    return download(as_json(personal_data(request.user)), content_type="application/json", extension="json")


@require_safe
@reauthentication_required
def export_zip(request):
    return download(as_csv_zip(personal_data(request.user)), content_type="application/zip", extension="zip")


@require_POST
def withdraw_consent(request):
    consent_withdraw(user=request.user)
    messages.success(
        request,
        _("Your consent is withdrawn. Nothing new will be stored; what is already here stays until you delete it."),
    )
    return redirect("accounts:privacy")


@require_POST
@reauthentication_required
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(
            request,
            "accounts/privacy.html",
            {"has_consent": user_has_health_consent(request.user), "delete_form": form},
            status=400,
        )
    account_delete(user=request.user)
    logout(request)
    messages.success(request, _("Your account and everything in it have been deleted. Take good care of yourself."))
    return redirect("home")
