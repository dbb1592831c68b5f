from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from assessment.services import responses_claim
from assessment.sessions import forget_responses, remembered_response_ids


@receiver(user_signed_up)
@receiver(user_logged_in)
def claim_anonymous_responses(sender, request, user, **kwargs):
    """What someone answered before having an account becomes theirs when they sign up or log
    in in the same browser."""
    if request is None or not hasattr(request, "session"):
        return
    ids = remembered_response_ids(request)
    if ids:
        responses_claim(user=user, response_ids=ids)
        forget_responses(request)
