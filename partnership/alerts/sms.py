"""Text messages go out through an ``SmsSender``.

Local mode writes one file per message in ``var/sms/`` (owner-only, as the local
e-mail backend does with ``var/mail/``). Production names its provider's sender with
``SMS_SENDER`` (a dotted path to a class taking no arguments); without one, messages
are dropped and each drop is logged without number or text.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from partnership.core.private_files import make_private_dir, open_private

logger = logging.getLogger(__name__)


class SmsSender(Protocol):
    def send(self, *, to: str, text: str) -> None:
        """Send ``text`` to the E.164 number ``to``; raise on failure."""


class FileSmsSender:
    """One file per message: ``<UTC time>-<random>.txt`` with a To: line, then the text."""

    def __init__(self, folder: Path | None = None) -> None:
        configured = getattr(settings, "SMS_FILE_PATH", None) or settings.VAR_DIR / "sms"
        self.folder = Path(folder or configured)

    def send(self, *, to: str, text: str) -> None:
        make_private_dir(str(self.folder))
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{stamp}-{secrets.token_hex(4)}.txt"
        fd = open_private(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f"To: {to}\n\n{text}\n")


class DroppingSmsSender:
    def send(self, *, to: str, text: str) -> None:
        logger.warning("no SMS_SENDER configured: a text message was dropped")


def sms_sender() -> SmsSender:
    path = getattr(settings, "SMS_SENDER", "")
    if path:
        sender: SmsSender = import_string(path)()
        return sender
    if settings.LOCAL_MODE:
        return FileSmsSender()
    return DroppingSmsSender()
