"""Password reset by e-mail: a link from Django's token generator, then a new password
*and* the one-time code — a link alone would turn a mailbox takeover into an account
takeover.

The request never reveals whether an account uses the address: the same page, and the
same work in the request apart from handing the message to the mail backend after the
transaction commits (file or SMTP relay: milliseconds; docs/accounts.md).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from partnership.accounts.identity import login_index
from partnership.accounts.models import User
from partnership.accounts.services import throttle
from partnership.accounts.services.device_cookies import device_cookies_forget_all
from partnership.accounts.services.devices import remembered_devices_forget_all
from partnership.accounts.services.sign_in import SignInClient
from partnership.accounts.services.two_factor import has_confirmed_device, second_factor_verify
from partnership.accounts.services.users import actor_for
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core.mail import email_send
from partnership.core.ratelimit import rate_limit_admit, rate_limit_hit

logger = logging.getLogger(__name__)

# Per client, for that address and overall: stops probing from one client, and only
# ever refuses that client. Per address, whoever asks: at most one message about
# every ``RESEND_GAP`` (no mail-bombing). A request that falls inside the gap is not
# refused either: the message sent moments before went to the same mailbox, and its
# link works for an hour — another's requests only ever put a working link there.
PER_PAIR = (3, dt.timedelta(hours=1))
PER_CLIENT = (10, dt.timedelta(hours=1))
RESEND_GAP = dt.timedelta(minutes=5)


class ResetOutcome(StrEnum):
    DONE = "done"
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"


def password_reset_request(*, email: str, client: SignInClient, site_url: str) -> None:
    """Send a reset link if an active account uses ``email``; otherwise do nothing visible."""
    index = login_index(email)
    by_client = rate_limit_hit(
        scope="password-reset:client", key=client.key, limit=PER_CLIENT[0], window=PER_CLIENT[1]
    )
    by_pair = rate_limit_hit(
        scope="password-reset:pair",
        key=f"{index}:{client.key}",
        limit=PER_PAIR[0],
        window=PER_PAIR[1],
    )
    # Counted only when a message goes: refused requests do not push the next one back.
    spaced = by_client.allowed and by_pair.allowed
    if spaced:
        spaced = rate_limit_admit(
            scope="password-reset:address", key=index, limit=1, window=RESEND_GAP
        ).allowed
    user = User.objects.filter(login_index=index, is_active=True).first()
    # Built on both paths (for an unknown address against an unsaved user), so the
    # work does not depend on whether the account exists.
    token = default_token_generator.make_token(user or User(login_index=index))
    allowed = spaced
    with transaction.atomic():
        audit_record(
            event=AuditEventType.ACCOUNT_PASSWORD_RESET_REQUEST,
            actor=Actor.system(),
            subject_type="user" if user else "",
            subject_id=str(user.pk) if user else "",
            reason="sent" if user and allowed else ("throttled" if user else "unknown_account"),
        )
        if user is not None and allowed and user.email:
            link = site_url + password_reset_path(user=user, token=token)
            address = user.email
            transaction.on_commit(lambda: _send(address=address, link=link, site_url=site_url))


def password_reset_path(*, user: User, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk.hex))
    return f"/account/password-reset/{uid}/{token}/"


def _send(*, address: str, link: str, site_url: str) -> None:
    if settings.EMAIL_BACKEND.endswith("dummy.EmailBackend"):
        logger.warning("password reset e-mail not sent: EMAIL_URL is not set")
    # The message holds the link and nothing else about the person.
    email_send(
        template="accounts/email/password_reset",
        context={"link": link},
        subject=f"Reset your {settings.BRAND['card_name']} password",
        to=[address],
        site_url=site_url,
    )


def password_reset_user(*, uidb64: str, token: str) -> User | None:
    """The person a reset link is for, when the link is genuine, unused and unexpired."""
    user_id = _user_id(uidb64)
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def _user_id(uidb64: str) -> uuid.UUID | None:
    """The account id a link's user part encodes, or None for anything else: not
    base64, not UTF-8, not the hex of a UUID (a bad link is "invalid", never a 500)."""
    try:
        return uuid.UUID(hex=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None


def password_reset_needs_code(*, user: User) -> bool:
    return has_confirmed_device(user=user)


def password_reset_complete(
    *, user: User, new_password: str, code: str, client: SignInClient
) -> ResetOutcome:
    """Set the new password once the code is right. Wrong codes back off on a counter
    of their own: only a holder of the link can fail here, so the sign-in back-off (and
    whoever causes it) never holds the reset shut."""
    if throttle.reset_code_blocked_until(login_index=user.login_index) is not None:
        return ResetOutcome.LOCKED
    if password_reset_needs_code(user=user) and second_factor_verify(user=user, code=code) is None:
        failure = throttle.reset_code_failure_count(login_index=user.login_index)
        audit_record(
            event=AuditEventType.ACCOUNT_SIGN_IN_FAILURE,
            actor=Actor.system(),
            subject_type="user",
            subject_id=str(user.pk),
            reason="wrong_credentials",
            data={"step": "password_reset_code"},
        )
        return ResetOutcome.LOCKED if failure.locked_now else ResetOutcome.WRONG_CODE
    with transaction.atomic():
        validate_password(new_password, user=user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_record(
            event=AuditEventType.ACCOUNT_PASSWORD_RESET_COMPLETE,
            actor=actor_for(user),
            subject_type="user",
            subject_id=str(user.pk),
        )
        # A reset may follow a break-in: no browser stays remembered.
        remembered_devices_forget_all(user=user, reason="password_reset")
        device_cookies_forget_all(user=user, reason="password_reset")
    throttle.reset_code_failures_clear(login_index=user.login_index)
    return ResetOutcome.DONE
