"""``crypto_field``: encrypt + decrypt of a 100-byte field value, against SHA-256 of it.

Target (issue 3, DESIGN.md §6): ≤ 20 µs per encrypt + decrypt through the key ring
(AES-256-GCM with the model/field/row associated data), printed beside a plain
``hashlib.sha256`` of the same 100 bytes measured in the same run. Needs no database
and no Django set-up: the ring is built from a key made here.

Knob: ``BENCH_REPEATS`` (default 7): interleaved rounds; the best round is reported.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import timeit
import uuid
from collections.abc import Callable

from bench.result import BenchError, Result, Target
from partnership.crypto.keys import KeyRing

TARGET_MICROSECONDS = 20.0
VALUE_BYTES = 100
MIN_ROUND_SECONDS = 0.2


def _repeats() -> int:
    raw = os.environ.get("BENCH_REPEATS", "").strip()
    try:
        repeats = int(raw) if raw else 7
    except ValueError:
        raise BenchError(f"BENCH_REPEATS must be a whole number, not {raw!r}") from None
    if repeats < 1:
        raise BenchError(f"BENCH_REPEATS must be at least 1, not {repeats}")
    return repeats


def _loops(operation: Callable[[], object]) -> int:
    """Enough calls per round for the round to last at least MIN_ROUND_SECONDS."""
    loops, seconds = timeit.Timer(operation).autorange()
    return max(1, int(loops * MIN_ROUND_SECONDS / seconds) if seconds else loops)


def run() -> Result:
    ring = KeyRing([("bench1", secrets.token_bytes(32))])
    value = secrets.token_bytes(VALUE_BYTES)
    associated_data = f"privacy.complaint|details|{uuid.uuid4()}".encode()

    def field_round_trip() -> bytes:
        token = ring.encrypt(value, associated_data=associated_data)
        return ring.decrypt(token, associated_data=associated_data)

    def reference() -> bytes:
        return hashlib.sha256(value).digest()

    if field_round_trip() != value:
        raise BenchError("the round trip did not return the value")
    operations = {"field": field_round_trip, "sha256": reference}
    loops = {name: _loops(operation) for name, operation in operations.items()}
    best = dict.fromkeys(operations, float("inf"))
    repeats = _repeats()
    for _ in range(repeats):  # interleaved, so the machine's noise lands on both
        for name, operation in operations.items():
            seconds = timeit.Timer(operation).timeit(number=loops[name])
            best[name] = min(best[name], seconds / loops[name] * 1e6)
    token_length = len(ring.encrypt(value, associated_data=associated_data))
    print(
        f"  {VALUE_BYTES}-byte value, AES-256-GCM, token {token_length} characters; "
        f"best of {repeats} interleaved rounds ({loops['field']} field and "
        f"{loops['sha256']} sha256 calls per round)"
    )
    target = Target(
        label="µs/op",
        value=best["field"],
        comparison="<=",
        threshold=TARGET_MICROSECONDS,
        figure=f"field encrypt+decrypt  {best['field']:.2f} µs",
        reference=f"sha256  {best['sha256']:.2f} µs",
    )
    return Result(
        name="crypto_field",
        targets=[target],
        data={
            "value_bytes": VALUE_BYTES,
            "token_characters": token_length,
            "field_microseconds": best["field"],
            "sha256_microseconds": best["sha256"],
            "ratio_field_to_sha256": best["field"] / best["sha256"],
            "repeats": repeats,
            "loops": loops,
        },
    )


if __name__ == "__main__":
    result = run()
    for line in result.targets:
        print(line.line())
