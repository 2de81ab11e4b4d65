"""``generate_secrets`` prints every production secret, each in the format its setting
reads, as ``NAME=value`` lines; every run prints new values."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.checks.security.base import check_secret_key
from django.core.management import call_command
from pytest_django import Settings

from partnership.audit.apps import audit_configuration_check
from partnership.audit.keys import public_key_bytes, signing_key, verify_keys
from partnership.crypto import keys
from partnership.crypto.checks import check_keys
from tests.production import ROOT

NAMES = [
    "SECRET_KEY",
    "FIELD_ENCRYPTION_KEYS",
    "BLIND_INDEX_KEY",
    "CARD_DATA_KEYS",
    "CARD_INDEX_KEYS",
    "AUDIT_SIGNING_KEY",
    "AUDIT_VERIFY_KEYS",
]


def generated() -> dict[str, str]:
    out = StringIO()
    call_command("generate_secrets", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if not line.startswith("#")]
    return dict(line.split("=", 1) for line in lines)


def test_every_production_secret_is_printed_once_as_name_equals_value() -> None:
    out = StringIO()

    call_command("generate_secrets", stdout=out)

    lines = out.getvalue().splitlines()
    assert all(line.startswith("#") for line in lines[:4])
    assert [line.split("=", 1)[0] for line in lines[4:]] == NAMES
    assert all(line.split("=", 1)[1] for line in lines[4:])


def test_each_value_is_read_by_the_settings_own_parsers(settings: Settings) -> None:
    values = generated()

    settings.SECRET_KEY = values["SECRET_KEY"]
    settings.FIELD_ENCRYPTION_KEYS = values["FIELD_ENCRYPTION_KEYS"]
    settings.BLIND_INDEX_KEY = values["BLIND_INDEX_KEY"]
    settings.AUDIT_SIGNING_KEY = values["AUDIT_SIGNING_KEY"]
    settings.AUDIT_VERIFY_KEYS = values["AUDIT_VERIFY_KEYS"]

    assert check_secret_key(None) == []  # what `check --deploy` asks of it
    assert check_keys() == []
    assert audit_configuration_check() == []
    [(key_id, field_key)] = keys.provider().field_keys()
    assert (key_id, len(field_key)) == ("k1", 32)
    assert len(keys.provider().blind_index_key()) == 32
    ring = keys.KeyRing([(key_id, field_key)])
    token = ring.encrypt(b"round trip", associated_data=b"t")
    assert ring.decrypt(token, associated_data=b"t") == b"round trip"
    own = signing_key()
    assert own.key_id == "a1"
    public = verify_keys()["a1"]
    assert public_key_bytes(public) == own.public_bytes()
    Ed25519PublicKey.from_public_bytes(own.public_bytes()).verify(
        own.private_key.sign(b"head"), b"head"
    )  # raises if the pair does not match


def test_the_card_key_rings_have_the_field_key_ring_format() -> None:
    values = generated()

    [(data_id, data_key)] = keys.parse_field_keys(
        values["CARD_DATA_KEYS"], setting="CARD_DATA_KEYS"
    )
    [(index_id, index_key)] = keys.parse_field_keys(
        values["CARD_INDEX_KEYS"], setting="CARD_INDEX_KEYS"
    )

    assert (data_id, len(data_key), index_id, len(index_key)) == ("c1", 32, "i1", 32)


def test_two_runs_share_no_value_and_no_two_keys_are_the_same() -> None:
    first, second = generated(), generated()

    assert all(first[name] != second[name] for name in NAMES)
    materials = [value.split(":")[-1] for value in (*first.values(), *second.values())]
    assert len(set(materials)) == len(materials)


def test_the_module_prints_the_same_without_settings_and_writes_nothing(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(VAR_DIR=str(tmp_path / "var"), HTTPS="on")

    done = subprocess.run(
        [sys.executable, "-m", "partnership.core.production_secrets"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    printed = [line.split("=", 1)[0] for line in done.stdout.splitlines() if "=" in line]
    assert [name for name in printed if not name.startswith("#")] == NAMES
    assert not (tmp_path / "var").exists()
