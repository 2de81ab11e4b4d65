"""Sign-in throttling on the shared limiter (``core.ratelimit``): exponential back-off
that slows guessing without handing an attacker a lock on anyone (docs/accounts.md).

Whose counter a failure goes to depends on the browser:

- **trusted** — it holds a valid device cookie for the account (``device_cookies.py``):
  the failure counts against that cookie alone, and only that cookie's back-off can
  refuse it. Nothing anyone else does refuses it.
- **untrusted** — everyone else: the failure counts against the (account, client)
  pair, the client (whatever the account) and the account's *untrusted* counter.
  Each of pair and account backs off exponentially past a few free failures, with a
  cap. While the account is backed off, a client that has not failed against it may
  still try, one such client per ``FRESH_WINDOW``: an attacker cannot keep a new
  browser out for ever with the addresses it already used.

A **flood** (``FLOOD_FAILURES`` failures site-wide within ``FLOOD_WINDOW``) refuses
nobody: it makes the untrusted limits stricter for ``FLOOD_HOLD``, and raises one
audit event and a notice on the staff home at most once per ``FLOOD_NOTICE_EVERY``.

Accounts are keyed by the e-mail's blind index, so an address without an account
backs off exactly like one with. Clients are the keyed hash of the address. Counters
live 12 hours at most, blocks at most ``PAIR_CAP``: everything expires within a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnership.accounts.services.device_cookies import Trusted
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.core.ratelimit import (
    rate_limit_block,
    rate_limit_blocked_until,
    rate_limit_check,
    rate_limit_hit,
    rate_limit_reset,
    rate_limit_unblock,
)

COUNT_WINDOW = dt.timedelta(hours=12)
BACKOFF_BASE = dt.timedelta(minutes=1)
PAIR_FREE, PAIR_FREE_FLOOD, PAIR_CAP = 5, 2, dt.timedelta(hours=1)
ACCOUNT_FREE, ACCOUNT_FREE_FLOOD, ACCOUNT_CAP = 10, 3, dt.timedelta(minutes=15)
DEVICE_FREE, DEVICE_CAP = 10, dt.timedelta(minutes=15)
CLIENT_FAILURES, CLIENT_FAILURES_FLOOD = 20, 5
CLIENT_WINDOW = dt.timedelta(minutes=10)
FRESH_WINDOW, FRESH_WINDOW_FLOOD = dt.timedelta(minutes=2), dt.timedelta(minutes=5)
FRESH_PASS = dt.timedelta(minutes=5)  # as long as a half-finished sign-in lasts
FLOOD_FAILURES = 500
FLOOD_WINDOW = dt.timedelta(minutes=5)
FLOOD_HOLD = dt.timedelta(minutes=30)
FLOOD_NOTICE_EVERY = dt.timedelta(hours=1)

_PAIR = "sign-in:pair-failures"
_PAIR_BLOCK = "sign-in:pair-backoff"
_ACCOUNT = "sign-in:untrusted-failures"
_ACCOUNT_BLOCK = "sign-in:untrusted-backoff"
_DEVICE = "sign-in:device-failures"
_DEVICE_BLOCK = "sign-in:device-backoff"
_CLIENT = "sign-in:client-failures"
_FRESH = "sign-in:fresh-client"
_FRESH_TURN = "sign-in:fresh-client-turn"
_GLOBAL = "sign-in:global-failures"
_FLOOD = "sign-in:flood"
_FLOOD_NOTICE = "sign-in:flood-notice"
_REFUSAL_AUDIT = "sign-in:refusal-audit"
_ALL = "all"


@dataclass(frozen=True)
class Refusal:
    """Not now: ``retry_at`` is when it is next worth trying."""

    retry_at: dt.datetime
    reason: str  # device | pair | client | account


@dataclass(frozen=True)
class FailureOutcome:
    locked_now: bool  # this failure started (or lengthened) a back-off
    retry_at: dt.datetime | None = None


def _pair(login_index: str, client_key: str) -> str:
    return f"{login_index}:{client_key}"


def sign_in_flood_until() -> dt.datetime | None:
    """When the stricter flood limits end, or None when there is no flood."""
    return rate_limit_blocked_until(scope=_FLOOD, key=_ALL)


def sign_in_gate(*, login_index: str, client_key: str, trusted: Trusted | None) -> Refusal | None:
    """Refuse before any work when this browser's own counters say wait."""
    if trusted is not None:
        until = rate_limit_blocked_until(scope=_DEVICE_BLOCK, key=trusted.token_hash)
        return Refusal(until, "device") if until else None
    pair = _pair(login_index, client_key)
    until = rate_limit_blocked_until(scope=_PAIR_BLOCK, key=pair)
    if until is not None:
        return Refusal(until, "pair")
    flood = sign_in_flood_until() is not None
    client = rate_limit_check(
        scope=_CLIENT,
        key=client_key,
        limit=CLIENT_FAILURES_FLOOD if flood else CLIENT_FAILURES,
        window=CLIENT_WINDOW,
    )
    if not client.allowed:
        return Refusal(client.retry_after, "client")
    until = rate_limit_blocked_until(scope=_ACCOUNT_BLOCK, key=login_index)
    if until is None:
        return None
    # The account is backed off. A client that already failed against it waits; one
    # that has not may try, one such client per window (a new phone gets its turn).
    failed = rate_limit_check(scope=_PAIR, key=pair, limit=1, window=COUNT_WINDOW)
    if not failed.allowed:
        return Refusal(until, "account")
    if rate_limit_blocked_until(scope=_FRESH_TURN, key=pair) is not None:
        return None  # this client's turn, for the code step too
    taken = rate_limit_blocked_until(scope=_FRESH, key=login_index)
    if taken is not None:
        return Refusal(min(until, taken), "account")
    window = FRESH_WINDOW_FLOOD if flood else FRESH_WINDOW
    rate_limit_block(scope=_FRESH, key=login_index, until=clock.now() + window)
    rate_limit_block(scope=_FRESH_TURN, key=pair, until=clock.now() + FRESH_PASS)
    return None


def refusal_worth_auditing(*, client_key: str) -> bool:
    """One ``throttled`` audit event per client per ``CLIENT_WINDOW``, not one per
    refused attempt: a flood must not turn into a flood of audit rows."""
    if rate_limit_blocked_until(scope=_REFUSAL_AUDIT, key=client_key) is not None:
        return False
    rate_limit_block(scope=_REFUSAL_AUDIT, key=client_key, until=clock.now() + CLIENT_WINDOW)
    return True


def _backoff(
    *, scope: str, key: str, failures: float, free: int, cap: dt.timedelta
) -> dt.datetime | None:
    """Past ``free`` failures, block for BASE * 2^extra, at most ``cap``."""
    extra = int(failures) - free
    if extra < 0:
        return None
    delay: dt.timedelta = min(BACKOFF_BASE * int(2 ** min(extra, 20)), cap)
    until: dt.datetime = clock.now() + delay
    rate_limit_block(scope=scope, key=key, until=until)
    return until


def _count(scope: str, key: str) -> float:
    return rate_limit_hit(scope=scope, key=key, limit=1_000_000, window=COUNT_WINDOW).count


def sign_in_failure_count(
    *, login_index: str, client_key: str, trusted: Trusted | None = None
) -> FailureOutcome:
    """Count one failed attempt (password or code) against this browser's counters."""
    flood = _flood_count()
    if trusted is not None:
        until = _backoff(
            scope=_DEVICE_BLOCK,
            key=trusted.token_hash,
            failures=_count(_DEVICE, trusted.token_hash),
            free=DEVICE_FREE,
            cap=DEVICE_CAP,
        )
        return FailureOutcome(locked_now=until is not None, retry_at=until)
    rate_limit_hit(scope=_CLIENT, key=client_key, limit=CLIENT_FAILURES, window=CLIENT_WINDOW)
    pair = _pair(login_index, client_key)
    pair_until = _backoff(
        scope=_PAIR_BLOCK,
        key=pair,
        failures=_count(_PAIR, pair),
        free=PAIR_FREE_FLOOD if flood else PAIR_FREE,
        cap=PAIR_CAP,
    )
    account_until = _backoff(
        scope=_ACCOUNT_BLOCK,
        key=login_index,
        failures=_count(_ACCOUNT, login_index),
        free=ACCOUNT_FREE_FLOOD if flood else ACCOUNT_FREE,
        cap=ACCOUNT_CAP,
    )
    untils = [until for until in (pair_until, account_until) if until is not None]
    return FailureOutcome(locked_now=bool(untils), retry_at=max(untils) if untils else None)


def _flood_count() -> bool:
    """Count the failure site-wide; past the ceiling, (re)start the flood limits and
    raise the notice — once per ``FLOOD_NOTICE_EVERY``, never per attempt."""
    everyone = rate_limit_hit(scope=_GLOBAL, key=_ALL, limit=FLOOD_FAILURES, window=FLOOD_WINDOW)
    if everyone.allowed:
        return sign_in_flood_until() is not None
    rate_limit_block(scope=_FLOOD, key=_ALL, until=clock.now() + FLOOD_HOLD)
    if rate_limit_blocked_until(scope=_FLOOD_NOTICE, key=_ALL) is None:
        rate_limit_block(scope=_FLOOD_NOTICE, key=_ALL, until=clock.now() + FLOOD_NOTICE_EVERY)
        audit_record(
            event=AuditEventType.ACCOUNT_SIGN_IN_FLOOD,
            actor=Actor.system(),
            reason="failures_over_ceiling",
            data={
                "failures": FLOOD_FAILURES,
                "window_minutes": int(FLOOD_WINDOW.total_seconds() // 60),
            },
        )
    return True


def sign_in_failures_clear(
    *, login_index: str, client_key: str, trusted: Trusted | None = None
) -> None:
    """After a complete sign-in: this browser's own counters are forgotten. The
    account's untrusted counter is not: an attack may still be going on."""
    pair = _pair(login_index, client_key)
    rate_limit_reset(scope=_PAIR, key=pair, window=COUNT_WINDOW)
    rate_limit_unblock(scope=_PAIR_BLOCK, key=pair)
    if trusted is not None:
        rate_limit_reset(scope=_DEVICE, key=trusted.token_hash, window=COUNT_WINDOW)
        rate_limit_unblock(scope=_DEVICE_BLOCK, key=trusted.token_hash)


# --- the password-reset form's code ------------------------------------------------------
# Only someone holding a reset link (the mailbox) can fail here, so the sign-in attacker
# cannot hold it shut; its own back-off stops a mailbox thief guessing codes.
RESET_FREE, RESET_CAP = 5, dt.timedelta(minutes=15)
_RESET = "password-reset:code-failures"
_RESET_BLOCK = "password-reset:code-backoff"


def reset_code_blocked_until(*, login_index: str) -> dt.datetime | None:
    return rate_limit_blocked_until(scope=_RESET_BLOCK, key=login_index)


def reset_code_failure_count(*, login_index: str) -> FailureOutcome:
    until = _backoff(
        scope=_RESET_BLOCK,
        key=login_index,
        failures=_count(_RESET, login_index),
        free=RESET_FREE,
        cap=RESET_CAP,
    )
    return FailureOutcome(locked_now=until is not None, retry_at=until)


def reset_code_failures_clear(*, login_index: str) -> None:
    rate_limit_reset(scope=_RESET, key=login_index, window=COUNT_WINDOW)
    rate_limit_unblock(scope=_RESET_BLOCK, key=login_index)
