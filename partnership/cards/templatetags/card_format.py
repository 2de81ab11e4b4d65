"""Formatting for card pages: money in pounds, points with thousands separators."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(value: Decimal | None) -> str:
    """``£1,234.56``; a negative amount with a true minus sign (U+2212) before the £."""
    if value is None:
        return ""
    sign = "−" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


@register.filter
def points(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    number = int(value)
    return f"−{-number:,}" if number < 0 else f"{number:,}"
