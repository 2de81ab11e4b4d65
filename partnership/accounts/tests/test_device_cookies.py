"""Device cookies: revocation, other people's ids, the reset path's spacing."""

from __future__ import annotations

from typing import Any

import pytest

from partnership.accounts.models import DeviceCookie
from partnership.accounts.services.device_cookies import (
    device_cookie_issue,
    device_cookie_revoke,
    device_cookie_trusted,
)
from partnership.accounts.services.password_reset import password_reset_request
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import customer_make
from partnership.accounts.tests.test_sign_in_flood import AGENT, attacker, browser
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_revoked_cookie_is_no_longer_trusted_and_others_ids_match_nothing(
    frozen_clock: FrozenClock,
) -> None:
    ada = customer_make()
    bob = customer_make("bob.test@example.com")
    token = device_cookie_issue(user=ada, token="", user_agent=AGENT) or ""
    device = DeviceCookie.objects.get(user=ada)
    assert device.label == "Firefox on Windows"
    assert device_cookie_trusted(token=token, login_index=ada.login_index) is not None
    assert device_cookie_trusted(token=token, login_index=bob.login_index) is None

    assert device_cookie_revoke(user=bob, device_id=str(device.pk)) == 0
    assert device_cookie_revoke(user=ada, device_id=str(device.pk)) == 1

    assert device_cookie_trusted(token=token, login_index=ada.login_index) is None
    [event] = AuditEvent.objects.filter(event="account:device-cookie:revoke")
    assert event.data == {"revoked": 1}


@pytest.mark.django_db(transaction=True)
def test_others_reset_requests_never_keep_the_customers_link_away(
    frozen_clock: FrozenClock, mailoutbox: list[object], django_capture_on_commit_callbacks: Any
) -> None:
    ada = customer_make()
    with django_capture_on_commit_callbacks(execute=True):
        _requests(ada, frozen_clock, mailoutbox)


def _requests(ada: Any, frozen_clock: FrozenClock, mailoutbox: list[object]) -> None:
    for n in range(30):
        password_reset_request(email=ada.email or "", client=attacker(n), site_url="https://x")
    sent_by_attack = len(mailoutbox)
    password_reset_request(
        email=ada.email or "", client=browser("192.0.2.10"), site_url="https://x"
    )
    # One message in the gap, whoever asked: the mailbox holds a working link.
    assert sent_by_attack == 1
    frozen_clock.advance(minutes=5, seconds=1)
    password_reset_request(
        email=ada.email or "", client=browser("192.0.2.10"), site_url="https://x"
    )
    assert len(mailoutbox) == 2
