from __future__ import annotations

import getpass
import sys
from typing import Any, TextIO

import pyotp
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.accounts.services.staff import (
    StaffCreateRefused,
    staff_create,
    staff_create_check,
)
from partnership.accounts.services.two_factor import format_secret


class Command(BaseCommand):
    help = (
        "Create a member of staff with their roles and authenticator app (docs/operations.md). "
        "Asks for the password and then for the first code the authenticator shows; prints "
        "the recovery codes once. Exit status 2 when refused; nothing is created then."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="their e-mail address, which they sign in with")
        parser.add_argument(
            "--role", action="append", default=[], help="a role (group); repeat for several"
        )
        parser.add_argument("--name", default="", help="their full name")

    def handle(self, *args: Any, **options: Any) -> None:
        stdin: TextIO = options.get("stdin") or sys.stdin
        email, roles = options["email"].strip(), tuple(options["role"])
        try:
            staff_create_check(email=email, roles=roles)
            password = self._password(stdin)
            secret = pyotp.random_base32()
            uri = pyotp.TOTP(secret).provisioning_uri(
                name=email, issuer_name=settings.BRAND["card_name"]
            )
            self.stdout.write(
                "Add this key to the authenticator app (or open the link on the phone):\n"
                f"  {format_secret(secret)}\n"
                f"  {uri}"
            )
            code = self._ask(stdin, "Code the app shows now: ", hidden=False)
            created = staff_create(
                email=email,
                password=password,
                full_name=options["name"],
                roles=roles,
                totp_secret=secret,
                code=code,
            )
        except StaffCreateRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        self.stdout.write(
            f"Created member of staff {created.user.pk}. Recovery codes (each works once; "
            "shown only now, give them to the person):"
        )
        for recovery_code in created.recovery_codes:
            self.stdout.write(f"  {recovery_code}")

    def _password(self, stdin: TextIO) -> str:
        password = self._ask(stdin, "Password: ", hidden=True)
        if stdin.isatty() and password != self._ask(stdin, "Again: ", hidden=True):
            raise StaffCreateRefused("the two passwords differ")
        validate_password(password)
        return password

    def _ask(self, stdin: TextIO, prompt: str, *, hidden: bool) -> str:
        if stdin.isatty():
            return getpass.getpass(prompt) if hidden else input(prompt)
        return stdin.readline().rstrip("\n")
