"""The accounts app's entries in the data inventory, its retention rules and resolver."""

from __future__ import annotations

import datetime as dt

import pytest

from partnership.accounts.models import SignInEvent, TotpDevice
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import SECRET, customer_make
from partnership.privacy import inventory, retention
from partnership.privacy.export import subject_access_collect
from partnership.privacy.subjects import data_subject_resolve

pytestmark = pytest.mark.django_db


def test_the_subject_resolver_maps_an_email_to_the_user_id() -> None:
    user = customer_make()

    assert data_subject_resolve(email=" ADA.test@Example.com").user_id == user.pk
    assert data_subject_resolve(email="nobody@example.com").user_id is None


def test_every_accounts_category_is_registered_with_its_rule() -> None:
    categories = {entry.category: entry for entry in inventory.registered()}

    for category in ("identity", "contact_details", "sign_in_history", "security_credentials"):
        assert retention.rule_named(categories[category].retention_rule) is not None


def test_the_export_holds_identity_and_credentials_metadata_but_never_a_secret() -> None:
    customer_make()

    data = subject_access_collect(subject=data_subject_resolve(email="ada.test@example.com"))

    assert data["identity"][0]["email"] == "ada.test@example.com"
    assert data["contact_details"][0]["postcode"] == "TE1 1ST"
    [credential] = data["security_credentials"]
    assert set(credential) == {
        "kind",
        "added_at",
        "confirmed_at",
        "last_used_at",
        "recovery_codes_unused",
    }
    assert SECRET not in repr(data)


def test_sign_in_history_is_deleted_after_thirteen_months(frozen_clock: FrozenClock) -> None:
    user = customer_make()
    SignInEvent.objects.create(
        user=user, occurred_at=frozen_clock.now(), outcome="success", factor="totp"
    )
    frozen_clock.advance(days=396, seconds=1)
    SignInEvent.objects.create(
        user=user, occurred_at=frozen_clock.now(), outcome="success", factor="totp"
    )

    retention.retention_run(dry_run=False)

    assert SignInEvent.objects.count() == 1


def test_abandoned_authenticator_set_ups_go_after_a_day(frozen_clock: FrozenClock) -> None:
    user = customer_make()
    TotpDevice.objects.create(user=user, secret=SECRET, created_at=frozen_clock.now())
    frozen_clock.advance(days=1, seconds=1)

    retention.retention_run(dry_run=False)

    assert list(TotpDevice.objects.values_list("confirmed_at", flat=True)) != [None]
    assert TotpDevice.objects.filter(confirmed_at__isnull=True).count() == 0
    assert TotpDevice.objects.count() == 1
    assert dt.timedelta(days=1) == retention.rule_period(
        retention.rule_named("unconfirmed-authenticators")  # type: ignore[arg-type]
    )
