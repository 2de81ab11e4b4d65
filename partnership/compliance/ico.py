"""The Information Commissioner's Office, as every page and message that names it says it."""

from __future__ import annotations

ICO_WEBSITE = "ico.org.uk"
ICO_PHONE = "0303 123 1113"
ICO_CONTACT = f"the Information Commissioner's Office at {ICO_WEBSITE} or on {ICO_PHONE}"
ICO_RIGHT = (
    "If you are unhappy with how we have used your personal information, you have the "
    f"right to complain to {ICO_CONTACT}."
)
