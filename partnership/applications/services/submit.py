"""Submitting an application: decide, then write everything in one transaction, once.

``application_submit`` is idempotent on ``idempotency_key`` (unique in the database):
a double click, a replayed POST or a retry after a timeout returns the application
already recorded and writes nothing. The credit search happens before the transaction
(the sandbox is instant; a real agency is a network call that must not hold locks);
the invitation e-mail is sent only after the commit.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid

from django.db import IntegrityError, transaction

from partnership.accounts.identity import login_index
from partnership.accounts.models import User
from partnership.applications.agency import AgencyApplicant, AgencyReport, agency
from partnership.applications.decision.rules import (
    RULES_VERSION,
    Decision,
    DecisionInput,
    decide,
)
from partnership.applications.models import (
    APPLICANT_INDEX_PURPOSE,
    EMAIL_INDEX_PURPOSE,
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    REFERENCE_PREFIX,
    Application,
    ApplicationDraft,
    Outcome,
)
from partnership.applications.precontract import PRECONTRACT_VERSION
from partnership.applications.services.applicant import ApplicationInput
from partnership.applications.services.customer import (
    customer_from_application,
    invitation_link,
    invitation_send,
)
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.services import card_account_open
from partnership.core import clock
from partnership.crypto.blind_index import blind_index, normalise_email, postcode_birth_date_index

REPEAT_WINDOW = dt.timedelta(days=30)


def application_reference_new() -> str:
    return REFERENCE_PREFIX + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH)
    )


def application_email_index(*, email: str) -> str:
    return blind_index(email, purpose=EMAIL_INDEX_PURPOSE, normalise=normalise_email)


def applicant_index(*, data: ApplicationInput) -> str:
    return postcode_birth_date_index(
        data.addresses[0].postcode, data.date_of_birth, purpose=APPLICANT_INDEX_PURPOSE
    )


def application_submit(
    *,
    data: ApplicationInput,
    idempotency_key: str,
    site_url: str = "",
    draft_id: uuid.UUID | None = None,
) -> Application:
    """Decide and record the application (and, if approved, the customer and the card
    account) in one transaction; the same key again returns the first application."""
    try:
        return _submit(
            data=data, idempotency_key=idempotency_key, site_url=site_url, draft_id=draft_id
        )
    except _LostRace:
        # Another application with this e-mail address was approved meanwhile: decide
        # again, now seeing that account (a person will check: R03).
        return _submit(
            data=data, idempotency_key=idempotency_key, site_url=site_url, draft_id=draft_id
        )


class _LostRace(Exception):
    pass


def _submit(
    *,
    data: ApplicationInput,
    idempotency_key: str,
    site_url: str,
    draft_id: uuid.UUID | None,
) -> Application:
    if not (data.credit_search_consent and data.notice_read and data.precontract_read):
        raise ValueError(
            "an application needs the credit-search consent, the notice and the pre-contract "
            "information read"
        )
    existing = Application.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    now = clock.now()
    person_index = applicant_index(data=data)
    report = _credit_search(data=data)
    decision = _decide(data=data, report=report, person_index=person_index, now=now)
    application = _application_new(
        data=data,
        idempotency_key=idempotency_key,
        person_index=person_index,
        report=report,
        decision=decision,
        now=now,
    )
    return _store_once(
        application=application,
        decision=decision,
        data=data,
        site_url=site_url,
        draft_id=draft_id,
    )


def _credit_search(*, data: ApplicationInput) -> AgencyReport:
    """The hard search, before any transaction: a real agency is a network call."""
    return agency().search(
        applicant=AgencyApplicant(
            first_name=data.first_name,
            last_name=data.last_name,
            date_of_birth=data.date_of_birth,
            postcodes=tuple(address.postcode for address in data.addresses),
            annual_income=data.annual_income,
            monthly_housing_cost=data.monthly_housing_cost,
            monthly_credit_repayments=data.monthly_credit_repayments,
            existing_debt=data.existing_debt,
        )
    )


def _decide(
    *, data: ApplicationInput, report: AgencyReport, person_index: str, now: dt.datetime
) -> Decision:
    return decide(
        DecisionInput(
            annual_income=data.annual_income,
            monthly_housing_cost=data.monthly_housing_cost,
            monthly_credit_repayments=data.monthly_credit_repayments,
            existing_debt=data.existing_debt,
            report=report,
            has_account=User.objects.filter(login_index=login_index(data.email)).exists(),
            recent_applications=Application.objects.filter(
                applicant_index=person_index, submitted_at__gte=now - REPEAT_WINDOW
            ).count(),
        )
    )


def _application_new(
    *,
    data: ApplicationInput,
    idempotency_key: str,
    person_index: str,
    report: AgencyReport,
    decision: Decision,
    now: dt.datetime,
) -> Application:
    """The application as decided, not yet saved."""
    return Application(
        reference=application_reference_new(),
        idempotency_key=idempotency_key,
        submitted_at=now,
        eligibility_confirmed=True,
        first_name=data.first_name,
        last_name=data.last_name,
        date_of_birth=data.date_of_birth,
        address_history=json.dumps(
            [address.__dict__ for address in data.addresses], separators=(",", ":")
        ),
        employment_status=data.employment_status,
        annual_income=data.annual_income,
        housing_status=data.housing_status,
        monthly_housing_cost=data.monthly_housing_cost,
        monthly_credit_repayments=data.monthly_credit_repayments,
        existing_debt=data.existing_debt,
        email=data.email,
        email_index=application_email_index(email=data.email),
        applicant_index=person_index,
        phone=data.phone,
        marketing_email=data.marketing_email,
        marketing_post=data.marketing_post,
        statements_paperless=data.statements_paperless,
        credit_search_consent=True,
        notice_read=True,
        precontract_read=True,
        precontract_version=PRECONTRACT_VERSION,
        outcome=decision.outcome,
        reason_codes=",".join(reason.value for reason in decision.reasons),
        agency_reference=report.reference,
        agency_score=report.score,
        credit_limit=decision.credit_limit,
        apr=decision.apr,
        rules_version=RULES_VERSION,
        decided_at=now,
    )


def _store_once(
    *,
    application: Application,
    decision: Decision,
    data: ApplicationInput,
    site_url: str,
    draft_id: uuid.UUID | None,
) -> Application:
    """Store the application in one transaction, unless a twin with its key won."""
    idempotency_key = application.idempotency_key
    try:
        with transaction.atomic():
            # Inside the transaction again: a racing twin may have committed meanwhile.
            winner = Application.objects.filter(idempotency_key=idempotency_key).first()
            if winner is not None:
                return winner
            _store(
                application=application,
                decision=decision,
                data=data,
                site_url=site_url,
                draft_id=draft_id,
            )
    except IntegrityError as exc:
        winner = Application.objects.filter(idempotency_key=idempotency_key).first()
        if winner is None:
            raise _LostRace from exc
        return winner
    return application


def _store(
    *,
    application: Application,
    decision: Decision,
    data: ApplicationInput,
    site_url: str,
    draft_id: uuid.UUID | None,
) -> None:
    """The writes, inside the caller's transaction: customer and account if approved, the
    application, its audit event, the draft's deletion."""
    if decision.outcome == Outcome.APPROVED:
        _open_customer(application=application, data=data, site_url=site_url)
    application.full_clean(validate_unique=False, validate_constraints=False)
    application.save(force_insert=True)
    audit_record(
        event=AuditEventType.APPLICATIONS_APPLICATION_SUBMIT,
        actor=Actor.system(),
        subject_type="application",
        subject_id=str(application.pk),
        reason=decision.outcome.value,
        data={
            "reasons": ":".join(reason.value for reason in decision.reasons),
            "rules_version": RULES_VERSION,
            "customer": str(application.customer_id) if application.customer_id else None,
        },
    )
    if draft_id is not None:
        ApplicationDraft.objects.filter(pk=draft_id).delete()


def _open_customer(*, application: Application, data: ApplicationInput, site_url: str) -> None:
    assert application.credit_limit is not None
    assert application.apr is not None
    user = customer_from_application(data=data)
    card_account_open(
        owner_id=user.pk,
        opened_on=clock.today_in_london(),
        credit_limit=application.credit_limit,
        apr=application.apr,
    )
    application.customer = user
    link = invitation_link(user=user, site_url=site_url)
    address = data.email
    transaction.on_commit(lambda: invitation_send(address=address, link=link, site_url=site_url))
