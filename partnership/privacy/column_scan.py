"""Scanning stored text for what must not be there: every row, plain columns only.

Encrypted columns hold AES-GCM tokens and are skipped (``crypto.fields``); every other
text, char and JSON column is read in full — no sampling — through ``values_list``, so
rows are not decrypted on the way. Findings name the table and column and count rows;
the matched value itself is never reported.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from partnership.crypto.fields import EncryptedFieldMixin

Detector = Callable[[str], bool]
CHUNK = 2000

# Hashes, references, tokens and UUIDs are opaque by construction: their digits must not
# be read as phone or card numbers, nor a stretch of their capitals as a postcode. (A hex
# run of 12+ with at least one letter — a phone number has none — or a long base64-ish
# token mixing letters and digits.)
_OPAQUE = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
    r"|\b(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{12,}\b"
    r"|(?=[A-Za-z0-9_\-+/=]*[A-Za-z])(?=[A-Za-z0-9_\-+/=]*\d)[A-Za-z0-9_\-+/=]{24,}"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# UK numbers: +44 or 0, then 9-10 more digits, with the usual spaces.
_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s\-]?){9,10}(?!\d)")
_POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
_CARD = re.compile(r"(?<!\d)(?:\d[ \-]?){12,18}\d(?!\d)")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Za-z:])")


def without_opaque_tokens(text: str) -> str:
    return _OPAQUE.sub(" ", text)


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def has_email(text: str) -> bool:
    return _EMAIL.search(text) is not None


def has_uk_phone(text: str) -> bool:
    return _PHONE.search(without_opaque_tokens(text)) is not None


def has_uk_postcode(text: str) -> bool:
    return _POSTCODE.search(without_opaque_tokens(text)) is not None


def has_card_number(text: str) -> bool:
    for match in _CARD.finditer(without_opaque_tokens(text)):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            return True
    return False


def has_ip_address(text: str) -> bool:
    for match in _IPV4.finditer(text):
        try:
            ipaddress.IPv4Address(match.group())
        except ValueError:
            continue
        return True
    for match in _IPV6.finditer(text):
        candidate = match.group()
        if candidate.count(":") < 2 or candidate.strip(":") == "":
            continue
        try:
            ipaddress.IPv6Address(candidate)
        except ValueError:
            continue
        return True
    return False


PERSONAL_DATA_DETECTORS: dict[str, Detector] = {
    "e-mail": has_email,
    "phone": has_uk_phone,
    "postcode": has_uk_postcode,
    "card number": has_card_number,
}


def plain_text_columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """Concrete text, char and JSON columns that are not encrypted."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not isinstance(f, EncryptedFieldMixin)
    ]


def all_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


@dataclass(frozen=True)
class Finding:
    column: str  # "app_table.column"
    kind: str  # what was found ("e-mail")
    rows: int


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def scan_columns(
    model: type[models.Model],
    detectors: dict[str, Detector],
    *,
    columns: Iterable[models.Field[Any, Any]] | None = None,
) -> list[Finding]:
    """Every row of ``model``, each given column, each detector: findings by column."""
    fields = list(plain_text_columns(model) if columns is None else columns)
    if not fields:
        return []
    counts: Counter[tuple[str, str]] = Counter()
    names = [f.attname for f in fields]
    rows = model._default_manager.all().order_by().values_list(*names)
    for row in rows.iterator(chunk_size=CHUNK):
        for name, value in zip(names, row, strict=True):
            text = _as_text(value)
            if not text:
                continue
            for kind, detector in detectors.items():
                if detector(text):
                    counts[(name, kind)] += 1
    table = model._meta.db_table
    return [Finding(f"{table}.{name}", kind, rows) for (name, kind), rows in counts.items()]


def findings_evidence(findings: list[Finding], *, scanned: str) -> str:
    if not findings:
        return f"nothing found in {scanned}"
    shown = ", ".join(f"{f.kind} in {f.column} ({f.rows} rows)" for f in findings[:4])
    more = f" and {len(findings) - 4} more" if len(findings) > 4 else ""
    return f"{shown}{more}"
