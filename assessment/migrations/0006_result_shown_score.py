# Each stored result says what to show for every dimension ("shown" and "unit"), decided once
# from the dimension's band basis, so pages no longer decide "percent for profiles, raw for
# screeners" for themselves. Results stored before this get the same keys here.
from django.db import migrations


def add_shown(apps, schema_editor):
    Attempt = apps.get_model("assessment", "Attempt")
    Dimension = apps.get_model("assessment", "Dimension")
    basis = {(d.questionnaire_id, d.key): d.band_basis for d in Dimension.objects.all()}
    for attempt in Attempt.objects.filter(result__isnull=False).iterator():
        changed = False
        for d in attempt.result.get("dimensions", []):
            if "shown" in d:
                continue
            percent = basis.get((attempt.questionnaire_id, d["key"])) == "percent"
            d["shown"], d["unit"] = (d["percent"], "%") if percent else (d["raw"], "")
            changed = True
        if changed:
            attempt.save(update_fields=["result"])


class Migration(migrations.Migration):
    dependencies = [("assessment", "0005_rename_response_to_attempt")]

    operations = [migrations.RunPython(add_shown, migrations.RunPython.noop)]
