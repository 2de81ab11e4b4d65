from __future__ import annotations

import pytest
from django.core.management import call_command

from partnership.privacy.models import PolicyVersion

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed_demo")
    first_run = capsys.readouterr().out
    call_command("seed_demo")
    second_run = capsys.readouterr().out

    assert "Published 2 demo privacy policy versions." in first_run
    assert second_run == ""
    assert list(PolicyVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2]
