"""The user model, in place from the first migration (Django cannot swap it later).

It holds no plaintext personal data. ``login_index`` is the keyed blind index of the
normalised e-mail address that the Accounts issue computes; the address itself will
live in an encrypted field beside it.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models


class UserManager(BaseUserManager["User"]):
    def create_user(self, login_index: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(login_index=login_index, **extra)
        user.set_password(password)
        user.full_clean()
        user.save(using=self._db)
        return user

    def create_superuser(self, login_index: str, password: str | None = None, **extra: Any) -> User:
        return self.create_user(login_index, password, is_staff=True, is_superuser=True, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    login_index = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    USERNAME_FIELD = "login_index"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()

    def __str__(self) -> str:
        # Never personal data: this string can reach logs and the admin.
        return f"user {self.pk}"
