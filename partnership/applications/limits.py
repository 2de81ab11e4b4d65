"""How often one client address may start drafts and send applications (``core.ratelimit``).

Each start writes an encrypted draft row, and each sending makes a hard search at the
credit reference agency, so both are limited per client: the key is
``core.ratelimit.client_key`` (a keyed hash of the address, never the address), and
the counters expire within a day.

- starts: ``STARTS_PER_ADDRESS`` an hour — far above one person's retries, low enough
  that a script cannot fill the drafts table;
- eligibility checks: ``CHECKS_PER_ADDRESS`` an hour, each a quotation search;
- sendings: ``SUBMISSIONS_PER_ADDRESS`` in 12 hours (the limiter's longest window) —
  room for a household or a shared connection, not for trying figures until the
  decision changes.

Only new work counts: carrying on with a draft is never limited, a replayed sending
returns the recorded application before any limit is asked, and a refused sending
leaves the draft as it was. The check decides and a granted attempt is then counted,
as the offers gate does, so a refused client's waiting never grows with its retries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnership.core.ratelimit import rate_limit_admit

STARTS_PER_ADDRESS = 20
STARTS_WINDOW = dt.timedelta(hours=1)
SUBMISSIONS_PER_ADDRESS = 5
SUBMISSIONS_WINDOW = dt.timedelta(hours=12)

STARTS_SCOPE = "applications:draft-start"
SUBMISSIONS_SCOPE = "applications:submit"
# The eligibility check makes a quotation search each time: room to correct a typo or
# try another income, not to probe the rules (docs/applications.md).
CHECKS_PER_ADDRESS = 10
CHECKS_WINDOW = dt.timedelta(hours=1)
CHECKS_SCOPE = "applications:eligibility-check"


@dataclass(frozen=True)
class Admission:
    """``retry_after`` is set when the attempt was refused: when it is worth trying again."""

    admitted: bool
    retry_after: dt.datetime | None = None


def draft_start_admit(*, client: str) -> Admission:
    """May ``client`` (``client_key``) start a new draft? Counts the start when it may."""
    return _admit(scope=STARTS_SCOPE, client=client, limit=STARTS_PER_ADDRESS, window=STARTS_WINDOW)


def application_submit_admit(*, client: str) -> Admission:
    """May ``client`` send an application now? Counts the sending when it may."""
    return _admit(
        scope=SUBMISSIONS_SCOPE,
        client=client,
        limit=SUBMISSIONS_PER_ADDRESS,
        window=SUBMISSIONS_WINDOW,
    )


def eligibility_check_admit(*, client: str) -> Admission:
    """May ``client`` run an eligibility check now? Counts the check when it may."""
    return _admit(scope=CHECKS_SCOPE, client=client, limit=CHECKS_PER_ADDRESS, window=CHECKS_WINDOW)


def _admit(*, scope: str, client: str, limit: int, window: dt.timedelta) -> Admission:
    decision = rate_limit_admit(scope=scope, key=client, limit=limit, window=window)
    if not decision.allowed:
        return Admission(admitted=False, retry_after=decision.retry_after)
    return Admission(admitted=True)
