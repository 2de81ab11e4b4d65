from __future__ import annotations

from django.db import models

from partnership.privacy.complaints.models import Complaint

__all__ = ["Complaint", "PolicyVersion"]


class PolicyVersion(models.Model):
    """One published version of the privacy policy. Written once, never changed.

    A database trigger (migration 0002) refuses UPDATE and DELETE on this table, so
    the text a customer was shown stays provable whatever touches the database.
    """

    number = models.PositiveIntegerField(unique=True)
    effective_from = models.DateField()
    summary = models.TextField(max_length=2000)
    body = models.TextField(max_length=100_000)
    # Rendered once at publication, from Markdown with raw HTML disabled.
    body_html = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Privacy policy version {self.number}"
