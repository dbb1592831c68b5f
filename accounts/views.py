from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import ConsentForm
from accounts.selectors import user_has_health_consent
from accounts.services import consent_give


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
