"""Writes of the alerts app: the customer's choices, and sending what they chose.

``alert_raise`` is the one way any app sends an alert (``sending.py``).
"""

from partnership.alerts.services.choices import (
    ChoiceInput,
    alert_choices_save,
    statement_preference_save,
)
from partnership.alerts.services.sending import (
    alert_raise,
    new_device_alert,
    statement_ready_notify,
)

__all__ = [
    "ChoiceInput",
    "alert_choices_save",
    "alert_raise",
    "new_device_alert",
    "statement_preference_save",
    "statement_ready_notify",
]
