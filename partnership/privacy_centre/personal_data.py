"""Inventory entries and retention rules for what the privacy centre shows and lets
the customer control: marketing choices, remembered browsers and device cookies. The
models stay in ``accounts``; its own entries are in ``accounts/personal_data.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from partnership.accounts.models import DeviceCookie, MarketingConsent, RememberedDevice
from partnership.accounts.subject_data import rows_erase, subject_users
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import ErasureOutcome, InventoryEntry, LawfulBasis, PersonalField
from partnership.privacy.subjects import DataSubject

# Proof of what a customer agreed to, and when, is needed while we might be asked
# about marketing we sent them: as long as the account, and 2 years after it closes
# (past the 12 months in which complaints about marketing normally reach the ICO).
MARKETING_AFTER_CLOSE = dt.timedelta(days=2 * 366)
# An expired remembered browser is useless to everyone: gone a day after it expires.
EXPIRED_DEVICE_GRACE = dt.timedelta(days=1)


def marketing_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "channel": record.channel,
            "granted": record.granted,
            "recorded_at": record.recorded_at,
            "source": record.source,
        }
        for record in MarketingConsent.objects.filter(user__in=subject_users(subject)).order_by(
            "recorded_at", "pk"
        )
    ]


def marketing_erase(subject: DataSubject) -> ErasureOutcome:
    """Erasing the history leaves every channel at "no" (the default): safe to do."""
    return rows_erase(MarketingConsent.objects.filter(user__in=subject_users(subject)))


def _browsers_export(
    rows: QuerySet[RememberedDevice] | QuerySet[DeviceCookie],
) -> list[dict[str, Any]]:
    """Remembered browsers and device cookies are exported alike."""
    return [
        {
            "device": device.label,
            "added_at": device.created_at,
            "last_used_at": device.last_used_at,
            "expires_at": device.expires_at,
        }
        for device in rows.order_by("created_at")
    ]


def devices_export(subject: DataSubject) -> list[dict[str, Any]]:
    return _browsers_export(RememberedDevice.objects.filter(user__in=subject_users(subject)))


def devices_erase(subject: DataSubject) -> ErasureOutcome:
    return rows_erase(RememberedDevice.objects.filter(user__in=subject_users(subject)))


def device_cookies_export(subject: DataSubject) -> list[dict[str, Any]]:
    return _browsers_export(DeviceCookie.objects.filter(user__in=subject_users(subject)))


def device_cookies_erase(subject: DataSubject) -> ErasureOutcome:
    return rows_erase(DeviceCookie.objects.filter(user__in=subject_users(subject)))


DEVICE_COOKIES = InventoryEntry(
    model=DeviceCookie,
    category="device_cookies",
    description=(
        "Browsers on which you signed in with your password and one-time code: the kind "
        "of browser, when it first and last signed in. Someone guessing at your password "
        "cannot lock these browsers out. The cookie holds a random value; we keep only a "
        "keyed fingerprint of it."
    ),
    fields=(
        PersonalField(
            "label",
            "Browser",
            "So you can recognise and remove the browsers you signed in on.",
            LawfulBasis.CONTRACT,
            encrypted=True,
        ),
        PersonalField(
            "last_used_at",
            "Last used",
            "So you can spot a browser you do not recognise.",
            LawfulBasis.CONTRACT,
            encrypted=False,
        ),
    ),
    retention_rule="device-cookies",
    export=device_cookies_export,
    erase=device_cookies_erase,
)

ENTRIES = (
    InventoryEntry(
        model=MarketingConsent,
        category="marketing_choices",
        description=(
            "Whether you want marketing from us by post, e-mail, phone or text message: "
            "every change you made, when, and where you made it. No record means no."
        ),
        fields=(
            PersonalField(
                "channel",
                "Channel",
                "Which kind of marketing.",
                LawfulBasis.CONSENT,
                encrypted=False,
            ),
            PersonalField(
                "granted",
                "Your answer",
                "To send marketing only to people who asked for it.",
                LawfulBasis.CONSENT,
                encrypted=False,
            ),
            PersonalField(
                "recorded_at",
                "When",
                "To prove when you agreed or said no.",
                LawfulBasis.LEGAL_OBLIGATION,
                encrypted=False,
            ),
            PersonalField(
                "source",
                "Where",
                "To prove how you gave your answer.",
                LawfulBasis.LEGAL_OBLIGATION,
                encrypted=False,
            ),
        ),
        retention_rule="marketing-choices",
        export=marketing_export,
        erase=marketing_erase,
    ),
    InventoryEntry(
        model=RememberedDevice,
        category="remembered_devices",
        description=(
            "Browsers you asked us to remember for 30 days, so that your password is "
            "enough on them: the kind of browser, when added and last used. The cookie "
            "holds a random value; we keep only a keyed fingerprint of it."
        ),
        fields=(
            PersonalField(
                "label",
                "Browser",
                "So you can recognise and forget your remembered browsers.",
                LawfulBasis.CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "last_used_at",
                "Last used",
                "So you can spot a browser you do not recognise.",
                LawfulBasis.CONTRACT,
                encrypted=False,
            ),
        ),
        retention_rule="remembered-devices",
        export=devices_export,
        erase=devices_erase,
    ),
    DEVICE_COOKIES,
)

RULES = (
    retention.TableRule(
        name="marketing-choices",
        description=(
            "As long as the account, and 2 years after it closes: the proof of what you "
            "agreed to while we might be asked about marketing we sent."
        ),
        queryset=lambda: MarketingConsent.objects.filter(user__closed_at__isnull=False),
        aged_by="user__closed_at",
        period=MARKETING_AFTER_CLOSE,
    ),
    retention.TableRule(
        name="remembered-devices",
        description="30 days from when you added the browser (a day's grace), then deleted.",
        queryset=RememberedDevice.objects.all,
        aged_by="expires_at",
        period=EXPIRED_DEVICE_GRACE,
    ),
    retention.TableRule(
        name="device-cookies",
        description="180 days from the sign-in that set the cookie (a day's grace), then deleted.",
        queryset=DeviceCookie.objects.all,
        aged_by="expires_at",
        period=EXPIRED_DEVICE_GRACE,
    ),
)


def register() -> None:
    for entry in ENTRIES:
        inventory.register(entry)
    for rule in RULES:
        retention.register(rule)
