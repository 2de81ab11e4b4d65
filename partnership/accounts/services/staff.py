"""A member of staff made from the command line (``manage.py staff_create``).

Production has no demo data, and staff sign in only with an authenticator they already
have, so the first member of staff (and any later one) is made here: the account, its
roles and a confirmed authenticator in one transaction, or nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from partnership.accounts.identity import login_index
from partnership.accounts.models import TotpDevice, User
from partnership.accounts.services.two_factor import totp_device_confirm
from partnership.accounts.services.users import user_create
from partnership.core import clock


class StaffCreateRefused(Exception):
    """The member of staff was not created; the message says why (never the address)."""


@dataclass(frozen=True)
class NewStaff:
    user: User
    recovery_codes: list[str]


def staff_roles() -> list[str]:
    """The roles (groups) a member of staff may hold, by name."""
    return sorted(Group.objects.values_list("name", flat=True))


def staff_create_check(*, email: str, roles: tuple[str, ...]) -> None:
    """Refuse before anything is asked of the operator: unknown role, address taken."""
    known = set(staff_roles())
    if not roles:
        raise StaffCreateRefused("give at least one role with --role")
    unknown = sorted(set(roles) - known)
    if unknown:
        raise StaffCreateRefused(
            f"unknown role {unknown[0]!r}; the roles are: {', '.join(sorted(known))}"
        )
    if User.objects.filter(login_index=login_index(email)).exists():
        raise StaffCreateRefused("an account with that e-mail address already exists")


@transaction.atomic
def staff_create(
    *,
    email: str,
    password: str,
    full_name: str,
    roles: tuple[str, ...],
    totp_secret: str,
    code: str,
) -> NewStaff:
    """Create the account, its roles and its authenticator, confirmed by ``code``.

    Raises ``StaffCreateRefused`` (or the password's ``ValidationError``); then nothing
    is stored.
    """
    staff_create_check(email=email, roles=roles)
    user = user_create(
        email=email, password=password, full_name=full_name, is_staff=True, groups=roles
    )
    device = TotpDevice(user=user, secret=totp_secret, created_at=clock.now())
    device.full_clean()
    device.save()
    codes = totp_device_confirm(user=user, device_id=str(device.pk), code=code)
    if codes is None:
        raise StaffCreateRefused(
            "that code is not the authenticator's current one; nothing was created"
        )
    return NewStaff(user=user, recovery_codes=codes)
