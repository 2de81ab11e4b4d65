"""Every /staff/ URL is in the one permission table, and is guarded by it for every role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.backoffice import access
from partnership.backoffice.tests.breach_support import breach_make
from partnership.backoffice.tests.marketing_support import (
    export_make,
    processor_make,
    recipient_make,
)
from partnership.backoffice.tests.support import (
    complaint_make,
    notification_make,
    rights_request_make,
)
from partnership.backoffice.urls import PERMISSION_FOR_URL_NAME, STAFF_URLS
from partnership.cards.tests.factories import account_create, dispute_make, post, purchase
from partnership.inbox.models import Attachment
from partnership.inbox.tests.support import thread_make
from partnership.offers.tests.support import offer_make

pytestmark = pytest.mark.django_db


def staff_url_names() -> set[str]:
    names: set[str] = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and str(entry.pattern) == "staff/":
            for pattern in entry.url_patterns:
                assert isinstance(pattern, URLPattern), "no nested includes under /staff/"
                names.add(str(pattern.name))
    return names


def test_every_staff_url_is_in_the_permission_table() -> None:
    assert staff_url_names() == set(PERMISSION_FOR_URL_NAME)
    assert len(STAFF_URLS) == len(PERMISSION_FOR_URL_NAME)


def test_the_roles_exist_with_their_permissions() -> None:
    for name, codenames in access.ROLES.items():
        group = Group.objects.get(name=name)
        assert sorted(group.permissions.values_list("codename", flat=True)) == sorted(codenames)


ROLE_NAMES = [*access.ROLES, "no role"]
# Routes with parameters, and how to make an object for them to show.
ROUTE_KWARGS: dict[str, Callable[[], dict[str, Any]]] = {
    "offer_edit": lambda: {"offer_id": offer_make().pk},
    "customer": lambda: {"customer_id": customer_make("found.test@example.com").pk},
    "call_create": lambda: {"customer_id": customer_make("found.test@example.com").pk},
    "complaint": lambda: {"complaint_id": complaint_make().pk},
    "marketing_export_csv": lambda: {
        "export_id": export_make(staff_user=staff_make("maker.test@example.com")).pk
    },
    "marketing_recipient_edit": lambda: {"recipient_id": recipient_make().pk},
    "processor_edit": lambda: {"processor_id": processor_make().pk},
    "rights_request": lambda: {
        "request_id": rights_request_make(customer_make("found.test@example.com")).pk
    },
    "dispute": lambda: {"dispute_id": _dispute_make()},
    "recipient_notice": lambda: {
        "notification_id": notification_make(customer_make("found.test@example.com")).pk
    },
    "customer_messages": lambda: {"customer_id": customer_make("found.test@example.com").pk},
    "message_thread": lambda: {
        "thread_id": thread_make(customer_make("found.test@example.com")).pk
    },
    "message_attachment": lambda: {
        "attachment_id": Attachment.objects.get(
            message__thread=thread_make(customer_make("found.test@example.com"))
        ).pk
    },
    # The breach register (issue 18).
    "breach": lambda: {"breach_id": breach_make().pk},
    "breach_edit": lambda: {"breach_id": breach_make().pk},
    "breach_notify": lambda: {"breach_id": breach_make().pk},
}
# Routes that need a live access grant on top of the permission (none is held here).
GRANT_REQUIRED = {"message_attachment"}


def _dispute_make() -> Any:
    account = account_create(owner=customer_make("found.test@example.com"))
    [row] = post(account, purchase(dt.date(2025, 1, 10), "Corner Grocer", "12.50"))
    return dispute_make(account=account, transaction=row).pk


def staff_path(url: str) -> str:
    make = ROUTE_KWARGS.get(url)
    return reverse(f"backoffice:{url}", kwargs=make() if make else None)


@pytest.mark.parametrize("url", [url.name for url in STAFF_URLS])
@pytest.mark.parametrize("who", ["anonymous", "customer", *ROLE_NAMES])
def test_each_staff_url_for_each_kind_of_person(url: str, who: str) -> None:
    client = Client()
    if who == "customer":
        sign_in(client, customer_make())
    elif who != "anonymous":
        user = staff_make(group="" if who == "no role" else who)
        sign_in(client, user)
    path = staff_path(url)
    permission = PERMISSION_FOR_URL_NAME[url]

    response = client.get(path)

    if who == "anonymous":
        assert (response.status_code, response["Location"]) == (
            302,
            f"/account/login/?next={path}",
        )
    elif who == "customer":
        assert response.status_code == 403
    elif permission is None or permission.split(".")[1] in access.ROLES.get(who, ()):
        assert response.status_code == (403 if url in GRANT_REQUIRED else 200)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", access.ROLES)
def test_staff_home_shows_only_what_the_role_may_use(role: str) -> None:
    client = Client()
    sign_in(client, staff_make(group=role))

    body = client.get("/staff/").content.decode()

    for area in access.STAFF_AREAS:
        shown = f"<strong>{area.title}</strong>" in body
        assert shown == (area.permission.split(".")[1] in access.ROLES[role]), area.title


def test_a_customer_on_staff_pages_gets_403_and_staff_on_the_customer_area_too() -> None:
    customer, staff = Client(), Client()
    sign_in(customer, customer_make())
    sign_in(staff, staff_make(group=access.ADMINISTRATOR))

    assert customer.get("/staff/").status_code == 403
    assert staff.get("/account/").status_code == 403


def test_staff_home_links_the_areas_that_have_pages() -> None:
    client = Client()
    sign_in(client, staff_make(group=access.MARKETING))

    body = client.get("/staff/").content.decode()

    assert '<a href="/staff/offers/"><strong>Special offers</strong></a>' in body
    assert '<a href="/staff/marketing/exports/"><strong>Marketing exports</strong></a>' in body
    assert '<a href="/account/password/">Change your password</a>' in body
