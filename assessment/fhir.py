"""A person's screener results as a FHIR R4 Bundle, for a clinician's record system.

Per completed PHQ-9, GAD-7 and MIDAS: a QuestionnaireResponse with the answers as given, and an
Observation (category "survey") with the total score, derived from it. The resources are built
and validated with fhir.resources' R4B models (FHIR 4.3, wire-compatible with R4 for these
resources), so a malformed resource fails here, not in the clinician's system.

Codes: LOINC 44249-1 (PHQ-9 panel), 44261-6 (PHQ-9 total score), 44260-8 (PHQ-9 item 9, as a
component of the total), 69737-5 (GAD-7 panel), 70274-6 (GAD-7 total score). MIDAS has no LOINC
code: its total is coded in a local code system of ours, and the Observation says so.
Our own Migraine Profile is not exported: it is not a validated instrument.
"""

import uuid
from dataclasses import dataclass

from fhir.resources.R4B.bundle import Bundle

LOINC = "http://loinc.org"
LOCAL_SYSTEM = "https://migraineheroes.app/fhir/CodeSystem/questionnaire-scores"
SURVEY = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }
    ]
}


@dataclass(frozen=True)
class Instrument:
    panel: dict  # the questionnaire's code (LOINC panel, or local)
    total: dict  # the total score's code
    questionnaire: str  # canonical URL of the questionnaire
    crisis_item: dict | None = None  # a component for the crisis item (PHQ-9 item 9)
    note: str = ""


INSTRUMENTS = {
    "phq-9": Instrument(
        panel={"system": LOINC, "code": "44249-1", "display": "PHQ-9 quick depression assessment panel"},
        total={
            "system": LOINC,
            "code": "44261-6",
            "display": "Patient Health Questionnaire 9 item (PHQ-9) total score",
        },
        questionnaire="http://loinc.org/q/44249-1",
        crisis_item={
            "system": LOINC,
            "code": "44260-8",
            "display": "Thoughts that you would be better off dead, or of hurting yourself in some way",
        },
    ),
    "gad-7": Instrument(
        panel={"system": LOINC, "code": "69737-5", "display": "Generalized anxiety disorder 7 item (GAD-7)"},
        total={
            "system": LOINC,
            "code": "70274-6",
            "display": "Generalized anxiety disorder 7 item (GAD-7) total score",
        },
        questionnaire="http://loinc.org/q/69737-5",
    ),
    "midas": Instrument(
        panel={"system": LOCAL_SYSTEM, "code": "midas", "display": "Migraine Disability Assessment (MIDAS)"},
        total={"system": LOCAL_SYSTEM, "code": "midas-total", "display": "MIDAS total score (days in 3 months)"},
        questionnaire=f"{LOCAL_SYSTEM}/midas",
        note="MIDAS has no LOINC code; its total is coded in Migraine Heroes' own code system.",
    ),
}


@dataclass(frozen=True)
class AnsweredItem:
    link_id: str  # the question's code ("1" … "9", "A")
    text: str
    points: int | None  # a choice's points, or None for a number
    number: int | None  # a whole-number answer (MIDAS days), or None
    label: str  # the chosen choice's label


@dataclass(frozen=True)
class ScreenerResult:
    attempt_id: str
    slug: str
    title: str
    completed_at: str  # ISO 8601 with time zone
    total: int
    band: str
    items: tuple[AnsweredItem, ...]


def exported(slug: str) -> bool:
    return slug in INSTRUMENTS


def bundle(results: list[ScreenerResult], *, generated_at: str) -> dict:
    """A Bundle of type collection, validated; returned as plain JSON-ready data."""
    entries = []
    for result in results:
        instrument = INSTRUMENTS[result.slug]
        response_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'qr:' + result.attempt_id)}"
        observation_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'obs:' + result.attempt_id)}"
        entries.append({"fullUrl": response_url, "resource": questionnaire_response(result, instrument)})
        entries.append(
            {"fullUrl": observation_url, "resource": total_observation(result, instrument, derived_from=response_url)}
        )
    model = Bundle.model_validate({"resourceType": "Bundle", "type": "collection", "timestamp": generated_at,
                                   "entry": entries})  # fmt: skip
    return model.model_dump(mode="json", exclude_none=True)


def questionnaire_response(result: ScreenerResult, instrument: Instrument) -> dict:
    items = []
    for item in result.items:
        if item.number is not None:
            answer = {"valueInteger": item.number}
        else:
            answer = {"valueCoding": {"code": str(item.points), "display": item.label}}
        items.append({"linkId": item.link_id, "text": item.text, "answer": [answer]})
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": instrument.questionnaire,
        "authored": result.completed_at,
        "item": items,
    }


def total_observation(result: ScreenerResult, instrument: Instrument, *, derived_from: str) -> dict:
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "category": [SURVEY],
        "code": {"coding": [instrument.total], "text": f"{result.title}: total score"},
        "effectiveDateTime": result.completed_at,
        "valueInteger": result.total,
        "derivedFrom": [{"reference": derived_from}],
        "note": [{"text": text} for text in (f"Band: {result.band}" if result.band else "", instrument.note) if text],
    }
    if instrument.crisis_item:
        item9 = next((i for i in result.items if i.link_id == "9"), None)
        if item9 is not None and item9.points is not None:
            observation["component"] = [
                {"code": {"coding": [instrument.crisis_item]}, "valueInteger": item9.points},
            ]
    return observation
