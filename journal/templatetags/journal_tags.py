"""Journal filters: `{{ value|ratio }}` (a risk ratio as people read it: 3, 1.4, 0.35) and
`{{ drug_class|drug_class_group }}` (a medicine class named as a group: "Triptans")."""

from django import template

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
