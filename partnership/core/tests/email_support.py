"""Checks every send site's tests make of a message: one text/html alternative in the
site's design, and no personal or financial detail beyond a first name."""

from __future__ import annotations

import re

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils.html import escape

# The personal values of accounts.tests.support.customer_make, the complaint fixture
# and applications.tests.support.STEP_POSTS: a message may greet Ada, never more.
PERSONAL = (
    "Testperson",
    "Lovelace",
    "Complainer",
    "ada.test@example.com",
    "bob.test@example.com",
    "carol.test@example.com",
    "complainer.test@example.com",
    "TE1 1ST",
    "1 Test Street",
    "Testford",
    "SW1A 1AA",
    "SW1A1AA",
    "12 Analytical Row",
    "ada.applicant@example.org",
    "07700 900123",
)
_URL = re.compile(r"https?://[^\s\"'<>]+")


def html_part(message: EmailMessage, *, site_url: str) -> str:
    """The message's HTML, once checked against the design's rules."""
    assert isinstance(message, EmailMultiAlternatives)
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert isinstance(html, str)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html
    assert f"<title>{escape(message.subject)}</title>" in html
    assert 'role="presentation"' in html
    for banned in ("<img", "<script", "<link", "<style", "src=", "url("):
        assert banned not in html.lower(), banned
    assert {url for url in _URL.findall(html) if not url.startswith(site_url + "/")} == set()
    assert "never ask for your password" in html
    return html


def assert_no_personal_data(message: EmailMessage, html: str, *extra: str) -> None:
    """Neither part (nor the subject) holds a name past the first, an address, a
    postcode, card digits or an amount of money."""
    for part in (str(message.subject), str(message.body), html):
        without_urls = _URL.sub("", part)
        for value in (*PERSONAL, *extra):
            assert value.lower() not in without_urls.lower(), value
        for pound in ("£", "&pound;", "&#163;"):
            assert pound not in part
        assert re.search(r"\d{4}[ -]?\d{4}[ -]?\d{4}", without_urls) is None  # a card number
