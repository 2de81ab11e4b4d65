"""The one seam for time: aware datetimes only, in UTC; Europe/London for days."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def now() -> dt.datetime:
    return timezone.now()


def today_in_london() -> dt.date:
    return now().astimezone(LONDON).date()
