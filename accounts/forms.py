from allauth.core import ratelimit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.services import consent_give


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

    def signup(self, request, user):
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
