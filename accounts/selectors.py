from accounts.models import Consent


def user_has_health_consent(user) -> bool:
    """True when `user` has agreed to the current consent text and not withdrawn it."""
    if not user.is_authenticated:
        return False
    return Consent.objects.filter(user=user).in_force().exists()


def users_with_health_consent(user_ids) -> set[int]:
    """Which of these people have consent in force (one query, for jobs that serve many)."""
    return set(Consent.objects.filter(user_id__in=list(user_ids)).in_force().values_list("user_id", flat=True))
