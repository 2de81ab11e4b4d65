"""Password storage and rules: Argon2id, 12 to 128 characters, not common, not breached.

No composition rules (NIST SP 800-63B §3.1.1.2): length and a breach check do more.
"""

from __future__ import annotations

import hashlib
import logging
import urllib.error
import urllib.request
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.exceptions import ImproperlyConfigured, ValidationError

logger = logging.getLogger(__name__)

PASSWORD_MIN = 12
PASSWORD_MAX = 128
PWNED_RANGE_URL = "https://api.pwnedpasswords.com/range/"
PWNED_TIMEOUT_SECONDS = 2.0
LOCAL_LIST = Path(__file__).parent / "data" / "breached-passwords.sha1"


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id with OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane.

    Django's default asks for 100 MiB and 8 lanes per verification. At 19 MiB a worker
    stays within its memory budget (DESIGN §6: 150 MB) when several people sign in at
    once, and OWASP judges this setting equivalent in strength. The algorithm name stays
    ``argon2``, so hashes made with other parameters still verify and are upgraded at
    the next sign-in (``must_update``).
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1


class MaximumLengthValidator:
    """At most ``max_length`` characters: long enough for any passphrase, short enough
    that hashing stays cheap for us."""

    def __init__(self, max_length: int = PASSWORD_MAX) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"Your password must be {self.max_length} characters or fewer.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Your password can be up to {self.max_length} characters long."


# --- breached passwords --------------------------------------------------------------
class BreachedPasswordChecker(Protocol):
    def is_breached(self, password: str) -> bool: ...


def _sha1(password: str) -> str:
    return hashlib.sha1(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper()


class PwnedPasswordsChecker:
    """Pwned Passwords' k-anonymity range API: only the first 5 hex digits of the SHA-1
    leave this machine; the answer lists suffixes, which are compared here. Padding is
    asked for so the answer's size says nothing either. Fails open (logged) when the
    service cannot be reached: a sign-up must not depend on a third party's uptime."""

    def __init__(self, *, url: str = PWNED_RANGE_URL, timeout: float = PWNED_TIMEOUT_SECONDS):
        self.url = url
        self.timeout = timeout

    def is_breached(self, password: str) -> bool:
        digest = _sha1(password)
        prefix, suffix = digest[:5], digest[5:]
        request = urllib.request.Request(  # noqa: S310 (a fixed https URL)
            self.url + prefix,
            headers={"Add-Padding": "true", "User-Agent": "partnership-card-site"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read().decode("ascii", "replace")
        except (urllib.error.URLError, OSError, TimeoutError):
            logger.warning("breached-password check skipped: Pwned Passwords unreachable")
            return False
        return suffix_listed(body, suffix)


def suffix_listed(body: str, suffix: str) -> bool:
    """Whether a range answer lists ``suffix`` with a count above zero (0 = padding)."""
    for line in body.splitlines():
        listed, _, count = line.strip().partition(":")
        if listed.upper() == suffix and count.strip().isdigit() and int(count) > 0:
            return True
    return False


class LocalBreachedPasswordChecker:
    """A bundled list of SHA-1 hashes of the most common breached passwords: offline."""

    def is_breached(self, password: str) -> bool:
        return _sha1(password) in _local_hashes()


@cache
def _local_hashes() -> frozenset[str]:
    lines = LOCAL_LIST.read_text(encoding="ascii").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def breached_password_checker() -> BreachedPasswordChecker:
    """The checker ``BREACHED_PASSWORD_CHECKER`` names: ``pwned`` or ``local``."""
    choice = settings.BREACHED_PASSWORD_CHECKER
    if choice == "pwned":
        return PwnedPasswordsChecker()
    if choice == "local":
        return LocalBreachedPasswordChecker()
    raise ImproperlyConfigured("BREACHED_PASSWORD_CHECKER must be 'pwned' or 'local'")


class BreachedPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if breached_password_checker().is_breached(password):
            raise ValidationError(
                "This password has appeared in a data breach elsewhere, so criminals try it "
                "first. Please choose another.",
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return "Your password must not be one that has appeared in a known data breach."
