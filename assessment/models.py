import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessment import scoring


class QuestionnaireQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Questionnaire.Status.PUBLISHED)


class Questionnaire(models.Model):
    """One version of a questionnaire. Versions that people have answered are never edited:
    staff duplicate them as a new draft and publish that, which retires the old one."""

    class Kind(models.TextChoices):
        PROFILE = scoring.PROFILE, _("Profile")
        SCREENER = scoring.SCREENER, _("Screener")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    slug = models.SlugField(_("slug"), max_length=60, help_text=_("Shared by every version, used in the address."))
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=240, help_text=_("One line for the list of questionnaires."))
    introduction = models.TextField(_("introduction"))
    what_you_get = models.TextField(_("what you get"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=5)
    validated = models.BooleanField(
        _("validated instrument"),
        default=False,
        help_text=_("Tick only for published, validated screeners. Others are labelled educational."),
    )
    attribution = models.TextField(_("attribution"), blank=True)
    order = models.PositiveSmallIntegerField(_("order in the list"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="assessment_questionnaire_slug_version_unique"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(status="published"), name="assessment_questionnaire_one_published_per_slug"
            ),
        ]

    def __str__(self):
        return f"{self.title} v{self.version} ({self.get_status_display()})"

    @property
    def is_profile(self):
        return self.kind == self.Kind.PROFILE

    def has_attempts(self) -> bool:
        return self.attempts.exists()


class Dimension(models.Model):
    """What a questionnaire measures: a pathway (stress, inflammation, serotonin) or a screener's total."""

    class Basis(models.TextChoices):
        RAW = scoring.RAW, _("Raw score")
        PERCENT = scoring.PERCENT, _("Percentage of the maximum")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="dimensions")
    key = models.SlugField(_("key"), max_length=40, help_text=_("e.g. stress, inflammation, serotonin, depression"))
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("what it means, in plain words"), blank=True)
    band_basis = models.CharField(_("bands are ranges of"), max_length=10, choices=Basis.choices, default=Basis.RAW)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="assessment_dimension_key_unique"),
        ]

    def __str__(self):
        return self.name


class Band(models.Model):
    class Severity(models.IntegerChoices):
        NONE = 0, _("None or minimal")
        MILD = 1, _("Mild")
        MODERATE = 2, _("Moderate")
        MODERATELY_SEVERE = 3, _("Moderately severe")
        SEVERE = 4, _("Severe")

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="bands")
    min_score = models.PositiveIntegerField(_("from"))
    max_score = models.PositiveIntegerField(_("to (inclusive)"))
    label = models.CharField(_("label"), max_length=80)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices, default=Severity.NONE)
    advice = models.TextField(_("what it means and what helps"), blank=True)

    class Meta:
        ordering = ["min_score"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gte=models.F("min_score")), name="assessment_band_range_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.min_score}–{self.max_score})"


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=120)
    introduction = models.TextField(_("introduction"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = scoring.SINGLE, _("Single choice")
        MULTIPLE = scoring.MULTIPLE, _("Multiple choice")
        SCALE = scoring.SCALE, _("Scale 0–10")
        NUMBER = scoring.NUMBER, _("Whole number")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        help_text=_("Leave empty for context questions that are asked but not scored."),
    )
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_("e.g. 9 or A; shown beside the question"))
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    required = models.BooleanField(_("required"), default=True)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)
    is_crisis_item = models.BooleanField(
        _("crisis item"),
        default=False,
        help_text=_("Any answer above 0 shows the crisis resources at the top of the result (PHQ-9 item 9)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="number") | (Q(min_value__isnull=False) & Q(max_value__gte=models.F("min_value"))),
                name="assessment_question_number_has_range",
            ),
        ]

    def __str__(self):
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("label"), max_length=200)
    points = models.IntegerField(_("points"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    not_applicable = models.BooleanField(
        _("does not apply"),
        default=False,
        help_text=_("Choosing it leaves the question out of both the score and the maximum (e.g. no periods)."),
    )

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.label} ({self.points})"


class Pattern(models.Model):
    """For profiles: what a pattern means and the daily steps for it, written by staff."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="patterns")
    key = models.SlugField(
        _("key"), max_length=40, help_text=_("A dimension key (that pathway leads), or 'mixed', or 'low'.")
    )
    title = models.CharField(_("title"), max_length=120)
    explanation = models.TextField(_("explanation"))
    daily_steps = models.TextField(_("daily steps"), help_text=_("One step per line."))
    journal_tips = models.TextField(_("what to track in the journal"), blank=True, help_text=_("One per line."))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="assessment_pattern_key_unique"),
        ]

    def __str__(self):
        return self.title

    @property
    def daily_step_list(self):
        return [line.strip() for line in self.daily_steps.splitlines() if line.strip()]

    @property
    def journal_tip_list(self):
        return [line.strip() for line in self.journal_tips.splitlines() if line.strip()]


class CrisisText(models.Model):
    """The crisis resources shown at once when an answer signals thoughts of self-harm.
    The newest active text is shown."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), help_text=_("Plain text; one resource per line."))
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("crisis text")

    def __str__(self):
        return self.title

    @property
    def lines(self):
        return [line.strip() for line in self.body.splitlines() if line.strip()]


class AttemptQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def submitted(self):
        return self.filter(status=Attempt.Status.SUBMITTED)

    def in_progress(self):
        return self.filter(status=Attempt.Status.IN_PROGRESS)


class Attempt(models.Model):
    """One person's answers to one questionnaire version, and once submitted, its score.

    Anonymous attempts have no user; the browser session that started them holds their ids
    (see assessment.sessions), and they are claimed when that person signs up or logs in.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="assessment_attempts"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    current_step = models.PositiveSmallIntegerField(default=0)
    consent_version = models.CharField(max_length=20)
    result = models.JSONField(null=True, blank=True)
    # Set as soon as any answer signals thoughts of self-harm (PHQ-9 item 9 above 0), even on a
    # page sent back with errors, and never cleared: changing the answer back to 0 does not
    # erase that it was given, so the result and the doctor's report still show it.
    crisis = models.BooleanField(default=False)
    # The one-time key of the Start form that created this attempt: a double click, or the same
    # form posted twice, finds this attempt instead of starting another.
    start_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "-started_at"], name="assessment_attempt_user_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="in_progress", result__isnull=True, submitted_at__isnull=True)
                | Q(status="submitted", result__isnull=False, submitted_at__isnull=False),
                name="assessment_attempt_scored_when_submitted",
            ),
        ]

    def __str__(self):
        return f"attempt {self.id}"

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    """An answer: a choice id, a list of choice ids (multiple choice) or a whole number."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField()
    # Set when the answer is saved: above 0 on a crisis item (PHQ-9 item 9). Kept on the row so
    # every step can show the crisis resources at once without looking the choices up again.
    crisis = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="assessment_answer_one_per_question"),
        ]

    def __str__(self):
        return f"answer to question {self.question_id}"
