"""``privacy_audit`` fails on a seeded violation of each kind, and on nothing else.

A clean demo database passes every check; then each case below seeds exactly one
violation and the report must fail exactly the checks it names.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import ManagementUtility, call_command
from django.db import connection
from django.test import Client
from pytest_django import Settings

from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.analytics import checks_selfaudit as analytics_checks
from partnership.analytics.hits import StatsCookie
from partnership.analytics.models import DailyReferrerCount, HourlyAreaCount
from partnership.audit.events import AuditEventType
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor, audit_record
from partnership.backoffice import access
from partnership.backoffice.models import CallDirection, CallReason, CallRecord
from partnership.backoffice.tests.marketing_support import (
    export_make,
    processor_make,
    recipient_make,
)
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.rights.models import RightsRequest, RightsRequestKind
from partnership.consent import checks_selfaudit as consent_checks
from partnership.consent import cookies, state
from partnership.core import clock
from partnership.core.selfaudit import PROMISES, registered, run_all
from partnership.crypto.fields import encrypted_models
from partnership.privacy import checks_selfaudit as privacy_checks
from partnership.privacy import retention
from partnership.public import checks_selfaudit as public_checks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seeded(settings: Settings, tmp_path: Path) -> None:
    settings.ACCESS_LOG_DIR = tmp_path / "access"
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    call_command("seed_demo", stdout=io.StringIO())


def failing() -> set[str]:
    return {outcome.id for outcome in run_all().failed}


def test_every_promise_has_a_check() -> None:
    covered = {check.promise for check in registered()}
    assert set(PROMISES) - covered == set()


def test_a_clean_seeded_database_passes_every_check() -> None:
    report = run_all()
    assert [(o.id, o.evidence) for o in report.failed] == []


def test_json_output_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("privacy_audit", "--json")
    document = json.loads(capsys.readouterr().out)
    assert document["passed"] is True
    assert set(document["checks"][0]) == {"id", "promise", "passed", "evidence"}


def test_a_failing_check_exits_1(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    settings.SESSION_COOKIE_NAME = "undeclared"
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "privacy_audit"]).execute()
    assert exit_info.value.code == 1
    assert "FAIL" in capsys.readouterr().out


def test_bad_arguments_exit_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "privacy_audit", "--nonsense"]).execute()
    assert exit_info.value.code == 2


def _complaint(*, acknowledge_by: dt.date, submission_key: str) -> None:
    Complaint.objects.create(
        reference=f"CMP-{uuid.uuid4().hex[:10].upper()}",
        name="A Person",
        email="person@example.org",
        email_index="0" * 64,
        topic="other",
        details="Details.",
        reply_preference="email",
        received_at=clock.now(),
        acknowledge_by=acknowledge_by,
        submission_key=submission_key,
    )


def ip_in_a_table(**_: Any) -> None:
    DailyReferrerCount.objects.create(day=clock.today_in_london(), name="192.0.2.7", views=1)


def card_prefix_in_a_table(**_: Any) -> None:
    DailyReferrerCount.objects.create(day=clock.today_in_london(), name="x412345y", views=1)


def bin_ranges_malformed(*, settings: Settings, **_: Any) -> None:
    settings.CARD_BIN_RANGES = "12-34"


def visitor_id_column(*, monkeypatch: pytest.MonkeyPatch, **_: Any) -> None:
    monkeypatch.setattr(analytics_checks, "STATISTICS_COLUMNS", frozenset({"id", "day"}))


def cookie_holds_an_id(*, monkeypatch: pytest.MonkeyPatch, **_: Any) -> None:
    monkeypatch.setattr(StatsCookie, "value", lambda self: "v-1234")


def old_access_log(*, settings: Settings, **_: Any) -> None:
    directory = Path(settings.ACCESS_LOG_DIR)
    directory.mkdir(parents=True)
    old = clock.today_in_london() - dt.timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    (directory / f"access-{old.isoformat()}.log").write_text("")


def model_not_in_inventory(*, monkeypatch: pytest.MonkeyPatch, **_: Any) -> None:
    real = encrypted_models()
    monkeypatch.setattr(privacy_checks, "encrypted_models", lambda: [*real, AuditEvent])


def retention_backlog(**_: Any) -> None:
    HourlyAreaCount.objects.create(hour=clock.now() - dt.timedelta(days=200), area="/", views=1)


def email_in_a_plain_column(**_: Any) -> None:
    tomorrow = clock.today_in_london() + dt.timedelta(days=1)
    _complaint(acknowledge_by=tomorrow, submission_key="someone@example.org")


def tampered_audit_event(**_: Any) -> None:
    AuditEvent.objects.filter(sequence=1).update(event="tampered:event")


def undeclared_cookie(*, settings: Settings, **_: Any) -> None:
    settings.SESSION_COOKIE_NAME = "undeclared_session"


def cookie_registry_drift(**_: Any) -> None:
    cookies.register_cookie(
        name_base="newcookie",
        category=cookies.CookieCategory.PREFERENCES,
        purpose="A test cookie.",
        lifetime=60,
        holds="A fixed enum.",
    )


def form_needing_a_cookie(*, monkeypatch: pytest.MonkeyPatch, **_: Any) -> None:
    monkeypatch.setattr(
        consent_checks, "COOKIELESS_PATHS", (*consent_checks.COOKIELESS_PATHS, "/account/login/")
    )


def browser_signal_ignored(*, monkeypatch: pytest.MonkeyPatch, **_: Any) -> None:
    monkeypatch.setattr(state, "browser_signal", lambda headers: False)


def research_script_allowed(*, monkeypatch: pytest.MonkeyPatch, **_: Any) -> None:
    monkeypatch.setattr(
        consent_checks, "content_security_policy", lambda: "script-src https://x.test"
    )


def no_policy_in_force(**_: Any) -> None:
    from partnership.policy.models import PolicyVersion

    PolicyVersion.objects.update(effective_from=clock.today_in_london() + dt.timedelta(days=9))


def dropped_policy_trigger(**_: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER privacy_policyversion_no_change ON privacy_policyversion")
        else:
            cursor.execute("DROP TRIGGER privacy_policyversion_no_update")


def retention_notice_drift(**_: Any) -> None:
    retention.register(
        retention.FileRule(
            name="selfaudit-test",
            description="Test files, kept a day.",
            directory=lambda: Path("/nonexistent-selfaudit"),
            pattern="*.txt",
            period=dt.timedelta(days=1),
        )
    )


def overdue_complaint(**_: Any) -> None:
    yesterday = clock.today_in_london() - dt.timedelta(days=1)
    _complaint(acknowledge_by=yesterday, submission_key=uuid.uuid4().hex)


def overdue_processor_audit(**_: Any) -> None:
    processor_make(audit_due=clock.today_in_london() - dt.timedelta(days=10))


def export_to_an_outside_company(**_: Any) -> None:
    outsider = recipient_make("Elsewhere Mailing plc", partnership=False)
    export_make(staff_user=staff_make(group=access.MARKETING), recipient=outsider)


def overdue_rights_request(**_: Any) -> None:
    received = clock.now() - dt.timedelta(days=40)
    RightsRequest.objects.create(
        kind=RightsRequestKind.ACCESS,
        email_index="0" * 64,
        received_at=received,
        due_on=clock.today_in_london() - dt.timedelta(days=5),
    )


def staff_view_without_reason(**_: Any) -> None:
    audit_record(
        event=AuditEventType.STAFF_CUSTOMER_VIEW,
        actor=Actor.staff(uuid.uuid4()),
        subject_type="customer",
        subject_id=str(uuid.uuid4()),
        data={"page": "summary"},
    )


def call_record_past_retention(*, settings: Settings, **_: Any) -> None:
    long_ago = clock.now() - dt.timedelta(days=settings.CALL_RECORD_RETENTION_DAYS + 5)
    CallRecord.objects.create(
        customer=customer_make("old.caller.test@example.com"),
        staff=staff_make("old.agent.test@example.com", group=access.CUSTOMER_SERVICE_AGENT),
        occurred_at=long_ago,
        direction=CallDirection.INBOUND,
        reason=CallReason.choices[0][0],
        recorded=False,
        created_at=long_ago,
    )


def helpline_missing(*, monkeypatch: pytest.MonkeyPatch, **_: Any) -> None:
    # As if the help page had lost its helpline and recording notice.
    monkeypatch.setattr(public_checks, "TEMPLATE", "public/legal.html")


CASES: list[tuple[Callable[..., None], set[str]]] = [
    (ip_in_a_table, {"P1.no-ip-in-database"}),
    (card_prefix_in_a_table, {"P2.no-card-prefix-stored"}),
    # Without ranges there is no prefix to look for: both P2 checks say so.
    (bin_ranges_malformed, {"P2.bin-ranges", "P2.no-card-prefix-stored"}),
    (visitor_id_column, {"P3.no-visitor-id"}),
    (cookie_holds_an_id, {"P3.cookie-holds-no-id"}),
    (old_access_log, {"P4.access-log-retention"}),
    (model_not_in_inventory, {"P5.inventory-complete"}),
    (retention_backlog, {"P5.retention-backlog"}),
    (email_in_a_plain_column, {"P6.no-plaintext-personal-data"}),
    (tampered_audit_event, {"P6.audit-chain"}),
    (overdue_processor_audit, {"P7.processor-audits"}),
    (export_to_an_outside_company, {"P8.partnership-only-exports"}),
    (undeclared_cookie, {"P9.cookies-declared"}),
    (cookie_registry_drift, {"P9.notice-cookies-current"}),
    (form_needing_a_cookie, {"P10.cookieless-forms"}),
    (browser_signal_ignored, {"P11.browser-signal-objects"}),
    (research_script_allowed, {"P12.research-after-opt-in"}),
    (no_policy_in_force, {"P13.policy-in-force"}),
    (dropped_policy_trigger, {"P13.versions-immutable"}),
    (retention_notice_drift, {"P13.notice-matches-configuration"}),
    (overdue_complaint, {"P14.complaints-acknowledged"}),
    (overdue_rights_request, {"P5.rights-requests-in-time"}),
    (staff_view_without_reason, {"P6.staff-views-have-reasons"}),
    # An old call record is also retention backlog: P5 sees it among all the rules.
    (call_record_past_retention, {"P5.retention-backlog", "P14.call-records-retention"}),
    (helpline_missing, {"P14.help-page"}),
]


@pytest.mark.parametrize(("violate", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_each_violation_fails_exactly_its_check(
    violate: Callable[..., None],
    expected: set[str],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with cookies.registry_isolated(), retention.registry_isolated():
        violate(settings=settings, monkeypatch=monkeypatch)
        assert failing() == expected


def test_the_compliance_dashboard_shows_the_same_report(client: Client) -> None:
    officer = staff_make(group=access.COMPLIANCE_OFFICER)
    sign_in(client, officer)
    response = client.get("/staff/compliance/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Every check passed." in page
    assert all(check.id in page for check in registered())
