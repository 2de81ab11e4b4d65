"""Models that exist only in the test database, to exercise the encrypted fields."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from partnership.crypto.fields import (
    EncryptedDateField,
    EncryptedDecimalField,
    EncryptedModel,
    EncryptedTextField,
)


class Person(EncryptedModel):
    full_name = EncryptedTextField(max_length=40)
    nickname = EncryptedTextField(max_length=20, null=True, blank=True)
    birth_date = EncryptedDateField(null=True, blank=True)
    credit_limit = EncryptedDecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    email_index = models.CharField(max_length=64, blank=True, default="", db_index=True)

    # Declared because mypy loads the settings without this test-only app.
    objects: ClassVar[models.Manager[Person]] = models.Manager()

    def __str__(self) -> str:
        return f"Person {self.pk}"


class Letter(EncryptedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="letters")
    body = EncryptedTextField(max_length=2000)

    objects: ClassVar[models.Manager[Letter]] = models.Manager()

    def __str__(self) -> str:
        return f"Letter {self.pk}"


class Counter(models.Model):
    """No encrypted field: never listed by encrypted_models()."""

    value = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"Counter {self.pk}"
