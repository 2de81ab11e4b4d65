"""The fault test (issue 7): applications under worker kills and dropped connections.

Runs only on PostgreSQL (``.ci/run`` runs the suite there): it needs
``pg_terminate_backend`` and a server it can create a scratch database on.
"""

from __future__ import annotations

import os

import pytest

from bench.application_faults import fault_run

DATABASE_URL = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="the fault test needs PostgreSQL (pg_terminate_backend, a scratch database); "
    ".ci/run runs it with DATABASE_URL set",
)
def test_every_confirmed_application_is_stored_once_under_kills_and_dropped_connections() -> None:
    counts = fault_run(DATABASE_URL, applications=200)

    assert counts.confirmed == counts.submitted
    assert counts.confirmed_missing == 0
    assert counts.confirmed_duplicated == 0
    assert counts.customers_without_application == 0
    assert counts.accounts_without_customer == 0
    assert counts.approved_without_account == 0
    assert counts.audit_mismatch == 0
    assert counts.workers_killed > 0
    assert counts.connections_terminated > 0
