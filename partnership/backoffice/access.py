"""Every access guard of the back office, in one place.

The URL table (``urls.py``) puts each view behind its permission (``core.access.staff_required``);
on top of it, the guards here answer the finer questions: may this member of staff see
this customer's personal data now (a live ``AccessGrant`` of their own), may they run a
marketing export, which areas of the back office do they see. The roles and permissions
themselves are the readable table in ``roles.py``.
"""

from __future__ import annotations

from partnership.accounts.models import User
from partnership.backoffice.models import AccessGrant
from partnership.backoffice.roles import STAFF_AREAS, StaffArea
from partnership.core import clock

EXPORT_PERMISSION = "backoffice.run_marketing_exports"


def access_grant_live(*, staff: User, customer: User) -> AccessGrant | None:
    """This member of staff's unexpired grant for this customer, if any: the one way the
    back office asks "may this person see this customer now?"."""
    return (
        AccessGrant.objects.filter(staff=staff, customer=customer, expires_at__gt=clock.now())
        .order_by("-expires_at")
        .first()
    )


def access_marketing_export(*, staff_user: User) -> bool:
    """Whether ``staff_user`` may make or download a marketing export (checked again in
    the service, whoever calls it)."""
    return staff_user.is_staff and staff_user.has_perm(EXPORT_PERMISSION)


def access_staff_areas(*, staff_user: User) -> list[StaffArea]:
    """The areas of the back office this person's role may use, as listed on /staff/."""
    return [area for area in STAFF_AREAS if staff_user.has_perm(area.permission)]
