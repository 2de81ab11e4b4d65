"""The hash chain's arithmetic: canonical form and hashes, shared by writer and verifier.

``hash = sha256(bytes.fromhex(prev_hash) || canonical)`` — the previous hash's 32 raw
bytes, then ``canonical``: the JSON of every field but ``hash`` with sorted keys, no
whitespace, ASCII only, and the time in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``. The
first event's ``prev_hash`` is ``GENESIS_PREV_HASH`` (64 zeros).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping

GENESIS_PREV_HASH = "0" * 64

# The fields covered by the hash, in the model's names.
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_kind",
    "actor_id",
    "event",
    "subject_type",
    "subject_id",
    "reason",
    "data",
    "prev_hash",
)


def utc_timestamp(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("audit times must be aware datetimes")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(
    *,
    sequence: int,
    occurred_at: dt.datetime,
    actor_kind: str,
    actor_id: str,
    event: str,
    subject_type: str,
    subject_id: str,
    reason: str,
    data: Mapping[str, object],
    prev_hash: str,
) -> bytes:
    document = {
        "sequence": sequence,
        "occurred_at": utc_timestamp(occurred_at),
        "actor_kind": actor_kind,
        "actor_id": actor_id,
        "event": event,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "reason": reason,
        "data": dict(data),
        "prev_hash": prev_hash,
    }
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def event_hash(*, prev_hash: str, canonical: bytes) -> str:
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical).hexdigest()
