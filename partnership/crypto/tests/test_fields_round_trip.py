"""Encrypted fields store and load every value type, through every ORM path, as tokens."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from pytest_django import Settings

from partnership.crypto.keys import token_key_id
from partnership.crypto.tests.app.models import Letter, Person
from partnership.crypto.tests.fields_support import NAME, reload
from partnership.crypto.tests.support import field_keys, raw_column

pytestmark = pytest.mark.django_db


# --- round trips ----------------------------------------------------------------------


def test_every_field_type_round_trips() -> None:
    person = Person.objects.create(
        full_name=NAME,
        nickname="Amazing Grace",
        birth_date=dt.date(1906, 12, 9),
        credit_limit=Decimal("12345.67"),
    )

    loaded = reload(person)

    assert loaded.full_name == NAME
    assert loaded.nickname == "Amazing Grace"
    assert loaded.birth_date == dt.date(1906, 12, 9)
    assert loaded.credit_limit == Decimal("12345.67")
    assert str(loaded.credit_limit) == "12345.67"


def test_none_stays_none_and_is_stored_as_null() -> None:
    person = Person.objects.create(full_name=NAME)

    loaded = reload(person)

    assert (loaded.nickname, loaded.birth_date, loaded.credit_limit) == (None, None, None)
    assert raw_column(person, "nickname") is None
    assert Person.objects.filter(nickname__isnull=True).count() == 1
    assert Person.objects.filter(nickname__isnull=False).count() == 0


@pytest.mark.parametrize(
    "text", ["", "Zoë Ångström-Łukasiewicz 🙂", "x" * 40, "line\nbreak\ttab", "v1.k1.AAAA"]
)
def test_text_round_trips_exactly(text: str) -> None:
    person = Person.objects.create(full_name=text)

    assert reload(person).full_name == text


def test_decimals_are_stored_rounded_to_their_places() -> None:
    person = Person.objects.create(full_name=NAME, credit_limit=Decimal("10.5"))

    assert str(reload(person).credit_limit) == "10.50"


def test_a_datetime_in_a_date_field_is_stored_as_its_date() -> None:
    person = Person.objects.create(full_name=NAME, birth_date=dt.datetime(2000, 2, 29, 23, 0))

    assert reload(person).birth_date == dt.date(2000, 2, 29)


def test_strings_are_converted_like_django_does() -> None:
    person = Person.objects.create(full_name=NAME, birth_date="1999-01-31", credit_limit="7")

    loaded = reload(person)

    assert (loaded.birth_date, loaded.credit_limit) == (dt.date(1999, 1, 31), Decimal("7.00"))


def test_a_decimal_too_large_for_its_field_is_refused_without_the_value() -> None:
    person = Person(full_name=NAME, credit_limit=Decimal("123456.7"))

    with pytest.raises(ValueError, match="does not fit max_digits") as raised:
        person.save()

    assert "123456" not in str(raised.value)
    assert str(raised.value) == (
        "crypto_tests.person.credit_limit: the value does not fit max_digits=7, decimal_places=2"
    )


def test_the_raw_column_never_holds_the_plaintext() -> None:
    person = Person.objects.create(
        full_name=NAME, birth_date=dt.date(1906, 12, 9), credit_limit=Decimal("500.00")
    )

    stored = {c: raw_column(person, c) for c in ("full_name", "birth_date", "credit_limit")}

    for value in stored.values():
        assert value.startswith("v1.k1.")
    assert NAME not in stored["full_name"]
    assert "1906" not in stored["birth_date"]
    assert "500" not in stored["credit_limit"]


def test_values_list_returns_tokens_not_plaintext() -> None:
    person = Person.objects.create(full_name=NAME)

    assert list(Person.objects.values_list("full_name", flat=True)) == [
        raw_column(person, "full_name")
    ]


def test_saving_again_re_encrypts_with_a_fresh_nonce() -> None:
    person = Person.objects.create(full_name=NAME)
    first = raw_column(person, "full_name")

    person.save()

    assert raw_column(person, "full_name") != first
    assert reload(person).full_name == NAME


def test_update_fields_saves_only_the_named_field() -> None:
    person = Person.objects.create(full_name=NAME, nickname="G")
    nickname_token = raw_column(person, "nickname")
    person.full_name = "Grace B. Hopper"
    person.nickname = "changed"

    person.save(update_fields=["full_name"])

    assert raw_column(person, "nickname") == nickname_token
    assert (reload(person).full_name, reload(person).nickname) == ("Grace B. Hopper", "G")


def test_bulk_create_encrypts() -> None:
    people = Person.objects.bulk_create([Person(full_name=f"P{i}") for i in range(3)])

    assert sorted(p.full_name for p in Person.objects.all()) == ["P0", "P1", "P2"]
    assert all(raw_column(p, "full_name").startswith("v1.k1.") for p in people)


def test_deferred_fields_decrypt_when_loaded() -> None:
    person = Person.objects.create(full_name=NAME, nickname="G")

    loaded = Person.objects.only("nickname").get(pk=person.pk)

    assert loaded.get_deferred_fields() == {
        "full_name",
        "birth_date",
        "credit_limit",
        "email_index",
    }
    assert loaded.nickname == "G"
    assert loaded.full_name == NAME
    assert Person.objects.defer("full_name").get(pk=person.pk).full_name == NAME


def test_refresh_from_db_decrypts() -> None:
    person = Person.objects.create(full_name=NAME)
    person.full_name = "not saved"

    person.refresh_from_db()

    assert person.full_name == NAME


def test_select_related_and_prefetch_decrypt_both_models() -> None:
    person = Person.objects.create(full_name=NAME)
    Letter.objects.create(person=person, body="Dear Grace")

    letter = Letter.objects.select_related("person").get()
    prefetched = Person.objects.prefetch_related("letters").get()

    assert (letter.body, letter.person.full_name) == ("Dear Grace", NAME)
    letters = prefetched.letters.all()  # type: ignore[attr-defined]
    assert [x.body for x in letters] == ["Dear Grace"]


def test_raw_queries_decrypt() -> None:
    person = Person.objects.create(full_name=NAME)

    [loaded] = Person.objects.raw(f"SELECT * FROM {Person._meta.db_table}")

    assert (loaded.pk, loaded.full_name) == (person.pk, NAME)


def test_a_row_has_its_id_before_its_first_save() -> None:
    person = Person(full_name=NAME)

    assert isinstance(person.pk, uuid.UUID)


def test_encrypting_without_a_primary_key_is_refused() -> None:
    person = Person(full_name=NAME, id=None)

    with pytest.raises(ValueError, match="no primary key") as raised:
        Person._meta.get_field("full_name").pre_save(person, add=True)

    assert str(raised.value).startswith("crypto_tests.person.full_name: the row has no primary")


def test_tokens_are_under_the_first_key(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = field_keys("k2", "k1")

    person = Person.objects.create(full_name=NAME)

    assert token_key_id(raw_column(person, "full_name")) == "k2"
