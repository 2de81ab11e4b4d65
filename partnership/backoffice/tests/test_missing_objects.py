"""A staff URL naming something that does not exist answers 404; the selectors behind
it return None and leave that answer to the view."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.backoffice import access, selectors
from partnership.compliance.marketing.selectors import recipient_get
from partnership.compliance.processors.selectors import processor_get
from partnership.offers.selectors import offer_get

pytestmark = pytest.mark.django_db

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")


def signed_in(role: str) -> Client:
    client = Client()
    sign_in(client, staff_make(group=role))
    return client


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (access.MARKETING, "/staff/offers/999999/"),
        (access.MARKETING, "/staff/marketing/exports/999999/csv/"),
        (access.COMPLIANCE_OFFICER, f"/staff/marketing/recipients/{MISSING}/"),
        (access.COMPLIANCE_OFFICER, "/staff/processors/999999/"),
        (access.CUSTOMER_SERVICE_AGENT, f"/staff/customers/{MISSING}/"),
        (access.CUSTOMER_SERVICE_AGENT, f"/staff/customers/{MISSING}/calls/new/"),
        (access.CUSTOMER_SERVICE_AGENT, f"/staff/complaints/{MISSING}/"),
        (access.CUSTOMER_SERVICE_AGENT, f"/staff/rights/{MISSING}/"),
    ],
)
def test_a_missing_object_is_404_for_a_role_that_may_see_it(role: str, path: str) -> None:
    assert signed_in(role).get(path).status_code == 404


def test_the_selectors_return_none_for_a_missing_object() -> None:
    assert offer_get(offer_id=999999) is None
    assert processor_get(processor_id=999999) is None
    assert recipient_get(recipient_id=MISSING) is None
    assert selectors.customer_get(customer_id=MISSING) is None
    assert selectors.complaint_get(complaint_id=MISSING) is None
    assert selectors.rights_request_get(request_id=MISSING) is None
    assert selectors.marketing_export_get(export_id=999999) is None


def test_customer_get_finds_customers_only() -> None:
    customer = customer_make("found.test@example.com")
    staff = staff_make("agent.test@example.com", group=access.CUSTOMER_SERVICE_AGENT)

    assert selectors.customer_get(customer_id=customer.pk) == customer
    assert selectors.customer_get(customer_id=staff.pk) is None
