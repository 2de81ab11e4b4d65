"""Run Django in production mode (HTTPS=on) in subprocesses, for tests of that mode.

Settings are read once per process, so each check runs ``manage.py`` or
``tests.production_probe`` with a production environment of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "card.example.co.uk"
# Fixed, test-only key material (32 bytes each, base64).
PRODUCTION_SECRETS = {
    "SECRET_KEY": "p" * 20 + "-production-secret-for-tests-0123456789abcdefghijk",
    "FIELD_ENCRYPTION_KEYS": "k2:" + "A" * 43 + "=",
    "BLIND_INDEX_KEY": "B" * 43 + "=",
    "AUDIT_SIGNING_KEY": "a2:" + "C" * 43 + "=",
    "CARD_DATA_KEYS": "c2:" + "D" * 43 + "=",
    "CARD_INDEX_KEYS": "i2:" + "E" * 43 + "=",
}


def production_env(tmp: Path, **overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ALLOWED_HOSTS", "TRUSTED_PROXIES", "VAR_DIR", *PRODUCTION_SECRETS}
    }
    env.update(PRODUCTION_SECRETS)
    env.update(
        HTTPS="on",
        ALLOWED_HOSTS=HOST,
        VAR_DIR=str(tmp),
        DATABASE_URL=os.environ.get("PRODUCTION_TEST_DATABASE_URL", f"sqlite:///{tmp}/db.sqlite3"),
        PROBE_HOST=HOST,
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def migrated_production_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A production environment with a migrated database and collected static files."""
    env = production_env(tmp_path_factory.mktemp("production"))
    migrated = manage(env, "migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    collected = manage(env, "collectstatic", "--noinput", "-v0")
    assert collected.returncode == 0, collected.stderr
    return env


def probe(env: dict[str, str], path: str, *extra: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.production_probe", path, *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result
