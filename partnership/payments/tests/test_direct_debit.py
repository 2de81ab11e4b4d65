"""Setting up, changing and cancelling a Direct Debit through the pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import code_now
from partnership.audit.models import AuditEvent
from partnership.cards.models import CardAccount
from partnership.core.mail import site_url_default
from partnership.core.tests.email_support import assert_no_personal_data, html_part
from partnership.payments.models import DirectDebitInstruction, DirectDebitStatus

pytestmark = pytest.mark.django_db
URL = "/account/card/direct-debit/"


def valid(**changes: str) -> dict[str, str]:
    form = {
        "holder_name": "Ada Testperson",
        "sort_code": "08-99-99",
        "account_number": "66374958",
        "amount_kind": "minimum",
        "fixed_amount": "",
        "declaration": "on",
        "code": code_now(),
    }
    form.update(changes)
    return form


def nothing_stored() -> None:
    assert not DirectDebitInstruction.objects.exists()
    assert not AuditEvent.objects.filter(event__startswith="payments:direct-debit:set").exists()
    assert mail.outbox == []


def test_setting_up_stores_it_encrypted_and_confirms_by_email(
    client: Client, account: CardAccount, ada: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid())
    assert response.headers["Location"] == "/account/card/direct-debit/?saved=set_up"
    instruction = DirectDebitInstruction.objects.get()
    assert (instruction.sort_code, instruction.account_number) == ("089999", "66374958")
    assert instruction.account_last4 == "4958"
    assert instruction.amount_kind == "minimum"
    assert instruction.status == DirectDebitStatus.ACTIVE
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT account_number, sort_code FROM payments_directdebitinstruction")
        stored = cursor.fetchone()
    assert "66374958" not in str(stored)
    assert "089999" not in str(stored)
    [sent] = mail.outbox
    assert sent.to == [ada.email]
    assert sent.subject == "Your Direct Debit is set up"
    assert "ending 58" in sent.body
    assert "66374958" not in sent.body
    assert "4958" not in sent.body
    assert "£" not in sent.body
    instruction_ref = instruction.reference
    assert sent.body == (
        "Your Direct Debit Instruction for your Partnership Card is now set up. It pays from "
        f"the bank account ending 58 and its reference is {instruction_ref}.\n\n"
        "Before each collection we will e-mail you at least 10 working days ahead. To see the "
        "amounts and dates, to read the Direct Debit Guarantee, or to change or cancel your "
        "Direct Debit, sign in to your account.\n\n"
        "If you did not ask for this, call us at once on the number on the back of your card."
    )
    html = html_part(sent, site_url=site_url_default())
    assert f"ending 58 and its reference is {instruction_ref}." in html
    assert_no_personal_data(sent, html, "66374958", "089999", "08-99-99", "4958")
    [event] = AuditEvent.objects.filter(event="payments:direct-debit:set-up")
    assert event.data == {"card_account": str(account.pk), "amount_kind": "minimum"}
    page = client.get(response.headers["Location"]).content.decode()
    assert "Bank account ending 4958" in page
    assert "66374958" not in page
    assert "This Guarantee is offered by all banks and building societies" in page


def test_changing_asks_for_a_code_again(
    client: Client,
    account: CardAccount,
    frozen_clock: FrozenClock,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, valid())
    frozen_clock.advance(seconds=31)
    response = client.post(URL, valid(amount_kind="fixed", fixed_amount="150.00", code="000000"))
    assert response.status_code == 400
    assert DirectDebitInstruction.objects.get().amount_kind == "minimum"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid(amount_kind="fixed", fixed_amount="150.00"))
    assert response.headers["Location"] == "/account/card/direct-debit/?saved=changed"
    instruction = DirectDebitInstruction.objects.get()
    assert (instruction.amount_kind, instruction.fixed_amount) == ("fixed", Decimal("150.00"))
    assert [m.subject for m in mail.outbox] == [
        "Your Direct Debit is set up",
        "Your Direct Debit is changed",
    ]


def test_an_account_failing_only_the_modulus_check_gets_its_own_message(
    client: Client, account: CardAccount, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid(account_number="66374959"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This account number does not match the sort code" in page
    assert 'value="Ada Testperson"' in page  # valid input kept
    nothing_stored()
    [refused] = AuditEvent.objects.filter(event="payments:direct-debit:refuse")
    assert refused.reason == "modulus"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sort_code": "0899"}, "Enter the sort code as 6 digits, for example 40-47-84."),
        ({"account_number": "1234"}, "Enter the account number as 8 digits, for example 70872490."),
        ({"amount_kind": "fixed"}, "Enter the fixed amount to pay each month."),
        ({"amount_kind": "weekly"}, "Choose how much to pay each month."),
        ({"declaration": ""}, "Confirm that you are the account holder"),
        ({"holder_name": ""}, "Enter the name of the account holder."),
        ({"code": ""}, "Enter the 6-digit code from your authenticator app."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    client: Client,
    account: CardAccount,
    changes: dict[str, str],
    message: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    nothing_stored()


def test_a_fixed_amount_above_the_balance_is_refused(client: Client, account: CardAccount) -> None:
    response = client.post(URL, valid(amount_kind="fixed", fixed_amount="200.01"))
    assert response.status_code == 400
    assert "A fixed amount can be at most your balance, £200.00." in response.content.decode()
    nothing_stored()


def test_a_wrong_code_stores_nothing(client: Client, account: CardAccount) -> None:
    response = client.post(URL, valid(code="000000"))
    assert response.status_code == 400
    assert "Nothing was changed." in response.content.decode()
    nothing_stored()
    assert AuditEvent.objects.filter(event="account:reauth:failure").count() == 1


def test_cancelling(
    client: Client, account: CardAccount, django_capture_on_commit_callbacks: Any
) -> None:
    client.post(URL, valid())
    assert "Cancel my Direct Debit" in client.get(URL + "cancel/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL + "cancel/")
    assert response.headers["Location"] == "/account/card/direct-debit/?saved=cancelled"
    instruction = DirectDebitInstruction.objects.get()
    assert instruction.status == DirectDebitStatus.CANCELLED
    assert instruction.cancelled_at is not None
    [cancelled] = mail.outbox  # the set-up's confirmation was never committed here
    assert cancelled.subject == "Your Direct Debit is cancelled"
    assert cancelled.body == (
        "Your Direct Debit Instruction for your Partnership Card is cancelled, and no further "
        "collections will be made under it. Please make sure you pay at least the minimum "
        "payment each month another way: sign in to your account to pay or to set up a new "
        "Direct Debit."
    )
    html = html_part(cancelled, site_url=site_url_default())
    assert "no further collections will be made under it." in html
    assert_no_personal_data(cancelled, html, "66374958", "4958")
    again = client.post(URL + "cancel/")
    assert again.status_code == 409
    assert AuditEvent.objects.filter(event="payments:direct-debit:cancel").count() == 1
    assert "Set up my Direct Debit" in client.get(URL).content.decode()
