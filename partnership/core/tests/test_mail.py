"""email_send: one template name gives a plain-text body and its HTML alternative; every
e-mail template has both parts; the private file backend keeps multipart messages."""

from __future__ import annotations

import stat
from email import message_from_bytes
from pathlib import Path

import pytest
from django.core import mail
from pytest_django import Settings

from partnership.core.mail import PrivateFileEmailBackend, email_build, email_send
from partnership.core.tests.email_support import html_part

PACKAGE = Path(__file__).resolve().parents[2]
SITE = "https://card.example.co.uk"
# A link as odd as a link can be: the text part keeps it as it is, the HTML escapes it.
ODD_LINK = SITE + "/account/messages/?a=1&b=<x>"


FRAME = PACKAGE / "templates" / "email"  # base.html and its partials, no message


def email_templates() -> list[Path]:
    """Every message template: each file under a folder named ``email`` but the frame's."""
    return sorted(
        path
        for path in PACKAGE.rglob("templates/**/email/*")
        if path.suffix in {".txt", ".html"} and path.parent != FRAME
    )


def test_one_call_sends_the_text_body_and_its_html_alternative() -> None:
    email_send(
        template="inbox/email/reply_waiting",
        context={"link": ODD_LINK},
        subject="You have a new message from Harbourline Partnership Card",
        to=["someone@example.com"],
        site_url=SITE + "/",
    )

    [message] = mail.outbox
    assert message.to == ["someone@example.com"]
    assert message.from_email == "no-reply@card.example.co.uk"
    assert f"Sign in to read it:\n\n{ODD_LINK}\n\n" in message.body
    html = html_part(message, site_url=SITE)
    assert 'href="https://card.example.co.uk/account/messages/?a=1&amp;b=&lt;x&gt;"' in html
    assert "<x>" not in html
    assert "<title>You have a new message from Harbourline Partnership Card</title>" in html
    assert html.count('<td bgcolor="#0b3a5b"') == 1  # the brand, as text on the brand colour
    assert ">Harbourline Partnership Card</td>" in html


def test_without_a_request_the_sign_in_link_is_the_configured_site(settings: Settings) -> None:
    settings.SITE_URL = SITE

    message = email_build(
        template="compliance/breaches/email/notice",
        context={"message": "Words."},
        subject="About",
        to=["someone@example.com"],
    )

    html = html_part(message, site_url=SITE)
    assert html.count(f'href="{SITE}/account/login/"') == 2  # the button and its address


def test_every_e_mail_template_has_both_parts_and_the_right_escaping() -> None:
    names = sorted({path.with_suffix("") for path in email_templates()})
    for name in names:
        text, html = name.with_suffix(".txt"), name.with_suffix(".html")
        assert text.exists(), f"{name} lacks its .txt part"
        assert html.exists(), f"{name} lacks its .html part"
        # Plain text is not HTML: nothing in it may be escaped...
        assert text.read_text(encoding="utf-8").startswith("{% autoescape off %}"), text
        # ...and the HTML part is framed by the base, escaped as usual.
        source = html.read_text(encoding="utf-8")
        assert source.startswith('{% extends "email/base.html" %}'), html
        assert "autoescape off" not in source, html
        assert "|safe" not in source, html
    # Every message the site sends, each named once.
    assert [str(name.relative_to(PACKAGE)) for name in names] == [
        "accounts/templates/accounts/email/password_reset",
        "alerts/templates/alerts/email/alert",
        "applications/templates/applications/email/invitation",
        "compliance/templates/compliance/breaches/email/notice",
        "compliance/templates/compliance/complaints/email/acknowledgement",
        "compliance/templates/compliance/complaints/email/outcome",
        "inbox/templates/inbox/email/reply_waiting",
        "payments/templates/payments/email/collection_notice",
        "payments/templates/payments/email/direct_debit_cancelled",
        "payments/templates/payments/email/direct_debit_confirmed",
    ]


def test_inline_style_lives_only_in_the_e_mail_templates() -> None:
    """The site's pages keep to their stylesheet (CSP style-src 'self'); only e-mail,
    which clients show without stylesheets, styles inline."""
    styled = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("templates/**/*.html")
        if " style=" in path.read_text(encoding="utf-8") and "email" not in path.parts
    )
    assert styled == []


def test_the_private_file_backend_keeps_both_parts_in_an_owner_only_file(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "mail"
    message = email_build(
        template="inbox/email/reply_waiting",
        context={"link": SITE + "/account/messages/"},
        subject="You have a new message",
        to=["someone@example.com"],
        site_url=SITE,
    )

    sent = PrivateFileEmailBackend(file_path=str(folder)).send_messages([message])

    assert sent == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    [written] = list(folder.iterdir())
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    parsed = message_from_bytes(written.read_bytes().split(b"\n" + b"-" * 79)[0])
    assert parsed.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in parsed.get_payload()]  # type: ignore[union-attr]
    assert parts == ["text/plain", "text/html"]


@pytest.mark.parametrize("template", ["email/base", "no/such/email"])
def test_a_template_without_both_parts_is_refused_before_anything_is_sent(template: str) -> None:
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        email_send(template=template, context={}, subject="S", to=["someone@example.com"])
    assert mail.outbox == []


def test_no_code_sends_mail_but_through_email_send() -> None:
    """A bare ``send_mail`` would send text alone, outside the design."""
    bare = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts
        and path != PACKAGE / "core" / "mail.py"
        and any(
            call in path.read_text(encoding="utf-8")
            for call in ("send_mail(", "send_mass_mail(", "EmailMessage(", "MultiAlternatives(")
        )
    )
    assert bare == []
