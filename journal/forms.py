import copy
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from journal.days import EARLIEST_DAY
from journal.models import Dose, Entry, Medication, ReminderSetting, ReportShare, Trigger
from journal.selectors import trigger_choices
from journal.services import DoseData

MOOD_CHOICES = [
    (1, _("1 · very low")),
    (2, _("2 · low")),
    (3, _("3 · okay")),
    (4, _("4 · good")),
    (5, _("5 · very good")),
]
ZERO_TO_TEN = [("", "–")] + [(n, str(n)) for n in range(11)]


# Ids are 64-bit in every database; a bigger number can name no row, and SQLite cannot even be
# asked about it (OverflowError), so it is refused as a wrong choice before any query.
MAX_ID = 2**63 - 1


def too_big_for_an_id(value) -> bool:
    try:
        return abs(int(str(value).strip())) > MAX_ID
    except ValueError:
        return False  # not a number at all: Django's own check says so


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and too_big_for_an_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            if too_big_for_an_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(pk)}
                )
        return super()._check_values(value)


class ConstantChoices:
    """A choice field whose choices are fixed in the class and never changed on a form: every form's
    copy, and its widget's, shares them. Django deep-copies a choice field's list, and each lazy
    label in it, for every form it makes, and its widget checks the list over again (as Django 5.2's
    normalize_choices, which walks it item by item); for the day form and its dose rows that was a
    tenth of drawing Today. Setting `choices` on a form's field still gives that field a list of
    its own."""

    def __deepcopy__(self, memo):
        # As forms.Field.__deepcopy__, but the widget is copied as Widget.__deepcopy__ copies one
        # (its own attrs), keeping the choices it shares with the class's widget.
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.copy(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        memo[id(self.widget)] = result.widget
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


class ConstantChoiceField(ConstantChoices, forms.ChoiceField):
    pass


class ConstantTypedChoiceField(ConstantChoices, forms.TypedChoiceField):
    pass


def constant_choices_formfield(db_field, **kwargs):
    """A model field's form field, with its fixed choices shared (ConstantChoices)."""
    return db_field.formfield(choices_form_class=ConstantTypedChoiceField, **kwargs)


class EntryForm(forms.ModelForm):
    """A day of the diary. The first fields make a good day quick; the attack details follow."""

    headache = ConstantChoiceField(
        label=_("Headache today?"), choices=Entry.Headache.choices, widget=forms.RadioSelect, initial="none"
    )
    pain = ConstantTypedChoiceField(
        label=_("Worst pain (0 = none, 10 = worst imaginable)"),
        choices=[(n, str(n)) for n in range(11)],
        coerce=int,
        initial=0,
    )
    mood = ConstantTypedChoiceField(
        label=_("Mood"), choices=MOOD_CHOICES, coerce=int, required=False, empty_value=None, widget=forms.RadioSelect
    )
    stress = ConstantTypedChoiceField(
        label=_("Stress (0–10)"), choices=ZERO_TO_TEN, coerce=int, required=False, empty_value=None
    )
    anxiety = ConstantTypedChoiceField(
        label=_("Anxiety (0–10)"), choices=ZERO_TO_TEN, coerce=int, required=False, empty_value=None
    )
    sleep_quality = ConstantTypedChoiceField(
        label=_("Sleep quality"),
        choices=[
            ("", "–"),
            (1, _("1 · very poor")),
            (2, _("2 · poor")),
            (3, _("3 · okay")),
            (4, _("4 · good")),
            (5, _("5 · very good")),
        ],
        coerce=int,
        required=False,
        empty_value=None,
    )
    impact = ConstantTypedChoiceField(
        label=_("How much did it affect your day?"),
        choices=[(0, _("Not at all")), (1, _("A little")), (2, _("A lot")), (3, _("I could not do my usual things"))],
        coerce=int,
        initial=0,
    )
    triggers = IdMultipleChoiceField(
        label=_("Possible triggers"), queryset=Trigger.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Entry
        formfield_callback = constant_choices_formfield
        fields = [
            "headache", "pain", "mood", "stress", "sleep_hours", "sleep_quality",
            "anxiety", "menstruation", "caffeine_drinks", "alcohol_drinks", "skipped_meal", "exercise",
            "headache_hours", "all_day", "aura", "nausea", "vomiting", "light_sensitive", "sound_sensitive",
            "smell_sensitive", "throbbing", "worse_with_activity", "side", "region", "impact", "missed_work",
            "productivity_halved",
            "missed_household", "missed_social",
            "notes",
        ]  # fmt: skip
        widgets = {
            "sleep_hours": forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "24", "inputmode": "decimal"}),
            "caffeine_drinks": forms.NumberInput(attrs={"min": "0", "max": "30", "inputmode": "numeric"}),
            "alcohol_drinks": forms.NumberInput(attrs={"min": "0", "max": "30", "inputmode": "numeric"}),
            "headache_hours": forms.NumberInput(attrs={"min": "0", "max": "24", "inputmode": "numeric"}),
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offered = trigger_choices(user=user, entry=self.instance if self.instance.pk else None)
        field = self.fields["triggers"]
        if self.is_bound:  # what a submitted id is checked against (building it costs, so only then)
            field.queryset = Trigger.objects.available_to(user)
        field.choices = [(pk, name) for pk, name, _ticked in offered]
        if self.instance.pk:
            self.initial.setdefault("triggers", [pk for pk, _name, ticked in offered if ticked])

    def clean(self):
        cleaned = super().clean()
        headache, pain = cleaned.get("headache"), cleaned.get("pain")
        if headache == Entry.Headache.NONE and pain:
            self.add_error("pain", _("You chose no headache, so the pain should be 0."))
        if headache in (Entry.Headache.HEADACHE, Entry.Headache.MIGRAINE) and pain == 0:
            self.add_error("pain", _("How bad was the pain at its worst? Choose 1 to 10."))
        return cleaned

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "triggers"}

    def trigger_ids(self) -> list[int]:
        return [trigger.pk for trigger in self.cleaned_data.get("triggers", [])]


class DoseForm(forms.Form):
    """One dose. `medication_choices` is read once per page and shared by every row, so a day
    with many doses costs no more queries than a day with none."""

    medication = IdChoiceField(label=_("Medicine"), queryset=Medication.objects.none(), required=False)
    amount = forms.CharField(label=_("Amount"), max_length=30, required=False)
    taken_at = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    relief_2h = ConstantTypedChoiceField(
        label=_("Relief after 2 hours"),
        choices=[("", "–"), *Dose.Relief.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, user, medication_choices, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["medication"]
        if self.is_bound:  # what a submitted id is checked against
            field.queryset = Medication.objects.for_user(user).active()
        field.choices = medication_choices

    def clean(self):
        cleaned = super().clean()
        filled = any(cleaned.get(name) not in (None, "") for name in ("amount", "taken_at", "relief_2h"))
        if filled and not cleaned.get("medication"):
            self.add_error("medication", _("Which medicine was it?"))
        return cleaned


class BaseDoseFormSet(forms.BaseFormSet):
    def doses(self) -> list[DoseData]:
        return [
            DoseData(
                medication_id=form.cleaned_data["medication"].pk,
                amount=form.cleaned_data.get("amount") or "",
                taken_at=form.cleaned_data.get("taken_at"),
                relief_2h=form.cleaned_data.get("relief_2h"),
            )
            for form in self.forms
            if form.cleaned_data.get("medication")
        ]


EMPTY_DOSE_ROWS = 2


def dose_formset(*, user, medicines: list[dict], data=None, doses=()) -> BaseDoseFormSet:
    """The day's dose rows. `medicines` (journal.selectors.active_medicines) gives the choices,
    read once for the page; `doses` are the day's saved doses, shown when nothing was posted."""
    initial = [
        {"medication": d.medication_id, "amount": d.amount, "taken_at": d.taken_at, "relief_2h": d.relief_2h}
        for d in doses
    ]
    formset_class = forms.formset_factory(
        DoseForm, formset=BaseDoseFormSet, extra=EMPTY_DOSE_ROWS, max_num=12, absolute_max=20, validate_max=True
    )
    choices = [("", "---------"), *((m["pk"], m["name"]) for m in medicines)]
    formset = formset_class(
        data=data, initial=initial, prefix="doses", form_kwargs={"user": user, "medication_choices": choices}
    )
    formset.has_medications = len(choices) > 1
    return formset


class MedicationForm(forms.ModelForm):
    class Meta:
        model = Medication
        fields = ["name", "drug_class", "use", "strength", "started_on", "stopped_on"]
        help_texts = {
            "drug_class": _(
                "If you are not sure, your pharmacist can tell you, or choose Other. A combination analgesic is one "
                "tablet that combines medicines (e.g. paracetamol with codeine or caffeine); two simple painkillers "
                "taken together are not a combination (ICHD-3 8.2.5)."
            )
        }
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "stopped_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        started, stopped = cleaned.get("started_on"), cleaned.get("stopped_on")
        if started and stopped and stopped < started:
            self.add_error("stopped_on", _("The day you stopped cannot be before the day you started."))
        return cleaned


class TriggerForm(forms.ModelForm):
    class Meta:
        model = Trigger
        fields = ["name"]
        labels = {"name": _("A trigger of your own")}


class ReminderForm(forms.ModelForm):
    class Meta:
        model = ReminderSetting
        fields = ["enabled", "time", "ask_relief"]
        widgets = {"time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        help_texts = {"time": _("We only send it if you have logged nothing by then, and never twice a day.")}


class ReportRangeForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    MAX_DAYS = 731

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_day(self, name: str) -> date | None:
        day = self.cleaned_data.get(name)
        if day is not None and not (EARLIEST_DAY <= day <= self.today):
            raise ValidationError(
                _("Choose a day between %(first)s and today (%(today)s)."),
                code="out_of_range",
                params={"first": EARLIEST_DAY.isoformat(), "today": self.today.isoformat()},
            )
        return day

    def clean_start(self):
        return self.clean_day("start")

    def clean_end(self):
        return self.clean_day("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end date must be on or after the start date."))
            elif (end - start).days >= self.MAX_DAYS:
                self.add_error("end", _("A report can cover up to two years."))
        return cleaned


class ReportShareForm(ReportRangeForm):
    days = forms.TypedChoiceField(
        label=_("The link works for"),
        choices=ReportShare.Validity.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )


class AttackStartForm(forms.Form):
    """Attack mode's first tap: started now or so many minutes ago; or, from a phone sending what
    it kept while offline, the exact time it started. `key` is the phone's id for this attack."""

    minutes_ago = forms.TypedChoiceField(
        choices=[(0, _("Now")), (15, _("15 minutes ago")), (30, _("30 minutes ago")), (60, _("1 hour ago"))],
        coerce=int,
        required=False,
        empty_value=None,
    )
    started_at = forms.DateTimeField(required=False)
    key = forms.RegexField(regex=r"^[A-Za-z0-9_-]{8,64}$", required=False)

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now

    def clean(self):
        data = super().clean()
        started_at = data.get("started_at")
        if started_at is None:
            if data.get("minutes_ago") is None:
                raise ValidationError(_("Choose when the attack started."))
            started_at = self.now - timedelta(minutes=data["minutes_ago"])
        if started_at > self.now + timedelta(minutes=5):
            raise ValidationError(_("An attack cannot start in the future."))
        if started_at < self.now - timedelta(days=7):
            raise ValidationError(_("Attack mode is for the last 7 days; use the day form for older attacks."))
        data["started_at"] = min(started_at, self.now)
        return data


class PeakPainForm(forms.Form):
    peak_pain = forms.IntegerField(min_value=0, max_value=10)


class AttackDoseForm(forms.Form):
    medication = IdChoiceField(queryset=Medication.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medication"].queryset = Medication.objects.for_user(user).active()


class ReliefForm(forms.Form):
    relief = forms.TypedChoiceField(choices=Dose.Relief.choices, coerce=int)
