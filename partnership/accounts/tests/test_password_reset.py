"""Password reset by e-mail, with the one-time code; never says whether an account exists."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from pytest_django import Settings

from partnership.accounts.models import User
from partnership.accounts.tests.support import PASSWORD, code_now, customer_make
from partnership.audit.models import AuditEvent
from partnership.core.tests.email_support import assert_no_personal_data, html_part

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frozen_clock")]

NEW = "violet ferry crossing 19"


@pytest.fixture(autouse=True)
def _memory_mail(settings: Settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def reset_link() -> str:
    [message] = mail.outbox
    match = re.search(
        r"http://testserver(/account/password-reset/[^/\s]+/[^/\s]+/)", str(message.body)
    )
    assert match is not None
    return match.group(1)


def without_form_tokens(page: bytes) -> bytes:
    """The page less its per-request form tokens (CSRF, the consent banner's signed one)."""
    return re.sub(rb'(name="(?:csrfmiddlewaretoken|consent_token)" value=)"[^"]*"', rb"\1", page)


def test_known_and_unknown_addresses_get_the_same_page() -> None:
    customer_make()

    known = Client().post("/account/password-reset/", {"email": "ada.test@example.com"})
    unknown = Client().post("/account/password-reset/", {"email": "nobody@example.com"})

    assert (known.status_code, unknown.status_code) == (200, 200)
    assert without_form_tokens(known.content) == without_form_tokens(unknown.content)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada.test@example.com"]


def test_the_email_holds_the_link_and_no_personal_data() -> None:
    customer_make()

    Client().post("/account/password-reset/", {"email": "ada.test@example.com"})

    body = mail.outbox[0].body
    assert reset_link() in body
    # The link's random token could spell a short word, so look only at the rest.
    text = body.replace(reset_link(), "")
    assert [word for word in ("Ada", "Testperson", "TE1") if word in text] == []
    assert "ada.test@example.com" not in body


def test_the_email_s_text_and_html_parts_say_the_same_in_the_site_s_design() -> None:
    customer_make()

    Client().post("/account/password-reset/", {"email": "ada.test@example.com"})

    [message] = mail.outbox
    link = "http://testserver" + reset_link()
    assert message.body == (
        "Someone asked to reset the password of your Harbourline Partnership Card account.\n\n"
        f"To choose a new password, open this link within one hour:\n\n{link}\n\n"
        "You will also need the code from your authenticator app.\n\n"
        "If it was not you, ignore this message: your password has not changed.\n\n"
        "Harbourline Card Services Limited\n"
    )
    html = html_part(message, site_url="http://testserver")
    assert html.count(f'href="{link}"') == 2  # the button and the address beneath it
    assert "/account/login/" not in html  # the reset link is the only way forward
    assert_no_personal_data(message, html, "Ada")


def test_reset_needs_the_code_then_changes_the_password() -> None:
    user = customer_make()
    Client().post("/account/password-reset/", {"email": "ada.test@example.com"})
    link = reset_link()
    client = Client()
    assert client.get(link).status_code == 200

    wrong = client.post(link, {"new_password1": NEW, "new_password2": NEW, "code": "000000"})
    assert wrong.status_code == 400
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)

    done = client.post(link, {"new_password1": NEW, "new_password2": NEW, "code": code_now()})

    assert done["Location"] == "/account/login/?status=password-changed"
    assert User.objects.get(pk=user.pk).check_password(NEW)
    assert AuditEvent.objects.filter(event="account:password-reset:complete").count() == 1
    # The link works once.
    assert client.get(link).status_code == 400


def test_a_refused_new_password_changes_nothing() -> None:
    user = customer_make()
    Client().post("/account/password-reset/", {"email": "ada.test@example.com"})
    link = reset_link()

    response = Client().post(
        link, {"new_password1": "short", "new_password2": "short", "code": code_now()}
    )

    assert response.status_code == 400
    assert "at least 12 characters" in response.content.decode()
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_a_tampered_link_does_not_work() -> None:
    customer_make()
    Client().post("/account/password-reset/", {"email": "ada.test@example.com"})
    link = reset_link()

    response = Client().get(link[:-3] + "zz/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


@pytest.mark.parametrize(
    "uidb64",
    [
        "AA",  # one zero byte
        "x-y",  # not base64 at all
        "__8",  # bytes that are not UTF-8
        "MTIzNDU2Nzg5MA",  # "1234567890": UTF-8, not a UUID
        "MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA",  # a UUID of no one
    ],
)
def test_a_malformed_user_part_is_an_invalid_link(uidb64: str) -> None:
    customer_make()

    response = Client().get(f"/account/password-reset/{uidb64}/x-y/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_requests_are_recorded_without_saying_more_than_needed() -> None:
    customer_make()
    Client().post("/account/password-reset/", {"email": "ada.test@example.com"})
    Client().post("/account/password-reset/", {"email": "nobody@example.com"})

    reasons = list(
        AuditEvent.objects.filter(event="account:password-reset:request")
        .order_by("sequence")
        .values_list("reason", flat=True)
    )
    assert reasons == ["sent", "unknown_account"]
