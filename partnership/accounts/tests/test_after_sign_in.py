"""The pages other apps show once after sign-in, before the person's destination."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest
from django.test import RequestFactory

from partnership.accounts.after_sign_in import (
    INTERSTITIALS,
    ONWARDS,
    SignInInterstitial,
    after_sign_in,
    onwards_forget,
    onwards_url,
    register_sign_in_interstitial,
)
from partnership.accounts.models import User
from partnership.accounts.tests.support import customer_make

pytestmark = pytest.mark.django_db


def request_with_session() -> HttpRequest:
    request = RequestFactory().get("/account/login/code/")
    request.session = SessionStore()
    return request


def test_with_nothing_due_the_person_goes_straight_on() -> None:
    ada = customer_make()
    request = request_with_session()
    with INTERSTITIALS.isolated(keep=()):
        register_sign_in_interstitial(
            SignInInterstitial("never", "/account/never/", lambda _: False)
        )
        target = after_sign_in(request, user=ada, next_url="/account/card/")

    assert target == "/account/card/"
    assert ONWARDS not in request.session


def test_the_first_page_due_is_shown_and_the_destination_kept_until_forgotten() -> None:
    ada = customer_make()
    request = request_with_session()
    seen: list[User] = []

    def due(user: User) -> bool:
        seen.append(user)
        return True

    with INTERSTITIALS.isolated(keep=()):
        register_sign_in_interstitial(SignInInterstitial("first", "/account/first/", due))
        register_sign_in_interstitial(SignInInterstitial("second", "/account/second/", due))
        target = after_sign_in(request, user=ada, next_url="/account/card/")
    onwards = onwards_url(request, user=ada)
    onwards_forget(request)

    assert (target, onwards, seen) == ("/account/first/", "/account/card/", [ada])
    assert ONWARDS not in request.session
    assert onwards_url(request, user=ada) == "/account/"
