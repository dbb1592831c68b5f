import datetime as dt

from allauth.core import ratelimit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import consent_give
from accounts.time_zones import known_zone, known_zones, zone_of
from core import clock

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)


class SignupForm(forms.Form):
    """Extra sign-up questions; allauth adds email and password to this form.

    Consent is asked here but not demanded: a person can open an account first and agree
    later, and nothing health-related is stored until they do.
    """

    field_order = ["email", "password1", "password2", "adult", "health_data_consent"]

    adult = forms.BooleanField(
        label=_("I am 18 or older."),
        help_text=_("The questionnaires here are made and checked for adults."),
        error_messages={"required": _("Migraine Heroes is for adults: please confirm you are 18 or older.")},
    )
    health_data_consent = forms.BooleanField(
        label=_(
            "I agree that Migraine Heroes may store and process the health information I enter, as described above."
        ),
        required=False,
        help_text=_("You can also agree later, before you save your first entry or result, and withdraw at any time."),
    )

    # Filled in by static/js/time-zone.js from the browser, so "today" is the person's own day
    # from the start; they can change it in their settings.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def clean_time_zone(self):
        return known_zone(self.cleaned_data.get("time_zone", ""))

    def signup(self, request, user):
        if self.cleaned_data.get("time_zone"):
            user.time_zone = self.cleaned_data["time_zone"]
            user.save(update_fields=["time_zone"])
        if self.cleaned_data.get("health_data_consent"):
            consent_give(user=user)


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_(
            "I agree that Migraine Heroes may store and process the health information I enter, as described above."
        ),
        error_messages={"required": _("Tick the box to agree, or come back when you are ready.")},
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account, my results and my whole journal will be deleted for good."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        """Entering the password here is the re-authentication; attempts count against allauth's
        "reauthenticate" limit, so a borrowed session cannot guess the password."""
        password = self.cleaned_data["password"]
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.request.user):
            raise forms.ValidationError(_("Too many attempts. Please wait a minute and try again."))
        if not self.request.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone this system knows, by name ("Europe/Paris"), UTC first."""
    names = sorted(zone for zone in known_zones() if "/" in zone and not zone.startswith("Etc/"))
    return [("", _("Not set (the site's own time zone)")), ("UTC", "UTC"), *[(name, name) for name in names]]


COUNTRY_CHOICES = [
    ("", _("Not set (show help lines for every country)")),
    ("BE", _("Belgium")),
    ("FR", _("France")),
    ("IE", _("Ireland")),
    ("GB", _("United Kingdom")),
    ("US", _("United States")),
    ("ZZ", _("Another country")),
]


class SettingsForm(forms.ModelForm):
    """The person's own settings: their time, their light, their country, and what their doctor's
    report may say about them."""

    time_zone = forms.ChoiceField(label=_("Time zone"), required=False, choices=time_zone_choices)
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=COUNTRY_CHOICES,
        help_text=_("Crisis help lines for this country are shown first."),
    )

    class Meta:
        model = User
        fields = ["time_zone", "theme", "country", "full_name", "date_of_birth"]
        widgets = {
            "theme": forms.RadioSelect,
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.time_zone:
            # Once a person has a zone (chosen, or guessed from their browser) it can be changed
            # but not emptied: "no zone" always means "never chosen", so the guess from the
            # browser (accounts.time_zones) happens at most once and never undoes a choice.
            self.fields["time_zone"].choices = time_zone_choices()[1:]

    def clean_time_zone(self):
        return self.cleaned_data.get("time_zone") or self.instance.time_zone

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born and not (EARLIEST_BIRTH_DATE <= born <= clock.now().astimezone(zone_of(self.instance)).date()):
            raise forms.ValidationError(_("Please enter a date of birth between 1900 and today."))
        return born
