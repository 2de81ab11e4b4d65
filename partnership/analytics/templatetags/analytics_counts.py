"""``{{ value|count:threshold }}``: a report figure as staff read it."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter(name="count")
def count(value: int | None, threshold: int) -> str:
    """``1,234``; a withheld figure (``None``) reads "fewer than 10"."""
    if value is None:
        return f"fewer than {threshold}"
    return f"{value:,}"
