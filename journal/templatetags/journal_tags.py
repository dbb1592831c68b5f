"""`{{ value|ratio }}`: a risk ratio as people read it (3, 1.4, 0.35)."""

from django import template

register = template.Library()


@register.filter
def ratio(value) -> str:
    if value is None:
        return "–"
    if value >= 10:
        return f"{value:.0f}"
    text = f"{value:.1f}" if value >= 0.1 else f"{value:.2f}"
    return text.removesuffix(".0")
