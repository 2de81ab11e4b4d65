"""``modulus_table_load``: a new table replaces the old, a bad file replaces nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnership.audit.models import AuditEvent
from partnership.payments.models import ModulusTableVersion
from partnership.payments.modulus import BankDetails, modulus_passes
from partnership.payments.modulus_table import DATA_DIR, table_current

pytestmark = pytest.mark.django_db


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="ascii")
    return str(path)


def test_the_shipped_table_is_in_force_until_one_is_loaded() -> None:
    table = table_current()
    assert (table.version, table.published_on.isoformat()) == (
        "unknown-ukmodulus-0.1.2",
        "2017-11-29",
    )
    assert len(table.rows) == 1053
    assert len(table.substitutions) == 21


def test_a_new_table_replaces_the_old(tmp_path: Path) -> None:
    # A one-row table under which 089999 66374958 (valid in the shipped one) fails.
    weights = _write(tmp_path, "valacdos.txt", "080000 089999 MOD10" + " 0" * 13 + " 1\n")
    subs = _write(tmp_path, "scsubtab.txt", "938173 938017\n")
    call_command(
        "modulus_table_load",
        weights,
        "--substitutions",
        subs,
        "--version",
        "9.90",
        "--date",
        "2026-12-01",
    )
    table = table_current()
    assert (table.version, len(table.rows), table.substitutions) == (
        "9.90",
        1,
        {"938173": "938017"},
    )
    assert modulus_passes(BankDetails("089999", "66374958")) is False
    [event] = AuditEvent.objects.filter(event="payments:modulus-table:load")
    assert event.data == {"rows": 1, "substitutions": 1}


def test_without_substitutions_the_current_ones_are_kept(tmp_path: Path) -> None:
    weights = _write(tmp_path, "valacdos.txt", (DATA_DIR / "valacdos.txt").read_text())
    call_command("modulus_table_load", weights, "--version", "8.00", "--date", "2026-06-01")
    assert (
        ModulusTableVersion.objects.get().substitutions == (DATA_DIR / "scsubtab.txt").read_text()
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("080000 089999 MOD12" + " 0" * 14 + "\n", "line 1: the method is not MOD10"),
        ("080000 089999 MOD10" + " 0" * 13 + "\n", "line 1: expected 17 or 18 columns"),
        ("08000 089999 MOD10" + " 0" * 14 + "\n", "line 1: the range start is not"),
        ("080000 079999 MOD10" + " 0" * 14 + "\n", "line 1: the range ends before"),
        ("080000 089999 MOD10" + " 0" * 14 + " 15\n", "line 1: the exception is not 1 to 14"),
        ("080000 089999 MOD10" + " x" * 14 + "\n", "line 1: a weight is not a whole number"),
        ("\n", "the weight table has no rows"),
    ],
)
def test_a_bad_weight_file_exits_2_and_replaces_nothing(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path, "valacdos.txt", text)
    with pytest.raises(CommandError) as refused:
        call_command("modulus_table_load", path, "--version", "9", "--date", "2026-12-01")
    assert refused.value.returncode == 2
    assert message in str(refused.value)
    assert not ModulusTableVersion.objects.exists()
    assert table_current().version == "unknown-ukmodulus-0.1.2"


def test_a_bad_substitution_file_or_date_replaces_nothing(tmp_path: Path) -> None:
    weights = _write(tmp_path, "valacdos.txt", "080000 089999 MOD10" + " 0" * 14 + "\n")
    subs = _write(tmp_path, "scsubtab.txt", "938173\n")
    for extra in (["--substitutions", subs, "--date", "2026-12-01"], ["--date", "1/12/2026"]):
        with pytest.raises(CommandError) as refused:
            call_command("modulus_table_load", weights, "--version", "9", *extra)
        assert refused.value.returncode == 2
    assert not ModulusTableVersion.objects.exists()
