"""Helpers for the crypto tests: fixed keys and raw access to the stored columns."""

from __future__ import annotations

import base64
from typing import Any

from django.db import connection
from django.db.models import Model


def b64_key(byte: int) -> str:
    """A well-formed key: base64 of 32 copies of ``byte``."""
    return base64.b64encode(bytes([byte]) * 32).decode()


def field_keys(*key_ids: str) -> str:
    """``FIELD_ENCRYPTION_KEYS`` for these ids, each id always with the same key."""
    return ",".join(f"{key_id}:{b64_key(sum(key_id.encode()) % 256)}" for key_id in key_ids)


def _where_pk(obj: Model) -> tuple[str, Any]:
    pk_field = type(obj)._meta.pk
    assert pk_field is not None
    return pk_field.column, pk_field.get_db_prep_value(obj.pk, connection)


def raw_column(obj: Model, column: str) -> Any:
    """What the database holds in one column of this object's row, read with raw SQL."""
    pk_column, pk_value = _where_pk(obj)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {obj._meta.db_table} WHERE {pk_column} = %s", [pk_value]
        )
        return cursor.fetchone()[0]


def set_raw_column(obj: Model, column: str, value: Any) -> None:
    pk_column, pk_value = _where_pk(obj)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {obj._meta.db_table} SET {column} = %s WHERE {pk_column} = %s",
            [value, pk_value],
        )
