"""What the data inventory and the retention engine know about alerts: the choices,
the mobile number, the statement preference and the log of alerts sent.

Choices, number and preference serve the account: deleted 30 days after the customer
relationship ends. The sent-alert log answers "did you tell me?" in a question or
complaint: kept 2 years from sending. All of it goes with the person on erasure (no
legal hold: the statements and transactions themselves are kept by ``cards``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from partnership.accounts.subject_data import rows_erase, subject_users
from partnership.alerts.models import AlertChoice, AlertPhone, SentAlert, StatementPreference
from partnership.alerts.phone import uk_mobile_display
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import ErasureOutcome, InventoryEntry, LawfulBasis, PersonalField
from partnership.privacy.subjects import DataSubject

AFTER_CLOSE = dt.timedelta(days=30)
SENT_LOG_PERIOD = dt.timedelta(days=2 * 365 + 1)
_C = LawfulBasis.CONTRACT
_LI = LawfulBasis.LEGITIMATE_INTERESTS


def _rows(model: Any, subject: DataSubject) -> QuerySet[Any]:
    rows: QuerySet[Any] = model.objects.filter(user__in=subject_users(subject))
    return rows


def choices_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "kind": choice.kind,
            "by_email": choice.by_email,
            "by_sms": choice.by_sms,
            "days_before_due": choice.days_before,
            "limit_percent": choice.percent,
            "purchase_over": choice.amount,
            "updated_at": choice.updated_at,
        }
        for choice in _rows(AlertChoice, subject).order_by("kind")
    ]


def phone_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {"mobile": uk_mobile_display(phone.number), "updated_at": phone.updated_at}
        for phone in _rows(AlertPhone, subject)
    ]


def preference_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {"paperless": row.paperless, "updated_at": row.updated_at}
        for row in _rows(StatementPreference, subject)
    ]


def sent_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {"kind": row.kind, "channel": row.channel, "sent_at": row.sent_at}
        for row in _rows(SentAlert, subject).order_by("sent_at", "pk")
    ]


def _eraser(model: Any) -> Any:
    def erase(subject: DataSubject) -> ErasureOutcome:
        return rows_erase(_rows(model, subject))

    return erase


def _closed(model: Any) -> Any:
    return lambda: model.objects.filter(user__closed_at__isnull=False)


_CLOSED_TEXT = "while your account is open, and deleted 30 days after it closes."

RULES = (
    retention.TableRule(
        name="alert-choices",
        description=f"Alert choices: kept {_CLOSED_TEXT}",
        queryset=_closed(AlertChoice),
        aged_by="user__closed_at",
        period=AFTER_CLOSE,
    ),
    retention.TableRule(
        name="alert-phone",
        description=f"The mobile number for text alerts: kept {_CLOSED_TEXT}",
        queryset=_closed(AlertPhone),
        aged_by="user__closed_at",
        period=AFTER_CLOSE,
    ),
    retention.TableRule(
        name="statement-preference",
        description=f"Paper or paperless statements: kept {_CLOSED_TEXT}",
        queryset=_closed(StatementPreference),
        aged_by="user__closed_at",
        period=AFTER_CLOSE,
    ),
    retention.TableRule(
        name="sent-alerts",
        description=(
            "The record of alerts we sent (kind, how and when): kept 2 years from sending, "
            "to answer questions and complaints about them, then deleted."
        ),
        queryset=SentAlert.objects.all,
        aged_by="sent_at",
        period=SENT_LOG_PERIOD,
    ),
)

ENTRIES = (
    InventoryEntry(
        model=AlertChoice,
        category="alerts_chosen",
        description=(
            "The alerts you asked for, by e-mail or text message, with the days, per cent "
            "or amount you set for them."
        ),
        fields=(
            PersonalField("kind", "Alert", "To send the alerts you asked for.", _C, False),
            PersonalField("by_email", "By e-mail", "To send them as you asked.", _C, False),
            PersonalField("by_sms", "By text message", "To send them as you asked.", _C, False),
            PersonalField("days_before", "Days before the due date", "To time it.", _C, False),
            PersonalField("percent", "Share of the limit", "To know when to tell you.", _C, False),
            PersonalField("amount", "Purchase over", "To know when to tell you.", _C, True),
        ),
        retention_rule="alert-choices",
        export=choices_export,
        erase=_eraser(AlertChoice),
    ),
    InventoryEntry(
        model=AlertPhone,
        category="alert_mobile",
        description="The UK mobile number you gave us for text message alerts.",
        fields=(
            PersonalField(
                "number", "Mobile number", "To send the text alerts you asked for.", _C, True
            ),
        ),
        retention_rule="alert-phone",
        export=phone_export,
        erase=_eraser(AlertPhone),
    ),
    InventoryEntry(
        model=StatementPreference,
        category="statement_preference",
        description="Whether you want paper statements by post or paperless ones online.",
        fields=(
            PersonalField(
                "paperless", "Paperless", "To send your statements as you chose.", _C, False
            ),
        ),
        retention_rule="statement-preference",
        export=preference_export,
        erase=_eraser(StatementPreference),
    ),
    InventoryEntry(
        model=SentAlert,
        category="alerts_sent",
        description=(
            "Which alerts we sent you, how and when. Never what they said, and never your "
            "number or address."
        ),
        fields=(
            PersonalField("kind", "Alert", "To answer questions about our alerts.", _LI, False),
            PersonalField("channel", "How", "To answer questions about our alerts.", _LI, False),
            PersonalField("sent_at", "When", "To answer questions about our alerts.", _LI, False),
        ),
        retention_rule="sent-alerts",
        export=sent_export,
        erase=_eraser(SentAlert),
    ),
)


def register() -> None:
    for rule in RULES:
        retention.register(rule)
    for entry in ENTRIES:
        inventory.register(entry)
