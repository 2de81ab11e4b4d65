"""Pages shown once between the second sign-in step and the person's destination.

Other apps register them from their ``AppConfig.ready()`` (the privacy centre's
"our privacy policy has changed" notice), as the home panels are registered, so
``accounts`` never imports them. The first one due is shown; where the person was
going is kept in the session until the page sends them onwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from partnership.accounts import sessions
from partnership.accounts.models import User
from partnership.core.registry import Registry

# The key's name predates the registry (the policy notice was the first such page);
# kept so that sessions open at a deploy still lead onwards.
ONWARDS = "accounts.after_policy_notice"


@dataclass(frozen=True)
class SignInInterstitial:
    name: str
    path: str
    due: Callable[[User], bool]


INTERSTITIALS: Registry[SignInInterstitial] = Registry(
    "sign-in interstitial", name=lambda page: page.name
)
register_sign_in_interstitial = INTERSTITIALS.register


def after_sign_in(request: HttpRequest, *, user: User, next_url: str) -> str:
    """Where to send someone who has just signed in: the first page due, if any (with
    the destination remembered in the session), else the destination itself."""
    target = sessions.landing_url(request, user=user, next_url=next_url)
    for page in INTERSTITIALS.all():
        if page.due(user):
            request.session[ONWARDS] = target
            return page.path
    return target


def onwards_url(request: HttpRequest, *, user: User) -> str:
    """Where an interstitial page leads on to (checked again, as any ``next``)."""
    return sessions.landing_url(request, user=user, next_url=str(request.session.get(ONWARDS, "")))


def onwards_forget(request: HttpRequest) -> None:
    request.session.pop(ONWARDS, None)
