"""``/account/agreement/``: the signed-in customer's credit agreement, as a PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from partnership.applications.agreement import FILENAME, agreement_application, agreement_pdf
from partnership.cards.access import customer_id
from partnership.core.access import customer_required


@require_safe
@customer_required
def agreement_download(request: HttpRequest) -> HttpResponse:
    application = agreement_application(customer_id=customer_id(request))
    if application is None:
        raise Http404
    response = HttpResponse(agreement_pdf(application=application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    return response
