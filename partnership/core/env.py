"""Typed readers for the environment, used by the settings module.

Production mode (``HTTPS=on``, the default) takes every secret from the environment
and refuses to start without one. Local mode (``HTTPS=off``) generates missing
secrets once into ``var/secrets/`` (files 0600, folders 0700) so ``make run`` works on
a fresh clone.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from partnership.core.private_files import make_private_dir, write_private

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def text(name: str, default: str) -> str:
    return os.environ.get(name, default).strip() or default


def flag(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"on", "true", "1", "yes"}:
        return True
    if raw in {"off", "false", "0", "no"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 'on' or 'off', not {raw!r}")


def integer(name: str, *, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number") from exc
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}")
    return value


def iso_datetime(name: str, default: str) -> str:
    """An ISO 8601 date and time with a UTC offset ("2027-12-01T00:00:00Z"), as given."""
    value = text(name, default)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an ISO 8601 date and time") from exc
    if parsed.tzinfo is None:
        raise ImproperlyConfigured(f"{name} needs a UTC offset (end it with Z or +00:00)")
    return value


def comma_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def networks(name: str) -> list[Network]:
    try:
        return [ipaddress.ip_network(item, strict=False) for item in comma_list(name)]
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must list IP addresses or CIDR networks") from exc


def secret(
    name: str,
    *,
    local_mode: bool,
    secrets_dir: Path,
    generate: Callable[[], str] = lambda: secrets.token_urlsafe(50),
) -> str:
    """Return a secret from the environment, or in local mode from ``var/secrets/``.

    Production refuses to start without it, naming the variable (never its value).
    """
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if not local_mode:
        raise ImproperlyConfigured(
            f"{name} is not set. Production mode (HTTPS=on) takes every secret from the "
            f"environment; see docs/configuration.md."
        )
    return _local_secret(secrets_dir / name.lower(), generate)


def _local_secret(path: Path, generate: Callable[[], str]) -> str:
    make_private_dir(path.parent)
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    value = generate()
    # Exclusive: when several workers start at once, exactly one writes the file.
    try:
        write_private(path, (value + "\n").encode("ascii"))
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    return value
