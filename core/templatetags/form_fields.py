"""The one way forms are drawn: `{{ form|bootstrap_form }}` for a whole form,
`{{ form.field|bootstrap_field }}` for one field placed by hand. Bootstrap 5 markup built in Python.

The day form and the questionnaire steps are the pages people use most, and the benchmark
showed that rendering their fields through templates (crispy-forms first, then a lean include)
was most of their time, so every form, allauth's included, goes through this one renderer. The
markup is Bootstrap's: a label (a legend and fieldset for radio and checkbox groups), help text
and errors tied to the input with aria-describedby. Text-like inputs render through Django's own
widget, with Bootstrap's form-control class.
"""

import html

from django import forms, template
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

register = template.Library()

# Widgets whose markup is one <input> (or a <textarea>) drawn here in Python, as Django's own
# templates draw them; anything else (a file input, a multi-widget) goes through Django's widget.
PLAIN_INPUTS = (
    forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput, forms.PasswordInput,
    forms.DateInput, forms.TimeInput, forms.DateTimeInput, forms.HiddenInput,
)  # fmt: skip


def _esc(value) -> str:
    """conditional_escape without its lazy-string wrapper (the cost of drawing long choice lists):
    a safe value as it is, anything else through the same html.escape Django uses. A lazy string is
    made first, as conditional_escape does: it may produce a safe one (password help texts)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def attrs_html(attrs: dict) -> str:
    """Attributes in their order, as django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {_esc(name)}" if value is True else f' {_esc(name)}="{_esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def widget_html(field, attrs=None):
    """What `field.as_widget(attrs=attrs)` gives, without a template render per field: the same
    attributes (BoundField.build_widget_attrs, Widget.build_attrs) and the same value formatting."""
    widget = field.field.widget
    if type(widget) not in (*PLAIN_INPUTS, forms.Textarea) or field.field.localize:
        return field.as_widget(attrs=attrs)
    attrs = field.build_widget_attrs(attrs or {}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    final = widget.build_attrs(widget.attrs, attrs)
    value = field.value()
    if isinstance(widget, forms.PasswordInput) and not widget.render_value:
        value = None
    value = widget.format_value(value)
    name = _esc(field.html_name)
    if isinstance(widget, forms.Textarea):
        return mark_safe(f'<textarea name="{name}"{attrs_html(final)}>\n{_esc(value or "")}</textarea>')  # noqa: S308
    shown = f' value="{_esc(value)}"' if value is not None else ""
    return mark_safe(f'<input type="{_esc(widget.input_type)}" name="{name}"{shown}{attrs_html(final)}>')  # noqa: S308


def choice_options(field):
    """(value, id, label, selected) for each choice of a select, radio or checkbox group, as
    Django's ChoiceWidget.optgroups gives them (without building a subwidget per choice)."""
    widget = field.field.widget
    chosen = set(widget.format_value(field.value()))
    multiple = widget.allow_multiple_selected
    selected_one = False
    base_id = widget.attrs.get("id") or field.auto_id
    for index, (value, label) in enumerate(widget.choices):
        if isinstance(label, list | tuple):  # an optgroup: let Django draw it
            raise _NeedsDjango
        value = "" if value is None else str(value)
        selected = value in chosen and (multiple or not selected_one)
        selected_one = selected_one or selected
        yield value, f"{base_id}_{index}" if base_id else "", label, selected


class _NeedsDjango(Exception):
    pass


@register.filter
def bootstrap_field(field, inline: bool = False):
    # f-strings with one escape per value: format_html's lazy-aware escaping, called a few
    # hundred times per page, was the largest single cost of drawing the day form.
    widget = field.field.widget
    input_type = getattr(widget, "input_type", None)
    errors = list(field.errors)
    auto_id = _esc(field.auto_id)
    help_text = field.help_text
    described = " ".join(
        part for part, present in ((f"{auto_id}_helptext", help_text), (f"{auto_id}_error", errors)) if present
    )
    described_attr = f' aria-describedby="{described}"' if described else ""
    invalid = " is-invalid" if errors else ""
    required = '<span class="asteriskField">*</span>' if field.field.required else ""
    label = _esc(field.label)
    name = _esc(field.html_name)

    if input_type == "radio" or (getattr(widget, "allow_multiple_selected", False) and input_type == "checkbox"):
        # The same markup for every option: what does not vary is escaped once, outside the loop.
        opening = (
            f'<div class="form-check{" form-check-inline" if inline else ""}"><input type="{_esc(input_type)}" '
            f'class="form-check-input{invalid}" name="{name}" value="'
        )
        options = "".join(
            f'{opening}{_esc(value)}" id="{_esc(option_id)}"{" checked" if selected else ""}>'
            f'<label class="form-check-label" for="{_esc(option_id)}">{_esc(option_label)}</label></div>'
            for value, option_id, option_label, selected in _choices(field)
        )
        body = (
            f'<fieldset{described_attr}><legend class="form-label fs-6">{label}{required}</legend>{options}</fieldset>'
        )
    elif input_type == "checkbox":
        checked = " checked" if field.value() else ""
        body = (
            f'<div class="form-check"><input type="checkbox" class="form-check-input{invalid}" name="{name}" '
            f'id="{auto_id}"{checked}{described_attr}>'
            f'<label class="form-check-label" for="{auto_id}">{label}</label></div>'
        )
    elif input_type == "select":
        options = "".join(
            f'<option value="{_esc(value)}"{" selected" if selected else ""}>{_esc(option_label)}</option>'
            for value, _option_id, option_label, selected in _choices(field)
        )
        body = (
            f'<label class="form-label" for="{auto_id}">{label}{required}</label>'
            f'<select class="form-select{invalid}" name="{name}" id="{auto_id}"{described_attr}>{options}</select>'
        )
    else:
        attrs = {"aria-describedby": described} if described else {}
        css = widget.attrs.get("class", "form-control")
        if errors:
            css += " is-invalid"
            attrs["aria-invalid"] = "true"
        if css != widget.attrs.get("class"):
            attrs["class"] = css
        body = f'<label class="form-label" for="{auto_id}">{label}{required}</label>{widget_html(field, attrs)}'

    error_html = "".join(f'<div class="invalid-feedback d-block" id="{auto_id}_error">{_esc(e)}</div>' for e in errors)
    help_html = f'<div class="form-text" id="{auto_id}_helptext">{_esc(help_text)}</div>' if help_text else ""
    return mark_safe(f'<div class="mb-3" id="div_{auto_id}">{body}{error_html}{help_html}</div>')  # noqa: S308 (escaped above)


def _choices(field):
    try:
        return list(choice_options(field))
    except _NeedsDjango:
        return [(c.data["value"], c.id_for_label, c.choice_label, c.data["selected"]) for c in field]


@register.filter
def hidden_fields(form):
    """A form of hidden inputs only (a formset's management form), drawn in Python."""
    return mark_safe("".join(str(widget_html(field)) for field in form))  # noqa: S308 (escaped in widget_html)


@register.filter
def bootstrap_form(form):
    """Every field of `form` in order (hidden ones bare), after the errors that belong to no field."""
    errors = form.non_field_errors()
    parts = ["".join(f'<div class="alert alert-danger" role="alert">{_esc(e)}</div>' for e in errors)]
    parts += [widget_html(field) if field.is_hidden else bootstrap_field(field) for field in form]
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 (each part is escaped above)
