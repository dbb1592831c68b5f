from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from journal import insights, stats


class DrugClass(models.TextChoices):
    # Acute classes (ICHD-3 8.2 counts their days).
    TRIPTAN = stats.TRIPTAN, _("Triptan")
    ERGOT = stats.ERGOT, _("Ergot")
    OPIOID = stats.OPIOID, _("Opioid")
    COMBINATION = stats.COMBINATION, _("Combination analgesic")
    SIMPLE = stats.SIMPLE, _("Simple analgesic or NSAID")
    GEPANT = stats.GEPANT, _("Gepant")
    DITAN = stats.DITAN, _("Ditan")
    # Preventive classes.
    BETA_BLOCKER = "beta_blocker", _("Beta-blocker")
    ANTICONVULSANT = "anticonvulsant", _("Anticonvulsant")
    ANTIDEPRESSANT = "antidepressant", _("Antidepressant")
    CGRP_ANTIBODY = "cgrp_antibody", _("CGRP antibody")
    BOTULINUM_TOXIN = "botulinum_toxin", _("Botulinum toxin")
    OTHER = stats.OTHER, _("Other")


# A class named as a group, for counts of days ("Triptans: 4 days"); any other class is "Other medicines".
DRUG_CLASS_GROUPS = {
    DrugClass.TRIPTAN: _("Triptans"),
    DrugClass.ERGOT: _("Ergots"),
    DrugClass.OPIOID: _("Opioids"),
    DrugClass.COMBINATION: _("Combination analgesics"),
    DrugClass.SIMPLE: _("Simple analgesics and NSAIDs"),
    DrugClass.GEPANT: _("Gepants"),
    DrugClass.DITAN: _("Ditans"),
}
OTHER_MEDICINES = _("Other medicines")


class MedicationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def active(self):
        return self.filter(active=True)


class Medication(models.Model):
    """A medicine on a person's own list. Archived rather than deleted once doses point at it."""

    class Use(models.TextChoices):
        ACUTE = "acute", _("Acute (for an attack)")
        PREVENTIVE = "preventive", _("Preventive (taken regularly)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medications")
    name = models.CharField(_("name"), max_length=80)
    drug_class = models.CharField(_("kind of medicine"), max_length=20, choices=DrugClass.choices)
    use = models.CharField(_("used"), max_length=10, choices=Use.choices, default=Use.ACUTE)
    strength = models.CharField(
        _("strength"), max_length=40, blank=True, help_text=_("e.g. 50 mg, or 80 mg twice a day")
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    active = models.BooleanField(_("on my list"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MedicationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="journal_medication_name_unique_per_user"),
        ]

    def __str__(self):
        return self.name


class TriggerQuerySet(models.QuerySet):
    def available_to(self, user):
        """The staff's default list plus the person's own, active ones only."""
        return self.filter(Q(user__isnull=True) | Q(user=user), active=True)


class Trigger(models.Model):
    """A possible trigger. With no user it belongs to the default list staff manage."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="triggers"
    )

    class Pathway(models.TextChoices):
        STRESS = insights.PATHWAY_STRESS, _("Stress response")
        INFLAMMATION = insights.INFLAMMATION, _("Inflammation")
        SEROTONIN = insights.SEROTONIN, _("Serotonin")

    name = models.CharField(_("name"), max_length=60)
    active = models.BooleanField(_("offered"), default=True)
    # The profile pathway a default trigger speaks to, for the insights page (staff set it).
    pathway = models.CharField(_("pathway it speaks to"), max_length=20, choices=Pathway.choices, blank=True)

    objects = TriggerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="journal_trigger_name_unique_per_user"),
            models.UniqueConstraint(
                Lower("name"), condition=Q(user__isnull=True), name="journal_trigger_default_name_unique"
            ),
        ]

    def __str__(self):
        return self.name


class EntryQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def between(self, start, end):
        return self.filter(day__gte=start, day__lte=end)


def range_check(field: str, low, high, *, nullable: bool = True) -> models.CheckConstraint:
    condition = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=f"journal_entry_{field}_range")


class Entry(models.Model):
    """One day of a person's diary, headache-free days included: one per person per day."""

    class Headache(models.TextChoices):
        NONE = stats.NONE, _("No headache")
        HEADACHE = stats.HEADACHE, _("Headache")
        MIGRAINE = stats.MIGRAINE, _("Migraine")

    class Side(models.TextChoices):
        LEFT = stats.LEFT, _("Left")
        RIGHT = stats.RIGHT, _("Right")
        BOTH = stats.BOTH, _("Both sides")
        CHANGING = stats.CHANGING, _("Changed sides")

    class Region(models.TextChoices):
        FOREHEAD = "forehead", _("Forehead")
        TEMPLES = "temples", _("Temples")
        EYES = "eyes", _("Behind the eyes")
        TOP = "top", _("Top of the head")
        BACK = "back", _("Back of the head")
        NECK = "neck", _("Neck")
        WHOLE = "whole", _("Whole head")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries")
    day = models.DateField(_("day"))

    headache = models.CharField(_("headache"), max_length=8, choices=Headache.choices, default=Headache.NONE)
    pain = models.PositiveSmallIntegerField(
        _("worst pain (0–10)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    headache_hours = models.PositiveSmallIntegerField(
        _("hours with headache"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(24)]
    )
    all_day = models.BooleanField(_("all day"), default=False)
    aura = models.BooleanField(_("aura"), default=False)
    nausea = models.BooleanField(_("nausea"), default=False)
    vomiting = models.BooleanField(_("vomiting"), default=False)
    light_sensitive = models.BooleanField(_("sensitive to light"), default=False)
    sound_sensitive = models.BooleanField(_("sensitive to sound"), default=False)
    smell_sensitive = models.BooleanField(_("sensitive to smells"), default=False)
    # The other two features of ICHD-3 1.1 C, so a migraine day can be derived from what was recorded.
    throbbing = models.BooleanField(_("throbbing or pulsating pain"), default=False)
    worse_with_activity = models.BooleanField(_("worse with routine activity, like walking or stairs"), default=False)
    side = models.CharField(_("side"), max_length=8, choices=Side.choices, blank=True)
    region = models.CharField(_("where it hurt"), max_length=8, choices=Region.choices, blank=True)
    impact = models.PositiveSmallIntegerField(
        _("effect on your day (0–3)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(3)]
    )
    missed_work = models.BooleanField(_("missed work or school"), default=False)
    productivity_halved = models.BooleanField(_("got half or less done at work or school"), default=False)
    missed_household = models.BooleanField(_("missed household work"), default=False)
    missed_social = models.BooleanField(_("missed family, social or leisure time"), default=False)

    mood = models.PositiveSmallIntegerField(
        _("mood (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    anxiety = models.PositiveSmallIntegerField(
        _("anxiety (0–10)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    stress = models.PositiveSmallIntegerField(
        _("stress (0–10)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    sleep_hours = models.DecimalField(
        _("hours of sleep"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    sleep_quality = models.PositiveSmallIntegerField(
        _("sleep quality (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    menstruation = models.BooleanField(_("period"), default=False)
    caffeine_drinks = models.PositiveSmallIntegerField(
        _("caffeine drinks"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(30)]
    )
    alcohol_drinks = models.PositiveSmallIntegerField(
        _("alcoholic drinks"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(30)]
    )
    skipped_meal = models.BooleanField(_("skipped a meal"), default=False)
    exercise = models.BooleanField(_("exercised"), default=False)
    triggers = models.ManyToManyField(Trigger, blank=True, related_name="entries", verbose_name=_("triggers"))
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="journal_entry_one_per_day"),
            range_check("pain", 0, 10, nullable=False),
            range_check("headache_hours", 0, 24),
            range_check("impact", 0, 3, nullable=False),
            range_check("mood", 1, 5),
            range_check("anxiety", 0, 10),
            range_check("stress", 0, 10),
            range_check("sleep_hours", 0, 24),
            range_check("sleep_quality", 1, 5),
            range_check("caffeine_drinks", 0, 30),
            range_check("alcohol_drinks", 0, 30),
            models.CheckConstraint(
                condition=~Q(headache="none") | Q(pain=0), name="journal_entry_no_pain_without_headache"
            ),
            models.CheckConstraint(
                condition=Q(headache__in=["none", "headache", "migraine"]), name="journal_entry_headache_valid"
            ),
        ]

    def __str__(self):
        return f"entry {self.day}"

    @classmethod
    def diary_fields(cls) -> list[str]:
        """What a person records about a day, in the model's order: the one list the CSV and the
        privacy download are built from (a field added here is exported without more code)."""
        return [f.name for f in cls._meta.concrete_fields if f.name not in ("id", "user", "created_at", "updated_at")]

    @property
    def has_headache(self):
        return self.headache != self.Headache.NONE


class Dose(models.Model):
    class Relief(models.IntegerChoices):
        NONE = 0, _("No relief")
        SOME = 1, _("Some relief")
        GOOD = 2, _("Good relief")
        PAIN_FREE = 3, _("Pain-free")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="doses")
    # RESTRICT, not PROTECT: a medicine with doses cannot be deleted on its own (it is archived
    # instead), but deleting the person deletes both, as the doses go with their entries.
    medication = models.ForeignKey(Medication, on_delete=models.RESTRICT, related_name="doses")
    amount = models.CharField(_("amount"), max_length=30, blank=True, help_text=_("e.g. 50 mg or 2 tablets"))
    taken_at = models.TimeField(_("time"), null=True, blank=True)
    relief_2h = models.PositiveSmallIntegerField(
        _("relief after 2 hours"), choices=Relief.choices, null=True, blank=True
    )

    class Meta:
        ordering = ["taken_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relief_2h__gte=0, relief_2h__lte=3) | Q(relief_2h__isnull=True),
                name="journal_dose_relief_range",
            ),
        ]

    def __str__(self):
        return f"dose of {self.medication_id}"


class ReminderSetting(models.Model):
    """Whether, and when, to email a person who has logged nothing that day; and whether to ask by
    email how much a dose helped, 2 hours after it (journal.services.reminders_send). Both off
    by default."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder")
    enabled = models.BooleanField(_("send me a daily reminder"), default=False)
    time = models.TimeField(_("at"), default="20:00")
    last_sent_on = models.DateField(null=True, blank=True, editable=False)
    ask_relief = models.BooleanField(
        _("email me 2 hours after a dose to ask how much it helped"),
        default=False,
        help_text=_(
            "Only if you have not said yet on Today, once per dose, and not at night (10 pm to 7 am) unless your "
            "daily reminder goes then. The email does not name the medicine."
        ),
    )
    # When the latest dose already asked about was taken. The mark is kept here, not on the dose,
    # because saving the day form writes its doses afresh (journal.services.entry_save): a mark on
    # a dose would be lost and the dose asked about again. Only doses taken after it are asked
    # about, and moving it on is the one conditional update that claims them (one email each). A
    # dose written in later with an earlier time than the mark is asked about on Today only.
    relief_asked_through = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self):
        return f"reminder for user {self.user_id}"


class ReportShareQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class ReportShare(models.Model):
    """A read-only link to the person's report for a clinician. Only a hash of its token is
    stored: the link itself is shown once, to the person who made it."""

    class Validity(models.IntegerChoices):
        WEEK = 7, _("7 days")
        MONTH = 30, _("30 days")
        QUARTER = 90, _("90 days")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_shares")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ReportShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="journal_reportshare_period_order"),
        ]

    def __str__(self):
        return f"report share {self.pk}"


class ReportShareOpening(models.Model):
    """When a shared report was opened: the time only (no address, no browser)."""

    share = models.ForeignKey(ReportShare, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self):
        return f"opening of {self.share_id}"


class AttackQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class Attack(models.Model):
    """An attack logged in a few taps (attack mode): when it started, its peak pain, and later
    when it ended. It may cross midnight and last days; every day it touches gets a diary entry
    counted as a headache day, with the attack's hours on that day (journal.services)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attacks")
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    peak_pain = models.PositiveSmallIntegerField(
        _("peak pain"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    # A key the phone makes for each attack it logs, so an attack sent again (a double tap, or a
    # queue replayed after being offline) is found, never doubled.
    key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AttackQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="journal_attack_key_unique_per_user"),
            models.CheckConstraint(
                condition=Q(peak_pain__isnull=True) | Q(peak_pain__gte=0, peak_pain__lte=10),
                name="journal_attack_peak_pain_range",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="journal_attack_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["user", "-started_at"], name="journal_attack_user_start")]

    def __str__(self):
        return f"attack {self.pk}"
