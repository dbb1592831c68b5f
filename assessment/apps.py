from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "assessment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from assessment import signals  # noqa: F401 (connects the receivers)
        from assessment.models import Attempt
        from core import page_cache

        page_cache.watch(Attempt)
