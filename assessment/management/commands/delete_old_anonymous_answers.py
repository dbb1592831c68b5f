from django.core.management.base import BaseCommand

from assessment.services import anonymous_attempts_delete_old


class Command(BaseCommand):
    help = (
        "Delete questionnaires answered without an account that nobody can open or keep any more "
        "(started more than a day ago). Safe to run often, e.g. daily from cron beside clearsessions."
    )

    def handle(self, *args, **options):
        deleted = anonymous_attempts_delete_old()
        self.stdout.write(f"Deleted {deleted} anonymous questionnaire(s).")
