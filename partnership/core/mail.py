"""Outgoing e-mail: every message in the site's design, and local mode's mail folder.

``email_send`` renders a message's two parts from one template name and one context —
``<name>.txt`` for the plain-text body and ``<name>.html`` (extending
``email/base.html``) as its ``text/html`` alternative — so the HTML can never say more
than the text does. Both templates are given ``brand``, ``site_url`` and
``sign_in_url``. A ``.txt`` template wraps itself in ``{% autoescape off %}``: plain
text is not HTML, and ``&`` must stay ``&``.

Local mode's backend writes one file per message in ``var/mail/``, owner-only.
Django's file backend creates the folder and files with the umask's defaults (0755,
0644); a password-reset link is a credential, so this one makes them 0700 and 0600.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends import filebased
from django.template.loader import render_to_string

from partnership.core.private_files import make_private_dir, open_private

SIGN_IN_PATH = "/account/login/"


def site_url_default() -> str:
    """The site's address for messages sent outside any request (jobs, signals)."""
    base = getattr(settings, "SITE_URL", "")
    if not base:
        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
        base = f"http://{host}:8000" if settings.LOCAL_MODE else f"https://{host}"
    return str(base).rstrip("/")


def email_send(
    *,
    template: str,
    context: Mapping[str, object],
    subject: str,
    to: list[str],
    site_url: str = "",
) -> None:
    """Render ``template``'s text and HTML parts and send them as one message.

    ``site_url`` is the address the person used (from the request), else the
    configured one. Errors from the backend reach the caller, which decides whether a
    failure matters (each send site already does).
    """
    message = email_build(
        template=template, context=context, subject=subject, to=to, site_url=site_url
    )
    message.send()


def email_build(
    *,
    template: str,
    context: Mapping[str, object],
    subject: str,
    to: list[str],
    site_url: str = "",
) -> EmailMultiAlternatives:
    base = (site_url or site_url_default()).rstrip("/")
    full = {
        "brand": settings.BRAND,
        "site_url": base,
        "sign_in_url": base + SIGN_IN_PATH,
        "subject": subject,
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", full), to=to
    )
    message.attach_alternative(render_to_string(f"{template}.html", full), "text/html")
    return message


class PrivateFileEmailBackend(filebased.EmailBackend):
    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        make_private_dir(file_path or settings.EMAIL_FILE_PATH)
        super().__init__(*args, file_path=file_path, **kwargs)

    def open(self) -> bool:
        if self.stream is None:
            fd = open_private(self._get_filename(), os.O_WRONLY | os.O_APPEND)
            self.stream = os.fdopen(fd, "ab")
            return True
        return False
