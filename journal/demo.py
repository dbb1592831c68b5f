"""A realistic diary, made up deterministically (a fixed random seed), for demos and the benchmark.

The model of a person: a baseline attack chance that rises with high stress, the let-down
day after stress falls, short sleep, alcohol, skipped meals and the first days of a period;
migraines are treated with a triptan, headaches with ibuprofen, with relief that varies."""

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction

from journal.models import Dose, Entry, Medication, Trigger

NOTES = [
    "Busy day at work.",
    "Walked in the park, felt calmer.",
    "Woke with a stiff neck.",
    "Late night, early start.",
    "Visited family.",
    "Rainy and grey all day.",
    "",
]


@transaction.atomic
def seed_diary(user, *, days: int, end: date, seed: int = 7) -> int:
    """Replace the person's diary with `days` days ending at `end`; returns the number of entries."""
    rng = random.Random(seed)  # noqa: S311 (made-up demo data, not security)
    Entry.objects.filter(user=user).delete()
    triptan, _ = Medication.objects.get_or_create(
        user=user, name="Sumatriptan", defaults={"drug_class": "triptan", "use": "acute"}
    )
    ibuprofen, _ = Medication.objects.get_or_create(
        user=user, name="Ibuprofen", defaults={"drug_class": "simple", "use": "acute"}
    )
    Medication.objects.get_or_create(
        user=user, name="Propranolol", defaults={"drug_class": "other", "use": "preventive"}
    )
    triggers = {t.name: t for t in Trigger.objects.filter(user__isnull=True)}
    own, _ = Trigger.objects.get_or_create(user=user, name="Chocolate")
    triggers[own.name] = own

    entries, trigger_links, doses = [], [], []
    previous_stress = 4
    cycle_start = rng.randrange(28)
    for offset in range(days):
        day = end - timedelta(days=days - 1 - offset)
        weekend = day.weekday() >= 5
        stress = max(0, min(10, round(rng.gauss(3 if weekend else 6, 2))))
        sleep = round(max(3.0, min(10.0, rng.gauss(7.2 if weekend else 6.6, 1.0))) * 2) / 2
        period = (offset + cycle_start) % 28 < 5
        alcohol = rng.random() < (0.35 if weekend else 0.1)
        skipped = rng.random() < 0.12
        chance = 0.08
        chance += 0.12 if stress >= 7 else 0
        chance += 0.15 if previous_stress - stress >= 3 else 0
        chance += 0.10 if sleep < 6 else 0
        chance += 0.10 if alcohol else 0
        chance += 0.08 if skipped else 0
        chance += 0.15 if (offset + cycle_start) % 28 < 3 else 0
        attack = rng.random() < chance
        migraine = attack and rng.random() < 0.6
        headache = "migraine" if migraine else "headache" if attack else "none"
        pain = rng.randint(6, 9) if migraine else rng.randint(2, 5) if attack else 0
        entry = Entry(
            user=user,
            day=day,
            headache=headache,
            pain=pain,
            headache_hours=rng.randint(4, 24) if migraine else rng.randint(1, 6) if attack else None,
            aura=migraine and rng.random() < 0.25,
            nausea=migraine and rng.random() < 0.7,
            light_sensitive=migraine and rng.random() < 0.8,
            sound_sensitive=migraine and rng.random() < 0.6,
            impact=rng.randint(2, 3) if migraine else rng.randint(0, 1) if attack else 0,
            missed_work=migraine and not weekend and rng.random() < 0.3,
            productivity_halved=attack and not weekend and rng.random() < 0.4,
            mood=max(1, min(5, round(rng.gauss(2.5 if attack else 3.6, 0.8)))),
            anxiety=max(0, min(10, round(rng.gauss(stress - 1, 2)))),
            stress=stress,
            sleep_hours=Decimal(str(sleep)),
            sleep_quality=max(1, min(5, round(rng.gauss(3.5 if sleep >= 6.5 else 2.5, 0.8)))),
            menstruation=period,
            caffeine_drinks=rng.randint(0, 4),
            alcohol_drinks=rng.randint(1, 3) if alcohol else 0,
            skipped_meal=skipped,
            exercise=rng.random() < 0.35,
            notes=rng.choice(NOTES),
        )
        entries.append(entry)
        day_triggers = []
        if stress >= 7:
            day_triggers.append("Stress")
        if previous_stress - stress >= 3:
            day_triggers.append("Let-down after stress")
        if alcohol:
            day_triggers.append("Alcohol")
        if rng.random() < 0.1:
            day_triggers.append(
                rng.choice(["Weather change", "Screen time", "Bright or flickering light", "Chocolate"])
            )
        trigger_links.append([triggers[name] for name in day_triggers if name in triggers])
        if attack:
            medicine = triptan if migraine else ibuprofen
            doses.append(
                (
                    len(entries) - 1,
                    medicine,
                    "50 mg" if migraine else "400 mg",
                    time(rng.randint(6, 21), rng.choice([0, 15, 30, 45])),
                    rng.randint(1, 3) if migraine else rng.randint(0, 3),
                )
            )
        previous_stress = stress

    created = Entry.objects.bulk_create(entries, batch_size=500)
    Through = Entry.triggers.through
    Through.objects.bulk_create(
        [
            Through(entry_id=entry.pk, trigger_id=t.pk)
            for entry, links in zip(created, trigger_links, strict=False)
            for t in links
        ],
        batch_size=1000,
    )
    Dose.objects.bulk_create(
        [
            Dose(entry_id=created[index].pk, medication=medicine, amount=amount, taken_at=at, relief_2h=relief)
            for index, medicine, amount, at, relief in doses
        ],
        batch_size=1000,
    )
    return len(created)


def seed_crowd(*, count: int, days: int, end: date, seed: int = 11) -> int:
    """`count` other people with `days` days of diary each, inserted in bulk: they make the
    tables as big as a real service's, so the benchmark sees the cost of other people's rows.
    Returns the number of entries created."""
    from django.contrib.auth import get_user_model

    rng = random.Random(seed)  # noqa: S311 (made-up data)
    user_model = get_user_model()
    default_triggers = list(Trigger.objects.filter(user__isnull=True).values_list("pk", flat=True))
    first = user_model.objects.filter(email__startswith="crowd").count()
    users = user_model.objects.bulk_create(
        # "!" is Django's unusable password: nobody can log in as a crowd member.
        [user_model(email=f"crowd{n}@example.com", password="!") for n in range(first, first + count)],  # noqa: S106
        batch_size=1000,
    )
    medications = Medication.objects.bulk_create(
        [Medication(user=u, name=name, drug_class=kind, use="acute") for u in users
         for name, kind in (("Sumatriptan", "triptan"), ("Ibuprofen", "simple"))],
        batch_size=2000,
    )  # fmt: skip
    medication_of = {(m.user_id, m.drug_class): m.pk for m in medications}
    total = 0
    Through = Entry.triggers.through
    for start in range(0, len(users), 50):  # 50 people at a time keeps memory flat
        entries = []
        for user in users[start : start + 50]:
            for offset in range(days):
                roll = rng.random()
                headache = "migraine" if roll < 0.08 else "headache" if roll < 0.2 else "none"
                entries.append(
                    Entry(
                        user=user,
                        day=end - timedelta(days=offset),
                        headache=headache,
                        pain=rng.randint(5, 9)
                        if headache == "migraine"
                        else rng.randint(1, 5)
                        if headache != "none"
                        else 0,
                        mood=rng.randint(1, 5),
                        stress=rng.randint(0, 10),
                        sleep_hours=Decimal(rng.choice(["5.5", "6.0", "6.5", "7.0", "7.5", "8.0", "8.5"])),
                        alcohol_drinks=rng.choice([0, 0, 0, 1, 2]),
                    )
                )
        created = Entry.objects.bulk_create(entries, batch_size=2000)
        total += len(created)
        doses, links = [], []
        for entry in created:
            if entry.headache != "none":
                kind = "triptan" if entry.headache == "migraine" else "simple"
                doses.append(Dose(entry_id=entry.pk, medication_id=medication_of[(entry.user_id, kind)], relief_2h=2))
            if default_triggers and rng.random() < 0.25:
                links.append(Through(entry_id=entry.pk, trigger_id=rng.choice(default_triggers)))
        Dose.objects.bulk_create(doses, batch_size=2000)
        Through.objects.bulk_create(links, batch_size=2000)
    return total
