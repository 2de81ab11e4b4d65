"""Sign-in throttling on the shared limiter (``core.ratelimit``).

- per account: 5 failures (password or code) within an hour lock the account for 30
  minutes. The key is the e-mail's blind index, so an address without an account
  locks exactly like one with: the answer never says which exists;
- per client (keyed HMAC of the address): 20 failures in 10 minutes, whatever accounts
  they were against;
- globally: 500 failures in 5 minutes — a ceiling against credential stuffing from
  many addresses (it refuses everyone for a while, so it is set well above normal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnership.core import clock
from partnership.core.ratelimit import (
    rate_limit_block,
    rate_limit_blocked_until,
    rate_limit_check,
    rate_limit_hit,
    rate_limit_reset,
)

ACCOUNT_FAILURES = 5
ACCOUNT_WINDOW = dt.timedelta(hours=1)
ACCOUNT_LOCK = dt.timedelta(minutes=30)
CLIENT_FAILURES = 20
CLIENT_WINDOW = dt.timedelta(minutes=10)
GLOBAL_FAILURES = 500
GLOBAL_WINDOW = dt.timedelta(minutes=5)

_ACCOUNT = "sign-in:account-failures"
_LOCK = "sign-in:account-lock"
_CLIENT = "sign-in:client-failures"
_GLOBAL = "sign-in:global-failures"
_GLOBAL_KEY = "all"


@dataclass(frozen=True)
class FailureOutcome:
    locked_now: bool  # this failure locked the account


def sign_in_refused_for_client(*, client_key: str) -> bool:
    """True when this client, or everyone, has failed too often lately."""
    client = rate_limit_check(
        scope=_CLIENT, key=client_key, limit=CLIENT_FAILURES, window=CLIENT_WINDOW
    )
    everyone = rate_limit_check(
        scope=_GLOBAL, key=_GLOBAL_KEY, limit=GLOBAL_FAILURES, window=GLOBAL_WINDOW
    )
    return not (client.allowed and everyone.allowed)


def account_locked_until(*, login_index: str) -> dt.datetime | None:
    return rate_limit_blocked_until(scope=_LOCK, key=login_index)


def sign_in_failure_count(*, login_index: str, client_key: str) -> FailureOutcome:
    """Count one failed attempt against the account, the client and the global ceiling."""
    rate_limit_hit(scope=_CLIENT, key=client_key, limit=CLIENT_FAILURES, window=CLIENT_WINDOW)
    rate_limit_hit(scope=_GLOBAL, key=_GLOBAL_KEY, limit=GLOBAL_FAILURES, window=GLOBAL_WINDOW)
    account = rate_limit_hit(
        scope=_ACCOUNT, key=login_index, limit=ACCOUNT_FAILURES, window=ACCOUNT_WINDOW
    )
    if account.count < ACCOUNT_FAILURES:
        return FailureOutcome(locked_now=False)
    rate_limit_block(scope=_LOCK, key=login_index, until=clock.now() + ACCOUNT_LOCK)
    # After the lock the person gets five fresh attempts.
    rate_limit_reset(scope=_ACCOUNT, key=login_index, window=ACCOUNT_WINDOW)
    return FailureOutcome(locked_now=True)


def sign_in_failures_clear(*, login_index: str) -> None:
    """After a complete sign-in (both factors) the account's failures are forgotten."""
    rate_limit_reset(scope=_ACCOUNT, key=login_index, window=ACCOUNT_WINDOW)
