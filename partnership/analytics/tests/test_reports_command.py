"""``manage.py analytics_report --days N [--json]``: output and exit statuses."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnership.analytics.management.commands.analytics_report import Command
from partnership.analytics.models import DailyAreaCount, DailyCountryCount
from partnership.core import clock

pytestmark = pytest.mark.django_db

# 00:30 BST on 1 April 2026 is still 31 March in UTC; the report's today is 1 April.
NOW = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def test_json_report_of_the_last_two_days() -> None:
    for day, views in [
        (dt.date(2026, 3, 30), 7),
        (dt.date(2026, 3, 31), 40),
        (dt.date(2026, 4, 1), 60),
    ]:
        DailyAreaCount.objects.create(day=day, area="*", views=views, visitors=views // 2)
        DailyCountryCount.objects.create(day=day, country="GB", views=views)
    out = io.StringIO()

    call_command("analytics_report", "--days", "2", "--json", stdout=out)

    assert json.loads(out.getvalue()) == {
        "from": "2026-03-31",
        "to": "2026-04-01",
        "timezone": "Europe/London",
        "suppression_threshold": 10,
        "totals": {"views": 100, "visitors": 50},
        "areas": [],
        "countries": [{"country": "GB", "views": 100}],
        "browsers": [],
        "devices": [],
        "referrers": [],
    }


def test_text_report_says_fewer_than_the_threshold() -> None:
    DailyAreaCount.objects.create(day=dt.date(2026, 4, 1), area="*", views=4, visitors=2)
    out = io.StringIO()

    call_command("analytics_report", "--days", "1", stdout=out)

    assert out.getvalue().splitlines()[:2] == [
        "Visitor statistics 2026-04-01 to 2026-04-01 "
        "(Europe/London days; counts below 10 withheld)",
        "Page views fewer than 10, visitors fewer than 10",
    ]


@pytest.mark.parametrize("days", ["0", "-3", "abc", "1.5", "3661", ""])
def test_bad_days_exit_with_status_2(days: str) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("analytics_report", "--days", days)

    assert raised.value.returncode == 2


@pytest.mark.parametrize("argv", [[], ["--days"], ["--days", "0"], ["--days", "x", "--json"]])
def test_bad_arguments_on_the_command_line_exit_with_status_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        Command().run_from_argv(["manage.py", "analytics_report", *argv])

    assert raised.value.code == 2
    assert capsys.readouterr().out == ""
