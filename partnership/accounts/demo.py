"""Demo logins (local mode only; ``seed_demo``): two customers and one person per staff
role, with fixed passwords and TOTP secrets (RFC 6238: SHA-1, 6 digits, 30 s) — the
same table as README.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnership.accounts.identity import login_index
from partnership.accounts.models import TotpDevice, User
from partnership.accounts.services.users import ContactDetails, user_create
from partnership.core import clock


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    totp_secret: str
    full_name: str
    staff_group: str = ""  # empty: a customer
    date_of_birth: dt.date | None = None
    contact: ContactDetails | None = None


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "Customer",
        "amelia.hart@example.com",
        "lantern orchard 57 harbour",
        "HYDSRAJEH53L56W6IPG6VZUW4O3FBAMO",
        "Amelia Hart",
        date_of_birth=dt.date(1984, 3, 14),
        contact=ContactDetails("12 Quayside Row\nFalmouth", "TR11 3AA", "07700 900123"),
    ),
    DemoLogin(
        "Customer",
        "rohan.mehta@example.com",
        "copper kettle 1928 meadow",
        "4ICEIGFN3TSBE3RCTEE56XT23KTD4TYM",
        "Rohan Mehta",
        date_of_birth=dt.date(1991, 11, 2),
        contact=ContactDetails("4 Mill Lane\nLeicester", "LE1 5AB", "07700 900456"),
    ),
    DemoLogin(
        "Customer service agent",
        "sam.agent@example.com",
        "steady helpful voice 2026",
        "ANOWMKDGFFWUBAU3YEJPVOLRSBULYVF5",
        "Sam Okafor",
        staff_group="Customer service agent",
    ),
    DemoLogin(
        "Compliance officer",
        "priya.compliance@example.com",
        "careful ledger review 88",
        "Z2ZLZJNUUOMWCIOTR3ORUIYLVGBR4NVH",
        "Priya Natarajan",
        staff_group="Compliance officer",
    ),
    DemoLogin(
        "Marketing",
        "leo.marketing@example.com",
        "bright poster season 42",
        "XSFI6TJAPJPNOLIX5EW5NGSWL6KOGYU6",
        "Leo Brennan",
        staff_group="Marketing",
    ),
    DemoLogin(
        "Administrator",
        "grace.admin@example.com",
        "quiet server room 7741",
        "4C3VLGHFM6MHL4YAH24QXRBTIQH7BOUP",
        "Grace Whitfield",
        staff_group="Administrator",
    ),
)


def demo_login_table() -> list[str]:
    lines = ["Demo logins (README.md):", "Role | E-mail | Password | TOTP secret"]
    lines += [
        f"{login.role} | {login.email} | {login.password} | {login.totp_secret}"
        for login in DEMO_LOGINS
    ]
    return lines


def seed_demo_logins() -> list[str]:
    """Create the demo people that do not exist yet; always give the table to print.

    ``make run`` shows the demo logins on every start, as the README promises.
    """
    for login in DEMO_LOGINS:
        if User.objects.filter(login_index=login_index(login.email)).exists():
            continue
        user = user_create(
            email=login.email,
            password=login.password,
            full_name=login.full_name,
            date_of_birth=login.date_of_birth,
            contact=login.contact,
            is_staff=bool(login.staff_group),
            groups=(login.staff_group,) if login.staff_group else (),
        )
        now = clock.now()
        device = TotpDevice(user=user, secret=login.totp_secret, created_at=now, confirmed_at=now)
        device.full_clean()
        device.save()
    return demo_login_table()
