"""Production mode (HTTPS=on): its secrets are required and its checks pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.production import (
    HOST,
    PRODUCTION_SECRETS,
    manage,
    probe,
    production_env,
)


def test_deploy_checks_pass_with_no_warning_silenced(prod_env: dict[str, str]) -> None:
    done = manage(prod_env, "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


@pytest.mark.parametrize("name", sorted(PRODUCTION_SECRETS))
def test_a_missing_production_secret_stops_start_up_naming_it(tmp_path: Path, name: str) -> None:
    env = production_env(tmp_path)
    del env[name]

    done = manage(env, "check")

    assert done.returncode == 1
    assert f"{name} is not set. Production mode (HTTPS=on)" in done.stderr
    assert not (tmp_path / "secrets").exists()


def test_seed_demo_refuses_to_run_in_production(prod_env: dict[str, str]) -> None:
    done = manage(prod_env, "seed_demo")

    assert done.returncode == 2
    assert "seed_demo runs only in local mode" in done.stderr


def test_production_sends_hsts_with_preload(prod_env: dict[str, str]) -> None:
    headers = dict(probe(prod_env, "/")["headers"])

    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"


def test_plain_http_is_redirected_to_https(prod_env: dict[str, str]) -> None:
    page = probe(prod_env, "/card/", "--insecure")

    assert page["status"] == 301
    assert dict(page["headers"])["Location"] == f"https://{HOST}/card/"


def test_health_probes_are_answered_over_plain_http_for_the_load_balancer(
    prod_env: dict[str, str],
) -> None:
    assert probe(prod_env, "/healthz", "--insecure")["status"] == 200


def test_production_cookie_names_carry_the_host_prefix(prod_env: dict[str, str]) -> None:
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE)"
    )
    done = manage(prod_env, "shell", "--no-imports", "-c", code)

    assert done.stdout.split() == ["__Host-session", "__Host-csrf", "True", "True"]


def test_the_style_guide_is_not_found_in_production(prod_env: dict[str, str]) -> None:
    assert probe(prod_env, "/styleguide/")["status"] == 404
    assert probe(prod_env, "/accessibility/")["status"] == 200
