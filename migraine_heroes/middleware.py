import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# Features a health diary never needs; turning them off means an injected script could not
# ask for them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every response; ``no-store`` on anything personal.

    A page is personal when someone is logged in or the visitor has a session (an anonymous
    assessment is kept against the session): browsers and proxies must not keep a copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _is_personal(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


def _is_personal(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and session.session_key is not None


class IdleTimeoutMiddleware:
    """Log a person out after SESSION_IDLE_TIMEOUT seconds without a request.

    The last-seen time is written at most once a minute, so an active person does not cost a
    session write on every page."""

    KEY = "last_seen"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(self.KEY, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("You were logged out after a while without activity, to keep your data safe."))
            elif now - last_seen >= self.WRITE_EVERY or self.KEY not in request.session:
                request.session[self.KEY] = now
        return self.get_response(request)
