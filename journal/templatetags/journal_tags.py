"""Journal filters: `{{ value|ratio }}` (a risk ratio as people read it: 3, 1.4, 0.35) and
`{{ drug_class|drug_class_group }}` (a medicine class named as a group: "Triptans"),
`{{ link|risk_ratio_cell }}` (a factor's risk ratio and interval, for the charts); and the tags
that put in the long tables built in Python (journal/tables.py): `{% month_table weeks month linked=True %}`,
`{% report_months_table data.months %}`, `{% report_strip data.strip %}`, `{% history_table page %}`,
`{% daily_table daily since %}`, `{% months_counts_table months %}`, `{% factors_table factors %}`; and
`{% journal_subnav "today" %}`, the journal's menu with that page marked."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from journal import tables
from journal.models import DRUG_CLASS_GROUPS, OTHER_MEDICINES

register = template.Library()

# The journal's menu is the same for everyone: only the page it marks, the language and the
# addresses' prefix change it. So each process draws it once for each of those (drawing it, with
# its eight links and their reverse() calls, was about 0.5 ms of every journal page), except
# with DEBUG on, where an edited template shows at once.
_subnavs: dict[tuple[str, str, str], str] = {}


@register.simple_tag
def journal_subnav(active: str = "") -> str:
    key = (get_language(), active, get_script_prefix())
    html = _subnavs.get(key)
    if html is None:
        html = render_to_string("journal/includes/subnav.html", {"active": active})
        if not settings.DEBUG:
            _subnavs[key] = html
    return mark_safe(html)  # noqa: S308 (a template's own output, escaped as it rendered)


@register.filter
def drug_class_group(drug_class: str) -> str:
    return DRUG_CLASS_GROUPS.get(drug_class, OTHER_MEDICINES)


# A risk ratio as people read it, and a factor's ratio with its interval: written in
# journal/tables.py, whose charts table of factors writes its cells the same way.
register.filter("ratio", tables.ratio)
register.filter("risk_ratio_cell", tables.risk_ratio_cell)


# The long tables, built in Python (journal/tables.py): one call per table instead of template
# nodes and translations per cell. Each tag is the table's function, under its own name.


@register.simple_tag
def month_table(weeks, month, linked=False):
    return tables.month_table(weeks, month, linked=linked)


for _table in (
    tables.report_months_table,
    tables.report_strip,
    tables.history_table,
    tables.daily_table,
    tables.months_counts_table,
    tables.factors_table,
):
    register.simple_tag(_table)
del _table
