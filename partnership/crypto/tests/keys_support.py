"""Fixed keys, associated data and token surgery for the key ring tests."""

from __future__ import annotations

from partnership.crypto.keys import KeyRing

AAD = b"crypto_tests.person|full_name|0b7c6f2e-0000-4000-8000-000000000001"
SECRET = "Ada Lovelace, 12 Crescent Road"
KEY_A = bytes([1]) * 32
KEY_B = bytes([2]) * 32


def ring(*pairs: tuple[str, bytes]) -> KeyRing:
    return KeyRing(list(pairs))


def swap(token: str, index: int, char: str) -> str:
    return token[:index] + char + token[index + 1 :]
