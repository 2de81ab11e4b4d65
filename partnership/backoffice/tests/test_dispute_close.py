"""Closing a dispute on its page: under the agent's own live grant, once, with a note
free of card numbers; an upheld one credits the amount back, and the customer sees it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.tests.conftest import frozen_clock  # noqa: F401
from partnership.accounts.tests.support import sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.backoffice.forms.disputes import CARD_NUMBER_CLEARED
from partnership.backoffice.models import AccessGrant
from partnership.cards.models import (
    BlockReason,
    CardAccount,
    DisputeStatus,
    Transaction,
    TransactionDispute,
)
from partnership.cards.selectors import dispute_queue
from partnership.cards.services.disputes import dispute_close
from partnership.cards.services.lost import card_report_lost
from partnership.cards.subject_data import dispute_export
from partnership.cards.tests.card_support import account_with_card
from partnership.cards.tests.factories import post, purchase
from partnership.privacy.subjects import DataSubject

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

TODAY = dt.date(2026, 11, 25)
NOTE = "Merchant confirmed the order was shipped to an address not on file."


def _disputed(
    email: str = "ada.test@example.com", seed: int = 1
) -> tuple[User, CardAccount, TransactionDispute]:
    user, account, card = account_with_card(email, seed=seed)
    [row] = post(account, purchase(dt.date(2026, 11, 20), "Online Marketplace UK", "49.99"))
    card_report_lost(card=card, user=user, reason=BlockReason.STOLEN, disputed={row.pk})
    return user, account, TransactionDispute.objects.get(transaction=row)


def _agent(*, granted_for: User | None) -> tuple[User, Client]:
    agent = staff_make("agent.test@example.com", group=access.CUSTOMER_SERVICE_AGENT)
    client = Client()
    sign_in(client, agent)
    if granted_for is not None:
        reason = {"reason_category": "fraud_check", "reason_text": "Dispute", "case_reference": ""}
        assert client.post(f"/staff/customers/{granted_for.pk}/", reason).status_code == 302
    return agent, client


def _close(client: Client, dispute: TransactionDispute, **data: str) -> Any:
    return client.post(f"/staff/disputes/{dispute.pk}/", data)


def _state(account: CardAccount, dispute: TransactionDispute) -> tuple[object, ...]:
    dispute.refresh_from_db()
    account.refresh_from_db()
    return (
        dispute.status,
        dispute.outcome_on,
        dispute.outcome_note,
        dispute.credit_id,
        Transaction.objects.filter(account=account).count(),
        account.balance,
        AuditEvent.objects.filter(event="cards:dispute:close").count(),
    )


def test_an_upheld_dispute_credits_the_amount_back_and_is_audited_by_ids() -> None:
    user, account, dispute = _disputed()
    agent, client = _agent(granted_for=user)

    response = _close(client, dispute, outcome="upheld", note=NOTE)

    assert response.status_code == 302
    dispute.refresh_from_db()
    account.refresh_from_db()
    assert (dispute.status, dispute.outcome_on, dispute.decided_by_id, dispute.outcome_note) == (
        DisputeStatus.UPHELD,
        TODAY,
        agent.pk,
        NOTE,
    )
    assert dispute.credit_id is not None
    credit = Transaction.objects.get(pk=dispute.credit_id)
    assert (credit.kind, credit.posted_on, credit.amount, credit.description) == (
        "refund",
        TODAY,
        Decimal("-49.99"),
        "Refund of disputed transaction: Online Marketplace UK",
    )
    assert account.balance == Decimal("0.00")
    event = AuditEvent.objects.get(event="cards:dispute:close")
    grant_id = str(AccessGrant.objects.get(staff=agent).pk)
    assert (event.actor_kind, event.actor_id, event.subject_id, event.reason) == (
        "staff",
        str(agent.pk),
        str(dispute.pk),
        "upheld",
    )
    assert event.data == {"outcome": "upheld", "grant": grant_id, "credit": str(credit.pk)}


def test_a_rejected_dispute_posts_nothing_and_the_customer_sees_both_outcomes() -> None:
    user, account, dispute = _disputed()
    _agent_user, client = _agent(granted_for=user)

    _close(client, dispute, outcome="rejected", note="Chip and PIN used at the till.")

    dispute.refresh_from_db()
    account.refresh_from_db()
    assert (dispute.status, dispute.credit_id, account.balance) == (
        DisputeStatus.REJECTED,
        None,
        Decimal("49.99"),
    )
    customer = Client()
    sign_in(customer, user)
    page = customer.get("/account/card/").content.decode()
    assert "Transactions you told us were not yours" in page
    assert "Not refunded (decided 25 November 2026)" in page
    assert "Chip and PIN" not in page  # the agent's note is not shown on the page


def test_the_customer_page_and_the_export_show_an_upheld_outcome() -> None:
    user, _account, dispute = _disputed()
    _agent_user, client = _agent(granted_for=user)
    customer = Client()
    sign_in(customer, user)
    assert "We are looking into it" in customer.get("/account/card/").content.decode()

    _close(client, dispute, outcome="upheld", note=NOTE)

    page = customer.get("/account/card/").content.decode()
    lost = customer.get("/account/card/lost/").content.decode()
    expected = "Refunded: we credited it back to your account on 25 November 2026"
    assert expected in page
    assert expected in lost
    dispute.refresh_from_db()
    [exported] = dispute_export(DataSubject(email=user.email, user_id=user.pk))
    assert {key: exported[key] for key in ("status", "outcome_on", "outcome_note")} == {
        "status": "upheld",
        "outcome_on": TODAY,
        "outcome_note": NOTE,
    }
    assert exported["credit_transaction_id"] == dispute.credit_id


def test_a_second_close_is_refused_with_409_and_changes_nothing() -> None:
    user, account, dispute = _disputed()
    _agent_user, client = _agent(granted_for=user)
    _close(client, dispute, outcome="upheld", note=NOTE)
    before = _state(account, dispute)

    response = _close(client, dispute, outcome="rejected", note="Changed my mind.")

    assert response.status_code == 409
    assert "This dispute is already closed." in response.content.decode()
    assert _state(account, dispute) == before


def test_closing_without_a_grant_is_refused_403_and_recorded() -> None:
    _user, account, dispute = _disputed()
    agent, client = _agent(granted_for=None)
    before = _state(account, dispute)

    response = _close(client, dispute, outcome="upheld", note=NOTE)

    assert response.status_code == 403
    assert _state(account, dispute) == before
    assert before[0] == DisputeStatus.OPEN
    refused = AuditEvent.objects.get(event="cards:dispute:close-refused")
    assert (refused.actor_id, refused.subject_id, refused.reason, refused.data) == (
        str(agent.pk),
        str(dispute.pk),
        "no_access_grant",
        {},
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "upheld", "note": "x" * 501}, "500 characters or fewer"),
        ({"outcome": "upheld", "note": "Card 4123 4567 8901 2345 used"}, CARD_NUMBER_CLEARED),
        ({"outcome": "upheld", "note": "ref 412345678901"}, CARD_NUMBER_CLEARED),
        ({"outcome": "upheld", "note": "ref 4123-4567-8901"}, CARD_NUMBER_CLEARED),
        ({"outcome": "upheld", "note": ""}, "Write a short note of what you found."),
        ({"note": NOTE}, "Choose whether to uphold or reject the dispute."),
        ({"outcome": "open", "note": NOTE}, "Choose whether to uphold or reject the dispute."),
        ({"outcome": "upheld", "note": "bad\x00byte"}, "control characters"),
    ],
)
def test_a_bad_close_is_refused_400_with_its_message_and_changes_nothing(
    data: dict[str, str], message: str
) -> None:
    user, account, dispute = _disputed()
    _agent_user, client = _agent(granted_for=user)
    before = _state(account, dispute)

    response = _close(client, dispute, **data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert _state(account, dispute) == before


def test_a_refused_card_number_is_not_sent_back_but_the_outcome_is() -> None:
    user, account, dispute = _disputed()
    _agent_user, client = _agent(granted_for=user)
    before = _state(account, dispute)

    response = _close(client, dispute, outcome="rejected", note="Read out 4111 1111 1111 1111.")

    page = response.content.decode()
    assert response.status_code == 400
    assert "4111" not in page
    assert page.count(CARD_NUMBER_CLEARED) == 2  # the error summary and the field
    assert 'id="id_note">\n</textarea>' in page  # the box comes back empty
    assert 'value="rejected" id="id_outcome_1" required checked>' in page
    assert _state(account, dispute) == before


def test_eleven_digits_in_a_row_are_a_reference_the_note_may_keep() -> None:
    user, _account, dispute = _disputed()
    _agent_user, client = _agent(granted_for=user)

    response = _close(client, dispute, outcome="rejected", note="Merchant ref 07700900123.")

    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.outcome_note == "Merchant ref 07700900123."


def test_the_queue_shows_open_disputes_first() -> None:
    first_user, _a, first = _disputed("first.test@example.com", seed=1)
    _u2, _b, second = _disputed("second.test@example.com", seed=2)
    agent, _client = _agent(granted_for=None)
    dispute_close(
        dispute=first,
        outcome=DisputeStatus.REJECTED,
        note=NOTE,
        staff_id=agent.pk,
        grant_id=first_user.pk,
    )

    assert [row.pk for row in dispute_queue()] == [second.pk, first.pk]
    client = Client()
    sign_in(client, agent)
    queue = client.get("/staff/disputes/").content.decode()
    assert queue.index(str(second.pk)[:8]) < queue.index(str(first.pk)[:8])
    assert "Online Marketplace UK" not in queue


def test_the_service_closes_only_as_upheld_or_rejected() -> None:
    user, account, dispute = _disputed()
    before = _state(account, dispute)

    with pytest.raises(ValueError, match="upheld or rejected"):
        dispute_close(
            dispute=dispute,
            outcome=DisputeStatus.OPEN,
            note=NOTE,
            staff_id=user.pk,
            grant_id=user.pk,
        )

    assert _state(account, dispute) == before
