"""An encrypted field for bytes: a message attachment's content.

The same AES-256-GCM tokens as ``crypto.fields`` (bound to model, field and row, under
the field key ring, re-encrypted by ``rotate_keys``), holding bytes instead of text.
Kept here rather than in ``crypto`` while attachments are its only user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from partnership.crypto.fields import EncryptedFieldMixin

if TYPE_CHECKING:
    _BinaryField = models.BinaryField[Any, Any]
else:
    _BinaryField = models.BinaryField


class EncryptedBytesField(EncryptedFieldMixin, _BinaryField):
    """Bytes; the column holds the token as text, like the other encrypted fields."""

    plaintext_kind = "byte string"

    def encode_plaintext(self, value: Any) -> bytes:
        return bytes(value)

    def decode_plaintext(self, data: bytes) -> bytes:
        return data

    def to_python(self, value: Any) -> Any:
        if isinstance(value, memoryview):
            return bytes(value)
        return value
