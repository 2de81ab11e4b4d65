"""A fresh visitor's beacon does the least work possible: it crosses a handful of the
project's files, each entered once, and judges the client's address once (issue 17)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from django.utils import timezone

from partnership.analytics import hits
from partnership.analytics.tests.wsgi_support import BEACON, Visitor, call, environ_for, stack
from partnership.core import clock

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]


def files_entered(run: Any) -> list[str]:
    """The project files (tests aside) that ``run`` calls into, in order: a call from
    one file into another is an entry; calls within a file are not."""
    entered: list[str] = []

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event != "call":
            return
        callee = frame.f_code.co_filename
        caller = frame.f_back.f_code.co_filename if frame.f_back else ""
        if callee != caller and callee.startswith(str(PACKAGE)) and "/tests/" not in callee:
            entered.append(str(Path(callee).relative_to(PACKAGE)))

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return entered


def test_a_fresh_visitors_beacon_enters_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = clock.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)  # under the clock: it still runs
    app, buffer = stack(log_dir=tmp_path / "access")
    visitor = Visitor(app)
    page = visitor.get("/")  # the page sets today's fresh statistics cookie
    found = BEACON.search(page.body.decode())
    assert found is not None
    assert visitor.jar["stats"] == f"{clock.today_in_london().isoformat()}.00"
    path, _, query = found.group(1).replace("&amp;", "&").partition("?")
    cookie = "; ".join(f"{name}={value}" for name, value in visitor.jar.items())
    environ = environ_for(path, query=query, headers={"Cookie": cookie, "User-Agent": "Firefox/1"})
    answers = []

    entered = files_entered(lambda: answers.append(call(app, environ)))

    # The proxy guard judges the address once; the layer takes the time once, asks the
    # consent state and the counting rules once each, hands the increments to the
    # buffer, and writes the access-log line: eight files, none entered twice.
    assert entered == [
        "core/wsgi.py",
        "core/client_address.py",
        "analytics/wsgi.py",
        "core/clock.py",
        "consent/state.py",
        "analytics/hits.py",
        "analytics/buffer.py",
        "analytics/access_log.py",
    ]
    answer = answers[0]
    assert answer.status == 200
    max_age = hits.seconds_until_london_midnight(moment)
    assert answer.set_cookies() == [
        f"stats={clock.today_in_london().isoformat()}.01; HttpOnly; Max-Age={max_age}; "
        "Path=/; SameSite=Lax"
    ]
    assert buffer.pending()[("area", clock.today_in_london(), "*")] == (1, 1)
    assert buffer.pending()[("area", clock.today_in_london(), "/")] == (1, 1)
