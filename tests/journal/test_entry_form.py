"""The day form's fields share their fixed choices between forms (journal.forms.ConstantChoices):
sharing must never let one form's change reach another, and the choices stay Django's own."""

import pytest

from journal.forms import ConstantChoices, DoseForm, EntryForm


@pytest.mark.django_db  # the form reads the trigger list
def test_every_fixed_choice_field_of_the_day_form_is_shared_rather_than_deep_copied(diarist):
    shared = {name for name, field in EntryForm.base_fields.items() if isinstance(field, ConstantChoices)}
    assert shared == {"headache", "pain", "mood", "stress", "anxiety", "sleep_quality", "impact", "side", "region"}
    first, second = EntryForm(user=diarist), EntryForm(user=diarist)
    for name in shared:
        assert first.fields[name].choices is EntryForm.base_fields[name].choices
        assert first.fields[name].widget.choices is EntryForm.base_fields[name].widget.choices
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].widget is not second.fields[name].widget


@pytest.mark.django_db  # the form reads the trigger list
def test_changing_one_forms_choices_leaves_every_other_form_as_it_was(diarist):
    before = list(EntryForm.base_fields["side"].choices)
    changed = EntryForm(user=diarist)
    changed.fields["side"].choices = [("left", "Left")]
    changed.fields["side"].widget.attrs["data-x"] = "1"
    changed.fields["side"].error_messages["required"] = "changed"
    untouched = EntryForm(user=diarist)
    assert list(untouched.fields["side"].choices) == before
    assert list(untouched.fields["side"].widget.choices) == before
    assert "data-x" not in untouched.fields["side"].widget.attrs
    assert untouched.fields["side"].error_messages["required"] != "changed"
    assert untouched.fields["side"].widget.attrs is not EntryForm.base_fields["side"].widget.attrs
    assert [value for value, _label in DoseForm.base_fields["relief_2h"].choices] == ["", 0, 1, 2, 3]


@pytest.mark.django_db
def test_the_trigger_list_offers_the_default_and_own_active_triggers_with_the_days_ticks(diarist, today):
    from journal.models import Entry, Trigger
    from tests.factories import UserFactory

    own = Trigger.objects.create(user=diarist, name="Chocolate")
    Trigger.objects.create(user=diarist, name="Cheese", active=False)
    Trigger.objects.create(user=UserFactory(), name="Someone else's")
    defaults = list(Trigger.objects.filter(user__isnull=True, active=True))
    entry = Entry.objects.create(user=diarist, day=today)
    entry.triggers.set([own, defaults[0]])

    saved = EntryForm(instance=entry, user=diarist)
    offered = {name for _pk, name in saved.fields["triggers"].choices}
    assert offered == {t.name for t in defaults} | {"Chocolate"}
    assert sorted(saved.initial["triggers"]) == sorted([own.pk, defaults[0].pk])
    html = str(saved["triggers"].as_widget())
    assert html.count("checked") == 2

    new = EntryForm(user=diarist)
    assert {name for _pk, name in new.fields["triggers"].choices} == offered
    assert "triggers" not in new.initial


@pytest.mark.django_db
def test_the_trigger_list_is_by_name_leaves_out_switched_off_defaults_and_ticks_only_this_day(diarist, today):
    from datetime import timedelta

    from journal.models import Entry, Trigger
    from journal.selectors import trigger_choices

    Trigger.objects.filter(user__isnull=True).delete()
    aaa = Trigger.objects.create(name="Aaa default")
    Trigger.objects.create(name="Bbb switched off", active=False)
    zzz = Trigger.objects.create(user=diarist, name="Zzz my own")
    mid = Trigger.objects.create(user=diarist, name="Mmm my own")
    entry = Entry.objects.create(user=diarist, day=today)
    entry.triggers.set([zzz])
    Entry.objects.create(user=diarist, day=today - timedelta(days=1)).triggers.set([aaa, mid])

    assert trigger_choices(user=diarist, entry=entry) == [
        (aaa.pk, "Aaa default", False), (mid.pk, "Mmm my own", False), (zzz.pk, "Zzz my own", True),
    ]  # fmt: skip
    assert [ticked for _pk, _name, ticked in trigger_choices(user=diarist, entry=None)] == [False, False, False]
    assert all(type(ticked) is bool for _pk, _name, ticked in trigger_choices(user=diarist, entry=entry))
