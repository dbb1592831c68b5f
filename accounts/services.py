from importlib import import_module

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.consent import CURRENT_CONSENT_VERSION
from accounts.models import Consent, LoginSession, User
from core import page_cache, personal_data


def consent_give(*, user: User, version: str = CURRENT_CONSENT_VERSION) -> Consent:
    """Record that `user` agrees to consent text `version`; giving it again changes nothing.

    Two posts at the same moment end in one consent in force: a database constraint allows
    only one per person and version, and the request that loses the race finds the other's."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                existing = Consent.objects.filter(user=user, version=version, withdrawn_at__isnull=True).first()
                consent = existing or Consent.objects.create(user=user, version=version)
            if version == CURRENT_CONSENT_VERSION:  # what this request's pages read (accounts.backends)
                user.has_health_consent = True
            return consent
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def time_zone_guess(*, user: User, name: str) -> bool:
    """Save `name` (a known zone, from the person's browser) as the time zone of a person who has
    none yet; returns whether it was saved. One conditional update: it happens once, and never
    over a zone the person chose (the settings form cannot empty a zone once set)."""
    saved = User.objects.filter(pk=user.pk, time_zone="").update(time_zone=name)
    if saved:
        user.time_zone = name
        # .update() fires no signal, and the zone changes the dates on every cached page.
        page_cache.bump(user.pk)
    return bool(saved)


@transaction.atomic
def consent_withdraw(*, user: User) -> int:
    """Withdraw every consent in force for `user`; returns how many were withdrawn."""
    user.has_health_consent = False
    return Consent.objects.filter(user=user, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the person and everything that belongs to them: each app deletes its own rows
    (core/personal_data.py; every foreign key to the user cascades too, as a second guard),
    then the account, and every session of theirs ends; once that has committed, the pages kept
    for them are dropped too (core.page_cache.forget)."""
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in LoginSession.objects.filter(user=user).values_list("session_key", flat=True):
        session_store(session_key=session_key).delete()
    for module in personal_data.modules():
        module.delete_personal_data(user=user)
    person_id = user.pk
    user.delete()
    transaction.on_commit(lambda: page_cache.forget(person_id))
