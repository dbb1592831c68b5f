"""Everything stored about a person, for the download on the privacy page (GDPR Art. 15 and 20).

`personal_data` gathers every row that belongs to the person into plain JSON-ready data; the
CSV download is the same data, one table per file, in a zip. A query per table, never per row.
"""

import csv
import io
import json
import zipfile
from datetime import date, datetime, time
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import Consent
from assessment.models import Answer, Attempt
from journal.csv_export import safe_cell
from journal.models import Dose, Entry, Medication, ReminderSetting, ReportShare, Trigger

ENTRY_FIELDS = [
    "day", "headache", "pain", "headache_hours", "all_day", "aura", "nausea", "vomiting", "light_sensitive",
    "sound_sensitive", "smell_sensitive", "throbbing", "worse_with_activity", "side", "region", "impact",
    "missed_work", "productivity_halved",
    "missed_household", "missed_social", "mood", "anxiety", "stress", "sleep_hours", "sleep_quality",
    "menstruation", "caffeine_drinks", "alcohol_drinks", "skipped_meal", "exercise", "notes",
    "created_at", "updated_at",
]  # fmt: skip


def plain(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def personal_data(user) -> dict:
    attempts = (
        Attempt.objects.for_user(user)
        .select_related("questionnaire")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("question").prefetch_related("question__choices"),
            )
        )
        .order_by("started_at")
    )
    entries = (
        Entry.objects.for_user(user)
        .order_by("day")
        .prefetch_related(Prefetch("doses", queryset=Dose.objects.select_related("medication")), "triggers")
    )
    reminder = ReminderSetting.objects.filter(user=user).first()
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "full_name": user.full_name,
            "date_of_birth": plain(user.date_of_birth),
            "time_zone": user.time_zone,
            "country": user.country,
            "theme": user.theme,
            "date_joined": plain(user.date_joined),
            "last_login": plain(user.last_login),
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("id")
        ],
        "consents": [
            {"id": c.pk, "version": c.version, "given_at": plain(c.given_at), "withdrawn_at": plain(c.withdrawn_at)}
            for c in Consent.objects.filter(user=user).order_by("given_at")
        ],
        "assessment_attempts": [attempt_data(r) for r in attempts],
        "journal_entries": [entry_data(e) for e in entries],
        "medications": [
            {
                "id": m.pk,
                "name": m.name,
                "drug_class": m.drug_class,
                "use": m.use,
                "strength": m.strength,
                "started_on": plain(m.started_on),
                "stopped_on": plain(m.stopped_on),
                "active": m.active,
                "created_at": plain(m.created_at),
            }
            for m in Medication.objects.for_user(user).order_by("id")
        ],
        "triggers": [
            {"id": t.pk, "name": t.name, "active": t.active} for t in Trigger.objects.filter(user=user).order_by("id")
        ],
        "report_shares": [
            {
                "start": plain(share.start),
                "end": plain(share.end),
                "created_at": plain(share.created_at),
                "expires_at": plain(share.expires_at),
                "revoked_at": plain(share.revoked_at),
                "opened_at": [plain(opening.opened_at) for opening in share.openings.all()],
            }
            for share in ReportShare.objects.filter(user=user).prefetch_related("openings")
        ],
        "reminder": None
        if reminder is None
        else {"enabled": reminder.enabled, "time": plain(reminder.time), "last_sent_on": plain(reminder.last_sent_on)},
    }


def attempt_data(attempt: Attempt) -> dict:
    return {
        "id": str(attempt.pk),
        "questionnaire": attempt.questionnaire.slug,
        "questionnaire_title": attempt.questionnaire.title,
        "questionnaire_version": attempt.questionnaire.version,
        "status": attempt.status,
        "consent_version": attempt.consent_version,
        "started_at": plain(attempt.started_at),
        "submitted_at": plain(attempt.submitted_at),
        "result": attempt.result,
        "answers": [
            {
                "question_id": a.question_id,
                "code": a.question.code,
                "question": a.question.text,
                "value": a.value,
                "answer": answer_label(a),
            }
            for a in attempt.answers.all()
        ],
    }


def answer_label(answer: Answer) -> str:
    labels = {c.pk: c.label for c in answer.question.choices.all()}
    values = answer.value if isinstance(answer.value, list) else [answer.value]
    return "; ".join(labels.get(v, str(v)) for v in values)


def entry_data(entry: Entry) -> dict:
    data = {"id": entry.pk, **{name: plain(getattr(entry, name)) for name in ENTRY_FIELDS}}
    data["triggers"] = [t.name for t in entry.triggers.all()]
    data["doses"] = [
        {
            "id": d.pk,
            "medication": d.medication.name,
            "medication_id": d.medication_id,
            "amount": d.amount,
            "taken_at": plain(d.taken_at),
            "relief_2h": d.relief_2h,
        }
        for d in entry.doses.all()
    ]
    return data


def as_json(data: dict) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode()


def as_csv_zip(data: dict) -> bytes:
    """One CSV per table; formula-looking cells are escaped as in the journal export."""
    tables = {
        "account.csv": [data["account"]],
        "email_addresses.csv": data["email_addresses"],
        "consents.csv": data["consents"],
        "assessment_attempts.csv": [
            {k: (json.dumps(v) if k == "result" else v) for k, v in r.items() if k != "answers"}
            for r in data["assessment_attempts"]
        ],
        "assessment_answers.csv": [
            {"attempt_id": r["id"], **{k: (json.dumps(v) if k == "value" else v) for k, v in a.items()}}
            for r in data["assessment_attempts"]
            for a in r["answers"]
        ],
        "journal_entries.csv": [
            {**{k: v for k, v in e.items() if k != "doses"}, "triggers": "; ".join(e["triggers"])}
            for e in data["journal_entries"]
        ],
        "doses.csv": [{"entry_id": e["id"], "day": e["day"], **d} for e in data["journal_entries"] for d in e["doses"]],
        "medications.csv": data["medications"],
        "triggers.csv": data["triggers"],
        "reminder.csv": [data["reminder"]] if data["reminder"] else [],
        "report_shares.csv": [{**s, "opened_at": " ".join(s["opened_at"])} for s in data["report_shares"]],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            archive.writestr(name, csv_text(rows))
    return buffer.getvalue()


def csv_text(rows: list[dict]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()
