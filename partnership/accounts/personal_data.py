"""What the data inventory, the retention engine and subject look-up know about accounts:
the categories, their fields and rules. Each category's export and erasure are in
``subject_data.py``."""

from __future__ import annotations

import datetime as dt

from partnership.accounts.models import CustomerProfile, Passkey, SignInEvent, TotpDevice, User
from partnership.accounts.subject_data import (
    ACCOUNT_RETENTION,
    HOLD_AML,
    HOLD_OPEN,
    contact_erase,
    contact_export,
    credentials_erase,
    credentials_export,
    identity_erase,
    identity_export,
    passkeys_erase,
    passkeys_export,
    sign_in_erase,
    sign_in_export,
    user_id_for_subject,
)
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import InventoryEntry, LawfulBasis, PersonalField
from partnership.privacy.subjects import register_subject_resolver

# 13 months: a customer can review a full year of sign-ins (and the month of a yearly
# statement), and fraud investigations of card disputes, raised within 120 days of a
# transaction, have the history they need. Longer would keep addresses for no purpose.
SIGN_IN_RETENTION = dt.timedelta(days=396)
# An authenticator set-up abandoned half-way (never confirmed) holds a secret for no one.
UNCONFIRMED_DEVICE_RETENTION = dt.timedelta(days=1)

# A closed account signs no one in: its passkeys have no use left.
CLOSED_ACCOUNT_PASSKEY_RETENTION = dt.timedelta(days=1)

_CONTRACT = LawfulBasis.CONTRACT
_FRAUD = LawfulBasis.LEGITIMATE_INTERESTS

ENTRIES = (
    InventoryEntry(
        model=User,
        category="identity",
        description=(
            "Who you are and how you sign in: your e-mail address, name and date of birth."
        ),
        fields=(
            PersonalField(
                "email",
                "E-mail address",
                "To sign you in and write to you.",
                _CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "full_name",
                "Name",
                "To address you and identify you when you call.",
                _CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "date_of_birth",
                "Date of birth",
                "To confirm who you are; the law requires it for credit.",
                LawfulBasis.LEGAL_OBLIGATION,
                encrypted=True,
            ),
        ),
        retention_rule="account-identity",
        legal_holds=(HOLD_AML, HOLD_OPEN),
        export=identity_export,
        erase=identity_erase,
    ),
    InventoryEntry(
        model=CustomerProfile,
        category="contact_details",
        description="Your postal address and phone number.",
        fields=(
            PersonalField(
                "postal_address",
                "Postal address",
                "To send statements and your card.",
                _CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "postcode", "Postcode", "Part of your address.", _CONTRACT, encrypted=True
            ),
            PersonalField(
                "phone",
                "Phone number",
                "To reach you about your account, for example about fraud.",
                _CONTRACT,
                encrypted=True,
            ),
        ),
        retention_rule="account-contact-details",
        legal_holds=(HOLD_AML, HOLD_OPEN),
        export=contact_export,
        erase=contact_erase,
    ),
    InventoryEntry(
        model=SignInEvent,
        category="sign_in_history",
        description=(
            "Each time someone signed in to your account or tried to: when, the outcome, "
            "and the internet address and browser used."
        ),
        fields=(
            PersonalField(
                "occurred_at", "Time", "To show you your sign-in history.", _FRAUD, encrypted=False
            ),
            PersonalField(
                "outcome",
                "Outcome",
                "To spot attempts to break into your account.",
                _FRAUD,
                encrypted=False,
            ),
            PersonalField(
                "ip_address",
                "Internet address",
                "To investigate fraud on your account.",
                _FRAUD,
                encrypted=True,
            ),
            PersonalField(
                "user_agent",
                "Browser",
                "To help you recognise your own sign-ins.",
                _FRAUD,
                encrypted=True,
            ),
        ),
        retention_rule="sign-in-history",
        export=sign_in_export,
        erase=sign_in_erase,
    ),
    InventoryEntry(
        model=TotpDevice,
        category="security_credentials",
        description=(
            "Your authenticator app and recovery codes. The export lists when they were "
            "set up and used, never the secrets themselves."
        ),
        fields=(
            PersonalField(
                "secret",
                "Authenticator key",
                "To check the codes your app shows.",
                _CONTRACT,
                encrypted=True,
            ),
        ),
        retention_rule="unconfirmed-authenticators",
        legal_holds=(HOLD_AML, HOLD_OPEN),
        export=credentials_export,
        erase=credentials_erase,
    ),
    InventoryEntry(
        model=Passkey,
        category="passkeys",
        description=(
            "The passkeys you added to sign in with: the names you gave them and when "
            "they were added and last used. The export never includes the keys."
        ),
        fields=(
            PersonalField(
                "name",
                "Passkey name",
                "So you can tell your passkeys apart.",
                _CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "public_key",
                "Passkey public key",
                "To check that it is your passkey signing you in.",
                _CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "credential_id",
                "Passkey identifier",
                "To find which of your passkeys is being used.",
                _CONTRACT,
                encrypted=True,
            ),
        ),
        retention_rule="passkeys-closed-accounts",
        legal_holds=(HOLD_OPEN,),
        export=passkeys_export,
        erase=passkeys_erase,
    ),
)

RULES = (
    retention.TableRule(
        name="account-identity",
        description=(
            "6 years after the account closes (anti-money-laundering records), then "
            "deleted with everything that depends on it."
        ),
        queryset=lambda: User.objects.filter(closed_at__isnull=False),
        aged_by="closed_at",
        period=ACCOUNT_RETENTION,
    ),
    retention.TableRule(
        name="account-contact-details",
        description="As long as the account, and 6 years after it closes.",
        queryset=lambda: CustomerProfile.objects.filter(user__closed_at__isnull=False),
        aged_by="user__closed_at",
        period=ACCOUNT_RETENTION,
    ),
    retention.TableRule(
        name="sign-in-history",
        description=(
            "13 months from each sign-in: a year of history for you to review, and "
            "enough for fraud investigations."
        ),
        queryset=SignInEvent.objects.all,
        aged_by="occurred_at",
        period=SIGN_IN_RETENTION,
    ),
    retention.TableRule(
        name="unconfirmed-authenticators",
        description=(
            "An authenticator set-up never completed is deleted after a day; a "
            "confirmed one lasts as long as the account."
        ),
        queryset=lambda: TotpDevice.objects.filter(confirmed_at__isnull=True),
        aged_by="created_at",
        period=UNCONFIRMED_DEVICE_RETENTION,
    ),
    retention.TableRule(
        name="passkeys-closed-accounts",
        description=(
            "A passkey is kept while the account is open; a day after the account "
            "closes it is deleted, as it can no longer sign anyone in."
        ),
        queryset=lambda: Passkey.objects.filter(user__closed_at__isnull=False),
        aged_by="user__closed_at",
        period=CLOSED_ACCOUNT_PASSKEY_RETENTION,
    ),
)


def register() -> None:
    for entry in ENTRIES:
        inventory.register(entry)
    for rule in RULES:
        retention.register(rule)
    register_subject_resolver("accounts.email", user_id_for_subject)
