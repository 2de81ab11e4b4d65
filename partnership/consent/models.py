"""Consent records: proof of each cookie choice a visitor made (PECR reg. 6, UK GDPR
Art. 7(1)). Written once; a visitor's current choice is the latest record for their
consent id. They hold no personal data beyond the link to a signed-in customer."""

from __future__ import annotations

from django.db import models

from partnership.consent.state import Method, Preferences, Research, Statistics


class ConsentRecord(models.Model):
    # Random (UUID4), shared by one visitor's successive choices; also in their cookie.
    consent_id = models.UUIDField(db_index=True)
    given_at = models.DateTimeField(db_index=True)
    method = models.CharField(max_length=20, choices=[(item.value, item.value) for item in Method])
    statistics = models.CharField(
        max_length=10, choices=[(item.value, item.value) for item in Statistics]
    )
    research = models.CharField(
        max_length=10, choices=[(item.value, item.value) for item in Research]
    )
    preferences = models.CharField(
        max_length=10, choices=[(item.value, item.value) for item in Preferences]
    )
    # The browser sent Sec-GPC: 1 or DNT: 1 with this choice.
    browser_signal = models.BooleanField(default=False)
    # What was in force when the choice was made: the policy version's number (None
    # before any was published) and the cookie registry's revision.
    policy_version = models.PositiveIntegerField(null=True, blank=True)
    registry_revision = models.CharField(max_length=32)
    # The signed-in customer who made it (accounts.User's UUID pk), else None.
    user_id = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        # The table keeps the name it had in the privacy app (no data moved).
        db_table = "privacy_consentrecord"
        ordering = ["-given_at", "-id"]

    def __str__(self) -> str:
        return f"consent record {self.pk} ({self.method})"
