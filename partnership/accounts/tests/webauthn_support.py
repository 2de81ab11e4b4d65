"""A software authenticator for tests: an EC P-256 key of its own, "none" attestation,
and the browser's JSON for ``create()`` and ``get()``, so the site's verification code
really runs (no patching of the ``webauthn`` package)."""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from webauthn.helpers import bytes_to_base64url

_UP_UV = 0x01 | 0x04
_ATTESTED = 0x40


def _b64(data: bytes) -> str:
    return bytes_to_base64url(data)


@dataclass
class SoftAuthenticator:
    rp_id: str = field(default_factory=lambda: settings.WEBAUTHN_RP_ID)
    origin: str = field(default_factory=lambda: settings.WEBAUTHN_ORIGINS[0])
    credential_id: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    sign_count: int = 0

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,  # kty: EC2
                3: -7,  # alg: ES256
                -1: 1,  # crv: P-256
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def _client_data(self, *, kind: str, challenge: str, origin: str | None) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": origin or self.origin}
        return json.dumps({**data, "crossOrigin": False}).encode()

    def _auth_data(self, *, rp_id: str | None, attested: bool) -> bytes:
        rp_hash = hashlib.sha256((rp_id or self.rp_id).encode()).digest()
        flags = _UP_UV | (_ATTESTED if attested else 0)
        head = rp_hash + bytes([flags]) + struct.pack(">I", self.sign_count)
        if not attested:
            return head
        credential = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id
        return head + credential + self._cose_key()

    def create(self, options: str, *, origin: str | None = None, rp_id: str | None = None) -> str:
        """The browser's JSON answer to ``navigator.credentials.create(options)``."""
        challenge = json.loads(options)["challenge"]
        client_data = self._client_data(kind="webauthn.create", challenge=challenge, origin=origin)
        attestation = cbor2.dumps(
            {"fmt": "none", "attStmt": {}, "authData": self._auth_data(rp_id=rp_id, attested=True)}
        )
        return json.dumps(
            {
                "id": _b64(self.credential_id),
                "rawId": _b64(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": _b64(client_data),
                    "attestationObject": _b64(attestation),
                    "transports": ["internal"],
                },
                "clientExtensionResults": {},
                "authenticatorAttachment": "platform",
            }
        )

    def get(
        self,
        options: str,
        *,
        origin: str | None = None,
        rp_id: str | None = None,
        count_up: bool = True,
    ) -> str:
        """The browser's JSON answer to ``navigator.credentials.get(options)``."""
        if count_up:
            self.sign_count += 1
        challenge = json.loads(options)["challenge"]
        client_data = self._client_data(kind="webauthn.get", challenge=challenge, origin=origin)
        auth_data = self._auth_data(rp_id=rp_id, attested=False)
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        answer: dict[str, Any] = {
            "id": _b64(self.credential_id),
            "rawId": _b64(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": _b64(client_data),
                "authenticatorData": _b64(auth_data),
                "signature": _b64(signature),
            },
            "clientExtensionResults": {},
        }
        return json.dumps(answer)
