"""What an attachment is, judged by its content alone: PDF, JPEG or PNG up to 5 MB.

The file's name and the type the browser declared are ignored. Each type needs its
signature at the start *and* a structural check, so that a file merely starting with
the right bytes (an executable behind a borrowed header) is still refused:

- PDF: ``%PDF-1.x`` or ``%PDF-2.0`` in the first bytes and ``%%EOF`` within the last 1 KB;
- PNG: the 8-byte signature, an ``IHDR`` chunk of length 13 with a non-zero size, and
  ``IEND`` as the last chunk;
- JPEG: SOI (``FF D8 FF``) at the start and EOI (``FF D9``) at the end.

The upload itself is held in memory (``MemoryUploadHandler``): a plaintext copy never
reaches a temporary file on disk before it is encrypted.
"""

from __future__ import annotations

import io
import re
import struct
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from partnership.inbox.models import AttachmentType

MAX_BYTES = 5 * 1024 * 1024
MAX_LABEL = "5 MB"

_PDF_HEADER = re.compile(rb"%PDF-(1\.[0-7]|2\.0)")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _is_pdf(data: bytes) -> bool:
    return bool(_PDF_HEADER.match(data[:1024].lstrip(b"\x00"))) and b"%%EOF" in data[-1024:]


def _is_png(data: bytes) -> bool:
    if not data.startswith(_PNG_SIGNATURE) or len(data) < 8 + 25 + 12:
        return False
    length, kind = struct.unpack(">I4s", data[8:16])
    width, height = struct.unpack(">II", data[16:24])
    if kind != b"IHDR" or length != 13 or width == 0 or height == 0:
        return False
    return data[-12:-4] == b"\x00\x00\x00\x00IEND"


def _is_jpeg(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8\xff") and data.rstrip(b"\x00").endswith(b"\xff\xd9")


def attachment_type(data: bytes) -> AttachmentType | None:
    """The verified type of ``data``, or None when it is none of the three."""
    if _is_pdf(data):
        return AttachmentType.PDF
    if _is_png(data):
        return AttachmentType.PNG
    if _is_jpeg(data):
        return AttachmentType.JPEG
    return None


def safe_filename(name: str, *, extension: str) -> str:
    """A name fit for a Content-Disposition header: letters, digits, ``-`` ``_`` ``.``
    only, with the extension of the verified type."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:60] or "attachment"
    return f"{cleaned}.{extension}"


class MemoryUploadHandler(FileUploadHandler):
    """Keeps an uploaded file in memory, up to ``MAX_BYTES`` and one byte more (so the
    form can say it is too large); never writes it to a temporary file."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        room = MAX_BYTES + 1 - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
