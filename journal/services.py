"""Writes for the journal, each whole or nothing inside one transaction."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.consent import ConsentRequired
from accounts.selectors import user_has_health_consent, users_with_health_consent
from accounts.time_zones import zone_of
from journal import stats
from journal.days import dose_moment
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


def reminder_update(*, user, enabled: bool, at: time, ask_relief: bool = False) -> ReminderSetting:
    def write():
        setting, _created = ReminderSetting.objects.update_or_create(
            user=user, defaults={"enabled": enabled, "time": at, "ask_relief": ask_relief}
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


# The relief question is not sent on its own at night, in the person's own time: someone who
# took a medicine at 23:00 is not woken at 01:00. It waits for the morning (every dose's window of
# 2 to 24 hours has a daytime in it), or goes with the daily reminder at the time they chose.
QUIET_FROM, QUIET_UNTIL = time(22, 0), time(7, 0)


def is_quiet(local: datetime) -> bool:
    return local.time() >= QUIET_FROM or local.time() < QUIET_UNTIL


def relief_questions_due(settings_rows, doses, now: datetime) -> dict[int, list[tuple[Dose, datetime]]]:
    """Pure: for each person (by id) of `settings_rows`, the `doses` of theirs (relief not told,
    with a time) taken 2 to 24 hours before `now` in their own time zone and after the latest dose
    they were already asked about, each with the moment it was taken, earliest first."""
    by_person = {setting.user_id: setting for setting in settings_rows}
    due: dict[int, list[tuple[Dose, datetime]]] = {}
    for dose in doses:
        setting = by_person.get(dose.entry.user_id)
        if setting is None:
            continue
        taken = dose_moment(dose.entry.day, dose.taken_at, zone_of(setting.user))
        asked = setting.relief_asked_through
        if stats.relief_question(taken, now)[0] and (asked is None or taken > asked):
            due.setdefault(setting.user_id, []).append((dose, taken))
    for questions in due.values():
        questions.sort(key=lambda pair: pair[1])
    return due


def when_taken(taken: datetime, local_today: date) -> str:
    """ "today at 14:05", "yesterday at 22:30": which dose, without saying which medicine."""
    at = taken.strftime("%H:%M")
    if taken.date() == local_today:
        return _("today at %(time)s") % {"time": at}
    if taken.date() == local_today - timedelta(days=1):
        return _("yesterday at %(time)s") % {"time": at}
    return _("on %(day)s at %(time)s") % {"day": date_format(taken.date(), "l j F"), "time": at}


def reminders_send(*, now: datetime) -> int:
    """Email, at most once per person in one run, what each person asked for, in their own time
    zone; returns how many emails were sent:

    - the daily reminder, to people whose time has come on *their* today, who have logged nothing
      on it (an attack logged counts: it writes the day's entry) and were not reminded on it;
    - the relief question, to people who want it (and have consent in force), for doses taken 2 to
      24 hours ago whose relief is not told, each dose once, held at night unless the daily
      reminder goes too.

    Both due in one run make one email. Safe to run every few minutes and from several machines:
    each is claimed with one conditional update before it is sent, so nobody is reminded twice on
    one day and no dose is asked about twice."""
    candidates = list(
        ReminderSetting.objects.filter(Q(enabled=True) | Q(ask_relief=True), user__is_active=True).select_related(
            "user"
        )
    )
    daily = dict(reminders_due([s for s in candidates if s.enabled], now))
    if daily:
        logged = set(
            Entry.objects.filter(user_id__in=[s.user_id for s in daily], day__in=set(daily.values())).values_list(
                "user_id", "day"
            )
        )
        daily = {s: today for s, today in daily.items() if (s.user_id, today) not in logged}
    asking = [s for s in candidates if s.ask_relief]
    relief = {}
    if asking:
        consenting = users_with_health_consent(s.user_id for s in asking)
        asking = [s for s in asking if s.user_id in consenting]
        # Every zone's today is within a day of UTC's: the doses of the last 2 days are enough.
        utc_today = now.astimezone(UTC).date()
        doses = Dose.objects.filter(
            entry__user_id__in=[s.user_id for s in asking], relief_2h__isnull=True, taken_at__isnull=False,
            entry__day__range=(utc_today - timedelta(days=2), utc_today + timedelta(days=1)),
        ).select_related("entry").only("id", "taken_at", "entry__day", "entry__user_id")  # fmt: skip
        relief = relief_questions_due(asking, doses, now)
    sent = 0
    for setting in candidates:
        remind_on, questions = daily.get(setting), relief.get(setting.user_id, [])
        if remind_on is not None:
            claimed = ReminderSetting.objects.filter(pk=setting.pk).exclude(last_sent_on=remind_on)
            if not claimed.update(last_sent_on=remind_on):
                remind_on = None
        local = now.astimezone(zone_of(setting.user))
        if questions and remind_on is None and is_quiet(local):
            questions = []
        if questions:
            # Compare and set: only the run that read the mark as it still is may move it on.
            # (filter(field=None) is "IS NULL", so a first mark is claimed the same way.)
            claimed = ReminderSetting.objects.filter(pk=setting.pk, relief_asked_through=setting.relief_asked_through)
            if not claimed.update(relief_asked_through=questions[-1][1]):
                questions = []
        if remind_on is None and not questions:
            continue
        # The subject, like the whole email, names no medicine and nothing the person wrote.
        if remind_on is not None:
            subject = _("[Migraine Heroes] How was your day?")
        else:
            subject = _("[Migraine Heroes] How much did it help?")
        send_mail(
            subject=subject,
            message=render_to_string(
                "journal/email/reminder.txt",
                {
                    "journal_url": settings.SITE_URL.rstrip("/") + reverse("journal:today"),
                    "remind_day": remind_on is not None,
                    "doses_taken": [when_taken(taken, local.date()) for _dose, taken in questions],
                },
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
