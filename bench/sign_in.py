"""Sign-in cost: one password verification with the Argon2id parameters in use, beside
one SHA-256 of the same password (the reference). Target: ≤ 500 ms per verification."""

from __future__ import annotations

import hashlib
import statistics
import time

from argon2 import PasswordHasher, Type

from bench.result import Result, Target

PASSWORD = "lantern orchard 57 harbour"  # noqa: S105 (a demo password)
ROUNDS = 15


def run() -> Result:
    from partnership.accounts.passwords import Argon2idPasswordHasher as Django

    hasher = PasswordHasher(
        time_cost=Django.time_cost,
        memory_cost=Django.memory_cost,
        parallelism=Django.parallelism,
        type=Type.ID,
    )
    stored = hasher.hash(PASSWORD)
    verify_ms: list[float] = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        hasher.verify(stored, PASSWORD)
        verify_ms.append((time.perf_counter() - started) * 1000)
    sha_started = time.perf_counter()
    for _ in range(10_000):
        hashlib.sha256(PASSWORD.encode()).digest()
    sha_ms = (time.perf_counter() - sha_started) * 1000 / 10_000
    median = statistics.median(verify_ms)
    parameters = f"m={Django.memory_cost // 1024} MiB, t={Django.time_cost}, p={Django.parallelism}"
    return Result(
        name="sign_in",
        targets=[
            Target(
                label="argon2id verify ms",
                value=median,
                comparison="<=",
                threshold=500.0,
                figure=f"argon2id verify {median:.1f} ms ({parameters})",
                reference=f"sha256 {sha_ms * 1000:.2f} µs",
                precision=1,
            )
        ],
        data={
            "argon2id_verify_ms_median": median,
            "argon2id_verify_ms_all": verify_ms,
            "sha256_ms": sha_ms,
            "memory_cost_kib": Django.memory_cost,
            "time_cost": Django.time_cost,
            "parallelism": Django.parallelism,
        },
    )
