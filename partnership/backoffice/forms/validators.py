"""Text validators shared by the back-office forms: readable, and on one line or many."""

from __future__ import annotations

from django.core.validators import RegexValidator

from partnership.core.text import validate_multi_line, validate_readable, validate_single_line

# A call, case or recording reference: never free text, so never personal data.
REFERENCE = RegexValidator(r"^[A-Za-z0-9-]*$", "Use letters, digits and hyphens only.")


def single_line(value: str) -> None:
    validate_readable(value)
    validate_single_line(value)


def multi_line(value: str) -> None:
    validate_readable(value)
    validate_multi_line(value)
