"""/account/privacy/devices/: the remembered browsers of the signed-in customer only."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.models import RememberedDevice, User
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import customer_make, full_sign_in, sign_in
from partnership.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def ada() -> User:
    return customer_make()


def test_the_privacy_centre_lists_and_forgets_only_ones_own_browsers(
    ada: User, frozen_clock: FrozenClock
) -> None:
    for _ in range(2):
        full_sign_in(Client(HTTP_USER_AGENT=FIREFOX), remember=True)
        frozen_clock.advance(seconds=30)
    bob = customer_make("bob.test@example.com")
    full_sign_in(Client(), remember=True, email="bob.test@example.com")
    bobs = RememberedDevice.objects.get(user=bob)
    client = Client()
    sign_in(client, ada)

    listing = client.get("/account/privacy/devices/").content.decode()
    theirs = client.post("/account/privacy/devices/forget/", {"device": str(bobs.pk)})
    one = client.post(
        "/account/privacy/devices/forget/",
        {"device": str(RememberedDevice.objects.filter(user=ada).first().pk)},  # type: ignore[union-attr]
    )
    remaining = RememberedDevice.objects.filter(user=ada).count()
    every = client.post("/account/privacy/devices/forget/", {"device": "all"})

    assert listing.count("Firefox on Windows</td>") == 2
    assert theirs.status_code == 404
    assert [one.status_code, remaining, every.status_code] == [302, 1, 302]
    assert RememberedDevice.objects.filter(user=ada).count() == 0
    assert RememberedDevice.objects.filter(user=bob).count() == 1
    events = AuditEvent.objects.filter(event="account:remembered-device:revoke")
    assert [(e.reason, e.data) for e in events.order_by("sequence")] == [
        ("one", {"revoked": 1}),
        ("all", {"revoked": 1}),
    ]
