"""Who is told when a customer signs in on a browser we have not seen for them.

A browser that completes both sign-in steps without a valid device cookie gets a new
one (``services/device_cookies.py``); that is a new device. Apps to the right of
``accounts`` (the alerts) register a listener from their ``AppConfig.ready()``, so
``accounts`` never imports them. Listeners run once the sign-in's writes are
committed, and are given only the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from partnership.accounts.models import User
from partnership.core.registry import Registry


@dataclass(frozen=True)
class NewDeviceListener:
    name: str
    notify: Callable[[User], object]


NEW_DEVICE_LISTENERS: Registry[NewDeviceListener] = Registry(
    "new-device listener", name=lambda listener: listener.name
)
register_new_device_listener = NEW_DEVICE_LISTENERS.register


def new_device_signed_in(*, user: User) -> None:
    """Tell every listener, after commit, that ``user`` signed in on a new browser."""
    if user.is_staff:
        return
    for listener in NEW_DEVICE_LISTENERS.all():
        transaction.on_commit(_later(listener, user), robust=True)


def _later(listener: NewDeviceListener, user: User) -> Callable[[], None]:
    def run() -> None:
        listener.notify(user)

    return run
