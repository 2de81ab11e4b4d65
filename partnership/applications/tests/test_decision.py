from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from partnership.applications.agency import AgencyApplicant, AgencyReport, SandboxAgency
from partnership.applications.decision.reasons import Reason
from partnership.applications.decision.rules import DecisionInput, decide
from partnership.applications.models import Outcome


def applicant(**overrides: object) -> AgencyApplicant:
    values: dict[str, object] = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "date_of_birth": dt.date(1985, 12, 10),
        "postcodes": ("SW1A 1AA",),
        "annual_income": Decimal("42000"),
        "monthly_housing_cost": Decimal("900"),
        "monthly_credit_repayments": Decimal("50"),
        "existing_debt": Decimal("1200"),
    }
    values.update(overrides)
    return AgencyApplicant(**values)  # type: ignore[arg-type]


def report(score: int = 700, *, verified: bool = True, insolvency: bool = False) -> AgencyReport:
    return AgencyReport("SBX-TEST", identity_verified=verified, insolvency=insolvency, score=score)


def given(
    *,
    income: str = "42000",
    housing: str = "900",
    repayments: str = "50",
    debt: str = "1200",
    agency: AgencyReport | None = None,
    has_account: bool = False,
    recent: int = 0,
) -> DecisionInput:
    return DecisionInput(
        annual_income=Decimal(income),
        monthly_housing_cost=Decimal(housing),
        monthly_credit_repayments=Decimal(repayments),
        existing_debt=Decimal(debt),
        report=agency or report(),
        has_account=has_account,
        recent_applications=recent,
    )


@pytest.mark.parametrize(
    ("surname", "verified", "insolvency", "score"),
    [("Lovelace", True, False, 756), ("DECLINE", True, True, 150), ("refer", False, False, 756)],
)
def test_the_sandbox_agency_follows_its_documented_rules(
    surname: str, verified: bool, insolvency: bool, score: int
) -> None:
    found = SandboxAgency().search(applicant=applicant(last_name=surname))

    assert (found.identity_verified, found.insolvency, found.score) == (verified, insolvency, score)
    assert found == SandboxAgency().search(applicant=applicant(last_name=surname))


def test_the_sandbox_score_falls_when_outgoings_take_half_the_income() -> None:
    heavy = applicant(annual_income=Decimal("24000"), monthly_housing_cost=Decimal("1000"))

    assert SandboxAgency().search(applicant=heavy).score == 600 + 96 - 12 - 100


def test_approval_comes_with_limit_apr_and_reasons() -> None:
    decision = decide(given(agency=report(756)))

    assert decision.outcome == Outcome.APPROVED
    assert decision.reasons == (Reason.AFFORDABLE, Reason.GOOD_CREDIT_HISTORY)
    assert (decision.disposable, decision.credit_limit, decision.apr) == (
        Decimal("1075.00"),
        Decimal("3200.00"),
        Decimal("24.90"),
    )


@pytest.mark.parametrize(
    ("facts", "outcome", "reasons"),
    [
        ({"agency": report(150, insolvency=True)}, Outcome.DECLINED, ("D01", "D02")),
        ({"agency": report(449)}, Outcome.DECLINED, ("D02",)),
        ({"income": "15000"}, Outcome.DECLINED, ("D03",)),
        ({"debt": "30000"}, Outcome.DECLINED, ("D04",)),
        ({"agency": report(700, verified=False)}, Outcome.REFERRED, ("R01",)),
        ({"agency": report(450)}, Outcome.REFERRED, ("R02",)),
        ({"has_account": True}, Outcome.REFERRED, ("R03",)),
        ({"recent": 3}, Outcome.REFERRED, ("R04",)),
        ({"recent": 2}, Outcome.APPROVED, ("A01", "A02")),
    ],
)
def test_each_rule_gives_its_reason_code(
    facts: dict[str, object], outcome: Outcome, reasons: tuple[str, ...]
) -> None:
    decision = decide(given(**facts))  # type: ignore[arg-type]

    assert decision.outcome == outcome
    assert tuple(reason.value for reason in decision.reasons) == reasons
    assert all(reason.explanation for reason in decision.reasons)


@pytest.mark.parametrize(
    ("income", "limit", "score", "apr"),
    [
        ("200000", "8000.00", 800, "24.90"),
        ("22000", "1400.00", 650, "29.90"),
        ("30000", "2900.00", 600, "34.90"),
    ],
)
def test_limits_are_capped_floored_and_priced_by_score(
    income: str, limit: str, score: int, apr: str
) -> None:
    decision = decide(
        given(income=income, housing="300", repayments="0", debt="0", agency=report(score))
    )

    assert (decision.credit_limit, decision.apr) == (Decimal(limit), Decimal(apr))
