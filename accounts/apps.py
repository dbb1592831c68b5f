from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import signals  # noqa: F401 (connects the receivers)
        from accounts.models import Consent, User
        from core import page_cache

        page_cache.watch(User, person="pk")
        page_cache.watch(Consent)

        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(using="default", verbosity=1, **kwargs):
    """The shared database cache (rate limits) needs its table; `migrate` makes sure it exists.

    Without this a fresh deployment that only runs `migrate` would fail on the first login.
    `createcachetable` does nothing when the table is there or the cache is Redis.
    """
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
