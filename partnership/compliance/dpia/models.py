"""The register of data-protection impact assessments (UK GDPR Art. 35).

One row per processing that needs an assessment, with its outcome and the date by which
it must be reviewed. Seeded by migration ``compliance`` ``dpia_register`` with the two
the site needs: the card application's credit decision and the research cookies.
"""

from __future__ import annotations

from django.db import models

from partnership.core.text import validate_multi_line, validate_single_line


class DpiaOutcome(models.TextChoices):
    ACCEPTABLE = "acceptable", "Residual risk acceptable"
    ACCEPTABLE_WITH_MEASURES = "measures", "Acceptable with the measures listed"
    CONSULT_ICO = "consult_ico", "High residual risk: consult the ICO first (Art. 36)"


class Dpia(models.Model):
    key = models.SlugField(max_length=64, unique=True)
    processing = models.CharField(max_length=200, validators=[validate_single_line])
    why_needed = models.TextField(max_length=2000, validators=[validate_multi_line])
    measures = models.TextField(max_length=5000, validators=[validate_multi_line])
    outcome = models.CharField(max_length=16, choices=DpiaOutcome.choices)
    assessed_on = models.DateField()
    review_by = models.DateField()

    class Meta:
        ordering = ["review_by", "key"]

    def __str__(self) -> str:
        return self.key
