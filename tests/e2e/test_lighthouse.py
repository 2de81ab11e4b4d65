"""Lighthouse on every public page (issue 16): accessibility, best practices and SEO
each score 100, and a page that falls short names the audits that failed.

Lighthouse runs as its command-line tool, one process per page in turn, against the
served site, in its default mobile form (a 412 px Moto G Power): that is the
stricter of the two, since the legible-font-size and tap-target checks bite there,
and the layout test already covers the desktop width. It is an npm package
(package.json); without it these tests skip and say how to install it.
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, cast

import pytest

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, REPO
from tests.e2e.test_design import PUBLIC

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
RUN_TIMEOUT = 120

# Lighthouse 12 reads robots.txt through the DevTools protocol (Network.loadNetworkResource),
# which Chromium now holds to the page's Content-Security-Policy (GoogleChrome/lighthouse
# issue 16597). A page that runs no script has no connect-src, so default-src 'none'
# refuses the download and the audit fails without having read the file. The file is
# one for the whole site and is audited on every page that allows the fetch; only this
# failure, with this explanation, on a page whose policy forbids the fetch, is set aside.
ROBOTS_UNREADABLE = "Lighthouse was unable to download a robots.txt file"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not LIGHTHOUSE.is_file(), reason="Lighthouse is not installed: npm ci (see README)"
    ),
]


def _lighthouse(url: str, report: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_ARGS])}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
        "--disable-full-page-screenshot",  # only the performance report shows it
        "--quiet",
    ]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
    )
    assert done.returncode == 0, f"lighthouse exited {done.returncode}:\n{done.stderr[-2000:]}"
    return cast(dict[str, Any], json.loads(report.read_text(encoding="utf-8")))


def _policy_refuses_fetch(url: str) -> bool:
    """True when the page's CSP leaves fetches to default-src 'none'."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test server
        policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    return "connect-src" not in directives and directives.get("default-src") == ["'none'"]


def _failed_audits(result: dict[str, Any], name: str) -> list[str]:
    """The ids of the scored audits in one category that did not pass."""
    failed = []
    for ref in result["categories"][name]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            failed.append(audit["id"])
    return failed


def _shortfalls(result: dict[str, Any], *, policy_refuses_fetch: bool) -> list[str]:
    """Each category below 100, with the audits in it that failed (id: title)."""
    if result.get("runtimeError"):
        return [f"Lighthouse could not run: {result['runtimeError']}"]
    robots = result["audits"]["robots-txt"]
    robots_unread = policy_refuses_fetch and robots.get("explanation") == ROBOTS_UNREADABLE
    lines = []
    for name in CATEGORIES:
        failed = _failed_audits(result, name)
        if robots_unread and failed == ["robots-txt"]:
            continue  # 100 but for the one audit that could not read its input
        if result["categories"][name]["score"] == 1:
            continue
        lines.append(f"{name}: {result['categories'][name]['score']}")
        lines += [f"  {audit_id}: {result['audits'][audit_id]['title']}" for audit_id in failed]
    return lines


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_scores_100_in_lighthouse(base_url: str, tmp_path: Path, path: str) -> None:
    result = _lighthouse(base_url + path, tmp_path / "report.json")

    assert result["finalDisplayedUrl"] == base_url + path
    assert result["runWarnings"] == []
    refuses = _policy_refuses_fetch(base_url + path)
    shortfalls = _shortfalls(result, policy_refuses_fetch=refuses)
    assert not shortfalls, f"Lighthouse on {path}:\n" + "\n".join(shortfalls)


def _report(seo_score: float, failing: dict[str, str]) -> dict[str, Any]:
    """A Lighthouse result cut down to what _shortfalls reads."""
    audits = {
        audit_id: {"id": audit_id, "score": 0, "title": title}
        for audit_id, title in failing.items()
    }
    audits.setdefault("robots-txt", {"id": "robots-txt", "score": 1, "title": "robots.txt"})
    audits["document-title"] = {"id": "document-title", "score": 1, "title": "Has a title"}
    if "robots-txt" in failing:
        audits["robots-txt"]["explanation"] = ROBOTS_UNREADABLE
    refs = [{"id": audit_id, "weight": 1} for audit_id in audits]
    perfect = {"score": 1, "auditRefs": []}
    categories = {"accessibility": perfect, "best-practices": perfect}
    categories["seo"] = {"score": seo_score, "auditRefs": refs}
    return {"categories": categories, "audits": audits}


def test_an_unreadable_robots_txt_is_set_aside_only_where_the_policy_refuses_the_fetch() -> None:
    unread = _report(0.92, {"robots-txt": "robots.txt is not valid"})

    assert _shortfalls(unread, policy_refuses_fetch=True) == []
    assert _shortfalls(unread, policy_refuses_fetch=False) == [
        "seo: 0.92",
        "  robots-txt: robots.txt is not valid",
    ]


def test_other_failures_beside_an_unreadable_robots_txt_are_all_listed() -> None:
    both = _report(0.85, {"robots-txt": "robots.txt is not valid", "link-text": "Vague links"})

    assert _shortfalls(both, policy_refuses_fetch=True) == [
        "seo: 0.85",
        "  robots-txt: robots.txt is not valid",
        "  link-text: Vague links",
    ]
