from django.core.management.base import BaseCommand
from django.utils import timezone

from journal.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email the daily journal reminder to people who asked for one, whose time has come and who have logged "
        "nothing today. Safe to run every few minutes (e.g. from cron): nobody is reminded twice on one day."
    )

    def handle(self, *args, **options):
        sent = reminders_send(now=timezone.now())
        self.stdout.write(f"Sent {sent} reminder(s).")
