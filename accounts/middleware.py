import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _


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
