"""The customer's alert choices, mobile number and statement preference.

Saving what is already recorded writes nothing and records no audit event; every
change is one audit event with the kinds and channels (never the number or amount).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from partnership.accounts.models import User
from partnership.alerts.models import AlertChoice, AlertKind, AlertPhone, StatementPreference
from partnership.alerts.phone import uk_mobile_normalise
from partnership.alerts.selectors import (
    alert_choices_current,
    alert_mobile_current,
    statement_paperless,
)
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, DataValue, audit_record
from partnership.core import clock


@dataclass(frozen=True)
class ChoiceInput:
    by_email: bool = False
    by_sms: bool = False
    days_before: int | None = None  # payment due
    percent: int | None = None  # near the limit
    amount: Decimal | None = None  # purchase over

    @property
    def chosen(self) -> bool:
        return self.by_email or self.by_sms


def _as_input(choice: AlertChoice | None) -> ChoiceInput:
    if choice is None:
        return ChoiceInput()
    return ChoiceInput(
        by_email=choice.by_email,
        by_sms=choice.by_sms,
        days_before=choice.days_before,
        percent=choice.percent,
        amount=choice.amount,
    )


def _lock(user: User) -> None:
    if user.is_staff:
        raise ValueError("staff have no alerts")
    # Serialises two submissions for the same person, as marketing choices do.
    User.objects.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def alert_choices_save(
    *,
    user: User,
    choices: Mapping[AlertKind, ChoiceInput],
    mobile: str | None,
    actor: Actor,
) -> list[AlertKind]:
    """Record the kinds whose choice changed and the mobile number; return the kinds.

    ``mobile`` None keeps the number on file; "" removes it. Text messages need a
    number: refused (``ValueError``, nothing written) without one.
    """
    _lock(user)
    number = uk_mobile_normalise(mobile) if mobile else mobile
    kept = alert_mobile_current(user=user) if number is None else (number or None)
    if kept is None and any(choice.by_sms for choice in choices.values()):
        raise ValueError("text-message alerts need a mobile number")
    current = {kind: _as_input(row) for kind, row in alert_choices_current(user=user).items()}
    now = clock.now()
    changed = [kind for kind, new in choices.items() if new != current.get(kind, ChoiceInput())]
    data: dict[str, DataValue] = {}
    for kind in changed:
        new = choices[kind]
        if new.chosen:
            AlertChoice.objects.update_or_create(
                user=user,
                kind=kind,
                defaults={
                    "by_email": new.by_email,
                    "by_sms": new.by_sms,
                    "days_before": new.days_before,
                    "percent": new.percent,
                    "amount": new.amount,
                    "updated_at": now,
                },
            )
        else:
            AlertChoice.objects.filter(user=user, kind=kind).delete()
        data.update(_audit_data(kind, new))
    mobile_changed = _mobile_save(user=user, number=number, now=now)
    if changed or mobile_changed:
        data["mobile_changed"] = mobile_changed
        audit_record(
            event=AuditEventType.ALERTS_CHOICES_UPDATE,
            actor=actor,
            subject_type="user",
            subject_id=str(user.pk),
            data=data,
        )
    return changed


def _audit_data(kind: AlertKind, new: ChoiceInput) -> dict[str, DataValue]:
    data: dict[str, DataValue] = {f"{kind}_email": new.by_email, f"{kind}_sms": new.by_sms}
    if kind == AlertKind.PAYMENT_DUE:
        data["payment_due_days"] = new.days_before
    if kind == AlertKind.LIMIT:
        data["limit_percent"] = new.percent
    return data


def _mobile_save(*, user: User, number: str | None, now: object) -> bool:
    if number is None:
        return False
    current = alert_mobile_current(user=user)
    if number == "":
        return AlertPhone.objects.filter(user=user).delete()[0] > 0
    if number == current:
        return False
    AlertPhone.objects.update_or_create(user=user, defaults={"number": number, "updated_at": now})
    return True


@transaction.atomic
def statement_preference_save(*, user: User, paperless: bool, actor: Actor) -> bool:
    """Paper or paperless statements; True when it changed (saying it again writes nothing)."""
    _lock(user)
    if StatementPreference.objects.filter(user=user).exists() and (
        statement_paperless(user=user) == paperless
    ):
        return False
    StatementPreference.objects.update_or_create(
        user=user, defaults={"paperless": paperless, "updated_at": clock.now()}
    )
    audit_record(
        event=AuditEventType.ALERTS_STATEMENT_PREFERENCE_UPDATE,
        actor=actor,
        subject_type="user",
        subject_id=str(user.pk),
        data={"paperless": paperless},
    )
    return True
