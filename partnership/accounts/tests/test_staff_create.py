"""``staff_create``: the first member of staff on a site without demo data."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from partnership.accounts.identity import login_index
from partnership.accounts.models import TotpDevice, User
from partnership.accounts.services.two_factor import current_step, totp_code_at_step
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

EMAIL = "first.admin@card.example.co.uk"
PASSWORD = "a long staff passphrase 42"


class Operator(io.StringIO):
    """Types the password, then the code the authenticator shows for the printed key."""

    def __init__(self, out: io.StringIO, *, wrong_code: bool = False) -> None:
        super().__init__()
        self.out, self.wrong_code, self.answers = out, wrong_code, 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.answers += 1
        if self.answers == 1:
            return PASSWORD + "\n"
        secret = re.search(r"secret=([A-Z2-7]+)", self.out.getvalue())
        assert secret is not None
        code = totp_code_at_step(secret=secret.group(1), step=current_step())
        return ("000000" if self.wrong_code else code) + "\n"


def run(*args: str, wrong_code: bool = False) -> str:
    out = io.StringIO()
    call_command("staff_create", *args, stdout=out, stdin=Operator(out, wrong_code=wrong_code))
    return out.getvalue()


def test_creates_staff_with_roles_a_confirmed_authenticator_and_recovery_codes() -> None:
    printed = run(EMAIL, "--role", "Administrator", "--name", "Ada Admin")

    user = User.objects.get(login_index=login_index(EMAIL))
    assert (user.is_staff, user.is_superuser, user.full_name) == (True, False, "Ada Admin")
    assert list(user.groups.values_list("name", flat=True)) == ["Administrator"]
    assert user.check_password(PASSWORD)
    [device] = TotpDevice.objects.filter(user=user)
    assert device.confirmed_at is not None
    codes = re.findall(r"^  ([0-9a-z]{5}-[0-9a-z]{5}|[0-9a-z]{10})$", printed, re.MULTILINE)
    assert len(codes) == 10
    assert PASSWORD not in printed
    assert list(
        AuditEvent.objects.filter(subject_id=str(user.pk)).values_list("event", flat=True)
    ) == ["account:user:create", "account:two-factor:enrol"]


@pytest.mark.parametrize(
    ("args", "wrong_code", "message"),
    [
        ((EMAIL,), False, "give at least one role with --role"),
        ((EMAIL, "--role", "Wizard"), False, "unknown role 'Wizard'"),
        ((EMAIL, "--role", "Administrator"), True, "that code is not the authenticator's"),
    ],
)
def test_a_refusal_exits_2_and_creates_nothing(
    args: tuple[str, ...], wrong_code: bool, message: str
) -> None:
    with pytest.raises(CommandError) as refused:
        run(*args, wrong_code=wrong_code)

    assert refused.value.returncode == 2
    assert message in str(refused.value)
    assert not User.objects.filter(login_index=login_index(EMAIL)).exists()
    assert not TotpDevice.objects.exists()
    assert not AuditEvent.objects.filter(event="account:user:create").exists()


def test_an_address_already_in_use_is_refused_before_any_question() -> None:
    run(EMAIL, "--role", "Administrator")

    with pytest.raises(CommandError) as refused:
        call_command("staff_create", EMAIL, "--role", "Marketing", stdin=io.StringIO(""))

    assert refused.value.returncode == 2
    assert "already exists" in str(refused.value)
    assert User.objects.filter(login_index=login_index(EMAIL)).count() == 1
