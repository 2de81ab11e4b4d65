"""``application_submit``: p50/p95 latency of ``application_submit`` (decision, the
application row, the customer, the card account, the audit event, one transaction)
with field encryption on, beside the same submit with a no-op cipher, in the same run.

The no-op cipher is a ``KeyRing`` whose encrypt/decrypt pass bytes through (the
seam: ``partnership.crypto.keys._cache["ring"]``, which ``key_ring()`` returns); it
exists only here. Runs in-process on a throwaway SQLite database in ``var/bench/``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.result import BenchError, Result, Target

REPO = Path(__file__).resolve().parent.parent

ROUNDS = 60  # per variant, interleaved in blocks of 10


def _setup() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _input(number: int):  # type: ignore[no-untyped-def]
    from partnership.applications.models import EmploymentStatus, HousingStatus
    from partnership.applications.services.applicant import AddressInput, ApplicationInput

    return ApplicationInput(
        first_name="Bench",
        last_name="Lovelace",
        date_of_birth=dt.date(1980, 1, 1) + dt.timedelta(days=number),
        addresses=(AddressInput("1 Bench Street\nLondon", "SW1A 1AA", "2010-01"),),
        employment_status=EmploymentStatus.EMPLOYED,
        annual_income=Decimal("42000"),
        housing_status=HousingStatus.RENTING,
        monthly_housing_cost=Decimal("900"),
        monthly_credit_repayments=Decimal("0"),
        existing_debt=Decimal("0"),
        email=f"bench.{number}.{time.monotonic_ns()}@example.org",
        phone="07700 900123",
        marketing_email=True,
        marketing_post=False,
        statements_paperless=True,
        credit_search_consent=True,
        notice_read=True,
        precontract_read=True,
    )


def _noop_ring() -> Any:
    from partnership.crypto.keys import KeyRing

    class NoOpRing(KeyRing):
        """Passes plaintext through: the cost of everything but the cipher."""

        def encrypt(self, plaintext: bytes, *, associated_data: bytes) -> str:
            return "v1.noop." + plaintext.hex()

        def decrypt(self, token: str, *, associated_data: bytes, context: str = "") -> bytes:
            return bytes.fromhex(token.split(".")[2])

    return NoOpRing([("noop", bytes(32))])


def _timed(number: int) -> float:
    from partnership.applications.services.submit import application_submit

    data = _input(number)
    started = time.perf_counter()
    application_submit(data=data, idempotency_key=f"bench-{number}-{time.monotonic_ns()}")
    return (time.perf_counter() - started) * 1000


def run() -> Result:
    """Measured in a child process, so this process's Django (if any) is left alone."""
    var_dir = tempfile.mkdtemp(prefix="partnership-bench-submit-")
    env = {
        **os.environ,
        "HTTPS": "off",
        "VAR_DIR": var_dir,
        "DATABASE_URL": f"sqlite:///{var_dir}/submit.sqlite3",
        "DJANGO_SETTINGS_MODULE": "partnership.settings",
    }
    for name in (
        "FIELD_ENCRYPTION_KEYS",
        "BLIND_INDEX_KEY",
        "CARD_DATA_KEYS",
        "CARD_INDEX_KEYS",
        "REDIS_URL",
    ):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", "from bench.application_submit import measure; measure()"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    shutil.rmtree(var_dir, ignore_errors=True)
    if done.returncode != 0:
        raise BenchError("measuring failed: " + " | ".join(done.stderr.strip().splitlines()[-5:]))
    timings = json.loads(done.stdout.strip().splitlines()[-1])
    return _result(timings["encrypted"], timings["plain"])


def measure() -> None:
    _setup()
    from partnership.crypto import keys

    encrypted: list[float] = []
    plain: list[float] = []
    number = 0
    for _ in range(ROUNDS // 10):
        for variant in ("encrypted", "plain"):
            keys.reset_cache()
            if variant == "plain":
                keys._cache["ring"] = _noop_ring()  # the test-only seam
            for _ in range(10):
                number += 1
                (encrypted if variant == "encrypted" else plain).append(_timed(number))
    keys.reset_cache()
    print(json.dumps({"encrypted": encrypted, "plain": plain}))


def _result(encrypted: list[float], plain: list[float]) -> Result:
    def p(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1]

    e50, e95, n50, n95 = p(encrypted, 50), p(encrypted, 95), p(plain, 50), p(plain, 95)
    return Result(
        name="application_submit",
        targets=[
            Target(
                label="submit p95 ms (encrypted)",
                value=e95,
                comparison="<=",
                threshold=max(250.0, n95 * 2),
                figure=f"encrypted p50 {e50:.1f} ms, p95 {e95:.1f} ms",
                reference=f"no-op cipher p50 {n50:.1f} ms, p95 {n95:.1f} ms",
                precision=1,
            )
        ],
        data={"encrypted_ms": encrypted, "plain_ms": plain},
    )
