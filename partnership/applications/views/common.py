"""What the journey's views share: the session key of the draft, the page's words."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse

from partnership.core import clock

SESSION_DRAFT = "applications.draft"
EXPIRED = (
    "We could not find your application: it may have been sent already, or it was left "
    "for more than 30 days and deleted. Please start again."
)


def with_retry_after(response: HttpResponse, *, retry_after: dt.datetime) -> HttpResponse:
    response["Retry-After"] = str(max(1, int((retry_after - clock.now()).total_seconds())))
    return response
