from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import user_has_health_consent


def consent_url(next_path: str) -> str:
    """The consent page, coming back to `next_path` once consent is given."""
    return f"{reverse('accounts:consent')}?{urlencode({'next': next_path}, safe='/')}"


def health_consent_required(view):
    """Pages that store health data ask for consent first (and again after it is withdrawn)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not user_has_health_consent(request.user):
            messages.info(request, _("Before we keep anything in your journal, we need your consent."))
            return redirect(consent_url(request.path))
        return view(request, *args, **kwargs)

    return wrapper
