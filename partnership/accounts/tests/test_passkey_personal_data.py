"""Passkeys in the data inventory: exported as names and dates only, deleted a day
after the account closes, erased with the person once the account is closed."""

from __future__ import annotations

import pytest

from partnership.accounts.models import Passkey, User
from partnership.accounts.services.passkeys import credential_index
from partnership.accounts.subject_data import passkeys_erase
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import customer_make
from partnership.core import clock
from partnership.privacy import inventory, retention
from partnership.privacy.export import subject_access_collect
from partnership.privacy.subjects import data_subject_resolve

pytestmark = pytest.mark.django_db
PUBLIC_KEY = "pQECAyYgASFYIKey-material-stands-in-here"


def _passkey(user: User, *, name: str = "My phone") -> Passkey:
    passkey = Passkey(
        user=user,
        name=name,
        credential_index=credential_index(name.encode()),
        credential_id="Y3JlZGVudGlhbA",
        public_key=PUBLIC_KEY,
        created_at=clock.now(),
    )
    passkey.full_clean()
    passkey.save()
    return passkey


def test_passkeys_are_registered_with_their_rule() -> None:
    [entry] = [e for e in inventory.registered() if e.category == "passkeys"]
    assert entry.model is Passkey
    assert retention.rule_named(entry.retention_rule) is not None


def test_the_export_holds_names_and_dates_only(frozen_clock: FrozenClock) -> None:
    _passkey(customer_make())
    data = subject_access_collect(subject=data_subject_resolve(email="ada.test@example.com"))
    assert data["passkeys"] == [
        {"name": "My phone", "added_at": "2026-11-25T10:07:10Z", "last_used_at": None}
    ]
    assert PUBLIC_KEY not in repr(data)
    assert "Y3JlZGVudGlhbA" not in repr(data)


def test_passkeys_go_a_day_after_the_account_closes(frozen_clock: FrozenClock) -> None:
    open_account, closed = customer_make(), customer_make("closed.test@example.com")
    _passkey(open_account, name="Open")
    _passkey(closed, name="Closed")
    closed.closed_at = frozen_clock.now()
    closed.save(update_fields=["closed_at"])
    frozen_clock.advance(days=1, seconds=1)

    retention.retention_run(dry_run=False)

    assert [p.name for p in Passkey.objects.all()] == ["Open"]


def test_erasure_keeps_an_open_accounts_passkeys_and_removes_a_closed_ones(
    frozen_clock: FrozenClock,
) -> None:
    user = customer_make()
    _passkey(user)
    subject = data_subject_resolve(email="ada.test@example.com")
    held = passkeys_erase(subject)
    assert held.erased_ids == ()
    assert Passkey.objects.count() == 1
    user.closed_at = frozen_clock.now()
    user.save(update_fields=["closed_at"])
    passkeys_erase(subject)
    assert Passkey.objects.count() == 0
