"""Everything stored about a person, for the download on the privacy page (GDPR Art. 15 and 20).

`personal_data` gathers the account's own rows and asks every app listed in
settings.PERSONAL_DATA_MODULES for its part (core/personal_data.py), so accounts imports none of
them. The CSV download is the same data, one table per file, in a zip.
"""

import io
import json
import zipfile

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Consent
from core import personal_data as apps_data
from core.personal_data import plain
from core.spreadsheet import csv_text


def personal_data(user) -> dict:
    data = {
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
    }
    for module in apps_data.modules():
        data.update(module.personal_data(user))
    return data


def as_json(data: dict) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode()


def as_csv_zip(data: dict) -> bytes:
    """One CSV per table; formula-looking cells are escaped as in the journal export."""
    tables = {
        "account.csv": [data["account"]],
        "email_addresses.csv": data["email_addresses"],
        "consents.csv": data["consents"],
    }
    for module in apps_data.modules():
        tables.update(module.csv_tables(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            archive.writestr(name, csv_text(rows))
    return buffer.getvalue()
