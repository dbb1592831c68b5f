# A questionnaire "Response" read like an HTTP response in every view: it is an Attempt now.
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0004_response_start_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="answer", name="assessment_answer_one_per_question"),
        migrations.RemoveConstraint(model_name="response", name="assessment_response_scored_when_submitted"),
        migrations.RenameModel(old_name="Response", new_name="Attempt"),
        migrations.RenameField(model_name="answer", old_name="response", new_name="attempt"),
        migrations.RenameIndex(
            model_name="attempt", new_name="assessment_attempt_user_start", old_name="assessment_response_user_start"
        ),
        migrations.AlterField(
            model_name="attempt",
            name="questionnaire",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT, related_name="attempts", to="assessment.questionnaire"
            ),
        ),
        migrations.AlterField(
            model_name="attempt",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="assessment_attempts",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="attempt",
            constraint=models.CheckConstraint(
                condition=Q(status="in_progress", result__isnull=True, submitted_at__isnull=True)
                | Q(status="submitted", result__isnull=False, submitted_at__isnull=False),
                name="assessment_attempt_scored_when_submitted",
            ),
        ),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.UniqueConstraint(fields=("attempt", "question"), name="assessment_answer_one_per_question"),
        ),
    ]
