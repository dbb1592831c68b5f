from django.core.management.base import BaseCommand
from django.utils import timezone

from journal.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email the daily journal reminder to people who asked for one, whose time has come and who have logged "
        "nothing today; and, to people who asked for it, how much a dose taken 2 to 24 hours ago helped. "
        "Safe to run every few minutes (e.g. from cron): one email per person per run, nobody reminded twice "
        "on one day, no dose asked about twice."
    )

    def handle(self, *args, **options):
        sent = reminders_send(now=timezone.now())
        self.stdout.write(f"Sent {sent} email(s).")
