"""Encrypted fields in Django: validation, forms, columns, migrations, checks, registry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.migrations.state import ModelState
from django.test.utils import isolate_apps

from partnership.crypto.fields import (
    EncryptedDateField,
    EncryptedModel,
    EncryptedTextField,
    encrypted_fields,
    encrypted_models,
)
from partnership.crypto.tests.app.models import Counter, Letter, Person
from partnership.crypto.tests.fields_support import NAME

pytestmark = pytest.mark.django_db


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
