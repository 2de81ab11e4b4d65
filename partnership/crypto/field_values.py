"""What an encrypted field seals: the plaintext as bytes, and the associated data that
binds the token to its model, field and row.

The associated data is ``"<app_label.model>|<attname>|<row pk>"``; a model moved to
another app names its old label in ``encrypted_as``, so its stored tokens still
decrypt. Never change these strings: every stored token depends on them.
"""

from __future__ import annotations

import datetime as dt
import decimal

from django.db import models
from django.db.backends.utils import format_number


def associated_data(model: type[models.Model], attname: str, pk: object) -> bytes:
    """The associated data of one value: the model (or the label it was encrypted under),
    the field's attname and the row's pk."""
    # A model moved to another app keeps the label its rows were encrypted under.
    bound_to = getattr(model, "encrypted_as", "") or model._meta.label_lower
    return f"{bound_to}|{attname}|{pk}".encode()


def encode_date(value: object) -> bytes:
    assert isinstance(value, dt.date)
    return value.isoformat().encode("ascii")


def decode_date(data: bytes) -> dt.date:
    return dt.date.fromisoformat(data.decode("ascii"))


def encode_decimal(
    value: decimal.Decimal, *, max_digits: int | None, decimal_places: int | None, label: str
) -> bytes:
    """The decimal rounded to ``decimal_places`` as the database would, as ASCII."""
    try:
        text = format_number(value, max_digits, decimal_places)
    except decimal.InvalidOperation:
        raise ValueError(
            f"{label}: the value does not fit max_digits={max_digits}, "
            f"decimal_places={decimal_places}"
        ) from None
    return str(text).encode("ascii")


def decode_decimal(data: bytes) -> decimal.Decimal:
    try:
        value = decimal.Decimal(data.decode("ascii"))
    except decimal.InvalidOperation:
        raise ValueError("not a decimal") from None
    if not value.is_finite():
        raise ValueError("not a finite decimal")
    return value
