from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from assessment.content import CRISIS_TEXT, NOT_APPLICABLE, QUESTIONNAIRES
from assessment.models import Band, Choice, CrisisText, Dimension, Pattern, Question, Questionnaire, Section
from journal.content import load_default_triggers


class Command(BaseCommand):
    help = (
        "Load the default questionnaires (Migraine Profile, PHQ-9, GAD-7, MIDAS) and crisis text. "
        "Idempotent: a questionnaire that already has the content's version (its 'version' key) or a later "
        "one is left exactly as staff left it; an older one gets the content as a new published version, "
        "which retires the old one (answers keep pointing at the version they answered)."
    )

    def handle(self, *args, **options):
        created = []
        for spec in QUESTIONNAIRES:
            newest = Questionnaire.objects.filter(slug=spec["slug"]).order_by("-version").first()
            version = spec.get("version", 1)
            if newest is None or newest.version < version:
                load_questionnaire(spec)
                created.append(f"{spec['slug']} v{version}")
        if not CrisisText.objects.exists():
            CrisisText.objects.create(title=CRISIS_TEXT["title"], body=CRISIS_TEXT["body"])
            created.append("crisis text")
        created += load_default_triggers()
        message = f"Loaded {', '.join(created)}." if created else "Default content already loaded; nothing changed."
        self.stdout.write(message)


@transaction.atomic
def load_questionnaire(spec: dict) -> Questionnaire:
    Questionnaire.objects.filter(slug=spec["slug"], status=Questionnaire.Status.PUBLISHED).update(
        status=Questionnaire.Status.RETIRED
    )
    questionnaire = Questionnaire.objects.create(
        slug=spec["slug"],
        version=spec.get("version", 1),
        status=Questionnaire.Status.PUBLISHED,
        published_at=timezone.now(),
        kind=spec["kind"],
        title=spec["title"],
        summary=spec["summary"],
        introduction=spec["introduction"],
        what_you_get=spec["what_you_get"],
        estimated_minutes=spec["estimated_minutes"],
        validated=spec["validated"],
        attribution=spec["attribution"],
        order=spec["order"],
    )
    dimensions = {}
    for order, d in enumerate(spec["dimensions"]):
        dimension = Dimension.objects.create(
            questionnaire=questionnaire,
            key=d["key"],
            name=d["name"],
            description=d["description"],
            band_basis=d["basis"],
            order=order,
        )
        dimensions[d["key"]] = dimension
        Band.objects.bulk_create(
            Band(
                dimension=dimension,
                min_score=b["min"],
                max_score=b["max"],
                label=b["label"],
                severity=b["severity"],
                advice=b["advice"],
            )
            for b in d["bands"]
        )
    for section_order, s in enumerate(spec["sections"]):
        section = Section.objects.create(
            questionnaire=questionnaire, title=s["title"], introduction=s["introduction"], order=section_order
        )
        for question_order, q in enumerate(s["questions"]):
            question = Question.objects.create(
                section=section,
                dimension=dimensions.get(q.get("dimension")),
                code=q.get("code", ""),
                text=q["text"],
                kind=q["kind"],
                required=q.get("required", True),
                min_value=q.get("min"),
                max_value=q.get("max"),
                is_crisis_item=q.get("crisis", False),
                order=question_order,
            )
            Choice.objects.bulk_create(
                Choice(
                    question=question,
                    label=choice[0],
                    points=choice[1],
                    not_applicable=len(choice) > 2 and choice[2] == NOT_APPLICABLE,
                    order=choice_order,
                )
                for choice_order, choice in enumerate(q.get("choices", []))
            )
    Pattern.objects.bulk_create(
        Pattern(
            questionnaire=questionnaire,
            key=p["key"],
            title=p["title"],
            explanation=p["explanation"],
            daily_steps="\n".join(p["steps"]),
            journal_tips="\n".join(p["tips"]),
        )
        for p in spec.get("patterns", [])
    )
    return questionnaire
