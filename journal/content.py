"""The default trigger list with the profile pathway each speaks to (loaded once; staff edit both
in the admin afterwards, where the pathway is the trigger's own field), and the pathway of each
built-in diary factor, for the insights page."""

DEFAULT_TRIGGERS = {
    # name: pathway it speaks to (or None)
    "Stress": "stress",
    "Let-down after stress": "stress",
    "Not enough sleep": "stress",
    "Neck or shoulder tension": "stress",
    "Irregular routine": "stress",
    "Alcohol": "inflammation",
    "Certain foods": "inflammation",
    "Feeling unwell": "inflammation",
    "Dehydration": "inflammation",
    "Hunger or a missed meal": "serotonin",
    "Hormonal changes": "serotonin",
    "Low mood": "serotonin",
    "Bright or flickering light": None,
    "Strong smells": None,
    "Noise": None,
    "Weather change": None,
    "Screen time": None,
    "Travel": None,
    "Physical exertion": None,
}

# Built-in diary factors (see journal.insights.facts_for_entry) and their pathway. The default
# triggers that mean the same ("Stress", "Alcohol", "Not enough sleep", "Hunger or a missed meal",
# "Let-down after stress") are these factors (journal.insights.TRIGGER_FACTORS).
FACTOR_PATHWAYS = {
    "stress": "stress",
    "letdown": "stress",
    "short_sleep": "stress",
    "alcohol": "inflammation",
    "skipped_meal": "serotonin",
    "menstrual": "serotonin",
}


def load_default_triggers() -> list[str]:
    from journal.models import Trigger

    if Trigger.objects.filter(user__isnull=True).exists():
        return []
    Trigger.objects.bulk_create(Trigger(name=name, pathway=pathway or "") for name, pathway in DEFAULT_TRIGGERS.items())
    return ["default triggers"]
