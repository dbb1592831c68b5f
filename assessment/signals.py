from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from assessment import anonymous


@receiver(user_signed_up)
@receiver(user_logged_in)
def offer_anonymous_attempts(sender, request, user, **kwargs):
    """What was answered in this browser in the last hour is offered to the person who has just
    logged in or signed up; nothing moves until they say yes (assessment/anonymous.py)."""
    if request is None or not hasattr(request, "session"):
        return
    anonymous.make_offer(request)
