from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared helpers used by more than one app (page cache, form rendering, downloads, CSV cells).
    No models, and no import of any app: apps build on core, never the other way."""

    name = "core"
