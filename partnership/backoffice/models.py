from __future__ import annotations

from django.db import models

from partnership.backoffice.roles import PERMISSIONS


class StaffAccess(models.Model):
    """No table: the holder of the back office's permissions (``backoffice.<codename>``)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = tuple(PERMISSIONS.items())

    def __str__(self) -> str:
        return "staff access"
