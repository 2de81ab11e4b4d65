"""People who sign in: customers and staff, their contact details, second factors and
sign-in history. No plaintext personal data: the e-mail address, name, date of birth,
address and phone live in encrypted fields; the user is found by ``login_index``, the
keyed blind index of the normalised e-mail address (``accounts.identity.login_index``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models

from partnership.crypto.fields import EncryptedDateField, EncryptedModel, EncryptedTextField

EMAIL_MAX = 254
NAME_MAX = 200
ADDRESS_MAX = 500
POSTCODE_MAX = 10
PHONE_MAX = 32
PASSWORD_MAX = 128


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        """For Django's tooling only; the site creates people with ``user_create``."""
        from partnership.accounts.identity import login_index

        user = self.model(login_index=login_index(email), email=email, **extra)
        user.set_password(password)
        user.full_clean()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class User(EncryptedModel, AbstractBaseUser, PermissionsMixin):
    """A customer (``is_staff`` False) or a member of staff; the pk is a UUID."""

    login_index = models.CharField(max_length=64, unique=True)
    email = EncryptedTextField(max_length=EMAIL_MAX, null=True)
    full_name = EncryptedTextField(max_length=NAME_MAX, null=True, blank=True)
    date_of_birth = EncryptedDateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the customer relationship ended; retention counts from here.
    closed_at = models.DateTimeField(null=True, blank=True)
    # The privacy policy version last shown to this person (number) and when: a newer
    # one in force is shown once at sign-in (docs/accounts.md, "Policy changes").
    policy_version_seen = models.PositiveIntegerField(null=True, blank=True)
    policy_seen_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "login_index"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()

    def __str__(self) -> str:
        # Never personal data: this string can reach logs.
        return f"user {self.pk}"


class CustomerProfile(EncryptedModel):
    """A customer's postal address and phone; staff have none (data minimisation)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="customer_profile")
    postal_address = EncryptedTextField(max_length=ADDRESS_MAX, null=True, blank=True)
    postcode = EncryptedTextField(max_length=POSTCODE_MAX, null=True, blank=True)
    phone = EncryptedTextField(max_length=PHONE_MAX, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of user {self.user_id}"


class SignInOutcome(models.TextChoices):
    SUCCESS = "success", "Signed in"
    WRONG_PASSWORD = "wrong_password", "Wrong password"
    WRONG_CODE = "wrong_code", "Wrong one-time code"
    LOCKED = "locked", "Refused: too many failed attempts"


class SignInFactor(models.TextChoices):
    PASSWORD = "password", "Password"
    TOTP = "totp", "Password and authenticator code"
    RECOVERY_CODE = "recovery_code", "Password and recovery code"
    REMEMBERED_DEVICE = "remembered_device", "Password on a remembered browser"
    PASSKEY = "passkey", "Password and passkey"


class SignInEvent(EncryptedModel):
    """One sign-in attempt against an existing account: shown to the customer, kept for
    fraud checks (13 months). The address and browser are encrypted."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_events")
    occurred_at = models.DateTimeField(db_index=True)
    outcome = models.CharField(max_length=20, choices=SignInOutcome.choices)
    factor = models.CharField(max_length=20, choices=SignInFactor.choices)
    ip_address = EncryptedTextField(max_length=64, null=True, blank=True)
    user_agent = EncryptedTextField(max_length=300, null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-occurred_at"]

    def __str__(self) -> str:
        return f"sign-in {self.outcome} for user {self.user_id}"


class TotpDevice(EncryptedModel):
    """An authenticator app (RFC 6238: SHA-1, 6 digits, 30 s). The secret is encrypted;
    ``last_used_step`` makes each code (time step) usable once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="totp_devices")
    secret = EncryptedTextField(max_length=64)
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"authenticator {self.pk} of user {self.user_id}"


PASSKEY_NAME_MAX = 60


class Passkey(EncryptedModel):
    """A WebAuthn credential, a second factor beside the authenticator app.

    The credential id is found by its keyed blind index (``credential_index``) and kept
    encrypted; the public key is encrypted too (base64url of its COSE form), so a copy of
    the database cannot tell which authenticator belongs to whom. ``sign_count`` only
    moves forward: a lower one from the authenticator means a cloned key.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="passkeys")
    name = EncryptedTextField(max_length=PASSKEY_NAME_MAX)
    credential_index = models.CharField(max_length=64, unique=True)
    credential_id = EncryptedTextField(max_length=1400)
    public_key = EncryptedTextField(max_length=2000)
    sign_count = models.PositiveBigIntegerField(default=0)
    # Comma-separated WebAuthn transport names ("internal,hybrid"): hints, not data.
    transports = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"passkey {self.pk} of user {self.user_id}"


class RecoveryCode(models.Model):
    """A one-time recovery code, stored as a keyed hash; ``used_at`` is set when spent."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code {self.pk} of user {self.user_id}"


class MarketingChannel(models.TextChoices):
    POST = "post", "Post"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    SMS = "sms", "Text message (SMS)"


class MarketingSource(models.TextChoices):
    PRIVACY_CENTRE = "privacy_centre", "Privacy centre"
    APPLICATION = "application", "Card application"
    STAFF_ON_CALL = "staff_on_call", "By phone, with our staff"


class MarketingConsent(models.Model):
    """One change of a marketing choice. Never updated: the current state of a channel
    is its latest record, and no record means "no" (marketing is off by default)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="marketing_consents")
    channel = models.CharField(max_length=10, choices=MarketingChannel.choices)
    granted = models.BooleanField()
    recorded_at = models.DateTimeField()
    source = models.CharField(max_length=20, choices=MarketingSource.choices)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["user", "channel", "-recorded_at"], name="marketing_latest")
        ]

    def __str__(self) -> str:
        return f"marketing {self.channel} {self.granted} for user {self.user_id}"


class RememberedDevice(EncryptedModel):
    """A browser a customer asked us to remember: the cookie holds a random token, this
    row only its keyed hash (``token_hash``), so a database copy cannot forge one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="remembered_devices")
    token_hash = models.CharField(max_length=64, unique=True)
    # Coarse ("Firefox on Windows"), never the full browser string; encrypted all the same.
    label = EncryptedTextField(max_length=60)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"remembered device {self.pk} of user {self.user_id}"


class DeviceCookie(EncryptedModel):
    """A browser that completed a sign-in (password *and* code) for this account: the
    cookie holds a random token, this row only its keyed hash. It never skips the code;
    it only decides whose failure counter a failed attempt from the browser goes to
    (``services/throttle.py``), so an attacker's guessing cannot lock it out."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="device_cookies")
    token_hash = models.CharField(max_length=64, unique=True)
    # Coarse ("Firefox on Windows"), never the full browser string or an address.
    label = EncryptedTextField(max_length=60)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"device cookie {self.pk} of user {self.user_id}"
