"""Concurrent writers never fork the chain.

pytest-django's SQLite test database lives in memory and cannot be shared between
threads, so on SQLite the writers run in a subprocess against a temporary file
database (migrated there); on PostgreSQL they are threads against the test database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from partnership.audit.events import AuditEventType
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor, audit_record
from partnership.audit.verification import audit_verify

REPO = Path(__file__).resolve().parents[3]
WRITERS, EACH = 4, 50

SCRIPT = f"""
import json, threading
import django
django.setup()
from django.core.management import call_command
from django.db import connections
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.audit.verification import audit_verify

call_command("migrate", verbosity=0)
start = threading.Barrier({WRITERS})

def writer(number):
    start.wait()
    for i in range({EACH}):
        audit_record(event=AuditEventType.PRIVACY_RETENTION_RUN, actor=Actor.system(),
                     data={{"writer": number, "i": i}})
    connections.close_all()

threads = [threading.Thread(target=writer, args=(n,)) for n in range({WRITERS})]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps(audit_verify().as_json()))
"""


def test_four_writers_on_sqlite_make_one_gap_free_chain(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="partnership.settings",
        HTTPS="off",
    )
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert (report["passed"], report["count"], report["head"]["sequence"]) == (True, 200, 200)
    assert report["problems"] == []


@pytest.mark.django_db(transaction=True)
def test_four_writers_on_postgresql_make_one_gap_free_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads share the test database only on PostgreSQL (SQLite: see above)")
    failures: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                audit_record(
                    event=AuditEventType.PRIVACY_RETENTION_RUN,
                    actor=Actor.system(),
                    data={"writer": number, "i": i},
                )
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    report = audit_verify()
    assert failures == []
    assert report.ok, report.problems
    assert list(AuditEvent.objects.values_list("sequence", flat=True)) == list(range(1, 201))
