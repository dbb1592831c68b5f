from accounts.models import Consent


def user_has_health_consent(*, user, fresh: bool = False) -> bool:
    """True when `user` has agreed to the current consent text and not withdrawn it.

    Pages read what was loaded with the person at the start of the request (accounts.backends
    annotates it, saving a query a page); services about to store health data pass `fresh=True`
    and ask the database inside their transaction, so a consent withdrawn a moment ago is seen."""
    if not user.is_authenticated:
        return False
    loaded = getattr(user, "has_health_consent", None)
    if loaded is not None and not fresh:
        return loaded
    return Consent.objects.filter(user=user).in_force().exists()


def users_with_health_consent(user_ids) -> set[int]:
    """Which of these people have consent in force (one query, for jobs that serve many)."""
    return set(Consent.objects.filter(user_id__in=list(user_ids)).in_force().values_list("user_id", flat=True))
