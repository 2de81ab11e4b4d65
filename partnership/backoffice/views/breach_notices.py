"""/staff/compliance/breaches/<id>/notify/: tell the people affected by a breach (Art. 34).

Two steps on one page, both POSTs (a staff address never goes into a URL): *find* fills
the recipient list from the audit log (every customer a staff account opened in a time
window), *send* e-mails the edited message to exactly the listed customers. A list with
a member of staff or an unknown id is refused whole (400): nothing is sent.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.backoffice import selectors as backoffice_selectors
from partnership.backoffice.forms.breaches import NoticeForm, RecipientFinderForm
from partnership.backoffice.views.breaches import breach_or_404
from partnership.compliance.breaches import notice, selectors, services
from partnership.compliance.breaches.models import Breach, PeopleDecision


@require_http_methods(["GET", "HEAD", "POST"])
def breach_notify(request: HttpRequest, breach_id: uuid.UUID) -> HttpResponse:
    breach = breach_or_404(breach_id)
    current = selectors.breach_current(breach=breach)
    if current is None or current.people_decision != PeopleDecision.TELL:
        return _page(request, breach=breach, finder=None, form=None, error="", status=200)
    draft = {
        "subject": notice.notice_subject(revision=current),
        "message": notice.notice_draft(revision=current),
    }
    if request.method != "POST":
        return _page(
            request, breach=breach, finder=RecipientFinderForm(), form=NoticeForm(initial=draft)
        )
    if request.POST.get("action") == "find":
        return _find(request, breach=breach, draft=draft)
    form = NoticeForm(request.POST)
    if not form.is_valid():
        return _page(request, breach=breach, finder=RecipientFinderForm(), form=form, status=400)
    try:
        services.breach_notify(
            breach=breach,
            recipient_ids=form.recipient_ids(),
            subject=form.cleaned_data["subject"],
            message=form.cleaned_data["message"],
            staff_id=str(request.user.pk),
        )
    except services.BreachRecipientError as exc:
        error = str(exc).capitalize() + ": nothing was sent."
        return _page(
            request, breach=breach, finder=RecipientFinderForm(), form=form, error=error, status=400
        )
    except services.BreachSendError as exc:
        error = (
            f"The mail server failed: {exc.told} notice(s) were sent and recorded. Try again later."
        )
        return _page(
            request, breach=breach, finder=RecipientFinderForm(), form=form, error=error, status=503
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, breach=breach, finder=RecipientFinderForm(), form=form, status=400)
    return redirect("backoffice:breach", breach_id=breach.pk)


def _find(request: HttpRequest, *, breach: Breach, draft: dict[str, str]) -> HttpResponse:
    finder = RecipientFinderForm(request.POST)
    if not finder.is_valid():
        return _page(
            request, breach=breach, finder=finder, form=NoticeForm(initial=draft), status=400
        )
    staff = backoffice_selectors.staff_member_by_email(email=finder.cleaned_data["staff_email"])
    if staff is None:
        finder.add_error("staff_email", "No member of staff has this address.")
        return _page(
            request, breach=breach, finder=finder, form=NoticeForm(initial=draft), status=400
        )
    ids = selectors.customers_opened_by(
        staff_id=str(staff.pk), start=finder.cleaned_data["start"], end=finder.cleaned_data["end"]
    )
    form = NoticeForm(initial={**draft, "recipients": "\n".join(ids)})
    found = f"{len(ids)} customer(s) opened by that account in the window."
    return _page(request, breach=breach, finder=finder, form=form, found=found)


def _page(
    request: HttpRequest,
    *,
    breach: Breach,
    finder: RecipientFinderForm | None,
    form: NoticeForm | None,
    error: str = "",
    found: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"breach": breach, "finder": finder, "form": form, "error": error, "found": found}
    return render(request, "backoffice/breaches/notify.html", context, status=status)
