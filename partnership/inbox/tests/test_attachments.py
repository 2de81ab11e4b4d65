from __future__ import annotations

import pytest

from partnership.inbox.attachments import attachment_type, safe_filename
from partnership.inbox.models import AttachmentType
from partnership.inbox.tests.support import EXE, JPEG, PDF, PNG


@pytest.mark.parametrize(
    ("data", "expected"),
    [(PDF, AttachmentType.PDF), (PNG, AttachmentType.PNG), (JPEG, AttachmentType.JPEG)],
)
def test_each_accepted_type_is_recognised_by_its_content(data: bytes, expected: str) -> None:
    assert attachment_type(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        EXE,
        b"",
        b"just some text, saved as photo.png",
        # A signature alone is not enough: the structure must hold too.
        b"%PDF-1.7\n" + EXE,  # no %%EOF
        PNG[:8] + EXE,  # no IHDR, no IEND
        PNG[:-12],  # IEND cut off
        b"\xff\xd8\xff" + EXE,  # no EOI
        EXE + b"%%EOF",  # EOF marker without a PDF header
    ],
)
def test_anything_else_is_refused(data: bytes) -> None:
    assert attachment_type(data) is None


def test_png_with_a_zero_width_header_is_refused() -> None:
    broken = PNG[:16] + b"\x00\x00\x00\x00" + PNG[20:]

    assert attachment_type(broken) is None


def test_download_names_keep_only_safe_characters_and_the_verified_extension() -> None:
    assert safe_filename('bill "May".exe', extension="pdf") == "bill-May.pdf"
    assert safe_filename("../../etc/passwd", extension="png") == "passwd.png"
    assert safe_filename("C:\\Users\\me\\scan.jpeg", extension="jpg") == "scan.jpg"
    assert safe_filename("....", extension="pdf") == "attachment.pdf"
