from __future__ import annotations

import io
import logging
from collections import Counter
from typing import Any

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError, OutputWrapper
from django.db import connections
from pytest_django import Settings

from partnership.crypto import rotation
from partnership.crypto.keys import token_key_id
from partnership.crypto.management.commands.rotate_keys import StderrProgress
from partnership.crypto.tests.app.models import Letter, Person
from partnership.crypto.tests.support import field_keys, raw_column, set_raw_column

pytestmark = pytest.mark.django_db

NAMES = ["Ada Lovelace", "Grace Hopper", "Alan Turing"]
# The installed card accounts have no rows here; their ring and index are reported
# all the same.
CARD_RING = (
    "re-encrypted 0 values under CARD_DATA_KEYS key c1\n"
    "re-indexed 0 values under CARD_INDEX_KEYS key i1\n"
)
CARD_DRY_RUN = (
    "0 of 0 values to re-encrypt under CARD_DATA_KEYS key c1, "
    "0 of 0 values to re-index under CARD_INDEX_KEYS key i1"
)


@pytest.fixture
def people() -> list[Person]:
    """Three people and one letter, written under k1."""
    people = [Person.objects.create(full_name=name) for name in NAMES]
    people[0].nickname = "Ada"
    people[0].save()
    Letter.objects.create(person=people[1], body="Dear Grace")
    return sorted(people, key=lambda p: p.pk)


@pytest.fixture
def new_key_first(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = field_keys("k2", "k1")


def stored_tokens() -> dict[tuple[str, str], str]:
    """Every stored token by (row id, column); values_list() reads them undecrypted."""
    tokens = {}
    for pk, full_name, nickname in Person.objects.values_list("pk", "full_name", "nickname"):
        tokens[(str(pk), "full_name")] = full_name
        if nickname is not None:
            tokens[(str(pk), "nickname")] = nickname
    for pk, body in Letter.objects.values_list("pk", "body"):
        tokens[(str(pk), "body")] = body
    return tokens


def ada_pk() -> Any:
    return Person.objects.values_list("pk", flat=True).get(nickname__isnull=False)


def key_ids() -> list[str]:
    return sorted(token_key_id(token) for token in stored_tokens().values())


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("rotate_keys", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def ours(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("crypto_tests.", "dry"))]


def test_dry_run_counts_per_model_and_field_and_changes_nothing(
    people: list[Person], new_key_first: None
) -> None:
    before = stored_tokens()

    out, _ = run("--dry-run")

    assert ours(out) == [
        "crypto_tests.letter.body: 1 values, 1 to re-encrypt (by key: k1 1)",
        "crypto_tests.person.full_name: 3 values, 3 to re-encrypt (by key: k1 3)",
        "crypto_tests.person.nickname: 1 values, 1 to re-encrypt (by key: k1 1)",
        "crypto_tests.person.birth_date: 0 values, 0 to re-encrypt",
        "crypto_tests.person.credit_limit: 0 values, 0 to re-encrypt",
        "dry run: 5 of 5 values to re-encrypt under FIELD_ENCRYPTION_KEYS key k2, "
        f"{CARD_DRY_RUN}; nothing was changed",
    ]
    assert stored_tokens() == before


def test_rotation_re_encrypts_everything_under_the_first_key(
    people: list[Person], new_key_first: None
) -> None:
    assert key_ids() == ["k1"] * 5

    out, err = run("--batch-size", "2")

    assert out == ("re-encrypted 5 values under FIELD_ENCRYPTION_KEYS key k2\n" + CARD_RING)
    assert key_ids() == ["k2"] * 5
    assert "crypto_tests.person [" in err
    assert "3/3 rows 100%" in err
    assert [p.full_name for p in Person.objects.order_by("pk")] == [p.full_name for p in people]


def test_after_rotation_the_old_key_can_be_removed(
    people: list[Person], new_key_first: None, settings: Settings
) -> None:
    run()

    settings.FIELD_ENCRYPTION_KEYS = field_keys("k2")

    assert sorted(p.full_name for p in Person.objects.all()) == sorted(NAMES)
    assert [x.body for x in Letter.objects.all()] == ["Dear Grace"]
    assert sorted(filter(None, (p.nickname for p in Person.objects.all()))) == ["Ada"]


def test_a_second_run_changes_nothing(people: list[Person], new_key_first: None) -> None:
    run()
    after_first = stored_tokens()

    out, _ = run()

    assert out == ("re-encrypted 0 values under FIELD_ENCRYPTION_KEYS key k2\n" + CARD_RING)
    assert stored_tokens() == after_first
    assert ours(run("--dry-run")[0])[-1] == (
        "dry run: 0 of 5 values to re-encrypt under FIELD_ENCRYPTION_KEYS key k2, "
        f"{CARD_DRY_RUN}; nothing was changed"
    )


def test_an_interrupted_run_keeps_finished_batches_and_a_rerun_completes(
    people: list[Person], new_key_first: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_batch = rotation.rotate_batch
    calls: list[int] = []

    def interrupted_after_the_first_batch(*args: Any, **kwargs: Any) -> Counter[str]:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_batch(*args, **kwargs)

    monkeypatch.setattr(rotation, "rotate_batch", interrupted_after_the_first_batch)

    with pytest.raises(CommandError) as raised:
        run("--batch-size", "1")

    assert raised.value.returncode == 1
    assert str(raised.value) == (
        "interrupted; the finished batches are saved: run rotate_keys again to finish."
    )
    # Letters come first (crypto_tests.letter): its one row was the finished batch.
    [letter] = Letter.objects.all()
    assert token_key_id(raw_column(letter, "body")) == "k2"
    assert key_ids().count("k1") == 4

    monkeypatch.setattr(rotation, "rotate_batch", real_batch)
    before_rerun = raw_column(letter, "body")
    out, _ = run("--batch-size", "1")

    assert out == ("re-encrypted 4 values under FIELD_ENCRYPTION_KEYS key k2\n" + CARD_RING)
    assert key_ids() == ["k2"] * 5
    assert raw_column(letter, "body") == before_rerun


def test_a_value_that_fails_to_decrypt_stops_the_run_naming_it(
    people: list[Person], new_key_first: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="partnership.crypto")
    victim = people[1]
    set_raw_column(victim, "full_name", raw_column(people[0], "full_name"))
    before = stored_tokens()

    with pytest.raises(CommandError) as raised:
        run("--batch-size", "10")

    assert raised.value.returncode == 1
    assert str(raised.value) == (
        f"cannot decrypt crypto_tests.person.full_name of row {victim.pk}; nothing in this "
        f"batch was changed. The batches before it are saved; restore that value (or its "
        f"key) and run rotate_keys again to finish."
    )
    # The letter's batch finished; the people's batch was rolled back whole.
    person_tokens = {k: v for k, v in stored_tokens().items() if k[1] != "body"}
    assert person_tokens == {k: v for k, v in before.items() if k[1] != "body"}
    for name in NAMES:
        assert name not in caplog.text
        assert name not in str(raised.value)


def test_dry_run_reports_values_no_listed_key_can_read(
    people: list[Person], settings: Settings
) -> None:
    set_raw_column(people[2], "full_name", "garbage")
    settings.FIELD_ENCRYPTION_KEYS = field_keys("k2")
    letter_pk = Letter.objects.values_list("pk", flat=True).get()

    with pytest.raises(CommandError) as raised:
        run("--dry-run")

    assert raised.value.returncode == 1
    assert str(raised.value) == (
        "some values cannot be decrypted with the listed keys: crypto_tests.letter.body: 1 "
        f"values under no listed key or malformed (first: row {letter_pk}); "
        f"crypto_tests.person.full_name: 3 values under no listed key or malformed (first: "
        f"row {people[0].pk}); crypto_tests.person.nickname: 1 values under no listed key or "
        f"malformed (first: row {ada_pk()})"
    )


def test_malformed_keys_stop_the_command(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = "k1:short"

    with pytest.raises(CommandError) as raised:
        run()

    assert raised.value.returncode == 1
    assert str(raised.value) == (
        "the keys are malformed: FIELD_ENCRYPTION_KEYS key 'k1' is not valid base64"
    )


@pytest.mark.parametrize("batch_size", ["0", "-3", "many"])
def test_a_bad_batch_size_exits_2(batch_size: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        ManagementUtility(["manage.py", "rotate_keys", "--batch-size", batch_size]).execute()

    assert raised.value.code == 2
    assert "--batch-size" in capsys.readouterr().err


def test_the_command_line_exits_0_on_success_and_1_on_failure(
    people: list[Person],
    new_key_first: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # run_from_argv closes the connections at the end; the test's transaction needs them.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    ManagementUtility(["manage.py", "rotate_keys", "--skip-checks"]).execute()
    assert capsys.readouterr().out == (
        "re-encrypted 5 values under FIELD_ENCRYPTION_KEYS key k2\n" + CARD_RING
    )

    set_raw_column(people[0], "full_name", "garbage")
    with pytest.raises(SystemExit) as raised:
        ManagementUtility(["manage.py", "rotate_keys", "--dry-run", "--skip-checks"]).execute()

    assert raised.value.code == 1


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_redraws_one_line_on_a_terminal() -> None:
    stream = Terminal()
    progress = StderrProgress(OutputWrapper(stream))

    progress.start("crypto_tests.person", 4)
    progress.advance(2)
    progress.advance(2)
    progress.finish()

    assert stream.getvalue() == (
        "\rcrypto_tests.person [..............................] 0/4 rows   0%"
        "\rcrypto_tests.person [###############...............] 2/4 rows  50%"
        "\rcrypto_tests.person [##############################] 4/4 rows 100%"
        "\rcrypto_tests.person [##############################] 4/4 rows 100%\n"
    )


def test_progress_writes_a_line_per_tenth_elsewhere() -> None:
    stream = io.StringIO()
    progress = StderrProgress(OutputWrapper(stream))

    progress.start("m", 100)
    for _ in range(20):
        progress.advance(5)
    progress.finish()
    progress.start("empty", 0)
    progress.finish()

    lines = stream.getvalue().splitlines()
    assert len(lines) == 12
    assert lines[0] == "m [..............................] 0/100 rows   0%"
    assert lines[1] == "m [###...........................] 10/100 rows  10%"
    assert lines[-2] == "m [##############################] 100/100 rows 100%"
    assert lines[-1] == "empty [##############################] 0/0 rows 100%"


def test_no_progress_is_silent() -> None:
    progress = rotation.NoProgress()

    progress.start("m", 1)
    progress.advance(1)
    progress.finish()
