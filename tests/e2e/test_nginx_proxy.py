"""``deploy/nginx.conf``, run as written (test ports and paths only), in front of the
production-mode site on granian (as bin/serve starts it): headers, body limit, client
address, redirects.

The sample is rendered by exact substitutions, each of which must match, so the file
tested is the file shipped. A throwaway self-signed certificate comes from
``cryptography``. Clients connect from 127.0.0.5 (any 127/8 address is loopback), so
the address nginx sees differs from the one the site sees nginx connect from.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import shutil
import signal
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.e2e.conftest import REPO, _free_port
from tests.production import HOST, manage, production_env

pytestmark = pytest.mark.e2e

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# The server exactly as bin/serve execs it (partnership/core/serve_command.py).
SERVE_COMMAND = [str(REPO / ".venv" / "bin" / "python"), "-m", "partnership.core.serve_command"]
CLIENT = "127.0.0.5"
TOO_LARGE_HEADING = "<h1>That was too much to send</h1>"
# Headers that differ per answer or per hop, not per configuration.
PER_ANSWER = {"date", "server", "content-length", "connection", "keep-alive", "set-cookie"}


@dataclass(frozen=True)
class Proxy:
    https_port: int
    http_port: int
    site_port: int
    var_dir: Path


def _certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fullchain.pem", directory / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def render_sample(work: Path, *, https_port: int, http_port: int, site_port: int) -> str:
    """``deploy/nginx.conf`` with its machine-specific values replaced for this test."""
    cert, key = _certificate(work)
    temp = work / "temp"
    temp.mkdir()
    temp_paths = "".join(
        f"    {kind}_temp_path {temp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    replacements = {
        "user www-data;": user,
        "pid /run/nginx.pid;": f"pid {work / 'nginx.pid'};",
        "error_log /var/log/nginx/error.log warn;": f"error_log {work / 'error.log'} warn;",
        "http {\n": "http {\n" + temp_paths,
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "/etc/ssl/partnership/fullchain.pem": str(cert),
        "/etc/ssl/partnership/privkey.pem": str(key),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{site_port};",
    }
    text = (REPO / "deploy" / "nginx.conf").read_text()
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx.conf no longer contains {old!r}"
        text = text.replace(old, new)
    return text


def _wait_for(port: int, process: subprocess.Popen[bytes], what: str, ready: int = 200) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, f"{what} exited with status {process.returncode}"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": HOST})
            status = connection.getresponse().status
            connection.close()
            if status == ready:
                return
        except OSError:
            connection.close()
        assert time.monotonic() < deadline, f"{what} did not answer /healthz with {ready}"
        time.sleep(0.25)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    if not Path(NGINX).exists():
        pytest.fail("Debian's nginx is missing: apt-get install -y nginx", pytrace=False)
    work = tmp_path_factory.mktemp("nginx")
    var_dir = work / "var"
    site_port, https_port, http_port = _free_port(), _free_port(), _free_port()
    env = production_env(
        var_dir, TRUSTED_PROXIES="127.0.0.1/32", PORT=str(site_port), WEB_WORKERS="2"
    )
    env.pop("HOST", None)
    for command in (("migrate", "--noinput", "-v0"), ("collectstatic", "--noinput", "-v0")):
        done = manage(env, *command)
        assert done.returncode == 0, done.stderr
    config = work / "nginx.conf"
    config.write_text(
        render_sample(work, https_port=https_port, http_port=http_port, site_port=site_port)
    )
    site = subprocess.Popen(
        SERVE_COMMAND,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    nginx = subprocess.Popen(
        [
            NGINX,
            "-p",
            str(work),
            "-e",
            str(work / "error.log"),
            "-c",
            str(config),
            "-g",
            "daemon off;",
        ],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(site_port, site, "the site (granian)")
        _wait_for(http_port, nginx, "nginx", ready=301)  # plain HTTP only redirects
        yield Proxy(https_port, http_port, site_port, var_dir)
    finally:
        _stop(nginx)
        _stop(site)


def _https(proxy: Proxy) -> http.client.HTTPSConnection:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the throwaway certificate is self-signed
    return http.client.HTTPSConnection(
        "127.0.0.1", proxy.https_port, context=context, source_address=(CLIENT, 0), timeout=10
    )


def _ask(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    found = {name.lower(): value for name, value in response.getheaders()}
    connection.close()
    return response.status, found, text


def _direct(proxy: Proxy) -> http.client.HTTPConnection:
    """The site itself, as nginx reaches it (from a trusted address, saying HTTPS)."""
    return http.client.HTTPConnection("127.0.0.1", proxy.site_port, timeout=10)


def _comparable(headers: dict[str, str]) -> dict[str, str]:
    kept = {name: value for name, value in headers.items() if name not in PER_ANSWER}
    if "content-security-policy" in kept:
        kept["content-security-policy"] = re.sub(
            r"'nonce-[^']+'", "'nonce-…'", kept["content-security-policy"]
        )
    return kept


@pytest.mark.parametrize("path", ["/", "/apply/", "/no-such-page/"])
def test_the_sites_headers_arrive_unchanged(proxy: Proxy, path: str) -> None:
    status, through, _ = _ask(_https(proxy), "GET", path)
    direct_status, direct, _ = _ask(
        _direct(proxy), "GET", path, headers={"X-Forwarded-Proto": "https"}
    )
    assert status == direct_status
    assert _comparable(through) == _comparable(direct)
    assert "strict-transport-security" in through
    assert "content-security-policy" in through
    assert through["server"] == "nginx"


def test_an_oversized_post_gets_the_sites_own_too_large_page(proxy: Proxy) -> None:
    body = b"note=" + b"x" * (2 * 1024 * 1024)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, found, text = _ask(_https(proxy), "POST", "/complaints/", body, headers)
    assert status == 413
    assert TOO_LARGE_HEADING in text
    assert found["content-type"] == "text/html; charset=utf-8"
    assert "content-security-policy" in found
    assert "nginx" not in text


def test_the_site_sees_the_address_nginx_saw_and_no_address_a_client_claims(
    proxy: Proxy,
) -> None:
    headers = {"X-Forwarded-For": "203.0.113.9", "User-Agent": "nginx-proxy-test"}
    status, _, _ = _ask(_https(proxy), "GET", "/help/", headers=headers)
    assert status == 200
    logs = sorted((proxy.var_dir / "log" / "access").glob("*"))
    lines = [
        line.split("\t")
        for log in logs
        for line in log.read_text().splitlines()
        if line.endswith("\tnginx-proxy-test")
    ]
    assert [(fields[2], fields[3], fields[5]) for fields in lines] == [("/help/", "200", CLIENT)]


def test_plain_http_is_redirected_to_https(proxy: Proxy) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", proxy.http_port, timeout=10)
    status, found, _ = _ask(connection, "GET", "/apply/?step=1")
    assert status == 301
    assert found["location"] == f"https://{HOST}/apply/?step=1"
    assert found["server"] == "nginx"


def test_static_files_pass_through_with_the_sites_caching(proxy: Proxy) -> None:
    manifest = (proxy.var_dir / "static" / "staticfiles.json").read_text()
    hashed = re.search(r'"(css/[^"]+\.[0-9a-f]{12}\.css)"', manifest)
    assert hashed is not None, "no hashed stylesheet in the static manifest"
    path = f"/static/{hashed.group(1)}"
    status, found, _ = _ask(_https(proxy), "GET", path)
    _, direct, _ = _ask(_direct(proxy), "GET", path, headers={"X-Forwarded-Proto": "https"})
    assert status == 200
    assert found["content-type"] == 'text/css; charset="utf-8"'
    assert found["x-content-type-options"] == "nosniff"
    assert found["cache-control"] == direct["cache-control"]
    assert "immutable" in found["cache-control"]


def test_only_the_new_message_route_takes_a_body_over_1_mb(proxy: Proxy) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    two_mb = b"body=" + b"x" * (2 * 1024 * 1024)
    over = b"body=" + b"x" * (5184 * 1024)

    status, _, _ = _ask(_https(proxy), "POST", "/account/messages/new/", two_mb, headers)
    refused, _, text = _ask(_https(proxy), "POST", "/account/messages/new/", over, headers)
    elsewhere, _, _ = _ask(_https(proxy), "POST", "/account/messages/", two_mb, headers)

    # Passed on to the site, which sends an anonymous visitor to sign in.
    assert status == 302
    assert (refused, elsewhere) == (413, 413)
    assert TOO_LARGE_HEADING in text
