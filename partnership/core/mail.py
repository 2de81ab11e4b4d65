"""Local mode's outgoing mail: one file per message in ``var/mail/``, owner-only.

Django's file backend creates the folder and files with the umask's defaults (0755,
0644); a password-reset link is a credential, so this one makes them 0700 and 0600.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.mail.backends import filebased

from partnership.core.private_files import make_private_dir, open_private


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
