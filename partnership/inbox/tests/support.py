"""Test helpers for secure messages: small valid files of each type, and a thread."""

from __future__ import annotations

import struct
import zlib

from partnership.accounts.models import User
from partnership.inbox import services
from partnership.inbox.models import AttachmentType, Thread, Topic

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 32
    + b"\xff\xd9"
)


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    + _chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    + _chunk(b"IEND", b"")
)
# A Windows executable's header: what a renamed .exe starts with.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def thread_make(
    owner: User, *, with_attachment: bool = True, body: str = "My card is bent."
) -> Thread:
    attachment = (
        services.AttachmentInput(
            filename="photo of card.pdf", content=PDF, content_type=AttachmentType.PDF
        )
        if with_attachment
        else None
    )
    return services.thread_start(
        owner_id=owner.pk, topic=Topic.CARD, body=body, attachment=attachment
    )


def inbox_owned(owner: User) -> dict[str, str]:
    """Ids for the URL access table: a thread of ``owner`` with an attachment."""
    thread = thread_make(owner)
    message = thread.messages.get()
    return {
        "<uuid:thread_id>": str(thread.pk),
        "<uuid:attachment_id>": str(message.attachment.pk),
    }
