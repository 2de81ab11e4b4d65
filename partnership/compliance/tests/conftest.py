from __future__ import annotations

from typing import Any

import pytest
from pytest_django import Settings

from partnership.compliance.complaints.tokens import form_token_issue


@pytest.fixture
def complaints_urls(settings: Settings) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("complaints:form")
    except NoReverseMatch:
        settings.ROOT_URLCONF = "partnership.compliance.tests.urls"


def complaint_post(**overrides: Any) -> dict[str, Any]:
    """A valid complaints form submission, with a fresh one-time token."""
    data: dict[str, Any] = {
        "form_token": form_token_issue(),
        "name": "Ada Lovelace",
        "email": "Ada.Lovelace@example.org",
        "phone": "",
        "topic": "card_account",
        "details": "My statement shows a payment I did not make.",
        "reply_preference": "email",
    }
    data.update(overrides)
    return data
