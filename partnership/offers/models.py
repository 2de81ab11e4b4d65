from __future__ import annotations

from django.db import models

TITLE_MAX = 120
PARTNER_MAX = 120
TEASER_MAX = 300
BODY_MAX = 10_000


class Offer(models.Model):
    """A special offer: its teaser is public, its full text is for card holders.

    Content, not personal data. ``body`` is Markdown with raw HTML switched off;
    ``body_html`` is rendered from it by the service that saves it.
    """

    title = models.CharField(max_length=TITLE_MAX)
    partner = models.CharField(max_length=PARTNER_MAX)
    teaser = models.CharField(max_length=TEASER_MAX)
    body = models.TextField(max_length=BODY_MAX)
    body_html = models.TextField()
    # Both days included, Europe/London.
    starts_on = models.DateField()
    ends_on = models.DateField()
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["ends_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="offers_offer_ends_on_or_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title
