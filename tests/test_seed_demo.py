from __future__ import annotations

import pytest
from django.core.management import call_command

from partnership.accounts.demo import demo_login_table
from partnership.policy.models import PolicyVersion

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed_demo")
    first_run = capsys.readouterr().out
    call_command("seed_demo")
    second_run = capsys.readouterr().out

    assert "Published 2 demo privacy policy versions." in first_run
    # The second run creates nothing, so it only repeats the demo-login table.
    assert "Published" not in second_run
    assert "amelia.hart@example.com" in first_run
    assert "amelia.hart@example.com" in second_run
    assert second_run.strip() == "\n".join(demo_login_table())
    assert list(PolicyVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2]
