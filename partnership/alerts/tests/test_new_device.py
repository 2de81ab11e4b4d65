"""A sign-in with both factors on a browser without a device cookie raises the
new-device alert (accounts/new_device.py, registered from AlertsConfig.ready())."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.new_device import NEW_DEVICE_LISTENERS
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import full_sign_in, sign_out, staff_make
from partnership.alerts.models import AlertKind, SentAlert
from partnership.alerts.tests.support import choose

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]


def test_the_listener_is_registered() -> None:
    assert [listener.name for listener in NEW_DEVICE_LISTENERS.all()] == ["alerts:new-device"]


def test_a_new_browser_is_alerted_once(
    ada: User, frozen_clock: FrozenClock, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.NEW_DEVICE)
    browser = Client()

    with django_capture_on_commit_callbacks(execute=True):
        assert full_sign_in(browser, remember=False).status_code == 302
    sign_out(browser)
    frozen_clock.advance(seconds=31)  # the next code
    with django_capture_on_commit_callbacks(execute=True):
        assert full_sign_in(browser, remember=False).status_code == 302  # same browser

    assert [m.subject for m in mail.outbox] == [
        "Harbourline Partnership Card: A new device signed in to your account"
    ]
    assert list(SentAlert.objects.values_list("kind", "channel")) == [("new_device", "email")]


def test_no_alert_without_the_choice(
    ada: User, frozen_clock: FrozenClock, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        full_sign_in(Client(), remember=False)

    assert mail.outbox == []
    assert not SentAlert.objects.exists()


def test_staff_sign_ins_raise_nothing(
    frozen_clock: FrozenClock, django_capture_on_commit_callbacks: Capture
) -> None:
    staff_make("agent.test@example.com")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        full_sign_in(Client(), remember=False, email="agent.test@example.com")

    assert mail.outbox == []
    assert callbacks == []
