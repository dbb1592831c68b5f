"""What the journal stores about a person, for the privacy download and account deletion (see
core/personal_data.py). A query per table, never per row; every field comes from the models."""

from django.db.models import Prefetch

from core.personal_data import plain, row
from journal.models import Attack, Dose, Entry, Medication, ReminderSetting, ReportShare, Trigger


def personal_data(user) -> dict:
    entries = (
        Entry.objects.for_user(user)
        .order_by("day")
        .prefetch_related(Prefetch("doses", queryset=Dose.objects.select_related("medication")), "triggers")
    )
    reminder = ReminderSetting.objects.filter(user=user).first()
    return {
        "journal_entries": [entry_data(e) for e in entries],
        "attacks": [row(a) for a in Attack.objects.for_user(user).order_by("started_at")],
        "medications": [row(m) for m in Medication.objects.for_user(user).order_by("id")],
        "triggers": [row(t) for t in Trigger.objects.filter(user=user).order_by("id")],
        "report_shares": [
            {
                **row(share, exclude=("user", "id", "token_hash")),
                "opened_at": [plain(opening.opened_at) for opening in share.openings.all()],
            }
            for share in ReportShare.objects.filter(user=user).prefetch_related("openings")
        ],
        "reminder": None if reminder is None else row(reminder, exclude=("user", "id")),
    }


def entry_data(entry: Entry) -> dict:
    return {
        **row(entry),
        "triggers": [t.name for t in entry.triggers.all()],
        "doses": [{**row(dose, exclude=("entry",)), "medication": dose.medication.name} for dose in entry.doses.all()],
    }


def csv_tables(data: dict) -> dict[str, list[dict]]:
    return {
        "journal_entries.csv": [
            {**{k: v for k, v in e.items() if k != "doses"}, "triggers": "; ".join(e["triggers"])}
            for e in data["journal_entries"]
        ],
        "doses.csv": [{"entry_id": e["id"], "day": e["day"], **d} for e in data["journal_entries"] for d in e["doses"]],
        "attacks.csv": data["attacks"],
        "medications.csv": data["medications"],
        "triggers.csv": data["triggers"],
        "reminder.csv": [data["reminder"]] if data["reminder"] else [],
        "report_shares.csv": [{**s, "opened_at": " ".join(s["opened_at"])} for s in data["report_shares"]],
    }


def delete_personal_data(*, user) -> None:
    # Entries first: their doses point at medicines that may not be deleted on their own.
    Entry.objects.filter(user=user).delete()
    for model in (Attack, Medication, Trigger, ReminderSetting, ReportShare):
        model.objects.filter(user=user).delete()
