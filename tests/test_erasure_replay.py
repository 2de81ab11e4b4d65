from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from partnership.accounts.models import MarketingConsent, User
from partnership.accounts.tests.support import customer_make
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor
from partnership.cards.models import CardAccount, CardAccountStatus, Transaction
from partnership.cards.personal_data import HOLD_AML
from partnership.cards.tests.factories import account_create, post, purchase
from partnership.compliance.rights.erasure import erasure_run
from partnership.compliance.rights.handling import (
    RightsRequestRefused,
    rights_request_run_export,
    rights_request_subject,
)
from partnership.compliance.rights.models import RightsRequest, RightsRequestKind
from partnership.compliance.rights.services import RightsRequestInput, rights_request_receive
from partnership.core import clock
from partnership.privacy.erasure import ErasureRefused, erasure_replay

pytestmark = pytest.mark.django_db
EMAIL = "ada.erasure@example.com"


@pytest.fixture
def ledger(settings: Settings, tmp_path: Path) -> Path:
    settings.ERASURE_LEDGER_DIR = tmp_path / "ledger"
    return tmp_path / "ledger"


@pytest.fixture
def customer() -> User:
    """A customer whose card account closed a year ago, with history and marketing choices."""
    user = customer_make(EMAIL, full_name="Ada Erasable")
    account = account_create(owner=user, opened_on=dt.date(2024, 1, 1))
    post(
        account,
        purchase(dt.date(2024, 1, 3), "Corner Grocer", "12.34"),
        purchase(dt.date(2024, 1, 4), "Rail Ticket Office", "40.00"),
    )
    closed_on = clock.today_in_london() - dt.timedelta(days=365)
    CardAccount.objects.filter(pk=account.pk).update(
        status=CardAccountStatus.CLOSED, closed_on=closed_on
    )
    for channel in ("email", "post"):
        MarketingConsent.objects.create(
            user=user, channel=channel, granted=True, recorded_at=clock.now(), source="settings"
        )
    return user


def erasure_request(user: User) -> RightsRequest:
    request, _ = rights_request_receive(
        data=RightsRequestInput(kind=RightsRequestKind.ERASURE, user_id=user.pk, email=EMAIL)
    )
    return request


def run(request: RightsRequest) -> Any:
    subject = rights_request_subject(request=request, email=EMAIL)
    return erasure_run(request=request, subject=subject, actor=Actor.system())


def test_erasure_keeps_transactions_under_the_money_laundering_hold(
    customer: User, ledger: Path
) -> None:
    transactions = sorted(str(pk) for pk in Transaction.objects.values_list("pk", flat=True))
    consents = sorted(str(pk) for pk in MarketingConsent.objects.values_list("pk", flat=True))
    request = erasure_request(customer)

    report = run(request)

    assert MarketingConsent.objects.count() == 0
    assert Transaction.objects.count() == 2
    by_category = {e.category: e for e in report.entries}
    assert sorted(by_category["marketing_choices"].erased) == consents
    assert sorted(by_category["transactions"].kept) == [(pk, HOLD_AML.name) for pk in transactions]
    assert by_category["transactions"].erased == ()
    request.refresh_from_db()
    assert request.erasure_summary["erased"]["marketing_choices"] == 2
    assert request.erasure_summary["kept"]["transactions"] == {HOLD_AML.name: 2}
    [event] = AuditEvent.objects.filter(event="privacy:erasure:run")
    assert (event.subject_id, event.data["erased_marketing_choices"]) == (str(request.pk), 2)


def test_the_ledger_holds_ids_only_in_a_private_file_per_day(customer: User, ledger: Path) -> None:
    request = erasure_request(customer)

    report = run(request)

    [path] = list(ledger.iterdir())
    assert path.name == f"erasure-{clock.today_in_london().isoformat()}.jsonl"
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    # Case-sensitive on purpose: ids are lower-case hex, which can spell "ada".
    for personal in (EMAIL, "Ada", "Erasable", "Corner Grocer", "TE1 1ST", "Test Street"):
        assert personal not in text
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == len(report.entries)
    marketing = next(line for line in lines if line["category"] == "marketing_choices")
    assert marketing["model"] == "accounts.marketingconsent"
    assert marketing["request_id"] == str(request.pk)
    assert marketing["subject"] == {"user_id": str(customer.pk)}
    assert set(marketing) == {
        "v",
        "at",
        "request_id",
        "subject",
        "category",
        "model",
        "erased",
        "kept",
    }


def test_replay_on_a_restored_copy_erases_the_returned_rows_again(
    customer: User, ledger: Path
) -> None:
    backup = list(MarketingConsent.objects.all())  # as a backup taken before the erasure
    kept = set(Transaction.objects.values_list("pk", flat=True))
    run(erasure_request(customer))
    for row in backup:  # the backup is restored
        row.save(force_insert=True)
    assert MarketingConsent.objects.count() == 2

    dry = erasure_replay(dry_run=True)
    assert (dry.deleted, MarketingConsent.objects.count()) == (2, 2)
    result = erasure_replay()

    assert result.deleted == 2
    assert MarketingConsent.objects.count() == 0
    assert set(Transaction.objects.values_list("pk", flat=True)) == kept
    assert erasure_replay().deleted == 0  # idempotent


def test_the_command_exit_codes(customer: User, ledger: Path, capsys: Any) -> None:
    run(erasure_request(customer))

    call_command("erasure_replay")
    assert "ledger lines" in capsys.readouterr().out

    (ledger / "erasure-2000-01-01.jsonl").write_text('{"not": "a ledger line"}\n')
    with pytest.raises(CommandError) as failed:
        call_command("erasure_replay", "--dry-run")
    assert failed.value.returncode == 1


def test_erasure_is_refused_for_another_kind_or_another_person(
    customer: User, ledger: Path
) -> None:
    access, _ = rights_request_receive(
        data=RightsRequestInput(kind=RightsRequestKind.ACCESS, user_id=customer.pk, email=EMAIL)
    )
    subject = rights_request_subject(request=access, email=EMAIL)

    with pytest.raises(ErasureRefused):
        erasure_run(request=access, subject=subject, actor=Actor.system())
    with pytest.raises(RightsRequestRefused, match="not the person"):
        rights_request_subject(request=erasure_request(customer), email="other@example.com")
    assert MarketingConsent.objects.count() == 2
    assert not ledger.exists()


def test_an_access_request_records_which_systems_were_searched(
    customer: User, tmp_path: Path
) -> None:
    access, _ = rights_request_receive(
        data=RightsRequestInput(kind=RightsRequestKind.ACCESS, user_id=customer.pk, email=EMAIL)
    )

    done = rights_request_run_export(
        request_id=access.pk, email=EMAIL, actor=Actor.system(), out=tmp_path / "export.zip"
    )

    searched = {item["category"]: item["count"] for item in done.categories_searched}
    assert (searched["transactions"], searched["marketing_choices"]) == (2, 2)
    assert all(set(item) == {"category", "count"} for item in done.categories_searched)
    assert (tmp_path / "export.zip").is_file()
    with pytest.raises(RightsRequestRefused, match="already been made"):
        rights_request_run_export(request_id=access.pk, email=EMAIL, actor=Actor.system())
