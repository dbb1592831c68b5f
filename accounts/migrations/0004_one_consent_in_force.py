from django.db import migrations, models


def withdraw_duplicates(apps, schema_editor):
    """Before the constraint: where a race left two consents in force for one person and
    version, keep the first given and mark the later ones withdrawn at the moment they were given."""
    Consent = apps.get_model("accounts", "Consent")
    seen = set()
    for consent in Consent.objects.filter(withdrawn_at__isnull=True).order_by("given_at", "pk"):
        key = (consent.user_id, consent.version)
        if key in seen:
            Consent.objects.filter(pk=consent.pk).update(withdrawn_at=consent.given_at)
        seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_settings"),
    ]

    operations = [
        migrations.RunPython(withdraw_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="consent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("user", "version"),
                name="accounts_consent_one_in_force_per_version",
            ),
        ),
    ]
