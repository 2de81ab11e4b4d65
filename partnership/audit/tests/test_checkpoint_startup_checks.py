"""The start-up checks of the checkpoint directory and the signing and verify keys."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pytest_django import Settings

from partnership.audit.apps import audit_configuration_check
from partnership.audit.keys import AuditKeyError, signing_key, verify_keys
from partnership.audit.tests.conftest import new_key_pair

pytestmark = pytest.mark.django_db


class TestStartUpChecks:
    def test_sound_configuration_passes(self) -> None:
        assert audit_configuration_check() == []

    def test_a_missing_directory_is_created_0700(self, tmp_path: Path, settings: Settings) -> None:
        settings.AUDIT_CHECKPOINT_DIR = tmp_path / "a" / "b"

        assert audit_configuration_check() == []
        assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700

    def test_an_unwritable_directory_fails(self, tmp_path: Path, settings: Settings) -> None:
        (tmp_path / "file").write_text("")
        settings.AUDIT_CHECKPOINT_DIR = tmp_path / "file" / "checkpoints"

        errors = audit_configuration_check()

        assert [e.id for e in errors] == ["audit.E001"]
        assert errors[0].msg.startswith(
            f"AUDIT_CHECKPOINT_DIR {tmp_path}/file/checkpoints cannot be written: "
        )

    def test_the_checkpoint_directory_must_be_apart_from_the_secrets(
        self, settings: Settings
    ) -> None:
        settings.AUDIT_CHECKPOINT_DIR = settings.SECRETS_DIR / "checkpoints"

        assert [e.id for e in audit_configuration_check()] == ["audit.E002"]

    @pytest.mark.parametrize(
        ("signing", "message"),
        [
            ("no-colon", "AUDIT_SIGNING_KEY must be 'id:base64key'"),
            ("bad id!:AAAA", "AUDIT_SIGNING_KEY must be 'id:base64key'"),
            ("k1:AAAA", "AUDIT_SIGNING_KEY: key 'k1' must be 32 raw bytes (Ed25519)"),
            ("k1:***", "AUDIT_SIGNING_KEY: key 'k1' is not valid base64"),
        ],
    )
    def test_a_malformed_signing_key_fails_without_showing_it(
        self, settings: Settings, signing: str, message: str
    ) -> None:
        settings.AUDIT_SIGNING_KEY = signing

        errors = audit_configuration_check()

        assert [e.id for e in errors] == ["audit.E003"]
        assert errors[0].msg.startswith(message)
        with pytest.raises(AuditKeyError):
            signing_key()

    def test_verify_keys_must_include_the_signing_key(self, settings: Settings) -> None:
        _, other_public = new_key_pair("t1")
        settings.AUDIT_VERIFY_KEYS = other_public

        assert [e.id for e in audit_configuration_check()] == ["audit.E004"]

    def test_verify_keys_may_not_repeat_an_id(self, settings: Settings) -> None:
        _, public = new_key_pair("t1")
        settings.AUDIT_VERIFY_KEYS = f"{public}, ,{public}"

        with pytest.raises(AuditKeyError, match="lists key 't1' twice"):
            verify_keys()
