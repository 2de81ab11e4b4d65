"""What makes a breach record or a notice acceptable, checked before anything is stored.

The 72-hour clock (Art. 33(1)) runs from awareness: the deadline is ``found_at`` plus
72 elapsed hours, whatever the wall clock does in between (a clock change makes it read
71 or 73 hours later in Europe/London time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from partnership.compliance.breaches.models import (
    ICO_DEADLINE_HOURS,
    SUBJECT_MAX,
    TEXT_MAX,
    IcoStatus,
    PeopleDecision,
)
from partnership.core import clock
from partnership.core.text import validate_multi_line, validate_single_line
from partnership.privacy import inventory


@dataclass(frozen=True)
class BreachInput:
    title: str
    occurred_at: dt.datetime
    found_at: dt.datetime
    description: str
    data_categories: list[str]
    people_affected: int
    records_affected: int
    consequences: str
    measures: str
    ico_status: str = IcoStatus.UNDECIDED
    ico_reported_at: dt.datetime | None = None
    late_reason: str = ""
    not_reported_reason: str = ""
    people_decision: str = PeopleDecision.UNDECIDED
    people_decision_reason: str = ""


def ico_deadline(found_at: dt.datetime) -> dt.datetime:
    """72 elapsed hours after the breach was found (UTC arithmetic, never wall-clock)."""
    return (found_at.astimezone(dt.UTC) + dt.timedelta(hours=ICO_DEADLINE_HOURS)).astimezone(dt.UTC)


def london_label(moment: dt.datetime) -> str:
    """E.g. ``27 October 2026, 11:00 GMT``: the time in Europe/London with its zone."""
    local = moment.astimezone(clock.LONDON)
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"


def inventory_categories() -> list[str]:
    return [entry.category for entry in inventory.registered()]


def breach_input_check(*, data: BreachInput, now: dt.datetime) -> None:
    """``ValidationError`` (by field) unless ``data`` can be stored as it is."""
    errors: dict[str, str] = {}
    if data.found_at > now:
        errors["found_at"] = "The time the breach was found cannot be in the future."
    elif data.found_at < data.occurred_at:
        errors["found_at"] = "The breach cannot have been found before it happened."
    known = set(inventory_categories())
    if not data.data_categories or not set(data.data_categories) <= known:
        errors["data_categories"] = "Choose one or more categories from the data inventory."
    if data.ico_status == IcoStatus.REPORTED:
        if data.ico_reported_at is None:
            errors["ico_reported_at"] = "Give the time the breach was reported to the ICO."
        elif data.ico_reported_at > now or data.ico_reported_at < data.found_at:
            errors["ico_reported_at"] = "The report time must be between finding it and now."
        elif data.ico_reported_at > ico_deadline(data.found_at) and not data.late_reason.strip():
            errors["late_reason"] = "The report was after 72 hours: say why it was late."
    if data.ico_status == IcoStatus.NOT_REPORTED and not data.not_reported_reason.strip():
        errors["not_reported_reason"] = "Say why the breach is not reported to the ICO."
    if data.people_decision == PeopleDecision.DO_NOT_TELL and not (
        data.people_decision_reason.strip()
    ):
        errors["people_decision_reason"] = "Say why the people affected are not told."
    if errors:
        raise ValidationError(errors)


def notice_text_check(*, subject: str, message: str) -> None:
    errors: dict[str, str] = {}
    try:
        validate_single_line(subject)
    except ValidationError:
        errors["subject"] = "The subject must be one line of text."
    if not subject.strip() or len(subject) > SUBJECT_MAX:
        errors["subject"] = f"Write a subject of up to {SUBJECT_MAX} characters."
    try:
        validate_multi_line(message)
    except ValidationError:
        errors["message"] = "The message holds characters that cannot be sent."
    if not message.strip() or len(message) > TEXT_MAX:
        errors["message"] = f"Write a message of up to {TEXT_MAX} characters."
    if errors:
        raise ValidationError(errors)
