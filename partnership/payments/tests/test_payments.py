"""One-off payments through the sandbox provider's hosted page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in
from partnership.audit.models import AuditEvent
from partnership.cards.models import CardAccount, Transaction, TransactionKind
from partnership.cards.tests.factories import account_create
from partnership.payments.models import Payment, PaymentStatus, SandboxOutcome, SandboxPayment

pytestmark = pytest.mark.django_db
URL = "/account/card/payments/"


def _start(client: Client, amount: str = "60.00") -> tuple[Payment, str]:
    response = client.post(URL, {"amount": amount})
    assert response.status_code == 302
    payment = Payment.objects.get()
    return payment, response.headers["Location"]


def test_a_paid_payment_moves_balance_available_credit_and_minimum(
    client: Client, account: CardAccount
) -> None:
    payment, hosted = _start(client)
    assert hosted == f"/payments/sandbox/{payment.provider_reference}/"
    assert payment.status == PaymentStatus.STARTED
    assert payment.amount == Decimal("60.00")
    page = client.get(hosted)
    assert page.status_code == 200
    assert "Demo payment provider" in page.content.decode()
    back = client.post(hosted, {"outcome": "paid"})
    assert back.headers["Location"] == f"/account/card/payments/{payment.pk}/"

    result = client.get(back.headers["Location"])
    assert result.status_code == 200
    assert "Payment received" in result.content.decode()
    account.refresh_from_db()
    assert account.balance == Decimal("140.00")
    assert account.available_credit == Decimal("4860.00")
    assert account.minimum_payment == Decimal("0.00")
    [posted] = Transaction.objects.filter(account=account, kind=TransactionKind.PAYMENT)
    assert posted.amount == Decimal("-60.00")
    payment.refresh_from_db()
    assert (payment.status, payment.transaction_id) == (PaymentStatus.PAID, posted.pk)


def test_returning_twice_posts_the_payment_once(client: Client, account: CardAccount) -> None:
    payment, hosted = _start(client)
    client.post(hosted, {"outcome": "paid"})
    client.get(f"/account/card/payments/{payment.pk}/")
    client.get(f"/account/card/payments/{payment.pk}/")
    assert Transaction.objects.filter(account=account, kind=TransactionKind.PAYMENT).count() == 1
    account.refresh_from_db()
    assert account.balance == Decimal("140.00")
    completes = AuditEvent.objects.filter(event="payments:payment:complete")
    assert [event.data for event in completes] == [
        {"card_account": str(account.pk), "status": "paid"}
    ]


def test_the_return_url_alone_cannot_mark_a_payment_paid(
    client: Client, account: CardAccount
) -> None:
    payment, _ = _start(client)
    response = client.get(f"/account/card/payments/{payment.pk}/?status=paid&outcome=paid")
    assert "Payment in progress" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.STARTED
    assert not Transaction.objects.filter(kind=TransactionKind.PAYMENT).exists()


def test_a_declined_payment_posts_nothing(client: Client, account: CardAccount) -> None:
    payment, hosted = _start(client)
    client.post(hosted, {"outcome": "declined"})
    response = client.get(f"/account/card/payments/{payment.pk}/")
    assert "Payment not made" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    account.refresh_from_db()
    assert account.balance == Decimal("200.00")


def test_an_amount_the_provider_changed_is_not_taken_as_paid(
    client: Client, account: CardAccount
) -> None:
    payment, _ = _start(client)
    SandboxPayment.objects.filter(reference=payment.provider_reference).update(
        outcome=SandboxOutcome.PAID
    )
    sandbox = SandboxPayment.objects.get(reference=payment.provider_reference)
    sandbox.amount = Decimal("1.00")
    sandbox.save()
    client.get(f"/account/card/payments/{payment.pk}/")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert not Transaction.objects.filter(kind=TransactionKind.PAYMENT).exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "Enter an amount of at least £0.01."),
        ("-5", "Enter an amount of at least £0.01."),
        ("200.01", "You can pay at most your balance, £200.00."),
        ("12.345", "Enter pence as 2 digits at most, for example 125.50."),
        ("ten pounds", "Enter an amount in pounds and pence, for example 125.50."),
        ("", "Enter the amount to pay."),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_stored(
    client: Client, account: CardAccount, amount: str, message: str
) -> None:
    response = client.post(URL, {"amount": amount})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Payment.objects.exists()
    assert not SandboxPayment.objects.exists()
    assert not AuditEvent.objects.filter(event="payments:payment:start").exists()


def test_someone_elses_payment_is_not_found(client: Client, account: CardAccount) -> None:
    payment, hosted = _start(client)
    client.post(hosted, {"outcome": "paid"})
    other = customer_make("other.test@example.com")
    account_create(owner=other, seed=2)
    intruder = Client()
    sign_in(intruder, other)
    assert intruder.get(f"/account/card/payments/{payment.pk}/").status_code == 404
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.STARTED


def test_the_sandbox_page_is_gone_without_the_sandbox_provider(
    client: Client, account: CardAccount, settings: object
) -> None:
    payment, hosted = _start(client)
    settings.PAYMENT_PROVIDER = "real"  # type: ignore[attr-defined]
    assert client.get(hosted).status_code == 404
    assert client.post(hosted, {"outcome": "paid"}).status_code == 404
    assert SandboxPayment.objects.get().outcome == SandboxOutcome.WAITING
    del payment


def test_the_sandbox_refuses_an_unknown_answer(client: Client, account: CardAccount) -> None:
    _, hosted = _start(client)
    response = client.post(hosted, {"outcome": "maybe"})
    assert response.status_code == 400
    assert SandboxPayment.objects.get().outcome == SandboxOutcome.WAITING


def test_an_unknown_payment_provider_fails_the_start_up_check(settings: object) -> None:
    from partnership.payments.checks import payment_provider_known

    assert payment_provider_known() == []
    settings.PAYMENT_PROVIDER = "acme"  # type: ignore[attr-defined]
    [error] = payment_provider_known()
    assert (error.id, error.msg) == (
        "payments.E001",
        "PAYMENT_PROVIDER is 'acme'; the providers this site has are sandbox.",
    )
