"""Passkey ceremonies with real attestation and assertion answers (a software P-256
authenticator): the good paths, and each refusal leaving nothing behind but its audit
event."""

from __future__ import annotations

from typing import Any

import pytest

from partnership.accounts.models import Passkey, User
from partnership.accounts.services.passkey_changes import (
    ChangeOutcome,
    StepUp,
    passkey_add,
    passkey_remove,
)
from partnership.accounts.services.passkeys import (
    Ceremony,
    Refusal,
    credential_index,
    passkey_assertion_check,
    passkey_authentication_options,
    passkey_registration_check,
    passkey_registration_options,
)
from partnership.accounts.services.sign_in import SignInClient
from partnership.accounts.tests.support import code_now, customer_make
from partnership.accounts.tests.webauthn_support import SoftAuthenticator
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
CLIENT = SignInClient(key="k" * 64, ip_address="192.0.2.10", user_agent="pytest")


def _session() -> dict[str, Any]:
    return {}


def _refusals() -> list[tuple[str, str]]:
    return list(
        AuditEvent.objects.filter(event="account:passkey:refuse")
        .order_by("pk")
        .values_list("reason", "data__ceremony")
    )


def _add(user: User, authenticator: SoftAuthenticator, session: dict[str, Any]) -> Passkey:
    answer = authenticator.create(passkey_registration_options(user=user, session=session))
    outcome, refusal = passkey_add(
        user=user,
        name="My phone",
        credential=answer,
        step_up=StepUp(code=code_now()),
        session=session,
        client=CLIENT,
    )
    assert (outcome, refusal) == (ChangeOutcome.DONE, None)
    return Passkey.objects.get(user=user)


def test_registration_stores_the_key_encrypted_and_finds_it_by_blind_index() -> None:
    user, authenticator, session = customer_make(), SoftAuthenticator(), _session()
    passkey = _add(user, authenticator, session)
    assert passkey.name == "My phone"
    assert passkey.sign_count == 0
    assert passkey.transports == "internal"
    assert passkey.credential_index == credential_index(authenticator.credential_id)
    raw = Passkey.objects.filter(pk=passkey.pk).values_list("public_key", "name").get()
    assert all(not str(value).startswith(("pQEC", "My phone")) for value in raw)
    event = AuditEvent.objects.get(event="account:passkey:add")
    assert event.data == {"passkey_id": str(passkey.pk), "step_up": "code"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"origin": "https://evil.example"}, Refusal.WRONG_ORIGIN),
        ({"rp_id": "evil.example"}, Refusal.WRONG_RP_ID),
    ],
)
def test_registration_from_elsewhere_is_refused_and_stores_nothing(
    change: dict[str, str], reason: Refusal
) -> None:
    user, session = customer_make(), _session()
    answer = SoftAuthenticator().create(
        passkey_registration_options(user=user, session=session), **change
    )
    verified = passkey_registration_check(user=user, name="x", credential=answer, session=session)
    assert (verified.passkey, verified.refusal) == (None, reason)
    assert Passkey.objects.count() == 0
    assert _refusals() == [(reason.value, "register")]


def test_a_replayed_registration_answer_finds_no_challenge() -> None:
    user, authenticator, session = customer_make(), SoftAuthenticator(), _session()
    answer = authenticator.create(passkey_registration_options(user=user, session=session))
    first = passkey_registration_check(user=user, name="x", credential=answer, session=session)
    assert first.passkey is not None
    again = passkey_registration_check(user=user, name="x", credential=answer, session=session)
    assert again.refusal == Refusal.NO_CHALLENGE
    assert Passkey.objects.count() == 0  # the check alone never saves


def test_a_wrong_step_up_code_stores_no_passkey() -> None:
    user, session = customer_make(), _session()
    answer = SoftAuthenticator().create(passkey_registration_options(user=user, session=session))
    outcome, _ = passkey_add(
        user=user,
        name="x",
        credential=answer,
        step_up=StepUp(code="000000" if code_now() != "000000" else "111111"),
        session=session,
        client=CLIENT,
    )
    assert outcome == ChangeOutcome.WRONG_CODE
    assert Passkey.objects.count() == 0
    assert session == {}  # the registration challenge is spent too


def test_authentication_moves_the_sign_count_and_records_the_use() -> None:
    user, authenticator, session = customer_make(), SoftAuthenticator(), _session()
    _add(user, authenticator, session)
    options = passkey_authentication_options(user=user, ceremony=Ceremony.SIGN_IN, session=session)
    verified = passkey_assertion_check(
        user=user, credential=authenticator.get(options), ceremony=Ceremony.SIGN_IN, session=session
    )
    assert verified.passkey is not None
    assert verified.passkey.sign_count == 1
    assert verified.passkey.last_used_at is not None


def test_a_replayed_assertion_finds_no_challenge() -> None:
    user, authenticator, session = customer_make(), SoftAuthenticator(), _session()
    _add(user, authenticator, session)
    options = passkey_authentication_options(user=user, ceremony=Ceremony.SIGN_IN, session=session)
    answer = authenticator.get(options)
    first = passkey_assertion_check(
        user=user, credential=answer, ceremony=Ceremony.SIGN_IN, session=session
    )
    assert first.refusal is None
    again = passkey_assertion_check(
        user=user, credential=answer, ceremony=Ceremony.SIGN_IN, session=session
    )
    assert again.refusal == Refusal.NO_CHALLENGE
    assert Passkey.objects.get().sign_count == 1
    assert _refusals() == [("no_challenge", "sign_in")]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"origin": "http://localhost:9999"}, Refusal.WRONG_ORIGIN),
        ({"rp_id": "example.com"}, Refusal.WRONG_RP_ID),
        ({"count_up": False}, Refusal.SIGN_COUNT),
    ],
)
def test_a_bad_assertion_is_refused_and_changes_nothing(
    change: dict[str, Any], reason: Refusal
) -> None:
    user, authenticator, session = customer_make(), SoftAuthenticator(), _session()
    _add(user, authenticator, session)
    authenticator.sign_count = 5
    good = passkey_authentication_options(user=user, ceremony=Ceremony.SIGN_IN, session=session)
    passkey_assertion_check(
        user=user, credential=authenticator.get(good), ceremony=Ceremony.SIGN_IN, session=session
    )
    options = passkey_authentication_options(user=user, ceremony=Ceremony.SIGN_IN, session=session)
    verified = passkey_assertion_check(
        user=user,
        credential=authenticator.get(options, **change),
        ceremony=Ceremony.SIGN_IN,
        session=session,
    )
    assert verified.refusal == reason
    assert Passkey.objects.get().sign_count == 6
    assert _refusals() == [(reason.value, "sign_in")]


def test_an_unknown_credential_is_refused() -> None:
    user, session = customer_make(), _session()
    _add(user, SoftAuthenticator(), session)
    options = passkey_authentication_options(user=user, ceremony=Ceremony.SIGN_IN, session=session)
    verified = passkey_assertion_check(
        user=user,
        credential=SoftAuthenticator().get(options),
        ceremony=Ceremony.SIGN_IN,
        session=session,
    )
    assert verified.refusal == Refusal.UNKNOWN_CREDENTIAL
    assert _refusals() == [("unknown_credential", "sign_in")]


def test_another_persons_passkey_is_unknown_to_this_person() -> None:
    ada, other = customer_make(), customer_make("other.test@example.com")
    authenticator, session = SoftAuthenticator(), _session()
    _add(ada, authenticator, session)
    options = passkey_authentication_options(user=other, ceremony=Ceremony.SIGN_IN, session=session)
    verified = passkey_assertion_check(
        user=other,
        credential=authenticator.get(options),
        ceremony=Ceremony.SIGN_IN,
        session=session,
    )
    assert verified.refusal == Refusal.UNKNOWN_CREDENTIAL


def test_an_expired_challenge_is_refused(frozen_clock: Any) -> None:
    user, authenticator, session = customer_make(), SoftAuthenticator(), _session()
    _add(user, authenticator, session)
    options = passkey_authentication_options(user=user, ceremony=Ceremony.SIGN_IN, session=session)
    frozen_clock.advance(seconds=301)
    verified = passkey_assertion_check(
        user=user, credential=authenticator.get(options), ceremony=Ceremony.SIGN_IN, session=session
    )
    assert verified.refusal == Refusal.NO_CHALLENGE
    assert Passkey.objects.get().sign_count == 0


def test_a_malformed_answer_is_refused() -> None:
    user, session = customer_make(), _session()
    _add(user, SoftAuthenticator(), session)
    passkey_authentication_options(user=user, ceremony=Ceremony.SIGN_IN, session=session)
    verified = passkey_assertion_check(
        user=user, credential="{not json", ceremony=Ceremony.SIGN_IN, session=session
    )
    assert verified.refusal == Refusal.MALFORMED


def test_removing_with_a_passkey_as_step_up() -> None:
    user, authenticator, session = customer_make(), SoftAuthenticator(), _session()
    passkey = _add(user, authenticator, session)
    options = passkey_authentication_options(user=user, ceremony=Ceremony.STEP_UP, session=session)
    outcome = passkey_remove(
        user=user,
        passkey_id=str(passkey.pk),
        step_up=StepUp(assertion=authenticator.get(options)),
        session=session,
        client=CLIENT,
    )
    assert outcome == ChangeOutcome.DONE
    assert Passkey.objects.count() == 0
    event = AuditEvent.objects.get(event="account:passkey:remove")
    assert event.data == {"passkey_id": str(passkey.pk), "step_up": "passkey"}


def test_removing_someone_elses_passkey_is_not_found() -> None:
    ada, other = customer_make(), customer_make("other.test@example.com")
    passkey = _add(ada, SoftAuthenticator(), {})
    outcome = passkey_remove(
        user=other,
        passkey_id=str(passkey.pk),
        step_up=StepUp(code=code_now()),
        session={},
        client=CLIENT,
    )
    assert outcome == ChangeOutcome.NOT_FOUND
    assert Passkey.objects.count() == 1
