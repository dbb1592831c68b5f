from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.consent import ConsentRequired
from accounts.selectors import user_has_health_consent

JOURNAL_CONSENT_MESSAGE = gettext_lazy("Before we keep anything in your journal, we need your consent.")


def consent_url(next_path: str) -> str:
    """The consent page, coming back to `next_path` once consent is given."""
    return f"{reverse('accounts:consent')}?{urlencode({'next': next_path}, safe='/')}"


def health_consent_required(view=None, *, allow_anonymous=False, message=JOURNAL_CONSENT_MESSAGE):
    """The one way pages that store health data ask for consent first (and again after it is
    withdrawn): a signed-in person without consent goes to the consent page and comes back.

    `allow_anonymous` lets visitors without an account through (the public questionnaire keeps
    their answers against this browser, with the agreement they give on its start page). A
    service that still finds no consent raises ConsentRequired, answered the same way."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if allow_anonymous and not request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if not user_has_health_consent(user=request.user):
                return ask_for_consent(request, message)
            try:
                return view(request, *args, **kwargs)
            except ConsentRequired:  # withdrawn in another tab while this page was open
                return ask_for_consent(request, message)

        return wrapper

    return decorate(view) if view is not None else decorate


def ask_for_consent(request, message=JOURNAL_CONSENT_MESSAGE):
    messages.info(request, str(message))
    return redirect(consent_url(request.path))
