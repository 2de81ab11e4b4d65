from __future__ import annotations

import datetime as dt
import logging
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.migrations.state import ModelState
from django.db.models import F, Value
from django.test.utils import isolate_apps
from pytest_django import Settings

from partnership.crypto.errors import DecryptionError, UnknownKeyError
from partnership.crypto.fields import (
    Ciphertext,
    EncryptedDateField,
    EncryptedDecimalField,
    EncryptedModel,
    EncryptedTextField,
    encrypted_fields,
    encrypted_models,
)
from partnership.crypto.keys import key_ring, token_key_id
from partnership.crypto.tests.app.models import Counter, Letter, Person
from partnership.crypto.tests.support import field_keys, raw_column, set_raw_column

pytestmark = pytest.mark.django_db

NAME = "Grace Hopper"


def reload(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


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


# --- misuse is refused and leaves nothing behind ---------------------------------------


def test_queryset_update_is_refused_and_changes_nothing() -> None:
    person = Person.objects.create(full_name=NAME)
    before = raw_column(person, "full_name")

    with pytest.raises(TypeError) as raised, transaction.atomic():
        Person.objects.update(full_name="Mallory")

    assert str(raised.value) == (
        "crypto_tests.person.full_name is encrypted: set it on the model instance and call "
        "save() (QuerySet.update(), bulk_update() and expressions would write it unencrypted)"
    )
    assert raw_column(person, "full_name") == before


@pytest.mark.parametrize(
    "value", [F("nickname"), Value("Mallory"), Value(dt.date(2000, 1, 1))], ids=repr
)
def test_update_with_an_expression_is_refused(value: Any) -> None:
    person = Person.objects.create(full_name=NAME, nickname="G")
    before = raw_column(person, "full_name")

    with pytest.raises(TypeError, match="is encrypted: set it on"), transaction.atomic():
        Person.objects.update(full_name=value)

    assert raw_column(person, "full_name") == before


def test_update_to_none_clears_the_value() -> None:
    person = Person.objects.create(full_name=NAME, nickname="G")

    Person.objects.update(nickname=None)

    assert reload(person).nickname is None


def test_bulk_update_is_refused() -> None:
    person = Person.objects.create(full_name=NAME)
    before = raw_column(person, "full_name")
    person.full_name = "Mallory"

    with pytest.raises(TypeError, match="is encrypted"), transaction.atomic():
        Person.objects.bulk_update([person], ["full_name"])

    assert raw_column(person, "full_name") == before


def test_an_expression_assigned_to_the_attribute_is_refused_on_save() -> None:
    person = Person.objects.create(full_name=NAME)
    before = raw_column(person, "full_name")
    person.full_name = Value("Mallory")

    with pytest.raises(TypeError, match="is encrypted"), transaction.atomic():
        person.save()

    assert raw_column(person, "full_name") == before


@pytest.mark.parametrize(
    "lookup",
    [
        {"full_name": NAME},
        {"full_name__iexact": NAME},
        {"full_name__startswith": "v1."},
        {"full_name__in": [NAME]},
        {"birth_date__gt": dt.date(2000, 1, 1)},
        {"credit_limit": Decimal(1)},
    ],
    ids=lambda lookup: next(iter(lookup)),
)
def test_filtering_on_an_encrypted_field_is_refused(lookup: dict[str, Any]) -> None:
    Person.objects.create(full_name=NAME)

    with pytest.raises(TypeError) as raised:
        Person.objects.filter(**lookup).exists()

    assert "is encrypted and cannot be filtered with" in str(raised.value)
    assert "look rows up through a blind index" in str(raised.value)


def test_transforms_are_refused() -> None:
    with pytest.raises(TypeError) as raised:
        Person.objects.filter(birth_date__year__gt=2000).exists()

    assert str(raised.value) == (
        "crypto_tests.person.birth_date is encrypted and cannot be filtered with 'year' (only "
        "'isnull'); look rows up through a blind index (partnership.crypto.blind_index)"
    )


def test_get_or_create_by_an_encrypted_value_is_refused() -> None:
    with pytest.raises(TypeError), transaction.atomic():
        Person.objects.get_or_create(full_name=NAME)

    assert Person.objects.count() == 0


def test_the_database_layer_accepts_only_ciphertext() -> None:
    field = Person._meta.get_field("full_name")

    assert field.get_db_prep_value(Ciphertext("v1.k1.x"), connection) == "v1.k1.x"
    assert field.get_prep_value(None) is None
    with pytest.raises(TypeError):
        field.get_prep_value(NAME)


# --- validation applies to the plaintext ----------------------------------------------


def test_full_clean_checks_max_length_and_decimal_rules_on_the_plaintext() -> None:
    person = Person(full_name="x" * 41, credit_limit=Decimal("1.234"))

    with pytest.raises(ValidationError) as raised:
        person.full_clean()

    assert sorted(raised.value.message_dict) == ["credit_limit", "full_name"]
    assert raised.value.message_dict["full_name"] == [
        "Ensure this value has at most 40 characters (it has 41)."
    ]
    assert raised.value.message_dict["credit_limit"] == [
        "Ensure that there are no more than 2 decimal places."
    ]


def test_full_clean_accepts_the_maximum_length() -> None:
    Person(full_name="x" * 40, credit_limit=Decimal("99999.99")).full_clean()


def test_form_fields_are_for_the_plaintext_type() -> None:
    from django import forms

    assert isinstance(Person._meta.get_field("full_name").formfield(), forms.CharField)
    assert isinstance(Person._meta.get_field("birth_date").formfield(), forms.DateField)
    assert isinstance(Person._meta.get_field("credit_limit").formfield(), forms.DecimalField)


# --- schema, migrations, checks and the registry --------------------------------------


def test_every_encrypted_column_is_text() -> None:
    types = {f.name: f.db_type(connection) for f in encrypted_fields(Person)}

    assert set(types.values()) == {connection.data_types["TextField"]}


def test_fields_deconstruct_for_migrations() -> None:
    for name in ("full_name", "nickname", "birth_date", "credit_limit"):
        field = Person._meta.get_field(name)
        assert isinstance(field, models.Field)
        _, path, args, kwargs = field.deconstruct()
        rebuilt = type(field)(*args, **kwargs)

        assert path.startswith("partnership.crypto.fields.Encrypted")
        assert rebuilt.deconstruct()[1:] == (path, args, kwargs)
    credit_limit = Person._meta.get_field("credit_limit")
    assert isinstance(credit_limit, models.Field)
    assert credit_limit.deconstruct()[3] == {
        "blank": True,
        "decimal_places": 2,
        "max_digits": 7,
        "null": True,
    }


def test_historical_models_decrypt_too() -> None:
    person = Person.objects.create(full_name=NAME)
    state = ModelState.from_model(Person)

    from django.apps.registry import Apps

    historical_apps = Apps()
    historical = state.render(historical_apps)
    loaded = historical._default_manager.get(pk=person.pk)

    assert loaded.full_name == NAME


def test_the_date_field_adds_no_get_next_by_methods() -> None:
    assert not hasattr(Person, "get_next_by_birth_date")


def test_auto_now_is_refused() -> None:
    with pytest.raises(TypeError):
        EncryptedDateField(auto_now=True)


def test_encrypted_models_lists_models_with_encrypted_fields() -> None:
    ours = [m for m in encrypted_models() if m._meta.app_label == "crypto_tests"]

    assert ours == [Letter, Person]
    assert Counter._meta.label not in {model._meta.label for model in encrypted_models()}
    assert [f.name for f in encrypted_fields(Person)] == [
        "full_name",
        "nickname",
        "birth_date",
        "credit_limit",
    ]


def test_the_test_models_pass_the_checks() -> None:
    assert Person.check() == []
    assert Letter.check() == []


@isolate_apps("partnership.crypto.tests.app")
def test_a_model_with_an_encrypted_field_must_subclass_encrypted_model() -> None:
    class Loose(models.Model):  # noqa: DJ008
        secret = EncryptedTextField(max_length=10)

        class Meta:
            app_label = "crypto_tests"

    assert [e.id for e in Loose.check()] == ["crypto.E012"]


@isolate_apps("partnership.crypto.tests.app")
def test_encrypted_fields_cannot_be_unique_indexed_or_have_a_db_default() -> None:
    class Misused(EncryptedModel):
        a = EncryptedTextField(max_length=10, unique=True)
        b = EncryptedTextField(max_length=10, db_index=True)
        c = EncryptedTextField(max_length=10, db_default="x")

        class Meta:
            app_label = "crypto_tests"

    assert [e.id for e in Misused.check()] == ["crypto.E010", "crypto.E010", "crypto.E011"]


def test_the_mixin_has_no_plaintext_type_of_its_own() -> None:
    from partnership.crypto.fields import EncryptedFieldMixin

    field = EncryptedFieldMixin()
    with pytest.raises(NotImplementedError):
        field.encode_plaintext("x")
    with pytest.raises(NotImplementedError):
        field.decode_plaintext(b"x")


def test_tokens_are_under_the_first_key(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = field_keys("k2", "k1")

    person = Person.objects.create(full_name=NAME)

    assert token_key_id(raw_column(person, "full_name")) == "k2"
