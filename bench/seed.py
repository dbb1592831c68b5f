"""Seed the benchmark data, deterministically: one person with three years of diary and several
questionnaire results, and a crowd of other people with a year each. Reuses what is there when it
already matches (--force starts again). Lives with the benchmark, not in an app:

    python bench/seed.py --crowd 2000      (with the same environment as the server)
"""

import argparse
import os
import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the project on the path, Django set up
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migraine_heroes.settings")
    import django

    django.setup()

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
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


def seed(*, crowd: int = 2000, force: bool = False, out=sys.stdout) -> None:
    call_command("load_default_content", stdout=out)
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
        out.write(f"Benchmark data already there ({BENCH_DAYS} days, crowd of {crowd}); reusing it.\n")
        analyze()
        return
    with transaction.atomic():
        user_model.objects.filter(email__startswith="crowd").delete()
        user_model.objects.filter(email=BENCH_EMAIL).delete()
    seed_person(today)
    entries = seed_crowd(count=crowd, days=CROWD_DAYS, end=today)
    analyze(vacuum=connection.vendor == "postgresql")
    out.write(f"Seeded {BENCH_EMAIL} ({BENCH_DAYS} days) and a crowd of {crowd} ({entries} entries).\n")


def analyze(*, vacuum: bool = False):
    """Refresh the query planner's statistics. After a bulk load they describe empty tables, and
    PostgreSQL then plans the crowd's big tables badly until autovacuum catches up; a production
    database that grows day by day has current statistics. With `vacuum` (PostgreSQL, after a
    seeding that deleted an earlier crowd) the deleted rows are cleared too: until then every
    index scan still visits them, and a crowd of 100 seeded over one of 2,000 measured charts
    cold at 22 ms against 14 ms."""
    vacuum = vacuum and not connection.in_atomic_block  # VACUUM cannot run in a transaction (tests)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crowd", type=int, default=2000, help="how many other people (default 2000)")
    parser.add_argument("--force", action="store_true", help="delete the benchmark data and seed again")
    arguments = parser.parse_args()
    seed(crowd=arguments.crowd, force=arguments.force)
