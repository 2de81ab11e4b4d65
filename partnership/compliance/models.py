"""The compliance tables, one module per job; imported here so Django finds them."""

from partnership.compliance.breaches.models import Breach, BreachNotification, BreachRevision
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.dpia.models import Dpia
from partnership.compliance.marketing.models import (
    MarketingExport,
    MarketingExportMember,
    MarketingRecipient,
)
from partnership.compliance.notifications.models import RecipientNotification
from partnership.compliance.processors.models import Processor
from partnership.compliance.rights.models import RightsRequest, RightsRequestPause
from partnership.compliance.transparency.models import TransparencyReport

__all__ = [
    "Breach",
    "BreachNotification",
    "BreachRevision",
    "Complaint",
    "Dpia",
    "MarketingExport",
    "MarketingExportMember",
    "MarketingRecipient",
    "Processor",
    "RecipientNotification",
    "RightsRequest",
    "RightsRequestPause",
    "TransparencyReport",
]
