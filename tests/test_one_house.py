"""The shape of the house: apps depend on each other one way only, and each vocabulary has one source.

Layers, lowest first: core (shared helpers) <- accounts <- assessment <- journal <- the project
(migraine_heroes: settings, URLs, commands that fill several apps) and the benchmark. An import
that points up a layer would close a cycle; this test reads every module's imports (without
importing anything) and fails on one.
"""

import ast
import graphlib
from datetime import date, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "accounts", "assessment", "journal", "migraine_heroes", "bench"]
LAYER = {name: index for index, name in enumerate(APPS)}
LAYER["bench"] = LAYER["migraine_heroes"]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names if name.split(".")[0] in LAYER}
    return found


def app_imports() -> dict[str, dict[str, set[str]]]:
    """{app: {imported app: the modules that import it}}, migrations left out (they are history)."""
    graph: dict[str, dict[str, set[str]]] = {app: {} for app in APPS}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for other in imported_apps(path) - {app}:
                graph[app].setdefault(other, set()).add(str(path.relative_to(ROOT)))
    return graph


def test_the_apps_form_no_cycle():
    graph = app_imports()
    sorter = graphlib.TopologicalSorter({app: set(deps) for app, deps in graph.items()})
    try:
        list(sorter.static_order())
    except graphlib.CycleError as cycle:
        pytest.fail(f"the apps import each other in a cycle: {cycle.args[1]}")


def test_every_import_between_apps_points_down_a_layer():
    upward = [
        f"{module} imports {other}"
        for app, deps in app_imports().items()
        for other, modules in deps.items()
        for module in sorted(modules)
        if LAYER[other] >= LAYER[app]
    ]
    assert upward == []


def test_the_graph_reader_sees_imports_that_are_there():
    # The checker itself must be able to fail: journal does import assessment and accounts.
    assert {"accounts", "assessment", "core"} <= set(app_imports()["journal"])
    assert set(app_imports()["core"]) == set()


@pytest.mark.django_db
def test_the_privacy_download_has_every_stored_field_of_every_diary_row(user):
    from accounts.privacy import personal_data
    from accounts.services import consent_give
    from journal.csv_export import COLUMNS
    from journal.models import Dose, Entry, Medication, ReminderSetting, Trigger

    consent_give(user=user)
    medication = Medication.objects.create(user=user, name="Sumatriptan", drug_class="triptan")
    entry = Entry.objects.create(user=user, day="2026-11-01", headache="migraine", pain=6, notes="quiet room")
    Dose.objects.create(entry=entry, medication=medication, amount="50 mg")
    Trigger.objects.create(user=user, name="Storms")
    ReminderSetting.objects.create(user=user, enabled=True)
    data = personal_data(user)

    def stored(model, exclude=("user",)):
        return {f.attname for f in model._meta.concrete_fields if f.name not in exclude}

    (exported_entry,) = data["journal_entries"]
    assert set(exported_entry) == stored(Entry) | {"triggers", "doses"}
    assert set(exported_entry["doses"][0]) == stored(Dose, exclude=("entry",)) | {"medication"}
    assert set(data["medications"][0]) == stored(Medication)
    assert set(data["triggers"][0]) == stored(Trigger)
    assert set(data["reminder"]) == stored(ReminderSetting, exclude=("user", "id"))
    assert exported_entry["notes"] == "quiet room"
    # The diary CSV has every diary field too, with the triggers and doses of the day.
    assert set(COLUMNS) == set(Entry.diary_fields()) | {"triggers", "doses"}


def test_the_day_form_asks_for_every_diary_field():
    from journal.forms import EntryForm
    from journal.models import Entry

    assert set(EntryForm.base_fields) == (set(Entry.diary_fields()) - {"day"}) | {"triggers"}


@pytest.mark.django_db
def test_a_default_triggers_pathway_is_its_own_field_not_its_english_name():
    from journal.content import load_default_triggers
    from journal.models import Entry, Trigger
    from journal.selectors import diary_rows
    from tests.factories import UserFactory

    diarist, today = UserFactory(), date(2026, 6, 15)

    load_default_triggers()
    entry = Entry.objects.create(user=diarist, day=today)
    entry.triggers.set(Trigger.objects.filter(name__in=["Certain foods", "Noise", "Stress"]))
    own = Trigger.objects.create(user=diarist, name="Cheese board")
    Entry.objects.create(user=diarist, day=today - timedelta(days=1)).triggers.set([own])

    def pathways():
        return diary_rows(user=diarist, start=today - timedelta(days=1), end=today)[2]

    # A trigger without one speaks to none; one that means a built-in factor is that factor.
    assert pathways() == {"trigger:Certain foods": "inflammation"}
    # Staff rename it and change its pathway: the insights follow the field.
    Trigger.objects.filter(name="Certain foods").update(name="Aged cheese", pathway="serotonin")
    assert pathways() == {"trigger:Aged cheese": "serotonin"}
    # A person's own trigger of a default's name is that factor, with its pathway.
    entry.triggers.remove(Trigger.objects.get(user__isnull=True, name="Aged cheese"))
    assert pathways() == {}
    own.name = "Aged cheese"
    own.save()
    assert pathways() == {"trigger:Aged cheese": "serotonin"}


def test_the_models_choices_are_the_pure_modules_vocabulary():
    from journal import stats
    from journal.models import DrugClass, Entry

    assert set(DrugClass.values) >= {*stats.OVERUSE_CLASSES, stats.GEPANT}
    assert set(Entry.Headache.values) == {stats.NONE, *stats.HEADACHE_KINDS}
    assert set(Entry.Side.values) >= stats.ONE_SIDED
