"""Alerts test fixtures: a customer with a name, a folder for text messages, and the
accounts fixtures (a frozen clock, a clean rate limiter)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django import Settings

from partnership.accounts.models import User
from partnership.accounts.tests.conftest import (  # noqa: F401
    FrozenClock,
    _limiter_state_cleared,
    frozen_clock,
)
from partnership.accounts.tests.support import customer_make


@pytest.fixture
def sms_dir(settings: Settings, tmp_path: Path) -> Path:
    folder = tmp_path / "sms"
    settings.SMS_FILE_PATH = str(folder)
    settings.SMS_SENDER = ""
    return folder


@pytest.fixture
def ada(db: None) -> User:
    return customer_make("ada.test@example.com", full_name="Ada Lovelace-Testperson")


def sms_files(folder: Path) -> list[str]:
    """The texts written by the local sender, oldest first."""
    if not folder.exists():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
