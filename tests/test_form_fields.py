"""The one form renderer (core/templatetags/form_fields.py) draws inputs and choice lists in Python
for speed: what it draws must be exactly what Django's own widget templates draw."""

import re

import pytest
from django import forms

from core.templatetags.form_fields import bootstrap_field, hidden_fields, widget_html


class EveryWidget(forms.Form):
    name = forms.CharField(max_length=30, help_text="As on the box")
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    secret = forms.CharField(widget=forms.PasswordInput(attrs={"placeholder": 'say "friend"'}))
    kept_secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hours = forms.DecimalField(min_value=0, max_value=24, decimal_places=1, required=False)
    count = forms.IntegerField(min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    taken_at = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    started_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    frozen = forms.CharField(required=False, disabled=True)
    token = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A & B"), ("b", "<b>")], required=False)
    mood = forms.TypedChoiceField(choices=[(1, "Low"), (2, "Fine")], coerce=int, widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(
        choices=[(1, "One"), (2, "Two"), (3, "Three")], widget=forms.CheckboxSelectMultiple, required=False
    )


FILLED = {
    "name": 'Tom "&" <Jerry>',
    "email": "a@b.example",
    "secret": "hidden",
    "kept_secret": "shown",
    "hours": "7.5",
    "count": "-1",
    "taken_at": "07:30",
    "started_on": "2026-06-01",
    "notes": "Line one\n<script>",
    "token": "abc",
    "kind": "a",
    "mood": "2",
    "tags": ["1", "3"],
}


def as_django_draws_it(bound, name):
    """Django's own rendering of one field through its widget templates."""
    return bound[name].as_widget()


@pytest.mark.parametrize("data", [None, FILLED, {"count": "x"}], ids=["empty", "filled", "errors"])
@pytest.mark.parametrize(
    "name", ["name", "email", "secret", "kept_secret", "hours", "count", "taken_at", "started_on", "notes", "frozen",
             "token"],
)  # fmt: skip
def test_inputs_are_drawn_exactly_as_djangos_widget_templates_draw_them(data, name):
    form = EveryWidget(data=data, initial={"hours": 8, "notes": "first"})
    form.is_valid()
    assert str(widget_html(form[name])) == as_django_draws_it(form, name)
    extra = {"class": "form-control is-invalid", "aria-describedby": "x_error"}
    assert str(widget_html(form[name], extra)) == form[name].as_widget(attrs=extra)


@pytest.mark.parametrize("data", [None, FILLED], ids=["empty", "filled"])
@pytest.mark.parametrize("name", ["kind", "mood", "tags"])
def test_choices_keep_djangos_values_ids_and_selection(data, name):
    form = EveryWidget(data=data)
    form.is_valid()
    drawn = str(bootstrap_field(form[name]))
    for choice in form[name]:
        value, selected = choice.data["value"], choice.data["selected"]
        if form[name].field.widget.input_type == "select":
            mark = " selected" if selected else ""
            assert f'<option value="{value}"{mark}>' in drawn
        else:
            assert f'value="{value}" id="{choice.id_for_label}"{" checked" if selected else ""}>' in drawn
    if data:
        assert drawn.count(" checked") + drawn.count(" selected") == {"kind": 1, "mood": 1, "tags": 2}[name]
    assert "<b>" not in drawn  # labels are escaped


def test_a_formsets_management_form_is_drawn_as_django_draws_it():
    formset = forms.formset_factory(EveryWidget, extra=2)(prefix="doses")
    django_drawn = re.sub(r"\s+", "", str(formset.management_form))
    assert re.sub(r"\s+", "", str(hidden_fields(formset.management_form))) == django_drawn


def test_lazy_texts_are_escaped_as_django_escapes_them():
    """A lazy text is made first: a safe one (password rules, a list) stays markup, a plain one is escaped."""
    from django.contrib.auth.password_validation import password_validators_help_text_html
    from django.utils.functional import lazy

    plain = lazy(lambda: "Tom & <Jerry>", str)()

    class Lazy(forms.Form):
        password = forms.CharField(label=plain, help_text=password_validators_help_text_html())

    drawn = str(bootstrap_field(Lazy()["password"]))
    assert '<div class="form-text" id="id_password_helptext"><ul><li>' in drawn
    assert '<label class="form-label" for="id_password">Tom &amp; &lt;Jerry&gt;<span' in drawn
