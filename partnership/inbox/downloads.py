"""The one way an attachment leaves the site: as a download, in the type verified."""

from __future__ import annotations

from django.http import HttpResponse

from partnership.inbox.attachments import safe_filename
from partnership.inbox.models import Attachment


def attachment_response(attachment: Attachment) -> HttpResponse:
    response = HttpResponse(attachment.content, content_type=attachment.content_type)
    name = safe_filename(attachment.filename, extension=attachment.extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(attachment.size)
    response["Cache-Control"] = "no-store"
    return response
