"""``application_faults``: applications submitted while the server is being broken.

A real server (gunicorn with the project's config, 3 workers) against a scratch
PostgreSQL database; ``APPLICATIONS`` (200) applications are sent concurrently, each the
whole cookieless journey, while a chaos thread alternately SIGKILLs a worker and
terminates the site's database connections (``pg_terminate_backend``). Clients retry
like a browser would (the same form again). Afterwards: every application whose client
received the confirmation exists exactly once, and nothing half-written remains
(customers, card accounts and audit events match the applications one to one).

It stays on gunicorn, the site's server until issue 17 (``WEB_SERVER=gunicorn`` keeps it
runnable): granian's master gives up and exits when a worker it has just respawned dies
again within 5.5 seconds ("crash loop detected"), and the chaos thread kills a worker
every few seconds, so on granian this would measure that guard, not whether a
half-written application can survive a killed worker. What it proves is the site's
(one transaction per application, idempotent retries), which no server choice changes;
granian's own handling of a killed worker is tested by
``tests/e2e/test_stats_worker_kill.py``.

Needs ``DATABASE_URL`` pointing at PostgreSQL (the server is used to create and drop
the scratch database). ``partnership/applications/tests/test_faults.py`` runs the
same function in CI.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import re
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.result import BenchError, Result, Target

REPO = Path(__file__).resolve().parent.parent
PY = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
APPLICATIONS = 200
CONCURRENCY = 20
WORKERS = 3
CHAOS_EVERY = 2.0  # seconds between faults (a worker takes ~1 s to boot)
ATTEMPTS = 40
_HIDDEN = re.compile(r'name="(draft|submission)" value="([^"]*)"')
_REFERENCE = re.compile(r"APP-[0-9A-Z]{10}")


@dataclass
class FaultCounts:
    submitted: int = 0
    confirmed: int = 0
    stored: int = 0
    confirmed_missing: int = 0
    confirmed_duplicated: int = 0
    approved: int = 0
    customers_without_application: int = 0
    accounts_without_customer: int = 0
    approved_without_account: int = 0
    audit_mismatch: int = 0
    workers_killed: int = 0
    connections_terminated: int = 0
    retries: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return (
            self.confirmed > 0
            and self.confirmed_missing == 0
            and self.confirmed_duplicated == 0
            and self.customers_without_application == 0
            and self.accounts_without_customer == 0
            and self.approved_without_account == 0
            and self.audit_mismatch == 0
        )


def _conninfo(database_url: str, dbname: str) -> str:
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path=f"/{dbname}"))


def _psql(
    database_url: str, dbname: str, sql: str, *, autocommit: bool = True
) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(_conninfo(database_url, dbname), autocommit=autocommit) as conn:
        cursor = conn.execute(sql.encode())
        return list(cursor.fetchall()) if cursor.description else []


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Client:
    def __init__(self, base: str, counts: FaultCounts, lock: threading.Lock) -> None:
        self.base, self.counts, self.lock = base, counts, lock

    def post(self, path: str, data: dict[str, str], *, address: str) -> str:
        body = urllib.parse.urlencode(data).encode()
        # Each applicant at an address of their own, as if through our proxy: the
        # per-address limits (applications/limits.py) are not what this run tests.
        headers = {"X-Forwarded-For": address}
        for attempt in range(ATTEMPTS):
            request = urllib.request.Request(  # noqa: S310
                self.base + path, data=body, method="POST", headers=headers
            )
            try:
                with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                    return str(response.read().decode())
            except urllib.error.HTTPError as exc:
                if exc.code < 500:
                    return str(exc.read().decode())
            except (urllib.error.URLError, OSError, http.client.HTTPException):
                pass
            with self.lock:
                self.counts.retries += 1
            time.sleep(0.05 * (attempt + 1))
        raise BenchError(f"{path} did not answer after {ATTEMPTS} attempts")


def _one_application(client: _Client, number: int) -> str | None:
    """The whole journey without cookies; the reference the client was shown, or None."""
    rng = random.Random(number)
    surname = rng.choice(["Lovelace", "Hopper", "Decline", "Refer"])
    steps = [
        ("eligibility", {"age_18_or_over": "yes", "uk_resident": "yes", "bankrupt": "no"}),
        (
            "personal",
            {
                "first_name": "Fault",
                "last_name": surname,
                "date_of_birth": f"{rng.randrange(1, 28):02d}/{rng.randrange(1, 12):02d}/"
                f"{rng.randrange(1950, 2000)}",
            },
        ),
        (
            "addresses",
            {"address_1": f"{number} Test Street", "postcode_1": "SW1A 1AA", "since_1": "01/2010"},
        ),
        ("employment", {"employment_status": "employed", "annual_income": "42000"}),
        (
            "outgoings",
            {
                "housing_status": "renting",
                "monthly_housing_cost": "900",
                "monthly_credit_repayments": "0",
                "existing_debt": "0",
            },
        ),
        (
            "contact",
            {
                "email": f"fault.{number}.{os.getpid()}@example.org",
                "phone": "07700 900123",
                "statements": "paperless",
            },
        ),
        ("review", {}),
        (
            "declarations",
            {"credit_search_consent": "on", "notice_read": "on", "precontract_read": "on"},
        ),
    ]
    address = f"198.18.{number // 250}.{number % 250 + 1}"  # RFC 2544 test range
    page = client.post("/apply/", {}, address=address)
    for name, data in steps:
        hidden = dict(_HIDDEN.findall(page))
        if "draft" not in hidden:
            return None
        page = client.post(f"/apply/{name}/", {**data, **hidden, "go": "next"}, address=address)
    match = _REFERENCE.search(page)
    return match.group(0) if match else None


def _worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == master and fields[0] != "Z":
                    pids.append(int(entry.name))
    return pids


def _chaos(master: int, url: str, dbname: str, stop: threading.Event, counts: FaultCounts) -> None:
    turn = 0
    while not stop.wait(CHAOS_EVERY):
        turn += 1
        if turn % 2:
            workers = _worker_pids(master)
            if workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(random.choice(workers), signal.SIGKILL)
                    counts.workers_killed += 1
        else:
            with contextlib.suppress(Exception):
                rows = _psql(
                    url,
                    "postgres",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608
                    f"WHERE datname = '{dbname}' AND pid <> pg_backend_pid()",
                )
                counts.connections_terminated += sum(1 for (done,) in rows if done)


def fault_run(
    database_url: str, *, applications: int = APPLICATIONS, concurrency: int = CONCURRENCY
) -> FaultCounts:
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise BenchError("application_faults needs DATABASE_URL pointing at PostgreSQL")
    dbname = f"partnership_faults_{os.getpid()}"
    counts = FaultCounts(submitted=applications)
    var_dir = tempfile.mkdtemp(prefix="partnership-faults-")
    env = {
        **os.environ,
        "HTTPS": "off",
        "VAR_DIR": var_dir,
        "DATABASE_URL": _conninfo(database_url, dbname).replace("postgresql://", "postgres://"),
        "WEB_WORKERS": str(WORKERS),
        "XDG_RUNTIME_DIR": var_dir,
        "TRUSTED_PROXIES": "127.0.0.1/32",
    }
    env.pop("REDIS_URL", None)
    env.pop("PARTNERSHIP_TEST_APPS", None)
    _psql(database_url, "postgres", f"DROP DATABASE IF EXISTS {dbname}")
    _psql(database_url, "postgres", f"CREATE DATABASE {dbname}")
    server: subprocess.Popen[bytes] | None = None
    try:
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["createcachetable"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            subprocess.run([str(PY), "manage.py", *command], cwd=REPO, env=env, check=True)
        port = _free_port()
        env["PORT"] = str(port)
        base = f"http://127.0.0.1:{port}"
        with (Path(var_dir) / "server.log").open("wb") as log:
            server = subprocess.Popen(
                [
                    str(GUNICORN),
                    "--config",
                    "python:partnership.gunicorn_conf",
                    "partnership.wsgi:application",
                ],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while True:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(base + "/healthz", timeout=2),  # noqa: S310
            ):
                break
            if time.monotonic() > deadline or server.poll() is not None:
                raise BenchError(
                    "the server did not start; see " + str(Path(var_dir) / "server.log")
                )
            time.sleep(0.2)

        lock = threading.Lock()
        client = _Client(base, counts, lock)
        stop = threading.Event()
        chaos = threading.Thread(
            target=_chaos, args=(server.pid, database_url, dbname, stop, counts), daemon=True
        )
        started = time.monotonic()
        chaos.start()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            references = list(pool.map(lambda n: _one_application(client, n), range(applications)))
        stop.set()
        chaos.join()
        counts.seconds = round(time.monotonic() - started, 1)
        confirmed = [reference for reference in references if reference]
        counts.confirmed = len(confirmed)
        _check(database_url, dbname, confirmed, counts)
    finally:
        if server is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=15)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
        _psql(database_url, "postgres", f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")
    return counts


def _check(url: str, dbname: str, confirmed: list[str], counts: FaultCounts) -> None:
    def one(sql: str) -> int:
        return int(_psql(url, dbname, sql)[0][0])

    stored = dict(
        _psql(url, dbname, "SELECT reference, count(*) FROM applications_application GROUP BY 1")
    )
    counts.stored = sum(stored.values())
    counts.confirmed_missing = sum(1 for ref in confirmed if ref not in stored)
    counts.confirmed_duplicated = sum(1 for ref in confirmed if stored.get(ref, 0) > 1)
    counts.approved = one("SELECT count(*) FROM applications_application WHERE outcome='approved'")
    counts.customers_without_application = one(
        "SELECT count(*) FROM accounts_user u WHERE NOT u.is_staff AND NOT EXISTS "
        "(SELECT 1 FROM applications_application a WHERE a.customer_id = u.id)"
    )
    counts.accounts_without_customer = one(
        "SELECT count(*) FROM cards_cardaccount c WHERE NOT EXISTS "
        "(SELECT 1 FROM applications_application a WHERE a.customer_id = c.owner_id)"
    )
    counts.approved_without_account = one(
        "SELECT count(*) FROM applications_application a WHERE a.outcome = 'approved' AND "
        "NOT EXISTS (SELECT 1 FROM cards_cardaccount c WHERE c.owner_id = a.customer_id)"
    )
    audited = one(
        "SELECT count(DISTINCT subject_id) FROM audit_auditevent "
        "WHERE event = 'applications:application:submit'"
    )
    counts.audit_mismatch = abs(audited - counts.stored)


def run() -> Result:
    # The machine's PostgreSQL unless told otherwise (a scratch database is made there).
    url = os.environ.get("BENCH_PG_URL") or os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    counts = fault_run(url)
    print("  " + ", ".join(f"{k}={v}" for k, v in asdict(counts).items() if k != "errors"))
    lost = counts.confirmed_missing + counts.confirmed_duplicated
    partial = (
        counts.customers_without_application
        + counts.accounts_without_customer
        + counts.approved_without_account
        + counts.audit_mismatch
    )
    return Result(
        name="application_faults",
        targets=[
            Target(
                label="confirmed lost or doubled",
                value=float(lost),
                comparison="<=",
                threshold=0.0,
                figure=(
                    f"{counts.confirmed}/{counts.submitted} confirmed, {counts.stored} stored, "
                    f"{lost} lost or doubled, {partial} partial"
                ),
                reference=(
                    f"{counts.workers_killed} workers SIGKILLed, "
                    f"{counts.connections_terminated} connections terminated, "
                    f"{counts.retries} client retries in {counts.seconds} s"
                ),
                precision=0,
            ),
            Target(
                label="partial rows",
                value=float(partial),
                comparison="<=",
                threshold=0.0,
                figure=f"{partial} partial rows",
                reference="customers, card accounts, audit events vs applications",
                precision=0,
            ),
        ],
        data=asdict(counts),
    )
