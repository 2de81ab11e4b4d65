from __future__ import annotations

from django.db import models


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
    # The living notice, frozen at publication (policy/notice.py): the generated
    # tables as HTML, the data they were made from, and the cookie registry's revision.
    # Empty (None) only on versions published before the tables existed.
    tables_html = models.TextField(blank=True, default="")
    tables_snapshot = models.JSONField(null=True, blank=True)
    registry_revision = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        db_table = "privacy_policyversion"  # its name from the privacy app: no data moved
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Privacy policy version {self.number}"
