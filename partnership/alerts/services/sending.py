"""Sending alerts on the channels the customer chose, and logging that we did.

``alert_raise`` is called by the code where something happens (a payment posted, a
card frozen, a purchase authorised, a new device signed in, the daily checks of
``cards/alert_checks.py``). It writes one ``SentAlert`` row per channel (kind,
channel, when) in the caller's transaction, and hands the message to the e-mail
backend or the ``SmsSender`` once that transaction commits: a change rolled back
sends nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from django.db import transaction

from partnership.accounts.models import User
from partnership.alerts.models import STATEMENT_READY, AlertChoice, AlertKind, Channel, SentAlert
from partnership.alerts.selectors import alert_choice_for, alert_mobile_current, statement_paperless
from partnership.alerts.sms import sms_sender
from partnership.alerts.texts import (
    ALERT_FOOTER,
    CARD_STATUSES,
    FACTS,
    AlertText,
    alert_text,
    first_name,
)
from partnership.core import clock
from partnership.core.mail import email_send

logger = logging.getLogger(__name__)


def _facts_checked(kind: str, facts: Mapping[str, object]) -> None:
    allowed = FACTS[kind]
    for key, value in facts.items():
        if key not in allowed or not isinstance(value, allowed[key]) or isinstance(value, bool):
            # Names the key only: the value may be an amount.
            raise TypeError(f"alert {kind} takes no fact {key!r} of that type")
    missing = set(allowed) - set(facts)
    if missing:
        raise TypeError(f"alert {kind} needs {sorted(missing)}")


def _decide(choice: AlertChoice, facts: Mapping[str, object]) -> dict[str, object] | None:
    """What the text may say, or None when the customer's setting says not to send."""
    kind = choice.kind
    if kind == AlertKind.PAYMENT_DUE:
        return dict(facts) if facts["days_left"] == choice.days_before else None
    if kind == AlertKind.LIMIT:
        used = facts["used_percent"]
        assert isinstance(used, int)
        if choice.percent is None or used < choice.percent:
            return None
        return {"over": used > 100}
    if kind == AlertKind.PURCHASE_OVER:
        amount = facts["amount"]
        return {} if choice.amount is not None and amount > choice.amount else None
    if kind == AlertKind.CARD_STATUS:
        return dict(facts) if facts["status"] in CARD_STATUSES else None
    return {}


def alert_raise(
    *, user: User, kind: AlertKind, once_a_day: bool = False, **facts: object
) -> list[Channel]:
    """Send alert ``kind`` to ``user`` on the channels they chose; return those channels.

    ``facts`` are the ones ``texts.FACTS`` lists for the kind: ``days_left`` (payment
    due), ``used_percent`` (limit), ``status`` ("frozen"/"blocked"), ``amount``
    (purchase over, a ``Decimal``; compared, never sent). Nothing is sent when the
    customer did not choose the kind, their setting is not met, or — with
    ``once_a_day`` — the kind was already sent to them today (Europe/London).
    """
    _facts_checked(kind, facts)
    if user.is_staff or not user.is_active:
        return []
    choice = alert_choice_for(user_id=user.pk, kind=kind)
    if choice is None or not choice.channels:
        return []
    render = _decide(choice, facts)
    if render is None or (once_a_day and _sent_today(user=user, kind=kind)):
        return []
    return _send(user=user, kind=kind, channels=choice.channels, facts=render)


def _sent_today(*, user: User, kind: str) -> bool:
    start = dt.datetime.combine(clock.today_in_london(), dt.time(), tzinfo=clock.LONDON)
    return SentAlert.objects.filter(user_id=user.pk, kind=kind, sent_at__gte=start).exists()


def _send(
    *, user: User, kind: str, channels: list[Channel], facts: Mapping[str, object]
) -> list[Channel]:
    first = first_name(user.full_name)
    mobile = alert_mobile_current(user=user) if Channel.SMS in channels else None
    sent: list[Channel] = []
    now = clock.now()
    for channel in channels:
        if channel == Channel.SMS and mobile:
            text = alert_text(kind=kind, first=first, facts=facts, sms=True)
            _later(lambda to=mobile, text=text: sms_sender().send(to=to, text=text.body), kind)
        elif channel == Channel.EMAIL and user.email:
            text = alert_text(kind=kind, first=first, facts=facts, sms=False)
            _later(lambda to=user.email, text=text: _mail(to=to, text=text), kind)
        else:
            continue
        SentAlert.objects.create(user=user, kind=kind, channel=channel, sent_at=now)
        sent.append(channel)
    return sent


def _mail(*, to: str, text: AlertText) -> None:
    # The words are texts.py's, shared with the SMS; the templates only lay them out.
    email_send(
        template="alerts/email/alert",
        context={"body": text.body, "lines": text.lines, "footer": ALERT_FOOTER},
        subject=text.subject,
        to=[to],
    )


def _later(deliver: object, kind: str) -> None:
    def run() -> None:
        try:
            deliver()  # type: ignore[operator]
        except Exception:
            # The provider's error may hold the address or number: the kind only.
            logger.error("an alert (%s) could not be delivered", kind)

    transaction.on_commit(run)


def new_device_alert(user: User) -> list[Channel]:
    """Registered with ``accounts.new_device`` (see ``apps.py``)."""
    return alert_raise(user=user, kind=AlertKind.NEW_DEVICE)


def statement_ready_notify(*, user: User) -> bool:
    """A paperless customer's e-mail that a statement is ready: no figures, only where
    to sign in. Paper customers get none (their statement comes by post)."""
    if user.is_staff or not user.is_active or not user.email or not statement_paperless(user=user):
        return False
    text = alert_text(kind=STATEMENT_READY, first=first_name(user.full_name), facts={}, sms=False)
    _later(lambda to=user.email, text=text: _mail(to=to, text=text), STATEMENT_READY)
    SentAlert.objects.create(
        user=user, kind=STATEMENT_READY, channel=Channel.EMAIL, sent_at=clock.now()
    )
    return True
