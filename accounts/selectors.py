from accounts.models import Consent


def user_has_health_consent(user) -> bool:
    """True when `user` has agreed to the current consent text and not withdrawn it."""
    if not user.is_authenticated:
        return False
    return Consent.objects.filter(user=user).in_force().exists()
