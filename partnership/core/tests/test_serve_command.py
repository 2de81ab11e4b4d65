from __future__ import annotations

import atexit
import importlib
import multiprocessing
from pathlib import Path

import pytest

from partnership.core import serve_command as sc
from partnership.core.worker_exit import run_atexit_handlers_at_worker_exit

BIN = Path("/srv/site/.venv/bin")


def command(environ: dict[str, str]) -> list[str]:
    return sc.serve_command(environ, bin_dir=BIN)


def test_granian_is_the_default_server_with_the_sites_entry_point() -> None:
    argv = command({"HOST": "10.0.0.5", "PORT": "8123", "WEB_WORKERS": "3", "WEB_THREADS": "4"})

    assert argv[0] == "/srv/site/.venv/bin/granian"
    assert argv[-1] == "partnership.wsgi:application"
    assert argv[1:-1] == [
        "--interface=wsgi",
        "--http=1",
        "--no-ws",
        "--host=10.0.0.5",
        "--port=8123",
        "--workers=3",
        "--blocking-threads=4",
        "--no-access-log",
        "--respawn-failed-workers",
        "--workers-lifetime=21600",
        "--workers-max-rss=400",
        "--workers-kill-timeout=10",
        "--http1-header-read-timeout=10000",
        "--http1-buffer-size=16384",
    ]


def test_granian_defaults_are_loopback_port_8000_and_todays_worker_counts() -> None:
    argv = command({})

    assert "--host=127.0.0.1" in argv
    assert "--port=8000" in argv
    assert f"--workers={sc.default_workers()}" in argv
    assert "--blocking-threads=2" in argv


def test_granian_never_rewrites_client_addresses_from_forwarded_headers() -> None:
    # partnership.core.wsgi judges X-Forwarded-* against TRUSTED_PROXIES; granian's
    # command line must not ask it to do so first (nor log access itself).
    argv = command({})

    assert not [option for option in argv if "proxy" in option or "forward" in option]
    assert "--access-log" not in argv


def test_web_server_gunicorn_keeps_the_old_command() -> None:
    argv = command({"WEB_SERVER": "gunicorn", "WEB_WORKERS": "3"})

    assert argv == [
        "/srv/site/.venv/bin/gunicorn",
        "--config",
        "python:partnership.gunicorn_conf",
        "partnership.wsgi:application",
    ]


def test_web_server_is_read_without_regard_to_case_or_spaces() -> None:
    assert command({"WEB_SERVER": " Granian "})[0].endswith("/granian")
    assert command({"WEB_SERVER": "GUNICORN"})[0].endswith("/gunicorn")
    assert command({"WEB_SERVER": ""})[0].endswith("/granian")


def test_an_unknown_web_server_is_refused_by_name() -> None:
    with pytest.raises(sc.ServeConfigError) as raised:
        command({"WEB_SERVER": "uwsgi"})

    assert str(raised.value) == "WEB_SERVER must be 'granian' or 'gunicorn', not 'uwsgi'"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("WEB_WORKERS", "many", "WEB_WORKERS must be a whole number, not 'many'"),
        ("WEB_WORKERS", "0", "WEB_WORKERS must be at least 1, not 0"),
        ("WEB_THREADS", "-2", "WEB_THREADS must be at least 1, not -2"),
        ("PORT", "70000", "PORT must be at most 65535, not 70000"),
    ],
)
def test_numbers_that_cannot_be_served_are_refused(variable: str, value: str, message: str) -> None:
    with pytest.raises(sc.ServeConfigError) as raised:
        command({variable: value})

    assert str(raised.value) == message


def test_the_check_refuses_an_unknown_server_with_status_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WEB_SERVER", "apache")

    status = sc.main(["--check"])

    assert status == 2
    assert capsys.readouterr().err == (
        "bin/serve: WEB_SERVER must be 'granian' or 'gunicorn', not 'apache'\n"
    )


def test_the_check_passes_for_both_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    for server in sc.SERVERS:
        monkeypatch.setenv("WEB_SERVER", server)

        assert sc.main(["--check"]) == 0


def test_gunicorns_config_reads_the_same_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST", "10.1.2.3")
    monkeypatch.setenv("PORT", "8200")
    monkeypatch.setenv("WEB_WORKERS", "7")
    monkeypatch.setenv("WEB_THREADS", "3")
    monkeypatch.setenv("WEB_SERVER", "granian")  # the config file is gunicorn's either way
    import partnership.gunicorn_conf as conf

    conf = importlib.reload(conf)

    assert (conf.bind, conf.workers, conf.threads) == ("10.1.2.3:8200", 7, 3)


def _child_registers_an_exit_job(path: str) -> None:
    atexit._clear()  # the test process's own exit jobs are not the child's to run
    assert run_atexit_handlers_at_worker_exit() is True
    atexit.register(Path(path).write_text, "flushed")


def test_a_multiprocessing_worker_runs_its_atexit_jobs_when_it_ends(tmp_path: Path) -> None:
    # granian's workers are multiprocessing children, which end with os._exit.
    marker = tmp_path / "exit-job"
    child = multiprocessing.get_context("fork").Process(
        target=_child_registers_an_exit_job, args=(str(marker),)
    )

    child.start()
    child.join(timeout=30)

    assert child.exitcode == 0
    assert marker.read_text() == "flushed"


def test_outside_a_multiprocessing_worker_the_exit_hook_does_nothing() -> None:
    assert run_atexit_handlers_at_worker_exit() is False
