"""The access log holds what troubleshooting needs and nothing secret (P4)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from partnership.analytics.access_log import AccessLogWriter, line, loggable_path
from partnership.analytics.tests.wsgi_support import Visitor, call, environ_for, stack
from partnership.core import clock

pytestmark = pytest.mark.django_db


def todays_lines(directory: Path) -> list[list[str]]:
    name = f"access-{clock.today_in_london().isoformat()}.log"
    return [text.split("\t") for text in (directory / name).read_text().splitlines()]


def test_every_request_gets_one_line_without_query_or_cookies(tmp_path: Path) -> None:
    app, _ = stack(log_dir=tmp_path)
    visitor = Visitor(app, address="81.2.69.160", jar={"sessionish": "cookie-value-123"})
    visitor.get("/card/", query="promo=secret-query")
    visitor.get("/s/hit", query="a=%2Fcard%2F")
    call(app, environ_for("/help/", headers={"Authorization": "Bearer token-abc"}))

    lines = todays_lines(tmp_path)
    assert [(fields[1], fields[2], fields[3], fields[5]) for fields in lines] == [
        ("GET", "/card/", "200", "81.2.69.160"),
        ("GET", "/s/hit", "200", "81.2.69.160"),
        ("GET", "/help/", "200", "81.2.69.160"),
    ]
    assert all(len(fields) == 7 for fields in lines)
    assert lines[0][6].startswith("Mozilla/5.0 (Windows NT 10.0")
    text = (tmp_path / f"access-{clock.today_in_london().isoformat()}.log").read_text()
    for secret in ("secret-query", "promo", "cookie-value-123", "token-abc", "a=%2F", "stats="):
        assert secret not in text


def test_a_password_reset_link_is_logged_by_its_route(tmp_path: Path) -> None:
    app, _ = stack(log_dir=tmp_path)
    call(app, environ_for("/account/password-reset/MQ/cbx7q9-0a1b2c3d4e5f6a7b8c9d/"))
    call(app, environ_for("/account/password-reset/MQ/truncated-tok"))

    paths = [fields[2] for fields in todays_lines(tmp_path)]
    assert paths == [
        "/account/password-reset/<str:uidb64>/<str:token>/",
        "/account/password-reset/<unmatched>",
    ]


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/card/", "/card/"),
        ("/no-such-page/", "/no-such-page/"),
        ("/privacy/versions/3/", "/privacy/versions/<int:number>/"),
        ("/account/password-reset/", "/account/password-reset/"),
    ],
)
def test_paths_with_parameters_are_logged_as_routes(path: str, logged: str) -> None:
    assert loggable_path(path) == logged


def test_a_line_escapes_what_could_forge_another() -> None:
    text = line(
        at=dt.datetime(2026, 11, 25, 10, 0, 0, 123456, tzinfo=dt.UTC),
        method="GET",
        path="/x\n/y\t",
        status=404,
        duration_ms=1.25,
        address="81.2.69.160",
        user_agent="evil\r\nGET / 200" + "x" * 400,
    )
    fields = text.rstrip("\n").split("\t")
    assert text.count("\n") == 1
    assert fields[:6] == [
        "2026-11-25T10:00:00.123Z",
        "GET",
        "/x\\x0a/y\\x09",
        "404",
        "1.2",
        "81.2.69.160",
    ]
    assert fields[6].startswith("evil\\x0d\\x0aGET / 200")
    assert len(fields[6]) <= 256 + 3 * 6


def test_lines_from_many_threads_are_never_interleaved(tmp_path: Path) -> None:
    writer = AccessLogWriter(tmp_path)
    at = clock.now()

    def write(number: int) -> None:
        for _ in range(200):
            writer.write(f"{number}\t" + "y" * 500 + "\n", at=at)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.close()

    lines = next(tmp_path.iterdir()).read_text().splitlines()
    assert len(lines) == 800
    assert all(text.endswith("y" * 500) and len(text) == 502 for text in lines)


def test_a_new_london_day_opens_a_new_file(tmp_path: Path, monkeypatch: Any) -> None:
    writer = AccessLogWriter(tmp_path)
    late = dt.datetime(2026, 11, 25, 23, 59, tzinfo=clock.LONDON)
    writer.write("a\n", at=late)
    writer.write("b\n", at=late + dt.timedelta(minutes=2))
    writer.close()

    assert sorted(os.listdir(tmp_path)) == ["access-2026-11-25.log", "access-2026-11-26.log"]
