"""Reason codes: what each rule found, in words the applicant reads (UK GDPR Art. 22)."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    # Decline
    INSOLVENCY = "D01"
    LOW_SCORE = "D02"
    UNAFFORDABLE = "D03"
    DEBT_TO_INCOME = "D04"
    # Refer to a person
    IDENTITY_UNCONFIRMED = "R01"
    BORDERLINE_SCORE = "R02"
    EXISTING_ACCOUNT = "R03"
    REPEATED_APPLICATIONS = "R04"
    # Approve
    AFFORDABLE = "A01"
    GOOD_CREDIT_HISTORY = "A02"

    @property
    def explanation(self) -> str:
        return EXPLANATIONS[self]


EXPLANATIONS = {
    Reason.INSOLVENCY: (
        "The credit reference agency's file shows a recent bankruptcy, debt relief order "
        "or individual voluntary arrangement."
    ),
    Reason.LOW_SCORE: (
        "The credit score from the credit reference agency is below the level we lend at "
        "(below 450 out of 999)."
    ),
    Reason.UNAFFORDABLE: (
        "After your housing costs, credit repayments and typical living costs, less than "
        "£200 a month would be left to repay a card."
    ),
    Reason.DEBT_TO_INCOME: "What you already owe is more than half of your yearly income.",
    Reason.IDENTITY_UNCONFIRMED: (
        "The credit reference agency could not confirm your identity and address history "
        "automatically, so a person will check them."
    ),
    Reason.BORDERLINE_SCORE: (
        "Your credit score is close to the level we lend at (450 to 549 out of 999), so a "
        "person will look at your application."
    ),
    Reason.EXISTING_ACCOUNT: (
        "An account with us already uses this e-mail address, so a person will check "
        "before we open another."
    ),
    Reason.REPEATED_APPLICATIONS: (
        "We have received several applications with these details within 30 days, so a "
        "person will check them."
    ),
    Reason.AFFORDABLE: "What is left of your income each month can repay the credit limit.",
    Reason.GOOD_CREDIT_HISTORY: "Your credit score is at or above the level we lend at.",
}
