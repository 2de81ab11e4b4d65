"""/staff/compliance/notifications/: Art. 19 notices to recipients, and each download.

The list shows recipients, changes and dates only; the notice (with the identifier the
recipient knows the person by) is downloaded as plain text to send to the recipient's
contact, and each download is audited.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from partnership.backoffice.views.common import staff_user
from partnership.compliance.notifications.selectors import notification_get, notification_list
from partnership.compliance.notifications.services import notice_download


@require_http_methods(["GET", "HEAD"])
def notification_list_page(request: HttpRequest) -> HttpResponseBase:
    return render(
        request,
        "backoffice/compliance/notifications.html",
        {"notifications": notification_list()[:500]},
    )


@require_http_methods(["GET", "HEAD"])
def notice_text(request: HttpRequest, notification_id: uuid.UUID) -> HttpResponseBase:
    if notification_get(notification_id=notification_id) is None:
        raise Http404("no such notification")
    notification = notice_download(notification_id=notification_id, staff_id=staff_user(request).pk)
    response = HttpResponse(notification.notice, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="notice-{notification.pk}.txt"'
    return response
