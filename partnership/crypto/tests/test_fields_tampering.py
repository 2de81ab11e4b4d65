"""Encrypted fields refuse tokens moved to another row, field or model, and damaged ones."""

from __future__ import annotations

import logging

import pytest
from pytest_django import Settings

from partnership.crypto.errors import DecryptionError, UnknownKeyError
from partnership.crypto.fields import EncryptedDateField, EncryptedDecimalField, EncryptedTextField
from partnership.crypto.keys import key_ring
from partnership.crypto.tests.app.models import Letter, Person
from partnership.crypto.tests.fields_support import NAME, reload
from partnership.crypto.tests.support import field_keys, raw_column, set_raw_column

pytestmark = pytest.mark.django_db


# --- a token moved elsewhere, and damaged tokens --------------------------------------


def test_a_token_copied_to_another_row_fails_to_decrypt(caplog: pytest.LogCaptureFixture) -> None:
    alice = Person.objects.create(full_name="Alice Example")
    bob = Person.objects.create(full_name="Bob Example")
    set_raw_column(bob, "full_name", raw_column(alice, "full_name"))

    with pytest.raises(DecryptionError) as raised:
        reload(bob)

    assert str(raised.value) == (
        f"cannot decrypt crypto_tests.person.full_name of row {bob.pk}: authentication failed "
        f"under key 'k1' (wrong key, tampered, or moved from another field or row)"
    )
    assert "Alice" not in caplog.text
    assert reload(alice).full_name == "Alice Example"


def test_a_token_copied_to_another_field_fails_to_decrypt() -> None:
    person = Person.objects.create(full_name=NAME, nickname="G")
    set_raw_column(person, "nickname", raw_column(person, "full_name"))

    with pytest.raises(DecryptionError) as raised:
        reload(person)

    assert "crypto_tests.person.nickname of row" in str(raised.value)


def test_a_token_copied_to_another_model_fails_to_decrypt() -> None:
    person = Person.objects.create(full_name=NAME)
    letter = Letter.objects.create(person=person, body="hello")
    set_raw_column(letter, "body", raw_column(person, "full_name"))

    with pytest.raises(DecryptionError):
        Letter.objects.get(pk=letter.pk)


def test_a_token_under_a_key_no_longer_listed_is_an_unknown_key(settings: Settings) -> None:
    person = Person.objects.create(full_name=NAME)
    settings.FIELD_ENCRYPTION_KEYS = field_keys("k2")

    with pytest.raises(UnknownKeyError):
        reload(person)


def test_garbage_in_the_column_is_refused(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="partnership.crypto")
    person = Person.objects.create(full_name=NAME)
    set_raw_column(person, "full_name", "plaintext that someone wrote directly")

    with pytest.raises(DecryptionError) as raised:
        reload(person)

    assert str(raised.value) == (
        f"cannot decrypt crypto_tests.person.full_name of row {person.pk}: malformed token "
        f"(expected 'v1.<key id>.<data>')"
    )
    assert "plaintext that someone" not in caplog.text


@pytest.mark.parametrize(
    ("column", "plaintext", "kind"),
    [
        ("full_name", b"\xff\xfe", "UTF-8 text"),
        ("birth_date", b"not a date", "ISO date"),
        ("credit_limit", b"lots", "decimal number"),
        ("credit_limit", b"NaN", "decimal number"),
    ],
)
def test_a_decrypted_value_of_the_wrong_type_is_refused(
    column: str, plaintext: bytes, kind: str
) -> None:
    person = Person.objects.create(full_name=NAME)
    field = Person._meta.get_field(column)
    assert isinstance(field, EncryptedTextField | EncryptedDateField | EncryptedDecimalField)
    token = key_ring().encrypt(plaintext, associated_data=field.associated_data(person.pk))
    set_raw_column(person, column, token)

    with pytest.raises(DecryptionError) as raised:
        reload(person)

    assert str(raised.value) == (
        f"cannot decrypt crypto_tests.person.{column} of row {person.pk}: the decrypted bytes "
        f"are not a {kind}"
    )


def test_a_non_text_stored_value_is_refused() -> None:
    field = Person._meta.get_field("full_name")
    assert isinstance(field, EncryptedTextField)

    with pytest.raises(DecryptionError) as raised:
        field.decrypt_stored(42, pk="row-1")

    assert str(raised.value) == (
        "cannot decrypt crypto_tests.person.full_name of row row-1: the column holds no token"
    )
