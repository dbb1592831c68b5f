import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.middleware import IdleTimeoutMiddleware
from accounts.models import LoginSession


@receiver(user_logged_in)
def remember_login_session(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    # Start the idle clock now, so the first page after logging in needs no session write.
    request.session[IdleTimeoutMiddleware.KEY] = int(time.time())
    if request.session.session_key is None:
        request.session.save()
    LoginSession.objects.get_or_create(session_key=request.session.session_key, defaults={"user": user})
