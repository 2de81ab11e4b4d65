"""Start-up checks: malformed keys stop ``manage.py`` (``migrate``, ``check``…) with a
clear message instead of failing at the first encrypted read; and the rules of every
encrypted field (``encrypted_field_errors``, run by the field's own ``check``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db import models

from partnership.crypto import keys
from partnership.crypto.errors import KeyConfigurationError

KeyList = list[tuple[str, bytes]]


def _key_list(
    provider: keys.KeyProvider, method: str, *, what: str, hint: str, check_id: str
) -> tuple[KeyList, list[checks.CheckMessage]]:
    read: Callable[[], KeyList] | None = getattr(provider, method, None)
    if read is None:
        # A provider written before the card keys existed (docs/cards.md, "Upgrading").
        name = type(provider).__qualname__
        return [], [
            checks.Error(
                f"{what} are missing: the key provider {name} has no {method}().",
                hint=hint,
                id=check_id,
            )
        ]
    try:
        found = read()
        keys.KeyRing(found)
    except KeyConfigurationError as exc:
        return [], [checks.Error(f"{what} are malformed: {exc}.", hint=hint, id=check_id)]
    return found, []


def _blind_index_key(provider: keys.KeyProvider) -> tuple[bytes | None, list[checks.CheckMessage]]:
    try:
        index_key = provider.blind_index_key()
        if len(index_key) != keys.KEY_BYTES:
            raise KeyConfigurationError(f"the blind index key must be {keys.KEY_BYTES} bytes")
    except KeyConfigurationError as exc:
        return None, [
            checks.Error(
                f"The blind index key is malformed: {exc}.",
                hint="BLIND_INDEX_KEY is base64 of 32 random bytes; see docs/crypto.md.",
                id="crypto.E002",
            )
        ]
    return index_key, []


def _card_keys_shared(
    field_keys: KeyList, index_key: bytes | None, data: KeyList, card_index: KeyList
) -> list[checks.CheckMessage]:
    """Card-data and card-index keys must each be a key of its own (docs/cards.md)."""
    others: dict[str, set[bytes]] = {
        "CARD_DATA_KEYS": {key for _, key in field_keys + card_index},
        "CARD_INDEX_KEYS": {key for _, key in field_keys + data},
    }
    if index_key is not None:
        others["CARD_DATA_KEYS"].add(index_key)
        others["CARD_INDEX_KEYS"].add(index_key)
    errors: list[checks.CheckMessage] = []
    for setting, listed in (("CARD_DATA_KEYS", data), ("CARD_INDEX_KEYS", card_index)):
        if any(key in others[setting] for _, key in listed):
            errors.append(
                checks.Error(
                    f"A key of {setting} is also used by another key setting; every card "
                    f"key must be a key of its own.",
                    id="crypto.E007",
                )
            )
    return errors


def check_keys(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    try:
        provider = keys.provider()
    except KeyConfigurationError as exc:
        return [checks.Error(f"{exc}.", id="crypto.E003")]
    field_keys, errors = _key_list(
        provider,
        "field_keys",
        what="Field encryption keys",
        hint="FIELD_ENCRYPTION_KEYS is 'id:base64key,…' (32-byte keys; the first "
        "encrypts); see docs/crypto.md.",
        check_id="crypto.E001",
    )
    index_key, index_errors = _blind_index_key(provider)
    errors += index_errors
    if index_key is not None and any(key == index_key for _, key in field_keys):
        errors.append(
            checks.Error(
                "BLIND_INDEX_KEY is the same as a field encryption key; they must differ.",
                id="crypto.E004",
            )
        )
    data, data_errors = _key_list(
        provider,
        "card_data_keys",
        what="Card data keys",
        hint="CARD_DATA_KEYS is 'id:base64key,…' (32-byte keys; the first encrypts card "
        "numbers); see docs/cards.md.",
        check_id="crypto.E005",
    )
    card_index, card_index_errors = _key_list(
        provider,
        "card_index_keys",
        what="Card index keys",
        hint="CARD_INDEX_KEYS is 'id:base64key,…' (32-byte keys; the first indexes card "
        "numbers); see docs/cards.md.",
        check_id="crypto.E006",
    )
    errors += data_errors + card_index_errors
    return errors + _card_keys_shared(field_keys, index_key, data, card_index)


def encrypted_field_errors(
    field: models.Field[Any, Any], *, encrypted_model: bool
) -> list[checks.CheckMessage]:
    """The rules every encrypted field keeps; ``encrypted_model`` says whether its model
    subclasses ``EncryptedModel`` (decided by the field, which knows that class)."""
    errors: list[checks.CheckMessage] = []
    if field.unique or field.primary_key or getattr(field, "db_index", False):
        errors.append(
            checks.Error(
                "An encrypted field cannot be unique, indexed or a primary key: its "
                "tokens differ every time.",
                hint="Add a blind-index column for look-ups instead.",
                obj=field,
                id="crypto.E010",
            )
        )
    if field.db_default is not models.NOT_PROVIDED:
        errors.append(
            checks.Error(
                "An encrypted field cannot have a db_default: the database would "
                "store it unencrypted.",
                obj=field,
                id="crypto.E011",
            )
        )
    if not encrypted_model:
        errors.append(
            checks.Error(
                f"{field.model._meta.label} has an encrypted field but does not subclass "
                f"EncryptedModel, which decrypts rows as they load and gives each row "
                f"its id before the first save.",
                hint="Subclass partnership.crypto.fields.EncryptedModel.",
                obj=field,
                id="crypto.E012",
            )
        )
    return errors
