"""Encrypted model fields: the attribute holds plaintext, the column holds a token.

Each value is encrypted with AES-256-GCM under the key ring's first key, with
associated data ``"<app_label.model>|<attname>|<row pk>"``: a token copied into
another column or another row fails to decrypt. Encryption happens in ``pre_save``
(which Django uses for INSERT, UPDATE and ``bulk_create``); decryption happens when
rows are loaded, in ``EncryptedModel.from_db``, because only then is the row's pk
known.

What would bypass encryption is refused with ``TypeError``: ``QuerySet.update()`` and
``bulk_update()`` of an encrypted field (with anything but ``None``), expressions, and
lookups other than ``isnull`` (look values up through a blind index instead). The
database layer accepts only the ``Ciphertext`` that ``pre_save`` returns.

``values()`` and ``values_list()`` return the stored tokens, not plaintext.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

from django.apps import apps
from django.core import checks
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import Lookup, Transform

from partnership.crypto.checks import encrypted_field_errors
from partnership.crypto.errors import DecryptionError
from partnership.crypto.field_values import (
    associated_data,
    decode_date,
    decode_decimal,
    encode_date,
    encode_decimal,
)
from partnership.crypto.keys import RING_CARD_DATA, RING_FIELD, KeyRing, key_ring

if TYPE_CHECKING:  # django-stubs makes the fields generic; at run time they are not.
    _Field = models.Field[Any, Any]
    _CharField = models.CharField[Any, Any]
    _DateField = models.DateField[Any, Any]
    _DecimalField = models.DecimalField[Any, Any]
else:
    _Field = models.Field
    _CharField = models.CharField
    _DateField = models.DateField
    _DecimalField = models.DecimalField


@dataclass(frozen=True, slots=True)
class Ciphertext:
    """A token on its way to the database. Only ``pre_save`` and rotation make these."""

    token: str


class DecryptOnLoad:
    """Decrypts the encrypted fields of each row as it is loaded.

    A plain class rather than an abstract model, so that migrations keep it among the
    bases of their historical models and a data migration reads plaintext too (and
    does not encrypt a token a second time when it saves).
    """

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        instance: models.Model = super().from_db(db, field_names, values)  # type: ignore[misc]
        state = instance.__dict__
        for field in encrypted_fields(type(instance)):
            # Deferred fields are absent; they decrypt when refresh_from_db loads them.
            if field.attname in state:
                state[field.attname] = field.decrypt_stored(state[field.attname], pk=instance.pk)
        return cast(Self, instance)


class EncryptedModel(DecryptOnLoad, models.Model):
    """Base of every model with an encrypted field: a UUID pk the row has before saving."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class EncryptedFieldMixin(_Field):
    """What the three encrypted fields share; the concrete class gives the plaintext type."""

    plaintext_kind: ClassVar[str] = "value"
    # The key ring the values are under (partnership.crypto.keys.RING_*).
    ring_name: ClassVar[str] = RING_FIELD

    def key_ring(self) -> KeyRing:
        return key_ring(self.ring_name)

    # --- plaintext <-> bytes (the subclass's type) -----------------------------------
    def encode_plaintext(self, value: Any) -> bytes:
        raise NotImplementedError

    def decode_plaintext(self, data: bytes) -> Any:
        raise NotImplementedError

    # --- identity of a value: model, field and row -----------------------------------
    def label(self) -> str:
        return f"{self.model._meta.label_lower}.{self.attname}"

    def associated_data(self, pk: object) -> bytes:
        return associated_data(self.model, self.attname, pk)

    def context(self, pk: object) -> str:
        return f"{self.label()} of row {pk}"

    # --- the column ------------------------------------------------------------------
    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        return str(connection.data_types["TextField"])

    # --- writing ---------------------------------------------------------------------
    def pre_save(self, model_instance: models.Model, add: bool) -> Ciphertext | None:
        value = getattr(model_instance, self.attname)
        if hasattr(value, "resolve_expression"):
            raise TypeError(self._refusal_to_write())
        value = self.to_python(value)
        if value is None:
            return None
        pk = model_instance.pk
        if pk is None:
            raise ValueError(
                f"{self.label()}: the row has no primary key yet, and encrypted values are "
                f"bound to it; subclass EncryptedModel so it gets one when created"
            )
        token = self.key_ring().encrypt(
            self.encode_plaintext(value), associated_data=self.associated_data(pk)
        )
        return Ciphertext(token)

    def get_prep_value(self, value: Any) -> str | None:
        return self._token(value)

    def get_db_prep_value(
        self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False
    ) -> str | None:
        return self._token(value)

    def get_db_prep_save(self, value: Any, connection: BaseDatabaseWrapper) -> str | None:
        return self._token(value)

    def _token(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, Ciphertext):
            return value.token
        raise TypeError(self._refusal_to_write())

    def _refusal_to_write(self) -> str:
        return (
            f"{self.label()} is encrypted: set it on the model instance and call save() "
            f"(QuerySet.update(), bulk_update() and expressions would write it unencrypted)"
        )

    # --- reading ---------------------------------------------------------------------
    def decrypt_stored(self, stored: object, *, pk: object) -> Any:
        """The plaintext of a stored token, or ``DecryptionError``; ``None`` stays ``None``."""
        if stored is None:
            return None
        if not isinstance(stored, str):
            raise DecryptionError(f"cannot decrypt {self.context(pk)}: the column holds no token")
        data = self.key_ring().decrypt(
            stored, associated_data=self.associated_data(pk), context=self.context(pk)
        )
        try:
            return self.decode_plaintext(data)
        except ValueError:
            raise DecryptionError(
                f"cannot decrypt {self.context(pk)}: the decrypted bytes are not a "
                f"{self.plaintext_kind}"
            ) from None

    # --- look-ups: only isnull; everything else needs a blind index -------------------
    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise TypeError(self._refusal_to_look_up(lookup_name))

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        raise TypeError(self._refusal_to_look_up(lookup_name))

    def _refusal_to_look_up(self, lookup_name: str) -> str:
        return (
            f"{self.label()} is encrypted and cannot be filtered with '{lookup_name}' (only "
            f"'isnull'); look rows up through a blind index (partnership.crypto.blind_index)"
        )

    # --- checks ----------------------------------------------------------------------
    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        return super().check(**kwargs) + encrypted_field_errors(
            self, encrypted_model=issubclass(self.model, EncryptedModel)
        )


class EncryptedTextField(EncryptedFieldMixin, _CharField):
    """Text; ``max_length`` is checked on the plaintext by ``full_clean``."""

    plaintext_kind = "UTF-8 text"

    def encode_plaintext(self, value: Any) -> bytes:
        return str(value).encode("utf-8")

    def decode_plaintext(self, data: bytes) -> str:
        return data.decode("utf-8")


class CardDataField(EncryptedTextField):
    """Text under the card-data ring (``CARD_DATA_KEYS``) instead of the field ring:
    card numbers, which no field key may open (PCI DSS 3.5.1, docs/cards.md)."""

    ring_name = RING_CARD_DATA


class EncryptedDateField(EncryptedFieldMixin, _DateField):
    """A date (no time). ``auto_now`` is not offered: set the date explicitly."""

    plaintext_kind = "ISO date"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("auto_now") or kwargs.get("auto_now_add"):
            raise TypeError("EncryptedDateField does not support auto_now or auto_now_add")
        super().__init__(*args, **kwargs)

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False, **kwargs: Any
    ) -> None:
        # Skip DateField's get_next_by_<name>(): it filters on the field, which is refused.
        models.Field.contribute_to_class(self, cls, name, private_only=private_only)

    def encode_plaintext(self, value: Any) -> bytes:
        return encode_date(value)

    def decode_plaintext(self, data: bytes) -> dt.date:
        return decode_date(data)


class EncryptedDecimalField(EncryptedFieldMixin, _DecimalField):
    """A decimal, stored rounded to ``decimal_places`` as the database would."""

    plaintext_kind = "decimal number"

    def encode_plaintext(self, value: Any) -> bytes:
        return encode_decimal(
            value,
            max_digits=self.max_digits,
            decimal_places=self.decimal_places,
            label=self.label(),
        )

    def decode_plaintext(self, data: bytes) -> decimal.Decimal:
        return decode_decimal(data)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedFieldMixin]:
    """The encrypted fields of a model, in declaration order (inherited ones included)."""
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]


def encrypted_models() -> list[type[EncryptedModel]]:
    """Every installed concrete model holding an encrypted field, by label."""
    found = [
        model
        for model in apps.get_models()
        if issubclass(model, EncryptedModel) and not model._meta.proxy and encrypted_fields(model)
    ]
    return sorted(found, key=lambda model: model._meta.label_lower)
