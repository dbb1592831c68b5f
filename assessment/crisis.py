"""Crisis help lines by country, and the country a browser's language suggests.

Shown at once whenever an answer signals thoughts of being better off dead or of self-harm
(PHQ-9 item 9 above 0), beside the crisis text staff manage in the admin. The lines live here,
in one place, so that help appears even when staff have no active text. Numbers as published
by each service (checked November 2026): France 3114 (numéro national de prévention du
suicide); Belgium 0800 32 123 (Centre de Prévention du Suicide, French) and 1813
(Zelfmoordlijn, Dutch); UK and Ireland 116 123 (Samaritans); US 988 (Suicide & Crisis
Lifeline); findahelpline.com for every other country.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ALL = ""  # no country known: show every line
ELSEWHERE = "ZZ"  # a country without a line of its own here


@dataclass(frozen=True)
class HelpLine:
    country: str  # ISO 3166 code, or ELSEWHERE
    name: str
    contact: str  # a number to call, or an address
    note: str = ""  # translatable
    url: str = ""


HELP_LINES = (
    HelpLine("FR", "3114 – numéro national de prévention du suicide", "3114", _("free, day and night")),
    HelpLine("BE", _("Centre de Prévention du Suicide (in French)"), "0800 32 123", _("free, day and night")),
    HelpLine("BE", _("Zelfmoordlijn (in Dutch)"), "1813", _("free, day and night")),
    HelpLine("GB", "Samaritans", "116 123", _("free, day and night")),
    HelpLine("IE", "Samaritans", "116 123", _("free, day and night")),
    HelpLine("US", "988 Suicide & Crisis Lifeline", "988", _("call or text, day and night")),
    HelpLine(
        ELSEWHERE,
        "Find a Helpline",
        "findahelpline.com",
        _("free, confidential helplines in your country"),
        "https://findahelpline.com",
    ),
)

EMERGENCY_NUMBERS = {"FR": "112", "BE": "112", "GB": "999", "IE": "112", "US": "911"}
EMERGENCY_ELSEWHERE = _("112 in Europe, 999 in the UK, 911 in North America")

# A language alone, without a region, that points to one of the countries above.
LANGUAGE_COUNTRY = {"fr": "FR"}
KNOWN = {line.country for line in HELP_LINES} - {ELSEWHERE}


def guess_country(accept_language: str) -> str:
    """The country of the first language region we have lines for ("fr-BE" → BE, "en-US" → US,
    "fr" → FR), from an Accept-Language header; ELSEWHERE for a region we have none for; ALL when
    the header says nothing useful."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().replace("_", "-")
        if not tag or tag == "*":
            continue
        pieces = tag.split("-")
        region = next((p.upper() for p in pieces[1:] if len(p) == 2 and p.isalpha()), "")
        if region == "UK":
            region = "GB"
        if region:
            return region if region in KNOWN else ELSEWHERE
        language = pieces[0].lower()
        if language in LANGUAGE_COUNTRY:
            return LANGUAGE_COUNTRY[language]
    return ALL


@dataclass(frozen=True)
class CrisisHelp:
    lines: tuple[HelpLine, ...]
    emergency: str  # the emergency number(s) to call now
    every_country: bool


def help_for(country: str) -> CrisisHelp:
    """The lines for `country` and findahelpline.com; every line when the country is unknown."""
    country = (country or "").upper()
    if country in KNOWN:
        lines = tuple(line for line in HELP_LINES if line.country in (country, ELSEWHERE))
        return CrisisHelp(lines, EMERGENCY_NUMBERS[country], every_country=False)
    if country == ELSEWHERE:
        return CrisisHelp(tuple(line for line in HELP_LINES if line.country == ELSEWHERE), EMERGENCY_ELSEWHERE, False)
    return CrisisHelp(HELP_LINES, EMERGENCY_ELSEWHERE, every_country=True)
