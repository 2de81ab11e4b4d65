"""Password rules and storage."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters
from argon2.low_level import Type
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from pytest_django import Settings

from partnership.accounts import passwords
from partnership.accounts.models import User
from partnership.accounts.passwords import (
    LocalBreachedPasswordChecker,
    PwnedPasswordsChecker,
    breached_password_checker,
    suffix_listed,
)
from partnership.accounts.services.users import user_create

GOOD = "lantern orchard 57 harbour"


def codes(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as refused:
        return [error.code or "" for error in refused.error_list]
    return []


@pytest.mark.parametrize(
    ("password", "refusals"),
    [
        ("a" * 5 + "bcdef" + "x", ["password_too_short"]),  # 11 characters
        ("quiet river", ["password_too_short"]),
        ("quiet river9", []),  # 12 characters
        ("q" * 128, []),
        ("q" * 129, ["password_too_long"]),
        ("qwertyuiop123", ["password_too_common"]),  # Django's list
        ("correcthorsebatterystaple", ["password_breached"]),  # only the breach list
        (GOOD, []),
    ],
)
def test_password_rules(password: str, refusals: list[str]) -> None:
    assert codes(password) == refusals


def test_no_composition_rules_a_long_lowercase_phrase_is_fine() -> None:
    assert codes("every little cloud drifts") == []


def test_the_local_checker_is_the_default_in_local_mode() -> None:
    assert isinstance(breached_password_checker(), LocalBreachedPasswordChecker)


def test_the_pwned_checker_is_chosen_by_the_setting(settings: Settings) -> None:
    settings.BREACHED_PASSWORD_CHECKER = "pwned"

    assert isinstance(breached_password_checker(), PwnedPasswordsChecker)


def test_a_range_answer_is_read_by_suffix_and_padding_is_ignored() -> None:
    body = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n00D4F6E8FA6EECAD2A3AA415EEC418D38EC:0\r\n"

    assert suffix_listed(body, "0018A45C4D1DEF81644B54AB7F969B88D65")
    assert not suffix_listed(body, "00D4F6E8FA6EECAD2A3AA415EEC418D38EC")  # padding
    assert not suffix_listed(body, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")


def test_the_pwned_checker_fails_open_when_unreachable(caplog: pytest.LogCaptureFixture) -> None:
    # A closed local port: refused at once, no network touched.
    checker = PwnedPasswordsChecker(url="https://127.0.0.1:9/range/", timeout=0.5)

    assert checker.is_breached(GOOD) is False
    assert "Pwned Passwords unreachable" in caplog.text


def test_the_bundled_list_has_hundreds_of_sha1_hashes() -> None:
    hashes = passwords._local_hashes()

    assert len(hashes) >= 300
    assert all(len(h) == 40 and h == h.upper() for h in hashes)


@pytest.mark.django_db
def test_argon2id_parameters_are_read_back_from_a_stored_hash(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = [
        "partnership.accounts.passwords.Argon2idPasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = user_create(email="argon@example.com", password=GOOD)

    stored = User.objects.get(pk=user.pk).password
    parameters = extract_parameters(stored.removeprefix("argon2"))

    assert stored.startswith("argon2$argon2id$")
    assert parameters.type is Type.ID
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (
        19 * 1024,
        2,
        1,
    )
    assert User.objects.get(pk=user.pk).check_password(GOOD)


@pytest.mark.django_db
def test_a_refused_password_creates_nobody() -> None:
    with pytest.raises(ValidationError):
        user_create(email="weak@example.com", password="password1234")

    assert User.objects.count() == 0
