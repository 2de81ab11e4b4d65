"""The accounts test fixtures (a frozen clock, a clean rate limiter) serve here too."""

from partnership.accounts.tests.conftest import (  # noqa: F401
    FrozenClock,
    _limiter_state_cleared,
    frozen_clock,
)
