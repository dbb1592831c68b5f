from django.core.management.base import BaseCommand

from assessment.services import default_content_load
from journal.content import load_default_triggers


class Command(BaseCommand):
    help = (
        "Load the default content: the questionnaires (Migraine Profile, PHQ-9, GAD-7, MIDAS), the crisis "
        "text and the default triggers. Idempotent: a questionnaire that already has the content's version (its "
        "'version' key) or a later one is left exactly as staff left it; an older one gets the content as a new "
        "published version, which retires the old one (answers keep pointing at the version they answered). "
        "Project-level, as it fills more than one app."
    )

    def handle(self, *args, **options):
        created = default_content_load() + load_default_triggers()
        message = f"Loaded {', '.join(created)}." if created else "Default content already loaded; nothing changed."
        self.stdout.write(message)
