"""The one way forms are drawn: `{{ form|bootstrap_form }}` for a whole form,
`{{ form.field|bootstrap_field }}` for one field placed by hand. Bootstrap 5 markup built in Python.

The day form and the questionnaire steps are the pages people use most, and the benchmark
showed that rendering their fields through templates (crispy-forms first, then a lean include)
was most of their time, so every form, allauth's included, goes through this one renderer. The
markup is Bootstrap's: a label (a legend and fieldset for radio and checkbox groups), help text
and errors tied to the input with aria-describedby. Text-like inputs render through Django's own
widget, with Bootstrap's form-control class.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def bootstrap_field(field, inline: bool = False):
    widget = field.field.widget
    input_type = getattr(widget, "input_type", None)
    errors = list(field.errors)
    described = " ".join(
        part
        for part, present in ((f"{field.auto_id}_helptext", field.help_text), (f"{field.auto_id}_error", errors))
        if present
    )
    described_attr = format_html(' aria-describedby="{}"', described) if described else ""
    invalid = " is-invalid" if errors else ""
    required = mark_safe('<span class="asteriskField">*</span>') if field.field.required else ""

    if input_type == "radio" or (getattr(widget, "allow_multiple_selected", False) and input_type == "checkbox"):
        options = format_html_join(
            "",
            '<div class="form-check{}"><input type="{}" class="form-check-input{}" name="{}" value="{}" id="{}"{}>'
            '<label class="form-check-label" for="{}">{}</label></div>',
            (
                (
                    " form-check-inline" if inline else "",
                    input_type,
                    invalid,
                    field.html_name,
                    choice.data["value"],
                    choice.id_for_label,
                    mark_safe(" checked") if choice.data["selected"] else "",
                    choice.id_for_label,
                    choice.choice_label,
                )
                for choice in field
            ),
        )
        body = format_html(
            '<fieldset{}><legend class="form-label fs-6">{}{}</legend>{}</fieldset>',
            described_attr, field.label, required, options,
        )  # fmt: skip
    elif input_type == "checkbox":
        body = format_html(
            '<div class="form-check"><input type="checkbox" class="form-check-input{}" name="{}" id="{}"{}{}>'
            '<label class="form-check-label" for="{}">{}</label></div>',
            invalid, field.html_name, field.auto_id, mark_safe(" checked") if field.value() else "",
            described_attr, field.auto_id, field.label,
        )  # fmt: skip
    elif input_type == "select":
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice.data["value"], mark_safe(" selected") if choice.data["selected"] else "", choice.choice_label)
                for choice in field
            ),
        )
        body = format_html(
            '<label class="form-label" for="{}">{}{}</label>'
            '<select class="form-select{}" name="{}" id="{}"{}>{}</select>',
            field.auto_id, field.label, required, invalid, field.html_name, field.auto_id, described_attr, options,
        )  # fmt: skip
    else:
        attrs = {"aria-describedby": described} if described else {}
        css = widget.attrs.get("class", "form-control")
        if errors:
            css += " is-invalid"
            attrs["aria-invalid"] = "true"
        if css != widget.attrs.get("class"):
            attrs["class"] = css
        rendered = field.as_widget(attrs=attrs) if attrs else field.as_widget()
        body = format_html('<label class="form-label" for="{}">{}{}</label>{}', field.auto_id, field.label, required,
                           rendered)  # fmt: skip

    error_html = format_html_join(
        "", '<div class="invalid-feedback d-block" id="{}_error">{}</div>', ((field.auto_id, e) for e in errors)
    )
    help_html = (
        format_html('<div class="form-text" id="{}_helptext">{}</div>', field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    return format_html('<div class="mb-3" id="div_{}">{}{}{}</div>', field.auto_id, body, error_html, help_html)


@register.filter
def bootstrap_form(form):
    """Every field of `form` in order (hidden ones bare), after the errors that belong to no field."""
    errors = form.non_field_errors()
    parts = [format_html_join("", '<div class="alert alert-danger" role="alert">{}</div>', ((e,) for e in errors))]
    parts += [field.as_widget() if field.is_hidden else bootstrap_field(field) for field in form]
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 (each part is escaped above)
