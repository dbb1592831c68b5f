"""Writes for the journal, each whole or nothing inside one transaction."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.consent import ConsentRequired
from accounts.selectors import user_has_health_consent
from accounts.time_zones import zone_of
from journal import stats
from journal.models import (
    Attack,
    Dose,
    Entry,
    Medication,
    ReminderSetting,
    ReportShare,
    ReportShareOpening,
    Trigger,
)


class FutureDay(ValueError):
    pass


@dataclass(frozen=True)
class DoseData:
    medication_id: int
    amount: str = ""
    taken_at: time | None = None
    relief_2h: int | None = None


# What a save may write: the model's diary fields (the day is the key, not a value).
ENTRY_FIELDS = [name for name in Entry.diary_fields() if name != "day"]


def entry_save(*, user, day: date, today: date, values: dict, trigger_ids: list[int], doses: list[DoseData]) -> Entry:
    """Create or replace the person's entry for `day`, with its triggers and doses, at once.

    Saving the same day again (a second tab, a double click, two devices at the same moment)
    leaves one entry with the last values: the row is locked while it is rewritten, and a
    concurrent first insert that loses the race retries as an update.
    """
    if day > today:
        raise FutureDay(day)
    if not user_has_health_consent(user=user, fresh=True):
        raise ConsentRequired
    fields = {name: values[name] for name in ENTRY_FIELDS if name in values}
    for attempt in range(3):
        try:
            with transaction.atomic():
                # update_or_create locks the row it finds (SELECT ... FOR UPDATE).
                entry, _created = Entry.objects.update_or_create(user=user, day=day, defaults=fields)
                allowed_triggers = Trigger.objects.available_to(user).filter(pk__in=trigger_ids)
                entry.triggers.set(allowed_triggers)
                own_medications = set(
                    Medication.objects.for_user(user)
                    .filter(pk__in=[d.medication_id for d in doses])
                    .values_list("pk", flat=True)
                )
                entry.doses.all().delete()
                Dose.objects.bulk_create(
                    Dose(
                        entry=entry,
                        medication_id=dose.medication_id,
                        amount=dose.amount,
                        taken_at=dose.taken_at,
                        relief_2h=dose.relief_2h,
                    )
                    for dose in doses
                    if dose.medication_id in own_medications
                )
                return entry
        except IntegrityError:
            # Another request created the same day between our look-up and insert; go again
            # and update it. Any other integrity problem repeats and is raised on the last try.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def retry_on_conflict(write):
    """Run `write()` in its own transaction; when a simultaneous request inserted the same row
    between our look-up and insert (IntegrityError from a unique constraint), run it again: it
    then finds that row. A double click or two tabs end in one row and a normal answer."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                return write()
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def medication_create(
    *, user, name: str, drug_class: str, use: str, strength: str = "", started_on=None, stopped_on=None
) -> Medication:
    """Add a medicine to the person's list, or update the one of that name (back on the list)."""
    if not user_has_health_consent(user=user, fresh=True):
        raise ConsentRequired
    name = name.strip()
    details = {"drug_class": drug_class, "use": use, "strength": strength, "started_on": started_on,
               "stopped_on": stopped_on}  # fmt: skip

    def write():
        existing = Medication.objects.for_user(user).filter(name__iexact=name).first()
        if existing:
            existing.active = True
            for key, value in details.items():
                setattr(existing, key, value)
            existing.save(update_fields=["active", *details])
            return existing
        return Medication.objects.create(user=user, name=name, **details)

    return retry_on_conflict(write)


def medication_archive(*, medication: Medication) -> None:
    """Take a medicine off the list; past doses keep pointing at it."""
    Medication.objects.filter(pk=medication.pk).update(active=False)


def trigger_create(*, user, name: str) -> Trigger:
    if not user_has_health_consent(user=user, fresh=True):
        raise ConsentRequired
    name = name.strip()

    def write():
        existing = Trigger.objects.filter(user=user, name__iexact=name).first()
        if existing:
            if not existing.active:
                existing.active = True
                existing.save(update_fields=["active"])
            return existing
        return Trigger.objects.create(user=user, name=name)

    return retry_on_conflict(write)


def trigger_archive(*, trigger: Trigger) -> None:
    Trigger.objects.filter(pk=trigger.pk, user__isnull=False).update(active=False)


def reminder_update(*, user, enabled: bool, at: time) -> ReminderSetting:
    def write():
        setting, _created = ReminderSetting.objects.update_or_create(
            user=user, defaults={"enabled": enabled, "time": at}
        )
        return setting

    return retry_on_conflict(write)


def reminders_due(settings_rows, now: datetime) -> list:
    """Pure: which reminder settings are due at `now`, each in its person's own time zone: the
    time has come on *their* today and they have not been reminded on it. Returns (setting,
    their today) pairs."""
    due = []
    for setting in settings_rows:
        local = now.astimezone(zone_of(setting.user))
        if local.time() >= setting.time and setting.last_sent_on != local.date():
            due.append((setting, local.date()))
    return due


def reminders_send(*, now: datetime) -> int:
    """Email today's reminder to everyone who asked for one at or before this time of *their*
    day (their own time zone), has logged nothing on their today, and has not been reminded on
    it. Safe to run every few minutes and from several machines: each reminder is claimed with
    one conditional update before it is sent, so nobody is reminded twice on one day."""
    candidates = ReminderSetting.objects.filter(enabled=True, user__is_active=True).select_related("user")
    due = reminders_due(candidates, now)
    if not due:
        return 0
    logged = set(
        Entry.objects.filter(user_id__in=[s.user_id for s, _d in due], day__in={d for _s, d in due}).values_list(
            "user_id", "day"
        )
    )
    sent = 0
    for setting, today in due:
        if (setting.user_id, today) in logged:
            continue
        claimed = ReminderSetting.objects.filter(pk=setting.pk).exclude(last_sent_on=today).update(last_sent_on=today)
        if not claimed:
            continue
        send_mail(
            subject=_("[Migraine Heroes] How was your day?"),
            message=render_to_string(
                "journal/email/reminder.txt",
                {"journal_url": settings.SITE_URL.rstrip("/") + reverse("journal:today")},
            ),
            from_email=None,
            recipient_list=[setting.user.email],
        )
        sent += 1
    return sent


def share_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def report_share_create(*, user, start: date, end: date, days: int, now: datetime) -> tuple[ReportShare, str]:
    """A new read-only link to the report for start..end, valid for `days` days. Returns the
    share and its token (256 random bits), which is never stored: only its hash is."""
    if not user_has_health_consent(user=user, fresh=True):
        raise ConsentRequired
    token = secrets.token_urlsafe(32)
    share = ReportShare.objects.create(
        user=user, token_hash=share_token_hash(token), start=start, end=end, expires_at=now + timedelta(days=days)
    )
    return share, token


def report_share_revoke(*, share: ReportShare, now: datetime) -> None:
    ReportShare.objects.filter(pk=share.pk, revoked_at__isnull=True).update(revoked_at=now)


def report_share_opened(*, share: ReportShare) -> None:
    ReportShareOpening.objects.create(share=share)


# --- Attack mode ---------------------------------------------------------------------------------


def attack_start(*, user, key: str, started_at: datetime, now: datetime) -> tuple[Attack, bool]:
    """Log an attack that started at `started_at` (not after `now`); returns (attack, created).

    The same key again (a double tap, a queue replayed after the phone was offline) returns the
    attack it already logged. Its first day gets a headache entry at once."""
    if not user_has_health_consent(user=user, fresh=True):
        raise ConsentRequired
    if started_at > now:
        raise ValueError("an attack cannot start in the future")

    def write():
        existing = Attack.objects.filter(user=user, key=key).first()
        if existing:
            return existing, False
        attack = Attack.objects.create(user=user, key=key, started_at=started_at)
        mark_attack_days(attack, until=now)
        return attack, True

    return retry_on_conflict(write)


@transaction.atomic
def attack_set_pain(*, attack: Attack, peak_pain: int, now: datetime) -> None:
    attack.peak_pain = peak_pain
    attack.save(update_fields=["peak_pain"])
    mark_attack_days(attack, until=attack.ended_at or now)


@transaction.atomic
def attack_take_medicine(*, attack: Attack, medication: Medication, now: datetime) -> Dose:
    """A dose of one of the person's medicines, taken now, on today's entry (their own zone)."""
    if medication.user_id != attack.user_id:
        raise PermissionError("not this person's medicine")
    local = now.astimezone(zone_of(attack.user))
    mark_attack_days(attack, until=attack.ended_at or now)
    entry = Entry.objects.get(user_id=attack.user_id, day=local.date())
    return Dose.objects.create(entry=entry, medication=medication, taken_at=local.time().replace(microsecond=0))


@transaction.atomic
def attack_end(*, attack: Attack, ended_at: datetime) -> None:
    """ "It's over": the end is never before the start; every day up to it gets its hours."""
    attack.ended_at = max(ended_at, attack.started_at)
    attack.save(update_fields=["ended_at"])
    mark_attack_days(attack, until=attack.ended_at)


def mark_attack_days(attack: Attack, *, until: datetime) -> None:
    """Every day the attack touched up to `until` is a headache day, with the attack's hours on
    it and at least its peak pain; what the person wrote on the day form is kept (a migraine stays a
    migraine, more hours or more pain recorded there stay)."""
    zone = zone_of(attack.user)
    hours = stats.attack_hours_by_day(
        attack.started_at.astimezone(zone), max(until, attack.started_at).astimezone(zone)
    )
    pain = attack.peak_pain or 0
    existing = {e.day: e for e in Entry.objects.select_for_update().filter(user_id=attack.user_id, day__in=list(hours))}
    for day, day_hours in hours.items():
        entry = existing.get(day)
        if entry is None:
            Entry.objects.create(
                user_id=attack.user_id, day=day, headache=Entry.Headache.HEADACHE, pain=pain,
                headache_hours=day_hours, all_day=day_hours >= 24,
            )  # fmt: skip
            continue
        if entry.headache == Entry.Headache.NONE:
            entry.headache = Entry.Headache.HEADACHE
        entry.pain = max(entry.pain, pain)
        entry.headache_hours = max(entry.headache_hours or 0, day_hours)
        entry.all_day = entry.all_day or day_hours >= 24
        entry.save(update_fields=["headache", "pain", "headache_hours", "all_day", "updated_at"])


def dose_set_relief(*, dose: Dose, relief: int) -> None:
    """How much a dose helped after 2 hours (0 none ... 3 pain-free)."""
    dose.relief_2h = relief
    dose.save(update_fields=["relief_2h"])


def good_day_save(*, user, today: date) -> Entry:
    """One tap for a day without headache: an entry with nothing else, unless the day has one."""
    if not user_has_health_consent(user=user, fresh=True):
        raise ConsentRequired
    return retry_on_conflict(
        lambda: Entry.objects.get_or_create(user=user, day=today, defaults={"headache": Entry.Headache.NONE})[0]
    )
