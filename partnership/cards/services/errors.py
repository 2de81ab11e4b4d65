"""The one error the card services raise for a request they cannot honour."""

from __future__ import annotations


class CardServiceError(ValueError):
    """A request the card account cannot honour; the message is safe to show."""


class CardStateError(CardServiceError):
    """The card is not in a state that allows this (a second freeze, say): a 409."""
