"""The signed checkpoint file: its format, signing, reading and atomic writing.

A checkpoint file is JSON::

    {"checkpoint": {<payload>}, "signature": "<base64 Ed25519 signature>"}

The signature covers the payload's canonical JSON (sorted keys, no whitespace,
ASCII). Payload fields (format 1):

- ``format`` 1; ``kind`` ``"head"`` or ``"rollback"``;
- ``chain_id`` — the hash of the chain's first event;
- ``sequence``, ``hash``, ``count`` — the head the statement is about;
- ``written_at`` — UTC, ``YYYY-MM-DDTHH:MM:SS.ffffffZ``; ``key_id`` — the signer;
- ``kind == "rollback"`` only: ``lost_from``, ``lost_to`` (the sequences lost when a
  backup was restored) and ``lost_head_hash`` (the hash the newest checkpoint had
  signed at ``lost_to``). New kinds add fields; a reader refuses kinds it does not know.

File names start with the chain id's first 16 hex digits, so several databases can
share one directory: ``<chain16>-<sequence:012d>-head-<hash16>.json`` and
``<chain16>-<sequence:012d>-rollback-to-<lost_to:012d>-<hash16>.json``.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from partnership.audit.keys import SigningKey
from partnership.core.private_files import FILE_MODE, make_private_dir

FORMAT = 1
_HASH = re.compile(r"[0-9a-f]{64}")


class CheckpointKind(StrEnum):
    HEAD = "head"
    ROLLBACK = "rollback"


@dataclass(frozen=True)
class Checkpoint:
    kind: CheckpointKind
    chain_id: str
    sequence: int
    hash: str
    count: int
    written_at: str
    key_id: str
    lost_from: int | None = None
    lost_to: int | None = None
    lost_head_hash: str | None = None

    def payload(self) -> dict[str, Any]:
        fields = asdict(self)
        fields["kind"] = self.kind.value
        if self.kind == CheckpointKind.HEAD:
            for name in ("lost_from", "lost_to", "lost_head_hash"):
                del fields[name]
        return {"format": FORMAT, **fields}

    def file_name(self) -> str:
        name = f"{self.chain_id[:16]}-{self.sequence:012d}-{self.kind.value}"
        if self.kind == CheckpointKind.ROLLBACK:
            name += f"-to-{self.lost_to or 0:012d}"
        return f"{name}-{self.hash[:16]}.json"


@dataclass(frozen=True)
class LoadedCheckpoint:
    """One file of the directory: the checkpoint if readable, and what is wrong with it."""

    path: Path
    checkpoint: Checkpoint | None
    problem: str | None

    @property
    def sound(self) -> bool:
        return self.checkpoint is not None and self.problem is None


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def signed_document(checkpoint: Checkpoint, key: SigningKey) -> bytes:
    if checkpoint.key_id != key.key_id:
        raise ValueError("a checkpoint must name the key that signs it")
    payload = checkpoint.payload()
    signature = key.private_key.sign(_canonical(payload))
    document = {"checkpoint": payload, "signature": base64.b64encode(signature).decode()}
    return (json.dumps(document, sort_keys=True, indent=2) + "\n").encode()


def write_atomically(directory: Path, name: str, content: bytes) -> Path:
    """Write ``content`` to ``directory/name`` all at once: a temporary file, then rename."""
    make_private_dir(directory)
    target = directory / name
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, FILE_MODE)  # mkstemp's own 0600, whatever the platform
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _parse(payload: object) -> Checkpoint:
    """The checkpoint in ``payload``; ``ValueError`` naming the first field that is wrong."""
    if not isinstance(payload, dict):
        raise ValueError("no checkpoint object")
    if payload.get("format") != FORMAT:
        raise ValueError("unsupported format")
    try:
        kind = CheckpointKind(str(payload.get("kind")))
    except ValueError:
        raise ValueError("unknown kind") from None
    expected: dict[str, type] = {
        "chain_id": str,
        "sequence": int,
        "hash": str,
        "count": int,
        "written_at": str,
        "key_id": str,
    }
    if kind == CheckpointKind.ROLLBACK:
        expected.update(lost_from=int, lost_to=int, lost_head_hash=str)
    extra = set(payload) - set(expected) - {"format", "kind"}
    if extra:
        raise ValueError(f"unexpected field {sorted(extra)[0]!r}")
    for name, kind_of in expected.items():
        value = payload.get(name)
        if not isinstance(value, kind_of) or isinstance(value, bool):
            raise ValueError(f"field {name!r} missing or of the wrong type")
    for name in ("chain_id", "hash", "lost_head_hash"):
        if name in expected and not _HASH.fullmatch(payload[name]):
            raise ValueError(f"field {name!r} is not a SHA-256 hex digest")
    return Checkpoint(kind=kind, **{name: payload[name] for name in expected})


def load(path: Path, keys: dict[str, Ed25519PublicKey]) -> LoadedCheckpoint:
    try:
        document = json.loads(path.read_bytes())
        checkpoint = _parse(document.get("checkpoint") if isinstance(document, dict) else None)
        signature = base64.b64decode(document["signature"], validate=True)
    except (OSError, ValueError, KeyError, TypeError, binascii.Error) as exc:
        return LoadedCheckpoint(path, None, f"unreadable checkpoint file ({exc})")
    key = keys.get(checkpoint.key_id)
    if key is None:
        return LoadedCheckpoint(path, checkpoint, f"signed by unknown key id {checkpoint.key_id!r}")
    try:
        key.verify(signature, _canonical(document["checkpoint"]))
    except InvalidSignature:
        return LoadedCheckpoint(path, checkpoint, "signature does not verify (forged or altered)")
    return LoadedCheckpoint(path, checkpoint, None)


def load_directory(directory: Path, keys: dict[str, Ed25519PublicKey]) -> list[LoadedCheckpoint]:
    if not directory.is_dir():
        return []
    # Temporary files of a write in progress start with a dot.
    paths = sorted(p for p in directory.glob("*.json") if not p.name.startswith("."))
    return [load(path, keys) for path in paths]
