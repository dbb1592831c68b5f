from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from accounts.services import consent_give
from assessment.models import Attempt, Questionnaire
from assessment.selectors import questionnaire_spec
from assessment.services import attempt_save_answers, attempt_start, attempt_submit
from journal.demo import seed_crowd, seed_diary
from journal.models import Entry

BENCH_EMAIL = "bench@example.com"
BENCH_PASSWORD = "a calm and steady rhythm 42"  # noqa: S105 (a made-up benchmark account)
BENCH_DAYS = 3 * 365
CROWD_DAYS = 365


class Command(BaseCommand):
    help = (
        "Seed the benchmark data, deterministically: one person with three years of diary and several "
        "questionnaire results, and a crowd of other people with a year each. Reuses what is there when it "
        "already matches (use --force to start again)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--crowd", type=int, default=2000, help="how many other people (default 2000)")
        parser.add_argument("--force", action="store_true", help="delete the benchmark data and seed again")

    def handle(self, *args, crowd, force, **options):
        call_command("load_default_content", stdout=self.stdout)
        user_model = get_user_model()
        today = timezone.localdate()
        person = user_model.objects.filter(email=BENCH_EMAIL).first()
        crowd_now = user_model.objects.filter(email__startswith="crowd").count()
        if (
            not force
            and person is not None
            and crowd_now == crowd
            and Entry.objects.filter(user=person).count() == BENCH_DAYS
        ):
            self.stdout.write(f"Benchmark data already there ({BENCH_DAYS} days, crowd of {crowd}); reusing it.")
            analyze()
            return
        with transaction.atomic():
            user_model.objects.filter(email__startswith="crowd").delete()
            user_model.objects.filter(email=BENCH_EMAIL).delete()
        person = seed_person(today)
        entries = seed_crowd(count=crowd, days=CROWD_DAYS, end=today)
        analyze()
        self.stdout.write(f"Seeded {BENCH_EMAIL} ({BENCH_DAYS} days) and a crowd of {crowd} ({entries} entries).")
        del person


def analyze():
    """Refresh the query planner's statistics. After a bulk load they describe empty tables, and
    PostgreSQL then plans the crowd's big tables badly until autovacuum catches up; a production
    database that grows day by day has current statistics."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@transaction.atomic
def seed_person(today):
    user = get_user_model().objects.create(email=BENCH_EMAIL, password=make_password(BENCH_PASSWORD))
    EmailAddress.objects.create(user=user, email=BENCH_EMAIL, verified=True, primary=True)
    consent_give(user=user)
    seed_diary(user, days=BENCH_DAYS, end=today, seed=3)
    # Several results over time, and one questionnaire left half-way (for the step page).
    for slug, level in [("migraine-profile", 2), ("phq-9", 1), ("phq-9", 2), ("gad-7", 1), ("midas", 3),
                        ("migraine-profile", 3), ("phq-9", 0)]:  # fmt: skip
        answer_all(user, Questionnaire.objects.get(slug=slug, status="published"), level, submit=True)
    answer_all(user, Questionnaire.objects.get(slug="migraine-profile", status="published"), 1, submit=False)
    return user


def answer_all(user, questionnaire, level: int, *, submit: bool) -> Attempt:
    attempt, _created = attempt_start(questionnaire=questionnaire, user=user, consent_version="bench")
    spec = {q.id: q for q in questionnaire_spec(questionnaire).questions}
    sections = list(questionnaire.sections.prefetch_related("questions__choices"))
    for step, section in enumerate(sections if submit else sections[:1]):
        questions = list(section.questions.all())
        values = {}
        for question in questions:
            choices = spec[question.id].choices
            if question.kind == "single":
                values[question.id] = choices[min(level, len(choices) - 1)].id
            elif question.kind == "multiple":
                values[question.id] = (choices[0].id,)
            else:
                values[question.id] = min(level * 2, question.max_value or 10)
        attempt_save_answers(attempt=attempt, questions=questions, values=values, next_step=step + 1)
    if submit:
        attempt_submit(attempt=attempt)
    return attempt
