"""The paperless customer's e-mail that a new statement is ready (``alerts``).

Only a statement the customer can still act on — its due date not yet passed — is
news: the months of history a new account or the demo seeder makes at once send
nothing. The e-mail holds no figure; ``alerts.services.statement_ready_notify`` says
which customers get it.
"""

from __future__ import annotations

import uuid

from django.contrib.auth import get_user_model

from partnership.alerts.services import statement_ready_notify
from partnership.cards.models import Statement
from partnership.core import clock


def statement_ready_mail(*, statement: Statement, owner_id: uuid.UUID) -> bool:
    """Called once, when ``statement`` has just been made; True when an e-mail is sent."""
    if statement.due_on < clock.today_in_london():
        return False
    owner = get_user_model().objects.filter(pk=owner_id).first()
    return owner is not None and statement_ready_notify(user=owner)
