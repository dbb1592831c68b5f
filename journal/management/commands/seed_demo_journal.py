from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.services import consent_give
from journal.demo import seed_diary


class Command(BaseCommand):
    help = (
        "Create (or refill) a demo account with a realistic diary so the journal pages can be seen full. "
        "Replaces that account's diary; never touches anyone else's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="demo@example.com")
        parser.add_argument("--password", default="a calm and steady rhythm 42")
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, email, password, days, seed, **options):
        from allauth.account.models import EmailAddress

        user, created = get_user_model().objects.get_or_create(email=email)
        if created:
            user.set_password(password)
            user.save()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        consent_give(user=user)
        count = seed_diary(user, days=days, end=timezone.localdate(), seed=seed)
        self.stdout.write(f"{email}: {count} days of diary" + (f" (password: {password})" if created else ""))
