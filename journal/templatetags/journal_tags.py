"""Journal filters: `{{ value|ratio }}` (a risk ratio as people read it: 3, 1.4, 0.35) and
`{{ drug_class|drug_class_group }}` (a medicine class named as a group: "Triptans"); and the tags
that put in the long tables built in Python (journal/tables.py): `{% month_table weeks month linked=True %}`,
`{% report_months_table data.months %}`, `{% report_strip data.strip %}`, `{% history_table page %}`."""

from django import template

from journal import tables
from journal.models import DRUG_CLASS_GROUPS, OTHER_MEDICINES

register = template.Library()


@register.filter
def drug_class_group(drug_class: str) -> str:
    return DRUG_CLASS_GROUPS.get(drug_class, OTHER_MEDICINES)


@register.filter
def ratio(value) -> str:
    if value is None:
        return "–"
    if value >= 10:
        return f"{value:.0f}"
    text = f"{value:.1f}" if value >= 0.1 else f"{value:.2f}"
    return text.removesuffix(".0")


# The long tables, built in Python (journal/tables.py): one call per table instead of template
# nodes and translations per cell.


@register.simple_tag
def month_table(weeks, month, linked=False):
    return tables.month_table(weeks, month, linked=linked)


@register.simple_tag
def report_months_table(months):
    return tables.report_months_table(months)


@register.simple_tag
def report_strip(strip):
    return tables.report_strip(strip)


@register.simple_tag
def history_table(page):
    return tables.history_table(page)
