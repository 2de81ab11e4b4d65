"""The columns of an application and of a draft that hold personal data: for each, the
label and the purpose the form and the collection notice show, the lawful basis, and
whether it is encrypted. ``personal_data.py`` declares them to the data inventory.
"""

from __future__ import annotations

from partnership.privacy.inventory import LawfulBasis, PersonalField

_CONTRACT = LawfulBasis.CONTRACT
_OBLIGATION = LawfulBasis.LEGAL_OBLIGATION
_INTERESTS = LawfulBasis.LEGITIMATE_INTERESTS
FIELDS = (
    PersonalField(
        "eligibility_confirmed",
        "Eligibility (18 or over, UK resident, not bankrupt)",
        "We can only lend to adults living in the UK who are not bankrupt.",
        _CONTRACT,
        encrypted=False,
    ),
    PersonalField(
        "first_name", "First name", "To identify you and search your credit file.", _CONTRACT, True
    ),
    PersonalField(
        "last_name", "Last name", "To identify you and search your credit file.", _CONTRACT, True
    ),
    PersonalField(
        "date_of_birth",
        "Date of birth",
        "To check you are 18 or over and to match your credit file.",
        _CONTRACT,
        True,
    ),
    PersonalField(
        "address_history",
        "Addresses for the last three years",
        "The credit reference agency matches your file by your addresses; the law also "
        "asks us to verify who you are (money-laundering checks).",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "employment_status",
        "Employment status",
        "To judge whether the card is affordable for you (FCA CONC 5.2A).",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "annual_income",
        "Yearly income",
        "To judge whether the card is affordable for you and set a credit limit.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "housing_status",
        "Your home",
        "To judge your regular outgoings.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "monthly_housing_cost",
        "Rent or mortgage each month",
        "To judge what is left each month to repay the card.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "monthly_credit_repayments",
        "Loan and card repayments each month",
        "To judge what is left each month to repay the card.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "existing_debt",
        "What you already owe",
        "Lending more to someone already heavily in debt would be irresponsible.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "email",
        "E-mail address",
        "To send you the decision and, if approved, the link to set up your sign-in.",
        _CONTRACT,
        True,
    ),
    PersonalField(
        "email_index",
        "E-mail address (as a keyed code)",
        "To find your application when you ask for a copy of your data.",
        _OBLIGATION,
        False,
    ),
    PersonalField(
        "applicant_index",
        "Postcode and date of birth (as a keyed code)",
        "To notice several applications from one person in a short time (fraud prevention).",
        _INTERESTS,
        False,
    ),
    PersonalField(
        "phone",
        "Phone number",
        "So we can call you if we need to check something about your application.",
        _CONTRACT,
        True,
    ),
    PersonalField(
        "marketing_email",
        "Offers by e-mail",
        "Only if you tick it: offers from the Partnership by e-mail. Change it any time.",
        LawfulBasis.CONSENT,
        False,
    ),
    PersonalField(
        "marketing_post",
        "Offers by post",
        "Only if you tick it: offers from the Partnership by post. Change it any time.",
        LawfulBasis.CONSENT,
        False,
    ),
    PersonalField(
        "statements_paperless",
        "Paper or paperless statements",
        "So your statements come the way you asked from the first one. Change it any time.",
        _CONTRACT,
        False,
    ),
    PersonalField(
        "credit_search_consent",
        "Agreement to the credit search",
        "The record that you agreed to the search of your credit file.",
        _CONTRACT,
        False,
    ),
    PersonalField(
        "notice_read",
        "Notice read",
        "The record that you were told how we use your information.",
        _OBLIGATION,
        False,
    ),
    PersonalField(
        "precontract_read",
        "Pre-contract information read",
        "The record that you were given the pre-contract credit information and the "
        "explanation of the card before you applied, as consumer-credit rules require.",
        _OBLIGATION,
        False,
    ),
    PersonalField(
        "precontract_version",
        "Version of the pre-contract information",
        "To know which pre-contract information and credit agreement terms you were shown.",
        _OBLIGATION,
        False,
    ),
    PersonalField(
        "outcome",
        "Decision",
        "The outcome of your application.",
        _CONTRACT,
        False,
    ),
    PersonalField(
        "reason_codes",
        "Reasons for the decision",
        "So we can explain the decision and a person can review it if you ask.",
        _CONTRACT,
        True,
    ),
    PersonalField(
        "agency_reference",
        "Credit search reference",
        "To trace the credit search if you question it.",
        _CONTRACT,
        False,
    ),
    PersonalField(
        "agency_score",
        "Credit score",
        "One input to the decision, from the credit reference agency.",
        _CONTRACT,
        True,
    ),
    PersonalField("credit_limit", "Credit limit", "The limit we offered.", _CONTRACT, True),
    PersonalField("apr", "APR", "The interest rate we offered.", _CONTRACT, True),
    PersonalField(
        "customer",
        "Your customer record",
        "Approved applications stay with the customer record they created.",
        _CONTRACT,
        False,
    ),
)

DRAFT_FIELDS = (
    PersonalField(
        "answers",
        "Your answers so far",
        "So you can go back, refresh or come back later without typing them again.",
        _CONTRACT,
        True,
    ),
)
