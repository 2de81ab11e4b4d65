"""The compliance tables, one module per job; imported here so Django finds them."""

from partnership.compliance.complaints.models import Complaint
from partnership.compliance.marketing.models import (
    MarketingExport,
    MarketingExportMember,
    MarketingRecipient,
)
from partnership.compliance.notifications.models import RecipientNotification
from partnership.compliance.processors.models import Processor
from partnership.compliance.rights.models import RightsRequest, RightsRequestPause

__all__ = [
    "Complaint",
    "MarketingExport",
    "MarketingExportMember",
    "MarketingRecipient",
    "Processor",
    "RecipientNotification",
    "RightsRequest",
    "RightsRequestPause",
]
