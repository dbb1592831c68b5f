from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared helpers used by more than one app. No models of its own."""

    name = "core"

    def ready(self):
        from core import page_cache

        page_cache.connect_signals()
