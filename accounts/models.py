from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.consent import CURRENT_CONSENT_VERSION


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class Theme(models.TextChoices):
    SYSTEM = "system", _("Follow my device")
    LIGHT = "light", _("Light")
    DARK = "dark", _("Dark")
    DIM = "dim", _("Dim (low contrast)")


class User(AbstractUser):
    """A person, known by their email address. There is no username.

    The settings below are the person's own: their time zone decides their "today", the
    country which crisis lines they see first, and the name and date of birth appear on the
    report for their doctor only if they chose to give them.
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("Your “today” in the journal follows it.")
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("Crisis help lines are shown for this country first.")
    )
    theme = models.CharField(_("light"), max_length=6, choices=Theme.choices, default=Theme.SYSTEM)
    full_name = models.CharField(
        _("name for your doctor's report"), max_length=150, blank=True, help_text=_("Optional.")
    )
    date_of_birth = models.DateField(
        _("date of birth for your doctor's report"), null=True, blank=True, help_text=_("Optional.")
    )
    # Moved on by every write of this person's (core/page_cache.py): part of every cached page's key.
    page_version = models.BigIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.email


class ConsentQuerySet(models.QuerySet):
    def in_force(self):
        """Consents to the current text that have not been withdrawn."""
        return self.filter(version=CURRENT_CONSENT_VERSION, withdrawn_at__isnull=True)


class Consent(models.Model):
    """A person's explicit consent to the processing of their health data (GDPR Art. 9).

    One row each time consent is given; withdrawing stamps `withdrawn_at` and keeps the row, so
    the record shows what was agreed to and when.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    version = models.CharField(_("consent text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["user", "-given_at"], name="accounts_consent_user_given")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True) | models.Q(withdrawn_at__gte=models.F("given_at")),
                name="accounts_consent_withdrawn_after_given",
            ),
            models.UniqueConstraint(
                fields=["user", "version"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="accounts_consent_one_in_force_per_version",
            ),
        ]

    def __str__(self):
        return f"consent {self.version} by user {self.user_id}"


class LoginSession(models.Model):
    """Which sessions belong to a person, so that deleting the account can end every one of
    them (Django's session table cannot be searched by user)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"session of user {self.user_id}"
