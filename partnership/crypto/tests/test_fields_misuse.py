"""Updates, expressions and lookups that would bypass encryption are refused, changing nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import F, Value

from partnership.crypto.fields import Ciphertext
from partnership.crypto.tests.app.models import Person
from partnership.crypto.tests.fields_support import NAME, reload
from partnership.crypto.tests.support import raw_column

pytestmark = pytest.mark.django_db


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
