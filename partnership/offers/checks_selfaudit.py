"""Self-audit checks of the card-digits gate (P2), registered from OffersConfig.ready()."""

from __future__ import annotations

import re

from django.conf import settings

from partnership.core.selfaudit import Check, CheckResult, register_checks
from partnership.offers.bin_ranges import BinRange, BinRangeError, bin_ranges_parse
from partnership.privacy.column_scan import (
    Detector,
    Finding,
    all_models,
    findings_evidence,
    plain_text_columns,
    scan_columns,
    without_opaque_tokens,
)

_DIGIT_RUN = re.compile(r"(?<!\d)\d{6,19}(?!\d)")
# No column holds a card's first six digits: card accounts keep the last four only
# (docs/cards.md), and the typed digits of the offers gate go nowhere.


def bin_ranges_parse_check() -> CheckResult:
    try:
        ranges = bin_ranges_parse(settings.CARD_BIN_RANGES)
    except BinRangeError as exc:
        return CheckResult(False, f"CARD_BIN_RANGES is malformed: {exc}")
    return CheckResult(True, f"CARD_BIN_RANGES parses into {len(ranges)} range(s)")


def _has_card_prefix(ranges: tuple[BinRange, ...]) -> Detector:
    def detect(text: str) -> bool:
        return any(
            any(r.contains(match.group()[:6]) for r in ranges)
            for match in _DIGIT_RUN.finditer(without_opaque_tokens(text))
        )

    return detect


def no_card_prefix_stored() -> CheckResult:
    try:
        ranges = bin_ranges_parse(settings.CARD_BIN_RANGES)
    except BinRangeError:
        return CheckResult(False, "CARD_BIN_RANGES is malformed: nothing to look for")
    detect = _has_card_prefix(ranges)
    models = all_models()
    findings: list[Finding] = []
    for model in models:
        columns = plain_text_columns(model)
        findings.extend(scan_columns(model, {"card prefix": detect}, columns=columns))
    scanned = f"the plain text columns of {len(models)} tables (every row)"
    return CheckResult(not findings, findings_evidence(findings, scanned=scanned))


CHECKS = (
    Check("P2.bin-ranges", "P2", "CARD_BIN_RANGES parses", bin_ranges_parse_check),
    Check(
        "P2.no-card-prefix-stored",
        "P2",
        "No card number prefix in the configured ranges in any plain column",
        no_card_prefix_stored,
    ),
)


def register() -> None:
    register_checks(CHECKS)
